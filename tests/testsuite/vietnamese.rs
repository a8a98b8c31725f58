//! Vietnamese text end to end: NFC output, given-name order, slugs, A–Z letters.

use unicode_normalization::UnicodeNormalization;

use crate::harness::SiteTest;

fn person(name: &str) -> String {
    format!(
        "+++\nname = \"{name}\"\nprovince = \"Hà Nội\"\nperiod = \"2021-2023\"\nfields = [\"Kinh tế\"]\nstatus = \"commended\"\n+++\n"
    )
}

fn model(title: &str) -> String {
    format!(
        "+++\ntitle = \"{title}\"\nprovince = \"Hà Nội\"\nperiod = \"2021-2023\"\nfields = [\"Kinh tế\"]\nstatus = \"commended\"\n+++\n"
    )
}

#[test]
fn people_are_listed_by_given_name_the_vietnamese_way() {
    let b = SiteTest::new("title = \"x\"\n")
        .file("content/ca-nhan/1.md", &person("Phạm Văn Đông"))
        .file("content/ca-nhan/2.md", &person("Trần Thị An"))
        .file("content/ca-nhan/3.md", &person("Nguyễn Văn Bình"))
        .file("content/ca-nhan/4.md", &person("Hoàng Văn Dũng"))
        .file("content/ca-nhan/5.md", &person("Lê Đức Anh"))
        .file("content/ca-nhan/6.md", &person("Đồng chí Vũ Thị Yến"))
        .build();
    for page in ["ca-nhan/index.html", "vinh-danh/2021-2023/index.html"] {
        let pos = b.order_in(
            page,
            &[
                "Trần Thị An",
                "Lê Đức Anh",
                "Nguyễn Văn Bình",
                "Hoàng Văn Dũng",
                "Phạm Văn Đông",
                "Vũ Thị Yến",
            ],
        );
        assert!(pos.windows(2).all(|w| w[0] < w[1]), "{page}: {pos:?}");
    }
}

#[test]
fn titles_sort_with_d_stroke_after_d_not_after_z() {
    let b = SiteTest::new("title = \"x\"\n")
        .file("content/mo-hinh/a.md", &model("Zô ta kéo lưới"))
        .file("content/mo-hinh/b.md", &model("Đoàn kết xây dựng"))
        .file("content/mo-hinh/c.md", &model("Dân vận vùng biên"))
        .file("content/mo-hinh/d.md", &model("Ánh sáng vùng cao"))
        .file("content/mo-hinh/e.md", &model("Ấm no bản làng"))
        .build();
    let pos = b.order_in(
        "mo-hinh/index.html",
        &[
            "Ánh sáng vùng cao",
            "Ấm no bản làng",
            "Dân vận vùng biên",
            "Đoàn kết xây dựng",
            "Zô ta kéo lưới",
        ],
    );
    assert!(pos.windows(2).all(|w| w[0] < w[1]), "{pos:?}");
    assert!(
        b.exists("a-z/dd/index.html")
            && b.exists("a-z/d/index.html")
            && b.exists("a-z/aa/index.html")
    );
}

#[test]
fn decomposed_input_is_published_in_nfc() {
    let nfd: String = person("Nguyễn Thị Hồng Hạnh").nfd().collect();
    let title: String = "Vì dân, gần dân".nfd().collect();
    let b = SiteTest::new("title = \"x\"\n")
        .file("content/ca-nhan/hanh.md", &nfd)
        .file(&format!("content/mo-hinh/{title}.md"), &model(&title))
        .build();
    let page = b.read("ca-nhan/hanh/index.html");
    assert!(page.contains("Nguyễn Thị Hồng Hạnh"));
    for (path, html) in b.pages() {
        assert!(unicode_normalization::is_nfc(&html), "{path} is not NFC");
    }
    assert!(
        b.exists("mo-hinh/vi-dan-gan-dan/index.html"),
        "file names are slugified: Vì dân → vi-dan"
    );
}

#[test]
fn fields_and_periods_get_ascii_slugs() {
    let b = SiteTest::new("title = \"x\"\nfields = [\"Đảng ủy\", \"Văn hóa – xã hội\"]\n")
        .file(
            "content/ca-nhan/1.md",
            &person("Trần Thị An").replace("Kinh tế", "Đảng ủy"),
        )
        .build();
    assert!(b.exists("linh-vuc/dang-uy/index.html"));
    assert!(b.exists("linh-vuc/van-hoa-xa-hoi/index.html"));
    assert!(b.exists("giai-doan/2021-2023/index.html"));
}
