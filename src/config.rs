//! Site settings: reads `site.toml` into a typed, validated [`Config`] with every default filled.
//!
//! Every key is optional, so a file with only a title builds. Unknown keys and bad values are
//! diagnostics with the nearest known key as a suggestion.

use std::path::Path;

use toml::de::{DeTable, DeValue};

use crate::diagnostic::{Diagnostic, Pos};
use crate::messages::{Msg, tr};
use crate::schema::{At, Reader};
use crate::vi;

/// The file name of the settings.
pub const CONFIG_FILE: &str = "site.toml";

/// A period (giai đoạn) entries may name, e.g. `2021-2023`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Period {
    /// As written in `site.toml` and in entries.
    pub name: String,
    /// The URL segment.
    pub slug: String,
}

/// A field (lĩnh vực) of the site's vocabulary.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Field {
    /// Display name, as entries write it.
    pub name: String,
    /// The URL segment.
    pub slug: String,
}

/// URL path names of the sections; Vietnamese by default.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Paths {
    /// Models (`mo-hinh`); also the content folder of models.
    pub models: String,
    /// People (`ca-nhan`); also the content folder of people.
    pub people: String,
    /// Provinces (`tinh`).
    pub provinces: String,
    /// Periods (`giai-doan`).
    pub periods: String,
    /// Fields (`linh-vuc`).
    pub fields: String,
    /// Commendations (`khen-thuong`).
    pub awards: String,
    /// Honor rolls (`vinh-danh`).
    pub honor_roll: String,
    /// Plain pages (`trang`); also their content folder.
    pub pages: String,
    /// The A–Z list (`a-z`).
    pub az: String,
    /// The photo gallery (`thu-vien-anh`).
    pub gallery: String,
}

impl Default for Paths {
    fn default() -> Self {
        Paths {
            models: "mo-hinh".into(),
            people: "ca-nhan".into(),
            provinces: "tinh".into(),
            periods: "giai-doan".into(),
            fields: "linh-vuc".into(),
            awards: "khen-thuong".into(),
            honor_roll: "vinh-danh".into(),
            pages: "trang".into(),
            az: "a-z".into(),
            gallery: "thu-vien-anh".into(),
        }
    }
}

/// Photo settings (used by the media stage).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Images {
    /// Widths of the resized variants, in pixels.
    pub widths: Vec<u32>,
    /// Encoder quality, 1–100.
    pub quality: u8,
    /// The cache of resized photos, relative to the site folder.
    pub cache_dir: String,
    /// Larger photos (in millions of pixels) are refused, so a hostile file cannot exhaust
    /// memory.
    pub max_megapixels: u32,
}

impl Default for Images {
    fn default() -> Self {
        Images {
            widths: vec![400, 800, 1600],
            quality: 80,
            cache_dir: ".bangvang-cache".into(),
            max_megapixels: 120,
        }
    }
}

/// The whole, validated site configuration.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Config {
    /// Site title.
    pub title: String,
    /// One-line description.
    pub description: String,
    /// Language code of the site (`vi`).
    pub language: String,
    /// Absolute URL of the site, ending in `/`; only sitemap and feed need it.
    pub base_url: Option<String>,
    /// Publisher line for the footer.
    pub publisher: Option<String>,
    /// Periods, in order.
    pub periods: Vec<Period>,
    /// Field vocabulary, in order.
    pub fields: Vec<Field>,
    /// Entries per list page.
    pub per_page: usize,
    /// Theme name.
    pub theme: String,
    /// URL path names.
    pub paths: Paths,
    /// Photo settings.
    pub images: Images,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            title: "Bảng vàng «Dân vận khéo»".into(),
            description: String::new(),
            language: "vi".into(),
            base_url: None,
            publisher: None,
            periods: ["2017-2020", "2021-2023"]
                .iter()
                .map(|p| period(p))
                .collect(),
            fields: DEFAULT_FIELDS
                .iter()
                .map(|(name, slug)| Field {
                    name: (*name).into(),
                    slug: (*slug).into(),
                })
                .collect(),
            per_page: 24,
            theme: "default".into(),
            paths: Paths::default(),
            images: Images::default(),
        }
    }
}

const DEFAULT_FIELDS: &[(&str, &str)] = &[
    ("Kinh tế", "kinh-te"),
    ("Văn hóa – xã hội", "van-hoa-xa-hoi"),
    ("Quốc phòng – an ninh", "quoc-phong-an-ninh"),
    ("Xây dựng hệ thống chính trị", "xay-dung-he-thong-chinh-tri"),
];

const TOP_KEYS: &[&str] = &[
    "title",
    "description",
    "language",
    "base_url",
    "publisher",
    "periods",
    "fields",
    "per_page",
    "theme",
    "paths",
    "images",
];

const PATH_KEYS: &[&str] = &[
    "models",
    "people",
    "provinces",
    "periods",
    "fields",
    "awards",
    "honor_roll",
    "pages",
    "az",
    "gallery",
];

