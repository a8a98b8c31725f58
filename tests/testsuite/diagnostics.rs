//! Broken sites: every problem of a run reported at once, each with its file, line and column,
//! what was expected and a suggestion; no panic; warnings do not fail a build.

use bangvang::Severity;

use crate::harness::{SiteTest, render};

fn find<'a>(ds: &'a [bangvang::Diagnostic], file: &str, needle: &str) -> &'a bangvang::Diagnostic {
    ds.iter()
        .find(|d| {
            d.file.to_string_lossy().replace('\\', "/") == file
                && (d.message.contains(needle)
                    || d.suggestion.as_deref().unwrap_or("").contains(needle))
        })
        .unwrap_or_else(|| {
            panic!(
                "no diagnostic for {file} mentioning {needle:?} in:\n{}",
                render(ds)
            )
        })
}

#[test]
fn every_problem_is_reported_in_one_run_with_its_place() {
    let ds = SiteTest::fixture("broken").build_err();
    let f = "content/mo-hinh/sai-tinh.md";
    let province = find(&ds, f, "Lạng Sôn");
    assert_eq!((province.line, province.col), (4, 12));
    assert!(
        province
            .suggestion
            .as_deref()
            .unwrap_or("")
            .contains("Lạng Sơn"),
        "{province}"
    );
    assert!(province.expected.is_some());
    let period = find(&ds, f, "2019-2022");
    assert_eq!(period.line, 5);
    assert!(
        period
            .expected
            .as_deref()
            .unwrap_or("")
            .contains("2017-2020")
    );
    let field = find(&ds, f, "Kinh te");
    assert_eq!(field.line, 6);
    assert!(
        field
            .suggestion
            .as_deref()
            .unwrap_or("")
            .contains("Kinh tế"),
        "{field}"
    );
    let status = find(&ds, f, "approved");
    assert_eq!(status.line, 7);
    let date = find(&ds, f, "2023-02-30");
    assert_eq!((date.line, date.col), (8, 8));
    let key = find(&ds, f, "sumary");
    assert_eq!((key.line, key.col), (9, 1));
    assert!(
        key.suggestion.as_deref().unwrap_or("").contains("summary"),
        "{key}"
    );

    let photos = "content/mo-hinh/anh-thoat.md";
    assert_eq!(find(&ds, photos, "../../../etc/passwd").line, 6);
    assert_eq!(find(&ds, photos, "khong-co.jpg").line, 9);

    let dup_a = find(&ds, "content/mo-hinh/trung.md", "trung/index.md");
    let dup_b = find(&ds, "content/mo-hinh/trung/index.md", "trung.md");
    assert!(dup_a.is_error() && dup_b.is_error());

    find(&ds, "content/ca-nhan/rong.md", "trống");
    assert_eq!(
        find(&ds, "content/ca-nhan/khong-khai-bao.md", "+++").line,
        1
    );
    let syntax = find(&ds, "content/ca-nhan/toml-hong.md", "ngoặc kép");
    assert_eq!(syntax.line, 3, "{syntax}");

    let warning = find(&ds, "content/ca-nhan/khong-dau.md", "Lạng Sơn");
    assert_eq!(warning.severity, Severity::Warning);
    assert_eq!(warning.line, 3);
}

#[test]
fn diagnostics_are_in_vietnamese_and_printable() {
    let ds = SiteTest::fixture("broken").build_err();
    let text = render(&ds);
    assert!(
        text.contains("lỗi: «Lạng Sôn» không phải tên một tỉnh, thành phố"),
        "{text}"
    );
    assert!(
        text.contains("--> content/mo-hinh/sai-tinh.md:4:12"),
        "{text}"
    );
    assert!(
        text.contains("= gợi ý: có phải ý bạn là «Lạng Sơn»?"),
        "{text}"
    );
}

