//! The shipped example site: complete, linked, private data and drafts kept out.

use crate::harness::{SiteTest, assert_links_resolve};

#[test]
fn builds_every_page_type() {
    let b = SiteTest::example().build();
    assert!(b.report.entries >= 24, "{} entries", b.report.entries);
    for page in [
        "index.html",
        "404.html",
        "mo-hinh/index.html",
        "ca-nhan/index.html",
        "mo-hinh/vi-dan-gan-dan/index.html",
        "ca-nhan/nguyen-thi-hong-hanh/index.html",
        "tinh/index.html",
        "tinh/yen-bai/index.html",
        "tinh/lao-cai/index.html",
        "tinh/yen-bai/2021-2023/index.html",
        "giai-doan/index.html",
        "giai-doan/2017-2020/index.html",
        "linh-vuc/index.html",
        "linh-vuc/kinh-te/index.html",
        "vinh-danh/index.html",
        "khen-thuong/index.html",
        "a-z/index.html",
        "trang/gioi-thieu/index.html",
        "sitemap.xml",
        "atom.xml",
        "robots.txt",
        "static/style.css",
    ] {
        assert!(b.exists(page), "missing {page}");
    }
}

#[test]
fn the_honor_roll_shows_the_commendations_reports_count() {
    let b = SiteTest::example().build();
    let roll = b.read("vinh-danh/2017-2020/index.html");
    // Lạng Sơn's report for 2017–2020 (`_data/reports.toml`): 10 collectives, 3 individuals.
    assert!(
        roll.contains("Lạng Sơn: khen thưởng theo báo cáo"),
        "{roll}"
    );
    assert!(roll.contains("10 tập thể, 3 cá nhân"));
    assert!(roll.contains(r#"href="../../tinh/lang-son/2017-2020/""#));
}

#[test]
fn every_link_is_relative_and_resolves() {
    let b = SiteTest::example().build();
    assert_links_resolve(&b, false);
}

#[test]
fn offline_links_name_their_files() {
    let b = SiteTest::example().offline().build();
    assert_links_resolve(&b, true);
    let home = b.read("index.html");
    assert!(
        home.contains("href=\"mo-hinh/index.html\""),
        "offline home links"
    );
    assert!(
        home.contains("href=\"trang/gioi-thieu/index.html\""),
        "plain pages in the footer"
    );
}

#[test]
fn private_fields_and_drafts_are_never_published() {
    let b = SiteTest::example().build();
    let all: String = b
        .files()
        .into_values()
        .map(|v| String::from_utf8_lossy(&v).into_owned())
        .collect();
    for secret in ["0912 000", "cần hỏi Đảng bộ Bệnh viện"] {
        assert!(!all.contains(secret), "private text {secret:?} published");
    }
    assert!(
        !b.exists("mo-hinh/nam-tinh-hinh-nhan-dan-na-ri/index.html"),
        "draft published"
    );
    assert!(
        !all.contains("nam-tinh-hinh-nhan-dan-na-ri"),
        "draft linked"
    );
    let with_drafts = SiteTest::example().drafts().build();
    assert!(with_drafts.exists("mo-hinh/nam-tinh-hinh-nhan-dan-na-ri/index.html"));
}

#[test]
fn rebuilds_are_byte_identical() {
    let a = SiteTest::example().build();
    let dir = tempfile::tempdir().expect("tempdir");
    let b = SiteTest::example()
        .output_to(dir.path().join("out"))
        .build();
    let (fa, fb) = (a.files(), b.files());
    assert_eq!(fa.keys().collect::<Vec<_>>(), fb.keys().collect::<Vec<_>>());
    for (path, bytes) in &fa {
        assert!(fb.get(path) == Some(bytes), "{path} differs between builds");
    }
}

#[test]
fn sitemap_and_feed_use_the_base_url() {
    let b = SiteTest::example().build();
    let sitemap = b.read("sitemap.xml");
    assert!(
        sitemap.contains("<loc>https://example.gov.vn/bang-vang/mo-hinh/vi-dan-gan-dan/</loc>")
    );
    assert!(!sitemap.contains("404"));
    let feed = b.read("atom.xml");
    assert!(feed.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"vi\">"));
    assert!(feed.matches("<entry>").count() >= 10);
}
