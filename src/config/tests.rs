use super::*;

fn parse(src: &str) -> (Config, Vec<Diagnostic>) {
    Config::parse(Path::new("site.toml"), src)
}

#[test]
fn a_title_alone_is_enough() {
    let (c, diags) = parse("title = \"Bảng vàng tỉnh Lạng Sơn\"\n");
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(c.title, "Bảng vàng tỉnh Lạng Sơn");
    assert_eq!(c.fields.len(), 4);
    assert_eq!(c.fields[1].slug, "van-hoa-xa-hoi");
    assert_eq!(c.per_page, 24);
    assert_eq!(c.paths.models, "mo-hinh");
    assert_eq!(c.base_url, None);
}

#[test]
fn an_empty_file_gives_the_defaults() {
    let (c, diags) = parse("");
    assert!(diags.is_empty());
    assert_eq!(c, Config::default());
}

#[test]
fn unknown_keys_get_the_nearest_known_one() {
    let (_, mut diags) = parse("title = \"x\"\nperpage = 10\n[path]\nmodels = \"m\"\n");
    diags.sort_by_key(|d| d.line);
    assert_eq!(diags.len(), 2, "{diags:#?}");
    assert_eq!(diags[0].line, 2);
    assert!(
        diags[0]
            .suggestion
            .as_deref()
            .unwrap_or("")
            .contains("per_page")
    );
    assert!(
        diags[1]
            .suggestion
            .as_deref()
            .unwrap_or("")
            .contains("paths")
    );
}

#[test]
fn reads_everything() {
    let src = r#"
title = "T"
base_url = "https://example.gov.vn/bang-vang"
periods = ["2017-2020", "2021-2023"]
per_page = 12
fields = [ { name = "Phát triển kinh tế" }, { name = "Lĩnh vực chuyên môn", slug = "chuyen-mon" } ]
[paths]
models = "models"
[images]
widths = [320, 640]
quality = 70
"#;
    let (c, diags) = parse(src);
    assert!(diags.is_empty(), "{diags:#?}");
    assert_eq!(
        c.base_url.as_deref(),
        Some("https://example.gov.vn/bang-vang/")
    );
    assert_eq!(c.per_page, 12);
    let slugs: Vec<_> = c.fields.iter().map(|f| f.slug.as_str()).collect();
    assert_eq!(slugs, ["phat-trien-kinh-te", "chuyen-mon"]);
    assert_eq!(c.paths.models, "models");
    assert_eq!(c.images.widths, [320, 640]);
    assert_eq!(c.period_index("2021–2023"), Some(1));
    assert_eq!(c.field_index("phát triển kinh tế"), Some(0));
}

#[test]
fn plain_field_names_are_accepted() {
    let (c, diags) = parse("fields = [\"Kinh tế\", \"Đảng ủy\"]\n");
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(c.fields[1].slug, "dang-uy");
}

#[test]
fn bad_values_are_reported_each() {
    let src = "base_url = \"example.gov.vn\"\nper_page = 0\n[paths]\nmodels = \"Mô hình\"\n";
    let (_, diags) = parse(src);
    let lines: Vec<u32> = diags.iter().map(|d| d.line).collect();
    assert_eq!(lines, [1, 2, 4], "{diags:#?}");
    assert_eq!(diags[2].suggestion.as_deref(), Some("models = \"mo-hinh\""));
}
