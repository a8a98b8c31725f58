//! The URL scheme: where every page lives (as a path from the site root, `tinh/lang-son/`), and
//! how a page links to another with a relative URL, so `public/` works at any sub-path and,
//! with `--offline`, from a folder.

use crate::config::Config;
use crate::content::Kind;
use crate::gazetteer::{self, ProvinceId};
use crate::validate::Entry;

/// Paths of the site's pages, from the site root, directories ending in `/`.
pub struct Urls<'a> {
    config: &'a Config,
}

impl<'a> Urls<'a> {
    /// The scheme of `config`.
    pub fn new(config: &'a Config) -> Self {
        Urls { config }
    }

    /// The home page.
    pub fn home(&self) -> String {
        String::new()
    }

    /// A model's or person's page.
    pub fn entry(&self, e: &Entry) -> String {
        format!("{}{}/", self.section(e.kind), e.slug)
    }

    /// The list of all models or all people.
    pub fn section(&self, kind: Kind) -> String {
        match kind {
            Kind::Model => format!("{}/", self.config.paths.models),
            Kind::Person => format!("{}/", self.config.paths.people),
        }
    }

    /// The index of provinces.
    pub fn provinces(&self) -> String {
        format!("{}/", self.config.paths.provinces)
    }

    /// A province page.
    pub fn province(&self, p: ProvinceId) -> String {
        format!(
            "{}{}/",
            self.provinces(),
            gazetteer::embedded().province(p).slug
        )
    }

    /// A province × period page.
    pub fn province_period(&self, p: ProvinceId, period: usize) -> String {
        format!("{}{}/", self.province(p), self.period_slug(period))
    }

    /// The index of periods.
    pub fn periods(&self) -> String {
        format!("{}/", self.config.paths.periods)
    }

    /// A period page.
    pub fn period(&self, period: usize) -> String {
        format!("{}{}/", self.periods(), self.period_slug(period))
    }

    fn period_slug(&self, period: usize) -> &str {
        self.config
            .periods
            .get(period)
            .map_or("", |p| p.slug.as_str())
    }

    /// The index of fields.
    pub fn fields(&self) -> String {
        format!("{}/", self.config.paths.fields)
    }

    /// A field page.
    pub fn field(&self, field: usize) -> String {
        let slug = self
            .config
            .fields
            .get(field)
            .map_or("", |f| f.slug.as_str());
        format!("{}{slug}/", self.fields())
    }

    /// The index of honor rolls.
    pub fn honor_rolls(&self) -> String {
        format!("{}/", self.config.paths.honor_roll)
    }

    /// The honor roll of a period.
    pub fn honor_roll(&self, period: usize) -> String {
        format!("{}{}/", self.honor_rolls(), self.period_slug(period))
    }

    /// The index of commendation forms.
    pub fn awards(&self) -> String {
        format!("{}/", self.config.paths.awards)
    }

    /// The list of one commendation form.
    pub fn award(&self, slug: &str) -> String {
        format!("{}{slug}/", self.awards())
    }

    /// The photo gallery.
    pub fn gallery(&self) -> String {
        format!("{}/", self.config.paths.gallery)
    }

    /// The A–Z index.
    pub fn az(&self) -> String {
        format!("{}/", self.config.paths.az)
    }

    /// The page of one letter.
    pub fn letter(&self, letter: &str) -> String {
        format!("{}{}/", self.az(), letter_slug(letter))
    }

    /// A plain page.
    pub fn page(&self, slug: &str) -> String {
        format!("{}/{slug}/", self.config.paths.pages)
    }

    /// Page `n` (from 1) of a paginated list at `base`.
    pub fn paged(base: &str, n: usize) -> String {
        if n <= 1 {
            base.to_string()
        } else {
            format!("{base}trang-{n}/")
        }
    }
}

/// A letter's URL segment, Telex-style so that Vietnamese letters stay distinct:
/// `A`→`a`, `Ă`→`aw`, `Â`→`aa`, `Đ`→`dd`, `Ê`→`ee`, `Ô`→`oo`, `Ơ`→`ow`, `Ư`→`uw`.
pub fn letter_slug(letter: &str) -> String {
    letter
        .chars()
        .map(|c| match c {
            'Ă' | 'ă' => "aw".to_string(),
            'Â' | 'â' => "aa".to_string(),
            'Đ' | 'đ' => "dd".to_string(),
            'Ê' | 'ê' => "ee".to_string(),
            'Ô' | 'ô' => "oo".to_string(),
            'Ơ' | 'ơ' => "ow".to_string(),
            'Ư' | 'ư' => "uw".to_string(),
            '#' => "so".to_string(),
            c if c.is_ascii_alphanumeric() => c.to_ascii_lowercase().to_string(),
            _ => crate::vi::slugify(&c.to_string()),
        })
        .collect()
}

/// Stands where links need the page's root prefix (`../../`) in text made once for pages of any
/// depth. A control character, so it cannot come from a URL we build; in user text it would
/// only ever become a few dots.
pub(super) const ROOT: &str = "\u{1}";

/// Text made with [`ROOT`] in its links, kept with the markers taken out and the places they
/// stood, so each page fills in its own root prefix with one copy.
#[derive(Debug, Clone, Default)]
pub(super) struct Rooted {
    text: String,
    /// Byte offsets in `text` where the root prefix goes, in order.
    cuts: Vec<usize>,
}

