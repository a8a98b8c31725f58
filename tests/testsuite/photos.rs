//! Photos: variants, orientation, metadata, odd formats, broken files, cache, gallery.

use std::collections::BTreeMap;

use crate::harness::{SiteTest, render};
use crate::make;

const SITE: &str = "title = \"Ảnh\"\nbase_url = \"https://example.org/\"\n";

/// A person's file: like [`entry`], with `name` for the title.
fn person(name: &str, province: &str, period: &str, photos: &[(&str, Option<&str>)]) -> String {
    entry(name, province, period, None, photos).replacen("title =", "name =", 1)
}

fn entry(
    title: &str,
    province: &str,
    period: &str,
    cover: Option<&str>,
    photos: &[(&str, Option<&str>)],
) -> String {
    let mut s = format!(
        "+++\ntitle = \"{title}\"\nprovince = \"{province}\"\nperiod = \"{period}\"\nfields = [\"Kinh tế\"]\n"
    );
    if let Some(c) = cover {
        s.push_str(&format!("cover = \"{c}\"\n"));
    }
    for (file, caption) in photos {
        s.push_str(&format!("\n[[photos]]\nfile = \"{file}\"\n"));
        if let Some(c) = caption {
            s.push_str(&format!("caption = \"{c}\"\ncredit = \"Ban Dân vận\"\n"));
        }
    }
    s.push_str("+++\nNội dung.\n");
    s
}

/// The model entry «M» (Hà Nội, 2021–2023) several tests use, with its cover and photos.
fn model_m(cover: Option<&str>, photos: &[(&str, Option<&str>)]) -> String {
    entry("M", "Hà Nội", "2021-2023", cover, photos)
}

