//! Raw HTML and hostile text never become script; photos of drafts never leave content/.

use crate::harness::SiteTest;

const HOSTILE: &str = r#"+++
title = "<script>alert('tiêu đề')</script> Mô hình"
owner = "\"><img src=x onerror=alert(1)>"
province = "Hà Nội"
period = "2021-2023"
fields = ["Kinh tế"]
summary = "<b onmouseover=alert(2)>tóm tắt</b>"
+++
Đoạn <script>alert(3)</script> văn.

<img src="x" onerror="alert(4)"> <a href="javascript:alert(5)">liên kết</a>

<div onclick="alert(6)" style="background:url(javascript:alert(7))">khối</div>

<iframe src="https://example.com"></iframe><object data="x"></object>

[md](javascript:alert(8)) <svg onload=alert(9)></svg>

| Cột | Giá trị |
|-----|---------|
| a   | **b**   |
"#;

/// Every tag of an HTML text (text content cannot hold a raw `<`: it is escaped).
fn tags(html: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        let end = rest[start..]
            .find('>')
            .map_or(rest.len(), |e| start + e + 1);
        out.push(&rest[start..end]);
        rest = &rest[end..];
    }
    out
}

#[test]
fn no_script_or_event_handler_reaches_the_output() {
    let b = SiteTest::new("title = \"x\"\n")
        .file("content/mo-hinh/nguy-hiem.md", HOSTILE)
        .build();
    assert_no_script(&b);
    let page = b.read("mo-hinh/nguy-hiem/index.html");
    assert!(
        page.contains("&lt;script&gt;alert"),
        "the title is shown as text"
    );
    assert!(
        page.contains("<table>") && page.contains("<strong>b</strong>"),
        "Markdown still renders"
    );
    assert!(page.contains("khối"));
}

/// The site's settings and UI strings are written into the templates when the theme loads
/// (constant folding): hostile ones must stay text, and never become template code.
#[test]
fn hostile_settings_and_ui_strings_stay_text() {
    let site = r#"title = '}}{{ 7*7 }}<script>alert(1)</script>'
description = "a \"b\" 'c' `d` {% if true %}x{% endif %}"
"#;
    let i18n = r#"nav_home = '{# #}<img src=x onerror=alert(2)>{'
skip_to_content = "\"'`{"
footer_made_with = "<b>\"x\"</b> & 'y'"
"#;
    let b = SiteTest::new(site)
        .file("i18n/vi.toml", i18n)
        .file("content/mo-hinh/a.md", HOSTILE)
        .build();
    assert_no_script(&b);
    let home = b.read("index.html");
    assert!(
        home.contains("}}{{ 7*7 }}&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{home}"
    );
    assert!(!home.contains("}}49"), "a title is never evaluated");
    assert!(home.contains("{% if true %}x{% endif %}"));
    assert!(home.contains("{# #}&lt;img src=x onerror=alert(2)&gt;{"));
    assert!(home.contains("&quot;&#39;`{"));
    // A string without delimiters is folded into the template, and still escaped.
    assert!(home.contains("&lt;b&gt;&quot;x&quot;&lt;/b&gt; &amp; &#39;y&#39;"));
}

fn assert_no_script(b: &crate::harness::Built) {
    for (path, html) in b.pages() {
        for tag in tags(&html) {
            let lower = tag.to_lowercase();
            for bad in ["<script", "javascript:", "<iframe", "<object"] {
                assert!(!lower.contains(bad), "{bad} in {path}: {tag}");
            }
            // Attribute names only: quoted values are text.
            let names: String = lower.split('"').step_by(2).collect::<Vec<_>>().join(" ");
            let handler = names
                .split_whitespace()
                .skip(1)
                .any(|attr| attr.starts_with("on") && attr.contains('='));
            assert!(!handler, "event handler in {path}: {tag}");
        }
    }
}

#[test]
fn photos_of_drafts_are_never_published() {
    let photo = crate::make::jpeg(320, 240, 1, None, false);
    let model = "+++\ntitle = \"Có ảnh\"\nprovince = \"Hà Nội\"\nperiod = \"2021-2023\"\nfields = [\"Kinh tế\"]\ncover = \"anh 1.jpg\"\n\n[[photos]]\nfile = \"anh 1.jpg\"\ncaption = \"Họp dân ở thôn\"\n+++\n";
    let draft = "+++\ntitle = \"Nháp\"\ndraft = true\nprovince = \"Hà Nội\"\nperiod = \"2021-2023\"\nfields = [\"Kinh tế\"]\ncover = \"bi-mat.jpg\"\n+++\n";
    let secret = crate::make::jpeg(300, 200, 2, None, false);
    let b = SiteTest::new("title = \"x\"\n")
        .file("content/mo-hinh/co-anh/index.md", model)
        .file("content/mo-hinh/nhap/index.md", draft)
        .bytes("content/mo-hinh/co-anh/anh 1.jpg", &photo)
        .bytes("content/mo-hinh/nhap/bi-mat.jpg", &secret)
        .build();
    let published: Vec<String> = b
        .files()
        .into_keys()
        .filter(|p| p.starts_with("anh/"))
        .collect();
    // 320 px wide: every configured width is capped at 320, so one size in two formats.
    assert_eq!(published.len(), 2, "{published:?}");
    assert!(
        published.iter().all(|p| p.starts_with("anh/anh-1-")),
        "{published:?}"
    );
    assert_eq!(
        b.report.media.photos, 1,
        "the draft's photo is not even processed"
    );
    let page = b.read("mo-hinh/co-anh/index.html");
    assert!(page.contains("alt=\"Họp dân ở thôn\""));
}