#[test]
fn warnings_do_not_fail_the_build_and_the_proper_spelling_is_shown() {
    let b = SiteTest::new("title = \"x\"\n")
        .file("content/ca-nhan/binh.md", "+++\nname = \"Trần Thị Bình\"\nprovince = \"Lang Son\"\nperiod = \"2021-2023\"\nfields = [\"Kinh tế\"]\n+++\n")
        .build();
    assert!(
        b.report
            .warnings
            .iter()
            .any(|d| d.message.contains("Lạng Sơn"))
    );
    assert!(b.read("ca-nhan/binh/index.html").contains("Lạng Sơn"));
    assert!(b.exists("tinh/lang-son/index.html"));
}

#[test]
fn a_bad_site_toml_is_reported_with_suggestions() {
    let t = SiteTest::new("title = \"x\"\nperpage = 3\nbase_url = \"example.gov.vn\"\n");
    let ds = t.build_err();
    let unknown = find(&ds, "site.toml", "perpage");
    assert_eq!(unknown.line, 2);
    assert!(
        unknown
            .suggestion
            .as_deref()
            .unwrap_or("")
            .contains("per_page")
    );
    assert_eq!(find(&ds, "site.toml", "example.gov.vn").line, 3);
}

#[test]
fn a_missing_site_toml_says_what_to_do() {
    let dir = tempfile::tempdir().expect("tempdir");
    let ds = match bangvang::build(&bangvang::BuildOptions::new(dir.path())) {
        Err(bangvang::BuildError::Problems(ds)) => ds,
        other => panic!("{other:?}"),
    };
    assert_eq!(ds.len(), 1);
    assert!(
        ds[0]
            .suggestion
            .as_deref()
            .unwrap_or("")
            .contains("bangvang init")
    );
}

#[test]
fn hostile_files_never_panic() {
    let mut t = SiteTest::new("title = \"x\"\n");
    let nasty = [
        "\u{feff}+++\r\nname = \"BOM và CRLF\"\r\nprovince = \"Hà Nội\"\r\nperiod = \"2021-2023\"\r\nfields = [\"Kinh tế\"]\r\n+++\r\n",
        "+++\n+++\n",
        "+++\n[[awards]]\n[[awards]]\nform = 3\n[[photos]]\nfile = \"\"\n+++\n",
        "+++\nname = \"\"\nprovince = \"\"\nperiod = \"\"\nfields = []\nstatus = \"\"\n+++\n",
        "+++\nname = [1, 2]\nprovince = { a = 1 }\nperiod = 2021\nfields = [[1]]\nresults = 5\nawards = \"x\"\nphotos = [1]\nprivate = 3\n+++\n",
        "+++\n\u{0}\u{7f}\n+++\n",
        "+++\nname = \"x\"\nprovince = \"Yên Bái\"\nperiod = \"2021-2023\"\nfields = [\"Kinh tế\"]\ncover = \"/etc/passwd\"\nportrait = \"C:\\\\x.jpg\"\n+++\n",
    ];
    for (i, text) in nasty.iter().enumerate() {
        t = t.file(&format!("content/ca-nhan/x{i}.md"), text);
    }
    std::fs::write(
        t.root().join("content/ca-nhan/bin.md"),
        [0xff, 0xfe, 0x00, 0x80],
    )
    .expect("write");
    let ds = t.build_err();
    assert!(
        ds.iter().any(|d| d.file.ends_with("bin.md")),
        "{}",
        render(&ds)
    );
    assert!(ds.iter().all(|d| !d.message.is_empty()));
}

#[test]
fn a_photo_path_naming_a_folder_says_so() {
    let t = SiteTest::new("title = \"x\"\n").file(
        "content/mo-hinh/x/index.md",
        "+++\ntitle = \"X\"\nprovince = \"Hà Nội\"\nperiod = \"2021-2023\"\nfields = [\"Kinh tế\"]\ncover = \"anh\"\n+++\n",
    );
    std::fs::create_dir_all(t.root().join("content/mo-hinh/x/anh")).expect("mkdir");
    let ds = t.build_err();
    let d = find(&ds, "content/mo-hinh/x/index.md", "thư mục");
    assert_eq!(d.line, 6);
    assert!(d.suggestion.as_deref().unwrap_or("").contains("anh-1.jpg"));
}