/// Decodes a published file (JPEG with jpeg-decoder, the others with `image`).
fn decode(path: &str, bytes: &[u8]) -> image::DynamicImage {
    if path.ends_with(".jpg") {
        let mut d = jpeg_decoder::Decoder::new(bytes);
        let px = d.decode().unwrap_or_else(|e| panic!("{path}: {e}"));
        let info = d.info().expect("info");
        let rgb = image::RgbImage::from_raw(u32::from(info.width), u32::from(info.height), px);
        return image::DynamicImage::ImageRgb8(rgb.expect("RGB"));
    }
    image::load_from_memory(bytes).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The published variants: file name → (width, height, has alpha), decoded from the bytes.
fn variants(files: &BTreeMap<String, Vec<u8>>) -> BTreeMap<String, (u32, u32, bool)> {
    files
        .iter()
        .filter(|(p, _)| p.starts_with("anh/"))
        .map(|(p, b)| {
            let img = decode(p, b);
            (
                p.clone(),
                (img.width(), img.height(), img.color().has_alpha()),
            )
        })
        .collect()
}

#[test]
fn a_rotated_phone_photo_comes_out_upright_resized_and_without_metadata() {
    // Stored sideways (1200×900, a red band on the left edge) with orientation 6 ("rotate 90°
    // clockwise to display") and a GPS position, as a phone writes it.
    let (w, h) = (1200, 900);
    let mut rgb = make::noisy_rgb(w, h, 3);
    for y in 0..h {
        for x in 0..60 {
            let i = ((y * w + x) * 3) as usize;
            rgb[i..i + 3].copy_from_slice(&[230, 0, 0]);
        }
    }
    let photo = make::jpeg_of(&rgb, w, h, 92, Some(6), true);
    assert!(
        photo.windows(4).any(|w| w == b"Exif"),
        "the source carries EXIF"
    );
    let b = SiteTest::new(SITE)
        .file(
            "content/mo-hinh/dien-thoai/index.md",
            &entry(
                "Điện thoại",
                "Hà Nội",
                "2021-2023",
                Some("a.jpg"),
                &[("a.jpg", Some("Họp dân"))],
            ),
        )
        .bytes("content/mo-hinh/dien-thoai/a.jpg", &photo)
        .build();
    let files = b.files();
    let v = variants(&files);
    // Displayed 900×1200: widths 400, 800 and 900 (1600 is never upscaled), in two formats.
    let sizes: Vec<(u32, u32)> = v.values().map(|&(w, h, _)| (w, h)).collect();
    assert_eq!(v.len(), 6, "{v:?}");
    for want in [(400, 534), (800, 1067), (900, 1200)] {
        assert_eq!(
            sizes.iter().filter(|&&s| s == want).count(),
            2,
            "{want:?} in {v:?}"
        );
    }
    for (path, bytes) in files.iter().filter(|(p, _)| p.starts_with("anh/")) {
        assert!(
            !bytes.windows(4).any(|w| w == b"Exif"),
            "{path} carries EXIF"
        );
        assert!(
            !bytes.windows(3).any(|w| w == b"GPS"),
            "{path} mentions GPS"
        );
        assert!(
            exif::Reader::new()
                .read_from_container(&mut std::io::Cursor::new(bytes))
                .is_err(),
            "{path} has readable EXIF"
        );
        // Upright: the red band that was on the left is now along the top.
        let img = decode(path, bytes).to_rgb8();
        let top = img.get_pixel(img.width() / 2, 2);
        let bottom = img.get_pixel(img.width() / 2, img.height() - 3);
        assert!(top[0] > 180 && top[1] < 60, "{path}: top {top:?}");
        assert!(
            !(bottom[0] > 180 && bottom[1] < 60),
            "{path}: bottom {bottom:?}"
        );
        let webp = path.ends_with(".webp");
        assert_eq!(bytes.starts_with(b"RIFF"), webp, "{path}");
        assert_eq!(
            bytes.starts_with(&[0xFF, 0xD8]),
            path.ends_with(".jpg"),
            "{path}"
        );
    }
    let page = b.read("mo-hinh/dien-thoai/index.html");
    assert!(page.contains("<picture><source type=\"image/webp\" srcset=\"../../anh/a-"));
    assert!(
        page.contains(" 900w, ../../anh/a-"),
        "srcset lists the widths"
    );
    assert!(page.contains("width=\"800\" height=\"1067\""));
    assert!(page.contains("loading=\"lazy\" decoding=\"async\""));
    assert!(page.contains("sizes=\""));
    assert!(page.contains("alt=\"Họp dân\""));
    assert!(page.contains("Ảnh: Ban Dân vận"), "credit shown");
    assert!(
        page.contains("data-lightbox"),
        "the gallery opens in the lightbox"
    );
    assert!(page.contains("static/lightbox.js"));
    assert!(b.exists("static/lightbox.js"));
}

#[test]
fn png_webp_cmyk_and_16_bit_photos_are_converted() {
    let dir = "content/mo-hinh/dinh-dang";
    let photos = [
        ("logo.png", Some("Biểu trưng")),
        ("anh.webp", Some("Ảnh WebP")),
        ("in-an.jpg", Some("Ảnh CMYK")),
        ("quet.png", Some("Ảnh quét 16 bit")),
    ];
    let b = SiteTest::new(SITE)
        .file(
            &format!("{dir}/index.md"),
            &entry("Định dạng", "Huế", "2021-2023", None, &photos),
        )
        .bytes(&format!("{dir}/logo.png"), &make::transparent_png(500, 300))
        .bytes(&format!("{dir}/anh.webp"), &make::webp(640, 480))
        .bytes(&format!("{dir}/in-an.jpg"), &make::cmyk_jpeg(640, 480))
        .bytes(&format!("{dir}/quet.png"), &make::png16(200, 150))
        .build();
    let v = variants(&b.files());
    let by = |prefix: &str| -> Vec<(&String, &(u32, u32, bool))> {
        v.iter()
            .filter(|(p, _)| p.starts_with(&format!("anh/{prefix}-")))
            .collect()
    };
    // The logo keeps its transparency: WebP with alpha and a PNG (not JPEG) fallback.
    let logo = by("logo");
    assert_eq!(logo.len(), 4, "{logo:?}");
    assert!(
        logo.iter().all(|(p, v)| v.2 && !p.ends_with(".jpg")),
        "{logo:?}"
    );
    assert!(
        b.read("mo-hinh/dinh-dang/index.html").contains("logo-"),
        "linked"
    );
    assert_eq!(
        by("anh").len(),
        4,
        "WebP input: 400 and 640 wide, two formats"
    );
    assert_eq!(by("quet").len(), 2, "16-bit input, 200 wide");
    // CMYK comes out in colour close to the picture it was made from.
    let cmyk = by("in-an");
    assert_eq!(cmyk.len(), 4);
    let jpg = cmyk
        .iter()
        .find(|(p, v)| p.ends_with(".jpg") && v.0 == 640)
        .expect("jpg");
    let out = decode(jpg.0, &b.files()[jpg.0]).to_rgb8();
    let src = make::noisy_rgb(640, 480, 5);
    let mean = |px: &mut dyn Iterator<Item = u8>| {
        let (sum, n) = px.fold((0u64, 0u64), |(s, n), v| (s + u64::from(v), n + 1));
        sum / n
    };
    for k in 0..3 {
        let a = mean(&mut out.as_raw().iter().skip(k).step_by(3).copied());
        let b = mean(&mut src.iter().skip(k).step_by(3).copied());
        assert!(a.abs_diff(b) < 12, "channel {k}: {a} vs {b}");
    }
}

#[test]
fn every_broken_photo_is_a_diagnostic_in_one_run_and_the_old_site_stays() {
    let dir = "content/mo-hinh/hong";
    let good = make::jpeg(640, 480, 4, None, false);
    let photos = [
        ("cut.jpg", Some("Cắt ngang")),
        ("rac.jpg", Some("Không phải ảnh")),
        ("iphone.heic", Some("Ảnh iPhone")),
        ("dong.gif", Some("Ảnh động")),
        ("bom.png", Some("Bom giải nén")),
        ("khong-lo.jpg", Some("Khổng lồ")),
        ("rong.jpg", Some("Tệp rỗng")),
    ];
    let mut huge = make::jpeg(16, 16, 1, None, false);
    // Claim 60000×60000 in the frame header (SOF0: FF C0, length, precision, height, width).
    let sof = huge
        .windows(2)
        .position(|w| w == [0xFF, 0xC0])
        .expect("SOF0");
    huge[sof + 5..sof + 7].copy_from_slice(&60000u16.to_be_bytes());
    huge[sof + 7..sof + 9].copy_from_slice(&60000u16.to_be_bytes());
    let t = SiteTest::new(SITE)
        .file(
            &format!("{dir}/index.md"),
            &entry("Hỏng", "Hà Nội", "2021-2023", None, &photos),
        )
        .bytes(&format!("{dir}/cut.jpg"), &good[..good.len() / 2])
        .bytes(&format!("{dir}/rac.jpg"), b"<html>not a photo</html>")
        .bytes(
            &format!("{dir}/iphone.heic"),
            b"\0\0\0\x18ftypheic\0\0\0\0mif1heic\0\0\0\0",
        )
        .bytes(&format!("{dir}/dong.gif"), b"GIF89a\x01\0\x01\0\0\0\0;")
        .bytes(&format!("{dir}/bom.png"), &make::bomb_png(100_000, 100_000))
        .bytes(&format!("{dir}/khong-lo.jpg"), &huge)
        .bytes(&format!("{dir}/rong.jpg"), b"");
    let out = t.root().join("public");
    std::fs::create_dir_all(&out).expect("mkdir");
    std::fs::write(out.join("index.html"), "cũ").expect("old site");
    let diags = t.build_err();
    let text = render(&diags);
    let errors: Vec<_> = diags.iter().filter(|d| d.is_error()).collect();
    assert_eq!(errors.len(), 7, "{text}");
    for (needle, line) in [
        ("cut.jpg» bị thiếu phần cuối", 8),
        ("rac.jpg» không phải là tệp ảnh", 13),
        ("iphone.heic» ở định dạng HEIC", 18),
        ("dong.gif» ở định dạng GIF", 23),
        ("bom.png» quá lớn: 100000×100000", 28),
        ("khong-lo.jpg» quá lớn: 60000×60000", 33),
        ("rong.jpg» rỗng", 38),
    ] {
        let hit = errors.iter().find(|d| d.message.contains(needle));
        let d = hit.unwrap_or_else(|| panic!("no diagnostic for {needle}:\n{text}"));
        assert_eq!(d.line, line, "{needle}:\n{text}");
        assert!(
            d.file.ends_with("content/mo-hinh/hong/index.md"),
            "{}",
            d.file.display()
        );
        assert!(d.suggestion.is_some(), "{needle} has a suggestion");
    }
    assert!(
        text.contains("Cài đặt → Camera"),
        "the HEIC hint says what to do"
    );
    assert_eq!(
        std::fs::read_to_string(out.join("index.html")).expect("old"),
        "cũ"
    );
}

#[test]
fn a_photo_without_caption_is_a_warning_and_its_alt_is_the_title() {
    let b = SiteTest::new(SITE)
        .file(
            "content/ca-nhan/nguyen-van-a/index.md",
            &person("Nguyễn Văn A", "Huế", "2021-2023", &[("a.jpg", None)]),
        )
        .bytes(
            "content/ca-nhan/nguyen-van-a/a.jpg",
            &make::jpeg(500, 400, 6, None, false),
        )
        .build();
    let w: Vec<String> = b.report.warnings.iter().map(ToString::to_string).collect();
    assert!(
        w.iter().any(|w| w.contains("«a.jpg» chưa có chú thích")),
        "{w:?}"
    );
    assert!(
        b.read("ca-nhan/nguyen-van-a/index.html")
            .contains("alt=\"Nguyễn Văn A\"")
    );
}

#[test]
fn a_warm_rebuild_decodes_nothing_and_changed_photos_are_redone() {
    let mut t = SiteTest::new(SITE);
    for i in 0..4u64 {
        let dir = format!("content/mo-hinh/m{i}");
        t = t
            .file(
                &format!("{dir}/index.md"),
                &entry(
                    &format!("Mô hình {i}"),
                    "Hà Nội",
                    "2021-2023",
                    Some("a.jpg"),
                    &[("a.jpg", Some("Ảnh"))],
                ),
            )
            .bytes(
                &format!("{dir}/a.jpg"),
                &make::jpeg(900, 600, i, Some(1), true),
            );
    }
    let cold = t.try_build().expect("cold");
    assert_eq!(
        (cold.media.decoded, cold.media.reused, cold.media.photos),
        (4, 0, 4)
    );
    let out = cold.output.clone();
    let snapshot = |dir: &std::path::Path| -> BTreeMap<String, Vec<u8>> {
        walkdir::WalkDir::new(dir)
            .into_iter()
            .flatten()
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                (
                    e.path()
                        .strip_prefix(dir)
                        .expect("in")
                        .display()
                        .to_string(),
                    std::fs::read(e.path()).expect("read"),
                )
            })
            .collect()
    };
    let first = snapshot(&out);
    // Named another way (as `-C` from another folder would), the site is still recognised.
    let mut other = t.opts.clone();
    other.root = t.root().join("content").join("..");
    other.output = Some(out.clone());
    let warm = bangvang::build(&other).expect("warm");
    assert_eq!((warm.media.decoded, warm.media.reused), (0, 4));
    assert_eq!(warm.media.read, 0, "unchanged photos are not even read");
    assert_eq!(snapshot(&out), first, "byte-identical");
    // Replacing one photo redoes that one only, under a new name.
    std::fs::write(
        t.root().join("content/mo-hinh/m2/a.jpg"),
        make::jpeg(900, 600, 99, None, false),
    )
    .expect("write");
    let changed = t.try_build().expect("changed");
    assert_eq!((changed.media.decoded, changed.media.reused), (1, 3));
    let now = snapshot(&out);
    let old_names: Vec<&String> = first.keys().filter(|k| k.starts_with("anh/")).collect();
    let new_names: Vec<&String> = now.keys().filter(|k| k.starts_with("anh/")).collect();
    assert_eq!(new_names.len(), old_names.len());
    assert_eq!(
        new_names.iter().filter(|n| !old_names.contains(n)).count(),
        6
    );
}

