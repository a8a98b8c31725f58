//! Markdown to safe HTML: pulldown-cmark (tables, footnotes, strikethrough), heading anchors,
//! headings moved below the page's own `<h1>`, then ammonia so that pasted raw HTML can never
//! bring a script, an event handler or a `javascript:` URL into the site.

use std::collections::{HashMap, HashSet};

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::vi;

/// A reusable Markdown renderer (holds the sanitiser's settings).
pub struct Markdown {
    cleaner: ammonia::Builder<'static>,
}

impl Default for Markdown {
    fn default() -> Self {
        Self::new()
    }
}

impl Markdown {
    /// The renderer with the site's sanitising rules.
    pub fn new() -> Self {
        let mut cleaner = ammonia::Builder::default();
        cleaner
            .add_generic_attributes(["id"])
            .add_tag_attributes("sup", ["class"])
            .add_tag_attributes("div", ["class"])
            .add_tag_attributes("a", ["class"])
            .add_tag_attributes("td", ["colspan", "rowspan"])
            .add_tag_attributes("th", ["colspan", "rowspan", "scope"])
            .add_tags(["figure", "figcaption"]);
        Markdown { cleaner }
    }

    /// Renders an entry's story: headings move one level down, under the page's title.
    pub fn story(&self, md: &str) -> String {
        self.render(md, true)
    }

    /// Renders a plain page's or the home page's text, headings as written.
    pub fn page(&self, md: &str) -> String {
        self.render(md, false)
    }

    fn render(&self, md: &str, shift: bool) -> String {
        let opts =
            Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH;
        let mut events: Vec<Event<'_>> = Parser::new_ext(md, opts).collect();
        anchor_headings(&mut events, shift);
        let needs_cleaning = !events.iter().all(is_safe);
        let mut html = String::with_capacity(md.len() * 3 / 2);
        pulldown_cmark::html::push_html(&mut html, events.into_iter());
        if needs_cleaning {
            self.cleaner.clean(&html).to_string()
        } else {
            html
        }
    }
}

/// True for an event whose HTML pulldown-cmark writes safely by itself: anything but raw HTML,
/// and links and images only to relative, `http(s):`, `mailto:` or `tel:` addresses. Text is
/// escaped by pulldown-cmark; a document made only of such events needs no sanitiser.
fn is_safe(event: &Event<'_>) -> bool {
    match event {
        Event::Html(_) | Event::InlineHtml(_) => false,
        Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
            safe_url(dest_url)
        }
        _ => true,
    }
}

fn safe_url(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    match lower.find(':') {
        // A colon before any `/`, `?` or `#` starts a scheme.
        Some(colon) if !lower[..colon].contains(['/', '?', '#']) => {
            ["http", "https", "mailto", "tel"].contains(&&lower[..colon])
        }
        _ => true,
    }
}

/// Gives every heading an `id` from its text (unique within the document) and, with `shift`,
/// moves it one level down (a story's headings sit under the page's title).
fn anchor_headings(events: &mut [Event<'_>], shift: bool) {
    let mut used: HashSet<String> = HashSet::new();
    let mut counts: HashMap<String, usize> = HashMap::new();
    let mut i = 0;
    while i < events.len() {
        if let Event::Start(Tag::Heading { .. }) = &events[i] {
            let mut text = String::new();
            let mut j = i + 1;
            while j < events.len() && !matches!(events[j], Event::End(TagEnd::Heading(_))) {
                if let Event::Text(t) | Event::Code(t) = &events[j] {
                    text.push_str(t);
                }
                j += 1;
            }
            let id = unique_id(&text, &mut used, &mut counts);
            if let Event::Start(Tag::Heading {
                level, id: slot, ..
            }) = &mut events[i]
            {
                *level = lower(*level, shift);
                if slot.is_none() {
                    *slot = Some(id.into());
                }
            }
            if let Some(Event::End(TagEnd::Heading(level))) = events.get_mut(j) {
                *level = lower(*level, shift);
            }
            i = j;
        }
        i += 1;
    }
}

fn unique_id(
    text: &str,
    used: &mut HashSet<String>,
    counts: &mut HashMap<String, usize>,
) -> String {
    let base = match vi::slugify(text) {
        s if s.is_empty() => "muc".to_string(),
        s => s,
    };
    let mut id = base.clone();
    while used.contains(&id) {
        let n = counts.entry(base.clone()).or_insert(1);
        *n += 1;
        id = format!("{base}-{n}");
    }
    used.insert(id.clone());
    id
}

fn lower(level: HeadingLevel, shift: bool) -> HeadingLevel {
    if !shift {
        return level;
    }
    match level {
        HeadingLevel::H1 => HeadingLevel::H2,
        HeadingLevel::H2 => HeadingLevel::H3,
        HeadingLevel::H3 => HeadingLevel::H4,
        HeadingLevel::H4 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_get_vietnamese_anchors_and_move_down() {
        let html = Markdown::new().story("# Kết quả\n\n## Đảng ủy\n\n## Đảng ủy\n");
        assert!(
            Markdown::new()
                .page("## Kết quả")
                .contains("<h2 id=\"ket-qua\">")
        );
        assert!(html.contains("<h2 id=\"ket-qua\">Kết quả</h2>"), "{html}");
        assert!(html.contains("<h3 id=\"dang-uy\">"), "{html}");
        assert!(html.contains("<h3 id=\"dang-uy-2\">"), "{html}");
    }

    #[test]
    fn tables_and_footnotes_render() {
        let html = Markdown::new()
            .story("| a | b |\n|---|---|\n| 1 | 2 |\n\nChú thích[^1].\n\n[^1]: Nguồn.\n");
        assert!(html.contains("<table>"), "{html}");
        assert!(html.contains("footnote-definition"), "{html}");
    }

    #[test]
    fn only_known_schemes_skip_the_sanitiser() {
        for ok in [
            "https://a.vn/x",
            "../tinh/",
            "#muc",
            "mailto:a@b.vn",
            "trang?x=1:2",
            "HTTP://A.VN",
        ] {
            assert!(safe_url(ok), "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            " JavaScript:x",
            "data:text/html,x",
            "vbscript:x",
            "java\tscript:x",
        ] {
            assert!(!safe_url(bad), "{bad}");
        }
        let html = Markdown::new().story("[a](JaVaScRiPt:alert(1)) [b](https://x.vn)");
        assert!(!html.to_lowercase().contains("javascript"), "{html}");
        assert!(html.contains("href=\"https://x.vn\""), "{html}");
    }

    #[test]
    fn scripts_and_handlers_never_survive() {
        let md = "<script>alert(1)</script>\n\n<img src=x onerror=\"alert(1)\">\n\n<a href=\"javascript:alert(1)\">x</a>\n\n[y](javascript:alert(2))\n\n<div onclick=\"x()\" style=\"color:red\">z</div>\n\n<iframe src=\"https://evil\"></iframe>";
        let html = Markdown::new().story(md).to_lowercase();
        for bad in [
            "<script",
            "onerror",
            "onclick",
            "javascript:",
            "<iframe",
            "style=",
        ] {
            assert!(!html.contains(bad), "{bad} in {html}");
        }
        assert!(html.contains('z'));
    }
}
