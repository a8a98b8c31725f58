//! Machine-read files: `sitemap.xml` and the Atom feed (both need the site's absolute address,
//! so they are made only when `base_url` is set) and `robots.txt`. Deterministic: dates come from
//! the entries, never from the clock.

use std::fmt::Write as _;

use crate::index::Indexes;
use crate::output::{OutputFile, Payload};
use crate::validate::Site;

use super::urls::{Urls, encode_path};

/// Path of the Atom feed.
pub(super) const FEED: &str = "atom.xml";

/// How many entries the feed carries.
const FEED_LEN: usize = 30;

/// The sitemap, feed and robots.txt for the rendered page paths (`…/index.html`).
pub(super) fn files(
    site: &Site,
    idx: &Indexes,
    urls: &Urls<'_>,
    pages: &[String],
) -> Vec<OutputFile> {
    let bytes = |path: &str, s: String| OutputFile {
        path: path.to_string(),
        payload: Payload::Bytes(s.into_bytes()),
    };
    let Some(base) = site.config.base_url.as_deref() else {
        return vec![bytes("robots.txt", "User-agent: *\nAllow: /\n".into())];
    };
    vec![
        bytes("sitemap.xml", sitemap(base, pages)),
        bytes(FEED, feed(site, idx, urls, base)),
        bytes(
            "robots.txt",
            format!("User-agent: *\nAllow: /\nSitemap: {base}sitemap.xml\n"),
        ),
    ]
}

fn sitemap(base: &str, pages: &[String]) -> String {
    let mut paths: Vec<&str> = pages
        .iter()
        .map(|p| p.trim_end_matches("index.html"))
        .collect();
    paths.sort_unstable();
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for p in paths {
        let _ = writeln!(
            out,
            "  <url><loc>{}</loc></url>",
            xml(&format!("{base}{}", encode_path(p)))
        );
    }
    out.push_str("</urlset>\n");
    out
}

fn feed(site: &Site, idx: &Indexes, urls: &Urls<'_>, base: &str) -> String {
    let ids: Vec<_> = idx.by_date.iter().copied().take(FEED_LEN).collect();
    let updated = ids
        .first()
        .and_then(|&id| site.entry(id).date)
        .map_or_else(|| "2000-01-01".to_string(), |d| d.iso());
    let c = &site.config;
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">",
        xml(&c.language)
    );
    let _ = writeln!(
        out,
        "  <title>{}</title>\n  <id>{}</id>",
        xml(&c.title),
        xml(base)
    );
    let _ = writeln!(
        out,
        "  <link href=\"{}\"/>\n  <link rel=\"self\" href=\"{}{FEED}\"/>",
        xml(base),
        xml(base)
    );
    let _ = writeln!(out, "  <updated>{updated}T00:00:00Z</updated>");
    for id in ids {
        let e = site.entry(id);
        let url = format!("{base}{}", encode_path(&urls.entry(e)));
        let date = e.date.map_or_else(|| updated.clone(), |d| d.iso());
        let _ = writeln!(
            out,
            "  <entry>\n    <title>{}</title>\n    <id>{}</id>",
            xml(&e.title),
            xml(&url)
        );
        let _ = writeln!(
            out,
            "    <link href=\"{}\"/>\n    <updated>{date}T00:00:00Z</updated>",
            xml(&url)
        );
        let _ = writeln!(
            out,
            "    <author><name>{}</name></author>",
            xml(e
                .details
                .owner
                .as_deref()
                .or(e.details.unit.as_deref())
                .unwrap_or(&c.title))
        );
        if let Some(s) = &e.summary {
            let _ = writeln!(out, "    <summary>{}</summary>", xml(s));
        }
        out.push_str("  </entry>\n");
    }
    out.push_str("</feed>\n");
    out
}

fn xml(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