#[test]
fn clean_removes_what_the_site_no_longer_uses() {
    let t = SiteTest::new(SITE)
        .file(
            "content/mo-hinh/m/index.md",
            &model_m(None, &[("a.jpg", Some("A")), ("b.jpg", Some("B"))]),
        )
        .bytes(
            "content/mo-hinh/m/a.jpg",
            &make::jpeg(700, 500, 1, None, false),
        )
        .bytes(
            "content/mo-hinh/m/b.jpg",
            &make::jpeg(700, 500, 2, None, false),
        );
    t.try_build().expect("build");
    // Drop b.jpg and change the quality: b's variants and a's old ones are unused.
    std::fs::write(
        t.root().join("site.toml"),
        format!("{SITE}\n[images]\nquality = 70\n"),
    )
    .expect("write");
    std::fs::write(
        t.root().join("content/mo-hinh/m/index.md"),
        model_m(None, &[("a.jpg", Some("A"))]),
    )
    .expect("write");
    let r = t.try_build().expect("rebuild");
    assert_eq!(r.media.decoded, 1, "the new quality needs new variants");
    let cache = t.root().join(".bangvang-cache");
    let count = || {
        walkdir::WalkDir::new(&cache)
            .into_iter()
            .flatten()
            .filter(|e| e.file_type().is_file())
            .count()
    };
    // index + (info + 4 at q80) × 2 photos + 4 at q70.
    assert_eq!(count(), 1 + 5 * 2 + 4);
    let report = bangvang::clean(&t.opts, false).expect("clean");
    assert_eq!((report.removed, report.kept), (9, 5), "{report:?}");
    assert_eq!(count(), 1 + 5);
    let again = t.try_build().expect("after clean");
    assert_eq!(again.media.decoded, 0, "what is used was kept");
    bangvang::clean(&t.opts, true).expect("clean all");
    assert!(!cache.exists());
}

