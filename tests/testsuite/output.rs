//! Output: a failed build leaves the previous `public/` untouched; pagination; 404.

use crate::harness::{SiteTest, assert_links_resolve};

const PERSON: &str = "+++\nname = \"Lò Văn Páo\"\nprovince = \"Điện Biên\"\nperiod = \"2021-2023\"\nfields = [\"Kinh tế\"]\n+++\nCâu chuyện.\n";

#[test]
fn a_failed_build_leaves_the_previous_output_untouched() {
    let t = SiteTest::new("title = \"x\"\n")
        .file("content/ca-nhan/pao.md", PERSON)
        .build()
        .test;
    let out = t.opts.output_dir();
    let before = std::fs::read(out.join("ca-nhan/pao/index.html")).expect("built");
    let t = t.file(
        "content/ca-nhan/pao.md",
        "+++\nname = \"Lò Văn Páo\"\nprovince = \"Điện Biên Phủ Mới\"\n+++\n",
    );
    let t = t.file("content/ca-nhan/moi.md", PERSON);
    assert!(t.try_build().is_err());
    assert_eq!(
        std::fs::read(out.join("ca-nhan/pao/index.html")).expect("kept"),
        before
    );
    assert!(
        !out.join("ca-nhan/moi/index.html").exists(),
        "nothing of the failed build is written"
    );
    let leftovers: Vec<_> = std::fs::read_dir(t.root())
        .expect("read")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn check_writes_nothing() {
    let t = SiteTest::new("title = \"x\"\n").file("content/ca-nhan/pao.md", PERSON);
    let report = bangvang::check(&t.opts).expect("valid");
    assert_eq!(report.entries, 1);
    assert!(!t.opts.output_dir().exists());
}

fn many_models(n: usize) -> SiteTest {
    let mut t = SiteTest::new("title = \"x\"\nper_page = 12\n");
    for i in 0..n {
        let text = format!(
            "+++\ntitle = \"Mô hình số {i:03}\"\nprovince = \"Lạng Sơn\"\nperiod = \"2017-2020\"\nfields = [\"Kinh tế\"]\n+++\n"
        );
        t = t.file(&format!("content/mo-hinh/mo-hinh-{i:03}.md"), &text);
    }
    t
}

#[test]
fn long_lists_are_paginated_with_relative_links() {
    let b = many_models(30).build();
    assert!(b.exists("mo-hinh/index.html"));
    assert!(b.exists("mo-hinh/trang-2/index.html"));
    assert!(b.exists("mo-hinh/trang-3/index.html"));
    assert!(!b.exists("mo-hinh/trang-4/index.html"));
    assert!(b.exists("tinh/lang-son/trang-3/index.html"));
    let page2 = b.read("mo-hinh/trang-2/index.html");
    assert!(
        page2.contains("Mô hình số 012")
            && !page2.contains("Mô hình số 011")
            && !page2.contains("Mô hình số 024")
    );
    assert!(
        page2.contains("href=\"../../mo-hinh/trang-3/\""),
        "next link"
    );
    assert_links_resolve(&b, false);
}

#[test]
fn the_404_page_links_absolutely_when_the_address_is_known() {
    let b = SiteTest::new("title = \"x\"\nbase_url = \"https://example.gov.vn/bv/\"\n")
        .file("content/ca-nhan/pao.md", PERSON)
        .build();
    let page = b.read("404.html");
    assert!(
        page.contains("https://example.gov.vn/bv/static/"),
        "404 assets absolute"
    );
    let without = SiteTest::new("title = \"x\"\n")
        .file("content/ca-nhan/pao.md", PERSON)
        .build();
    assert!(
        without
            .report
            .warnings
            .iter()
            .any(|d| d.message.contains("base_url"))
    );
    assert!(!without.exists("sitemap.xml") && without.exists("robots.txt"));
}

#[test]
fn a_site_overrides_single_theme_files() {
    let b = SiteTest::new("title = \"x\"\n")
        .file(
            "content/trang/gioi-thieu.md",
            "+++\ntitle = \"Giới thiệu\"\n+++\n## Về trang\n",
        )
        .file(
            "templates/page.html",
            "<!doctype html><title>{{ title }}</title><main>RIÊNG {{ body | safe }}</main>",
        )
        .file("static/style.css", "body { color: black }")
        .file("static/logo.svg", "<svg/>")
        .build();
    let page = b.read("trang/gioi-thieu/index.html");
    assert!(
        page.starts_with(
            "<!doctype html><title>Giới thiệu</title><main>RIÊNG <h2 id=\"ve-trang\">"
        ),
        "{page}"
    );
    assert_eq!(b.read("static/style.css"), "body { color: black }");
    assert!(b.exists("static/logo.svg"));
    assert!(
        b.read("index.html").contains("static/style.css"),
        "other templates still come from the theme"
    );
}

#[test]
fn a_broken_site_template_is_a_diagnostic() {
    let ds = SiteTest::new("title = \"x\"\n")
        .file("templates/page.html", "{% if %}")
        .build_err();
    assert!(
        ds.iter().any(|d| d.message.contains("templates")),
        "{}",
        crate::harness::render(&ds)
    );
}

#[test]
fn a_broken_template_and_a_content_error_are_reported_together() {
    // The theme loads beside the content side; both sides' problems come back in one run.
    let ds = SiteTest::new("title = \"x\"\n")
        .file("templates/page.html", "{% if %}")
        .file(
            "content/ca-nhan/pao.md",
            &PERSON.replace("Điện Biên", "Điện Bien Phủ"),
        )
        .build_err();
    let shown = crate::harness::render(&ds);
    assert!(
        ds.iter()
            .any(|d| d.file.to_string_lossy().contains("templates")),
        "{shown}"
    );
    assert!(
        ds.iter()
            .any(|d| d.file.ends_with("content/ca-nhan/pao.md") && d.line == 3),
        "{shown}"
    );
}

#[test]
fn a_site_card_template_is_used_on_every_list() {
    let b = SiteTest::new("title = \"x\"\nper_page = 1\n")
        .file("content/ca-nhan/pao.md", PERSON)
        .file(
            "content/ca-nhan/an.md",
            &PERSON.replace("Lò Văn Páo", "Lò Văn An"),
        )
        .file(
            "templates/card.html",
            "<p class=\"the-card h{{ h }}\"><a href=\"{{ c.url }}\">{{ c.title }}</a></p>",
        )
        .build();
    let page2 = b.read("ca-nhan/trang-2/index.html");
    assert!(
        page2
            .contains("<p class=\"the-card h2\"><a href=\"../../ca-nhan/pao/\">Lò Văn Páo</a></p>"),
        "{page2}"
    );
    let province = b.read("tinh/dien-bien/2021-2023/index.html");
    assert!(
        province.contains("the-card h2\"><a href=\"../../../ca-nhan/an/\""),
        "{province}"
    );
    assert!(!b.read("index.html").contains('\u{1}'));
    assert_links_resolve(&b, false);
}