fn period(name: &str) -> Period {
    Period {
        name: name.to_string(),
        slug: vi::slugify(name),
    }
}

impl Config {
    /// Reads `<root>/site.toml`: the config (defaults where a value was bad) and its problems,
    /// or, when there is no such file, the one diagnostic that says what to do.
    pub fn load(root: &Path) -> Result<(Config, Vec<Diagnostic>), Diagnostic> {
        let file = Path::new(CONFIG_FILE);
        match std::fs::read(root.join(CONFIG_FILE)) {
            Ok(bytes) => {
                let text = vi::nfc(&String::from_utf8_lossy(&bytes));
                Ok(Config::parse(file, &text))
            }
            Err(_) => {
                let dir = root.display().to_string();
                let msg = tr(Msg::ConfigNotFound, &[("dir", &dir)]);
                Err(Diagnostic::error(file, Pos::FILE, msg)
                    .suggest(tr(Msg::ConfigNotFoundHint, &[])))
            }
        }
    }

    /// Parses the text of a `site.toml`.
    pub fn parse(file: &Path, text: &str) -> (Config, Vec<Diagnostic>) {
        let mut r = Reader::new(file, text, 0);
        let mut config = Config::default();
        if let Some(table) = r.parse(text) {
            let table = table.into_inner();
            read_top(&mut r, &table, &mut config);
        }
        (config, r.finish())
    }

    /// The period with this name (as written in an entry).
    pub fn period_index(&self, name: &str) -> Option<usize> {
        if let Some(i) = self.periods.iter().position(|p| p.name == name) {
            return Some(i);
        }
        let key = vi::compare_key(&name.replace(['–', '—'], "-"));
        self.periods
            .iter()
            .position(|p| vi::compare_key(&p.name.replace(['–', '—'], "-")) == key)
    }

    /// The field with this name or slug.
    pub fn field_index(&self, name: &str) -> Option<usize> {
        if let Some(i) = self
            .fields
            .iter()
            .position(|f| f.name == name || f.slug == name)
        {
            return Some(i);
        }
        let key = vi::compare_key(name);
        self.fields
            .iter()
            .position(|f| vi::compare_key(&f.name) == key || f.slug == name)
    }
}

fn read_top(r: &mut Reader<'_>, t: &DeTable<'_>, c: &mut Config) {
    r.check_keys(t, TOP_KEYS);
    let text = |r: &mut Reader<'_>, key: &str| r.get::<String>(t, key).map(|a| a.value);
    if let Some(v) = text(r, "title") {
        c.title = v;
    }
    if let Some(v) = text(r, "description") {
        c.description = v;
    }
    if let Some(v) = text(r, "language") {
        c.language = v;
    }
    if let Some(v) = text(r, "theme") {
        c.theme = v;
    }
    c.publisher = text(r, "publisher").filter(|p| !p.is_empty());
    c.base_url = r.get::<String>(t, "base_url").and_then(|u| base_url(r, u));
    if let Some(n) = r.get::<i64>(t, "per_page") {
        match usize::try_from(n.value) {
            Ok(v @ 1..=1000) => c.per_page = v,
            _ => r.report(Diagnostic::error(
                r.file(),
                n.pos,
                tr(Msg::ConfigBadPerPage, &[]),
            )),
        }
    }
    if let Some(list) = r.get::<Vec<String>>(t, "periods") {
        read_periods(r, list, c);
    }
    if t.contains_key("fields") {
        c.fields = read_fields(r, t);
    }
    if let Some(paths) = r.table(t, "paths") {
        read_paths(r, paths, &mut c.paths);
    }
    if let Some(images) = r.table(t, "images") {
        read_images(r, images, &mut c.images);
    }
}

fn base_url(r: &mut Reader<'_>, u: At<String>) -> Option<String> {
    let v = u.value.trim();
    if v.is_empty() {
        return None;
    }
    if !(v.starts_with("https://") || v.starts_with("http://")) || v.contains(char::is_whitespace) {
        let d = Diagnostic::error(r.file(), u.pos, tr(Msg::ConfigBadBaseUrl, &[("value", &v)]))
            .suggest("base_url = \"https://ten-mien.gov.vn/bang-vang/\"");
        r.report(d);
        return None;
    }
    Some(if v.ends_with('/') {
        v.to_string()
    } else {
        format!("{v}/")
    })
}

fn read_periods(r: &mut Reader<'_>, list: At<Vec<String>>, c: &mut Config) {
    if list.value.is_empty() {
        r.report(Diagnostic::error(
            r.file(),
            list.pos,
            tr(Msg::ConfigNoPeriods, &[]),
        ));
        return;
    }
    let mut periods: Vec<Period> = Vec::new();
    for name in list.value {
        let p = period(&name);
        if p.slug.is_empty() || periods.iter().any(|q| q.slug == p.slug) {
            r.report(Diagnostic::error(
                r.file(),
                list.pos,
                tr(Msg::ConfigDuplicate, &[("name", &name)]),
            ));
            continue;
        }
        periods.push(p);
    }
    c.periods = periods;
}