#[test]
fn the_gallery_groups_photos_by_province_and_period() {
    let jpeg = make::jpeg(480, 360, 8, None, false);
    let b = SiteTest::new("title = \"x\"\nperiods = [\"2017-2020\", \"2021-2023\"]\n")
        .file(
            "content/mo-hinh/b/index.md",
            &entry(
                "Bê",
                "Lạng Sơn",
                "2021-2023",
                Some("x.jpg"),
                &[("y.jpg", Some("Y"))],
            ),
        )
        .file(
            "content/mo-hinh/a/index.md",
            &entry("A", "Lạng Sơn", "2017-2020", None, &[("x.jpg", Some("X"))]),
        )
        .file(
            "content/ca-nhan/c/index.md",
            &person(
                "Đinh Văn C",
                "Cao Bằng",
                "2021-2023",
                &[("x.jpg", Some("Z"))],
            ),
        )
        .file(
            "content/ca-nhan/d/index.md",
            &person("Không Ảnh", "An Giang", "2021-2023", &[]),
        )
        .bytes("content/mo-hinh/b/x.jpg", &jpeg)
        .bytes(
            "content/mo-hinh/b/y.jpg",
            &make::jpeg(480, 360, 9, None, false),
        )
        .bytes("content/mo-hinh/a/x.jpg", &jpeg)
        .bytes(
            "content/ca-nhan/c/x.jpg",
            &make::jpeg(480, 360, 10, None, false),
        )
        .offline()
        .build();
    let g = b.read("thu-vien-anh/index.html");
    let order = b.order_in(
        "thu-vien-anh/index.html",
        &[
            "id=\"cao-bang\"",
            "tinh/cao-bang/2021-2023/",
            "id=\"lang-son\"",
            "tinh/lang-son/2017-2020/",
            ">A<",
            "tinh/lang-son/2021-2023/",
            ">Bê<",
        ],
    );
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    assert!(
        !g.contains("Không Ảnh"),
        "entries without photos are left out"
    );
    assert!(
        g.contains("href=\"../mo-hinh/b/index.html\""),
        "offline links to the entry"
    );
    assert!(g.contains("href=\"../tinh/lang-son/2017-2020/index.html\""));
    assert_eq!(
        g.matches("data-lightbox").count(),
        4,
        "cover and photo of Bê, one each of A and C"
    );
    assert!(g.contains("3 ảnh") || g.contains("4 ảnh"));
    // The same picture in two entries is one set of files.
    let files = b.files();
    let x: Vec<_> = files.keys().filter(|p| p.starts_with("anh/x-")).collect();
    assert_eq!(
        x.len(),
        2 * 2 * 2,
        "two distinct x.jpg, two widths each (480, 400), two formats: {x:?}"
    );
    assert!(
        b.read("index.html").contains("thu-vien-anh/index.html"),
        "nav links the gallery"
    );
}

