use super::*;
use proptest::prelude::*;

fn entry(src: &str, kind: Kind) -> (Option<FrontMatter>, String, Vec<Diagnostic>) {
    read_entry(Path::new("content/mo-hinh/x.md"), src, kind)
}

const GOOD: &str = r#"+++
title = "Vì dân, gần dân"
owner = "Chi bộ Hội Nông dân tỉnh"
province = "Yên Bái"
period = "2021-2023"
fields = ["Xây dựng hệ thống chính trị"]
status = "commended"
date = 2023-10-19

[[results]]
label = "Nhà tình nghĩa"
value = 1061

[[awards]]
form = "Giấy khen"
issuer = "Ban Thường vụ Đảng ủy Khối"
decision = "123-QĐ/ĐUK"
date = 2023-10-12

[private]
phone = "0912 000 000"
+++
Câu chuyện **mô hình**.
"#;

#[test]
fn reads_a_complete_model() {
    let (m, body, diags) = entry(GOOD, Kind::Model);
    assert!(diags.is_empty(), "{diags:#?}");
    let m = m.unwrap_or_default();
    assert_eq!(m.title.map(|t| t.value).as_deref(), Some("Vì dân, gần dân"));
    assert_eq!(
        m.province.map(|p| (p.value, p.pos.line)),
        Some(("Yên Bái".into(), 4))
    );
    assert_eq!(m.results[0].value, "1.061");
    assert_eq!(m.awards[0].decision.as_deref(), Some("123-QĐ/ĐUK"));
    assert_eq!(body.trim(), "Câu chuyện **mô hình**.");
}

#[test]
fn every_problem_in_a_file_is_reported_with_its_line() {
    let src = "+++\ntitel = \"x\"\nname = \"y\"\nprovince = 5\nfields = \"Kinh tế\"\ndate = 2023-02-30\n\n[[awards]]\nissuer = \"z\"\n+++\n";
    let (_, _, diags) = entry(src, Kind::Model);
    let lines: Vec<u32> = diags.iter().map(|d| d.line).collect();
    // titel (2), name is a person key (3), province wrong type (4), impossible date (6),
    // award without form (8), missing title and period (1).
    assert!(
        lines.contains(&2) && lines.contains(&3) && lines.contains(&4),
        "{diags:#?}"
    );
    assert!(lines.contains(&6) && lines.contains(&8), "{diags:#?}");
    assert_eq!(lines.iter().filter(|&&l| l == 1).count(), 2, "{diags:#?}");
}

#[test]
fn front_matter_must_open_and_close() {
    for (src, line) in [
        ("", 0),
        ("   \n\n", 0),
        ("title = \"x\"\n", 1),
        ("+++\ntitle = \"x\"\n", 1),
    ] {
        let (m, _, diags) = entry(src, Kind::Model);
        assert!(m.is_none());
        assert_eq!(diags.len(), 1, "{src:?}");
        assert_eq!(diags[0].line, line, "{src:?}");
    }
}

#[test]
fn windows_line_endings_work() {
    let src = GOOD.replace('\n', "\r\n");
    let (m, _, diags) = entry(&src, Kind::Model);
    assert!(diags.is_empty(), "{diags:#?}");
    assert!(m.is_some());
}

#[test]
fn thousands_are_grouped_with_dots() {
    assert_eq!(group_thousands(5908), "5.908");
    assert_eq!(group_thousands(130), "130");
    assert_eq!(group_thousands(1_000_000), "1.000.000");
    assert_eq!(group_thousands(-1200), "-1.200");
}

proptest! {
    #[test]
    fn never_panics(body in "\\PC{0,300}") {
        let src = format!("+++\n{body}\n+++\n");
        let _ = entry(&src, Kind::Person);
        let _ = entry(&body, Kind::Model);
        let _ = read_page(Path::new("p.md"), &src);
    }

    #[test]
    fn any_string_value_round_trips(title in "[^\"\\\\\\p{Cc}]{1,40}") {
        let src = format!("+++\nname = \"{title}\"\nprovince = \"Lạng Sơn\"\nperiod = \"2021-2023\"\nfields = [\"Kinh tế\"]\n+++\n");
        let (m, _, diags) = entry(&src, Kind::Person);
        prop_assert!(diags.iter().all(|d| !d.is_error() || title.trim().is_empty()), "{:?}", diags);
        if !title.trim().is_empty() {
            prop_assert_eq!(m.and_then(|m| m.title).map(|t| t.value), Some(title.trim().to_string()));
        }
    }
}