impl Rooted {
    /// No text.
    pub(super) const EMPTY: Rooted = Rooted {
        text: String::new(),
        cuts: Vec::new(),
    };

    /// `text` with each [`ROOT`] marked as a place for the prefix.
    pub(super) fn new(text: &str) -> Self {
        let mut out = String::with_capacity(text.len());
        let mut cuts = Vec::new();
        for (i, piece) in text.split(ROOT).enumerate() {
            if i > 0 {
                cuts.push(out.len());
            }
            out.push_str(piece);
        }
        Rooted { text: out, cuts }
    }

    /// The text with `rel`'s root prefix in place.
    pub(super) fn join(&self, rel: &Rel) -> String {
        let root = rel.root();
        let mut out = String::with_capacity(self.text.len() + root.len() * self.cuts.len());
        let mut from = 0;
        for &cut in &self.cuts {
            out.push_str(&self.text[from..cut]);
            out.push_str(root);
            from = cut;
        }
        out.push_str(&self.text[from..]);
        out
    }
}

/// Makes relative links from one page.
#[derive(Debug, Clone)]
pub struct Rel {
    root: String,
    offline: bool,
}

impl Rel {
    /// Links from the page at `path` (a directory path like `tinh/lang-son/`, or a file path).
    pub fn from(path: &str, offline: bool) -> Self {
        let depth = path
            .trim_end_matches('/')
            .split('/')
            .filter(|s| !s.is_empty())
            .count();
        let depth = if path.ends_with('/') || path.is_empty() {
            depth
        } else {
            depth.saturating_sub(1)
        };
        Rel {
            root: "../".repeat(depth),
            offline,
        }
    }

    /// Links with `root` as the prefix to the site root (for HTML reused on pages of any depth).
    pub fn with_root(root: &str, offline: bool) -> Self {
        Rel {
            root: root.to_string(),
            offline,
        }
    }

    /// Links from a page whose links must be absolute (the 404 page, served at any depth).
    pub fn absolute(base_url: &str) -> Self {
        Rel {
            root: base_url.to_string(),
            offline: false,
        }
    }

    /// The prefix to the site root.
    pub fn root(&self) -> &str {
        &self.root
    }

    /// `index.html` offline, else empty.
    pub fn index(&self) -> &'static str {
        if self.offline { "index.html" } else { "" }
    }

    /// A relative link to the page or file at `target` (a path from the root).
    pub fn href(&self, target: &str) -> String {
        let mut out = self.root.clone();
        out.push_str(&encode_path(target));
        if self.offline && (target.is_empty() || target.ends_with('/')) {
            out.push_str("index.html");
        }
        if out.is_empty() { "./".into() } else { out }
    }
}

/// Percent-encodes what a URL path may not contain, keeping `/`.
pub fn encode_path(path: &str) -> String {
    let plain = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~' | b'/');
    if path.bytes().all(plain) {
        // Slugs and photo names: nothing to encode.
        return path.to_string();
    }
    let mut out = String::with_capacity(path.len() * 3);
    for b in path.bytes() {
        if plain(b) {
            out.push(char::from(b));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 15)]));
        }
    }
    out
}

const HEX: &[u8; 16] = b"0123456789ABCDEF";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_relative_at_every_depth() {
        let r = Rel::from("tinh/lang-son/", false);
        assert_eq!(r.href("mo-hinh/x/"), "../../mo-hinh/x/");
        assert_eq!(r.href(""), "../../");
        let home = Rel::from("", false);
        assert_eq!(home.href(""), "./");
        assert_eq!(home.href("tinh/"), "tinh/");
        let offline = Rel::from("tinh/lang-son/trang-2/", true);
        assert_eq!(offline.href(""), "../../../index.html");
        assert_eq!(
            offline.href("static/style.css"),
            "../../../static/style.css"
        );
        assert_eq!(Rel::from("404.html", false).href("tinh/"), "tinh/");
    }

    #[test]
    fn letters_stay_distinct() {
        let slugs: Vec<String> = ["A", "Ă", "Â", "D", "Đ", "#"]
            .iter()
            .map(|l| letter_slug(l))
            .collect();
        assert_eq!(slugs, ["a", "aw", "aa", "d", "dd", "so"]);
    }

    #[test]
    fn rooted_text_takes_each_page_s_prefix() {
        let text = format!("<a href=\"{ROOT}x/\">{ROOT}</a>{ROOT}");
        let r = Rooted::new(&text);
        assert_eq!(
            r.join(&Rel::from("a/b/", false)),
            "<a href=\"../../x/\">../../</a>../../"
        );
        assert_eq!(r.join(&Rel::from("", false)), "<a href=\"x/\"></a>");
        assert_eq!(Rooted::new("plain").join(&Rel::from("a/", false)), "plain");
        assert_eq!(Rooted::EMPTY.join(&Rel::from("a/", false)), "");
    }

    #[test]
    fn paths_are_percent_encoded() {
        assert_eq!(
            encode_path("mo-hinh/x/ảnh 1.jpg"),
            "mo-hinh/x/%E1%BA%A3nh%201.jpg"
        );
    }
}
