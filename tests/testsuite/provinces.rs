//! Provinces: entries keep the province they named and are also listed under today's province.

use crate::harness::SiteTest;

fn entry(name: &str, province: &str, period: &str) -> String {
    format!(
        "+++\nname = \"{name}\"\nprovince = \"{province}\"\nperiod = \"{period}\"\nfields = [\"Kinh tế\"]\n+++\n"
    )
}

fn site() -> SiteTest {
    SiteTest::new("title = \"x\"\n")
        .file(
            "content/ca-nhan/a.md",
            &entry("Nguyễn Văn An", "Yên Bái", "2017-2020"),
        )
        .file(
            "content/ca-nhan/b.md",
            &entry("Lò Thị Bích", "Lào Cai", "2021-2023"),
        )
        .file(
            "content/ca-nhan/c.md",
            &entry("Hà Văn Cường", "Hoà Bình", "2021-2023"),
        )
        .file(
            "content/ca-nhan/d.md",
            &entry("Lê Thị Dung", "Thừa Thiên - Huế", "2021-2023"),
        )
        .file(
            "content/ca-nhan/e.md",
            &entry("Trần Văn Em", "BR-VT", "2021-2023"),
        )
}

#[test]
fn a_legacy_province_page_says_where_it_belongs_today() {
    let b = site().build();
    let yen_bai = b.read("tinh/yen-bai/index.html");
    assert!(yen_bai.contains("Nguyễn Văn An"));
    assert!(
        yen_bai.contains("Lào Cai") && yen_bai.contains("href=\"../../tinh/lao-cai/\""),
        "today's province linked"
    );
    let entry = b.read("ca-nhan/a/index.html");
    assert!(
        entry.contains("Yên Bái") && entry.contains("Lào Cai"),
        "entry shows named and today's province"
    );
}

#[test]
fn today_s_province_lists_its_legacy_provinces_entries_labelled() {
    let b = site().build();
    let lao_cai = b.read("tinh/lao-cai/index.html");
    assert!(lao_cai.contains("Lò Thị Bích"));
    assert!(
        lao_cai.contains("Nguyễn Văn An"),
        "Yên Bái's entry under Lào Cai"
    );
    assert!(
        lao_cai.contains("Trước đây thuộc Yên Bái") || lao_cai.contains("Yên Bái"),
        "labelled"
    );
    let phu_tho = b.read("tinh/phu-tho/index.html");
    assert!(
        phu_tho.contains("Hà Văn Cường"),
        "Hòa Bình's entry under Phú Thọ"
    );
    assert!(
        b.exists("tinh/hoa-binh/index.html"),
        "old tone placement resolves to Hòa Bình"
    );
    assert!(b.exists("tinh/thua-thien-hue/index.html") && b.exists("tinh/hue/index.html"));
    assert!(b.exists("tinh/ba-ria-vung-tau/index.html") && b.exists("tinh/ho-chi-minh/index.html"));
    let index = b.read("tinh/index.html");
    assert!(index.contains("Lào Cai") && index.contains("Yên Bái"));
}

#[test]
fn province_and_period_pages_exist() {
    let b = site().build();
    assert!(b.exists("tinh/yen-bai/2017-2020/index.html"));
    assert!(!b.exists("tinh/yen-bai/2021-2023/index.html"));
    let both = b.read("tinh/lao-cai/2021-2023/index.html");
    assert!(both.contains("Lò Thị Bích") && !both.contains("Nguyễn Văn An"));
}