#[test]
fn a_site_without_photos_has_no_gallery_and_no_script() {
    let b = SiteTest::new(SITE)
        .file("content/mo-hinh/m.md", &model_m(None, &[]))
        .build();
    assert!(!b.exists("thu-vien-anh/index.html"));
    for (path, html) in b.pages() {
        assert!(!html.contains("<script"), "{path}");
        assert!(!html.contains("thu-vien-anh"), "{path}");
    }
}

#[cfg(unix)]
#[test]
fn an_absolute_cover_is_refused_even_when_it_names_one_of_the_photos() {
    let t = SiteTest::new(SITE);
    let photo = t.root().join("content/mo-hinh/m/anh.jpg");
    let cover = photo.to_string_lossy().into_owned();
    let t = t
        .file(
            "content/mo-hinh/m/index.md",
            &model_m(Some(&cover), &[("anh.jpg", Some("Ảnh"))]),
        )
        .bytes(
            "content/mo-hinh/m/anh.jpg",
            &make::jpeg(64, 48, 1, None, false),
        );
    let diags = t.build_err();
    let absolute: Vec<_> = diags
        .iter()
        .filter(|d| d.line == 6 && d.file.ends_with("content/mo-hinh/m/index.md"))
        .collect();
    assert_eq!(absolute.len(), 1, "{}", render(&diags));
}