fn read_fields(r: &mut Reader<'_>, t: &DeTable<'_>) -> Vec<Field> {
    let mut fields: Vec<Field> = Vec::new();
    // Plain names (`fields = ["Kinh tế", …]`) or tables (`{ name = …, slug = … }`).
    let plain = matches!(t.get("fields").map(|v| v.get_ref()), Some(DeValue::Array(a))
        if a.iter().all(|i| matches!(i.get_ref(), DeValue::String(_))));
    let items: Vec<(String, Option<String>, Pos)> = if plain {
        let list = r.get::<Vec<String>>(t, "fields");
        let pos = list.as_ref().map_or(Pos::FILE, |l| l.pos);
        list.map(|l| l.value)
            .unwrap_or_default()
            .into_iter()
            .map(|n| (n, None, pos))
            .collect()
    } else {
        let mut items = Vec::new();
        for (ft, pos) in r.tables(t, "fields") {
            r.check_keys(ft, &["name", "slug"]);
            let slug = r.get::<String>(ft, "slug").map(|s| s.value);
            if let Some(name) = r.required::<String>(ft, "name", pos, "name = \"Kinh tế\"") {
                items.push((name.value, slug, pos));
            }
        }
        items
    };
    for (name, slug, pos) in items {
        let slug = vi::slugify(slug.as_deref().unwrap_or(&name));
        if slug.is_empty() || fields.iter().any(|f| f.slug == slug) {
            r.report(Diagnostic::error(
                r.file(),
                pos,
                tr(Msg::ConfigDuplicate, &[("name", &name)]),
            ));
            continue;
        }
        fields.push(Field { name, slug });
    }
    fields
}

fn read_paths(r: &mut Reader<'_>, t: &DeTable<'_>, p: &mut Paths) {
    r.check_keys(t, PATH_KEYS);
    let slots: [(&str, &mut String); 10] = [
        ("models", &mut p.models),
        ("people", &mut p.people),
        ("provinces", &mut p.provinces),
        ("periods", &mut p.periods),
        ("fields", &mut p.fields),
        ("awards", &mut p.awards),
        ("honor_roll", &mut p.honor_roll),
        ("gallery", &mut p.gallery),
        ("pages", &mut p.pages),
        ("az", &mut p.az),
    ];
    for (key, slot) in slots {
        let Some(v) = r.get::<String>(t, key) else {
            continue;
        };
        if vi::slugify(&v.value) == v.value {
            *slot = v.value;
        } else {
            let d = Diagnostic::error(
                r.file(),
                v.pos,
                tr(Msg::ConfigBadPath, &[("value", &v.value)]),
            )
            .suggest(format!("{key} = \"{}\"", vi::slugify(&v.value)));
            r.report(d);
        }
    }
}

fn read_images(r: &mut Reader<'_>, t: &DeTable<'_>, images: &mut Images) {
    r.check_keys(t, &["widths", "quality", "cache_dir", "max_megapixels"]);
    if let Some(w) = r.get::<Vec<i64>>(t, "widths") {
        let widths: Vec<u32> = w
            .value
            .iter()
            .filter_map(|&x| u32::try_from(x).ok())
            .filter(|&x| (16..=8192).contains(&x))
            .collect();
        if widths.len() == w.value.len() && !widths.is_empty() {
            let mut widths = widths;
            widths.sort_unstable();
            widths.dedup();
            images.widths = widths;
        } else {
            let d = Diagnostic::error(r.file(), w.pos, tr(Msg::WrongType, &[("key", &"widths")]))
                .expected("[400, 800, 1600]");
            r.report(d);
        }
    }
    if let Some(q) = r.get::<i64>(t, "quality") {
        match u8::try_from(q.value) {
            Ok(v @ 1..=100) => images.quality = v,
            _ => r.report(
                Diagnostic::error(r.file(), q.pos, tr(Msg::WrongType, &[("key", &"quality")]))
                    .expected("1–100"),
            ),
        }
    }
    if let Some(dir) = r.get::<String>(t, "cache_dir") {
        if dir.value.trim().is_empty() {
            let msg = tr(Msg::WrongType, &[("key", &"cache_dir")]);
            r.report(Diagnostic::error(r.file(), dir.pos, msg).expected("\".bangvang-cache\""));
        } else {
            images.cache_dir = dir.value;
        }
    }
    if let Some(m) = r.get::<i64>(t, "max_megapixels") {
        match u32::try_from(m.value) {
            Ok(v @ 1..=1000) => images.max_megapixels = v,
            _ => {
                let msg = tr(Msg::WrongType, &[("key", &"max_megapixels")]);
                r.report(Diagnostic::error(r.file(), m.pos, msg).expected("1–1000"));
            }
        }
    }
}

#[cfg(test)]
mod tests;
