use super::*;
use proptest::prelude::*;

fn read(src: &str) -> (Vec<Diagnostic>, Option<At<Date>>, Option<At<String>>) {
    let file = Path::new("x.md");
    let mut r = Reader::new(file, src, 0);
    let (date, title) = match r.parse(src) {
        Some(t) => {
            let t = t.into_inner();
            r.check_keys(&t, &["title", "date"]);
            (r.get::<Date>(&t, "date"), r.get::<String>(&t, "title"))
        }
        None => (None, None),
    };
    (r.finish(), date, title)
}

#[test]
fn reads_typed_values_with_positions() {
    let (diags, date, title) = read("title = \"Vì dân\"\ndate = 2023-10-19\n");
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(title.map(|t| t.value), Some("Vì dân".to_string()));
    let date = date.map(|d| (d.value.iso(), d.pos.line, d.pos.col));
    assert_eq!(date, Some(("2023-10-19".to_string(), 2, 8)));
}

#[test]
fn reports_every_problem_of_a_document() {
    let (diags, _, _) = read("titel = \"x\"\ndate = \"12/10/2020\"\ntitle = 5\n");
    assert_eq!(diags.len(), 3, "{diags:#?}");
    assert_eq!((diags[0].line, diags[0].col), (1, 1));
    assert_eq!(
        diags[0].suggestion.as_deref().map(|s| s.contains("title")),
        Some(true)
    );
    assert_eq!((diags[1].line, diags[1].col), (2, 8));
    assert_eq!(diags[1].suggestion.as_deref(), Some("date = 2020-10-12"));
    assert_eq!(diags[2].line, 3);
}

#[test]
fn a_date_with_a_time_keeps_the_date() {
    let (diags, date, _) = read("date = 2023-10-19T10:00:00+07:00");
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(date.map(|d| d.value.iso()), Some("2023-10-19".to_string()));
}

#[test]
fn impossible_dates_are_diagnosed() {
    for src in [
        "date = 2023-02-30",
        "date = 2023-13-01",
        "date = 2021-02-29",
    ] {
        let (diags, date, _) = read(src);
        assert!(date.is_none(), "{src}");
        assert_eq!(diags.len(), 1, "{src}: {diags:?}");
        assert_eq!(diags[0].line, 1);
    }
    assert_eq!(
        Date::new(2024, 2, 29).map(|d| d.vietnamese()),
        Some("29/02/2024".into())
    );
}

#[test]
fn syntax_errors_have_a_place() {
    let (diags, _, _) = read("title = \"x\"\ndate = = 3\n");
    assert_eq!(diags.len(), 1);
    assert_eq!(diags[0].line, 2);
}

proptest! {
    #[test]
    fn never_panics_on_any_text(src in "\\PC{0,200}") {
        let _ = read(&src);
    }

    #[test]
    fn never_panics_on_toml_like_text(src in "[a-z =\"\\[\\]\n0-9\\-:.{},#]{0,120}") {
        let (diags, _, _) = read(&src);
        for d in diags {
            prop_assert!(d.line >= 1);
        }
    }
}