#[test]
fn a_photo_that_links_outside_content_is_refused() {
    let outside = tempfile::tempdir().expect("tempdir");
    let secret = outside.path().join("secret.jpg");
    std::fs::write(&secret, make::jpeg(64, 48, 1, None, false)).expect("write");
    let photos = [
        ("link.jpg", Some("Liên kết")),
        ("thu-muc/anh.jpg", Some("Qua thư mục")),
    ];
    let t = SiteTest::new(SITE).file("content/mo-hinh/m/index.md", &model_m(None, &photos));
    let dir = t.root().join("content/mo-hinh/m");
    std::os::unix::fs::symlink(&secret, dir.join("link.jpg")).expect("link");
    std::os::unix::fs::symlink(outside.path(), dir.join("thu-muc")).expect("link");
    std::fs::copy(&secret, outside.path().join("anh.jpg")).expect("copy");
    let diags = t.build_err();
    let escapes: Vec<_> = diags
        .iter()
        .filter(|d| d.message.contains("đi ra ngoài thư mục content/"))
        .collect();
    assert_eq!(escapes.len(), 2, "{}", render(&diags));
}

#[test]
fn photo_fragments_see_their_place_and_the_site_and_may_include_templates() {
    // `gallery-item.html` and `cover.html` are rendered once per photo and place, before the
    // page templates are compiled; an override still works, with the templates it includes.
    let b = SiteTest::new(SITE)
        .file("content/mo-hinh/m/index.md", &model_m(Some("a.jpg"), &[("a.jpg", Some("Cầu"))]))
        .bytes("content/mo-hinh/m/a.jpg", &make::jpeg(480, 360, 3, None, false))
        .file(
            "templates/gallery-item.html",
            "<li data-place=\"{{ place }}\" data-site=\"{{ site.title }}\" data-src=\"{{ p.full }}\"\
             {% if link_to %} data-entry=\"{{ link_to.url }}\"{% endif %}>\
             {% include \"parts/label.html\" %}</li>",
        )
        .file("templates/parts/label.html", "{{ p.caption }} · {{ t.photo_credit }}")
        .file("templates/cover.html", "<b data-place=\"{{ place }}\">{{ p.url }}</b>")
        .build();
    let entry = b.read("mo-hinh/m/index.html");
    let gallery = b.read("thu-vien-anh/index.html");
    let src = |html: &str| {
        let at = html.find("data-src=\"").map(|i| i + 10).unwrap_or(0);
        html[at..].split('"').next().unwrap_or("").to_string()
    };
    assert!(
        entry.contains("<li data-place=\"entry\" data-site=\"Ảnh\""),
        "{entry}"
    );
    assert!(src(&entry).starts_with("../../anh/a-") && src(&entry).ends_with("-480.jpg"));
    assert!(entry.contains(">Cầu · Ảnh: {name}</li>"), "{entry}");
    assert!(
        entry.contains("<b data-place=\"cover\">../../anh/a-"),
        "{entry}"
    );
    assert!(gallery.contains("<li data-place=\"gallery\""), "{gallery}");
    assert!(
        gallery.contains("data-entry=\"../mo-hinh/m/\""),
        "{gallery}"
    );
    assert!(src(&gallery).starts_with("../anh/a-"), "{gallery}");
    for (path, html) in b.pages() {
        assert!(!html.contains('\u{1}'), "a root marker left in {path}");
    }
    crate::harness::assert_links_resolve(&b, false);
}

#[test]
fn a_broken_photo_fragment_is_a_diagnostic_naming_its_template() {
    let ds = SiteTest::new(SITE)
        .file(
            "content/mo-hinh/m/index.md",
            &model_m(None, &[("a.jpg", Some("Cầu"))]),
        )
        .bytes(
            "content/mo-hinh/m/a.jpg",
            &make::jpeg(64, 48, 3, None, false),
        )
        .file(
            "templates/gallery-item.html",
            "{% include \"khong-co.html\" %}",
        )
        .build_err();
    assert!(
        ds.iter().any(|d| d.is_error()
            && d.file.ends_with("templates/gallery-item.html")
            && d.message.contains("khong-co.html")),
        "{}",
        render(&ds)
    );
}
