//! Splits a Markdown file into its `+++` TOML front matter and body, and reads the front matter
//! of entries and pages into typed values with positions.

use std::path::Path;

use toml::de::DeTable;

use super::Kind;
use crate::diagnostic::{Diagnostic, Pos};
use crate::messages::{Msg, tr};
use crate::schema::{At, Date, Reader};

/// Keys of a model's front matter.
pub(super) const MODEL_KEYS: &[&str] = &[
    "title",
    "owner",
    "organization",
    "province",
    "district",
    "period",
    "fields",
    "status",
    "date",
    "summary",
    "cover",
    "featured",
    "draft",
    "tags",
    "results",
    "awards",
    "photos",
    "private",
];

/// Keys of a person's front matter.
pub(super) const PERSON_KEYS: &[&str] = &[
    "name",
    "position",
    "unit",
    "organization",
    "model",
    "province",
    "district",
    "period",
    "fields",
    "status",
    "date",
    "summary",
    "portrait",
    "featured",
    "draft",
    "tags",
    "results",
    "awards",
    "photos",
    "private",
];

const PAGE_KEYS: &[&str] = &["title", "description", "weight", "draft"];
const RESULT_KEYS: &[&str] = &["label", "value", "unit"];
const AWARD_KEYS: &[&str] = &["form", "issuer", "decision", "date", "note"];
const PHOTO_KEYS: &[&str] = &["file", "caption", "credit", "alt"];

/// The front matter of a model or a person.
#[derive(Debug, Clone, Default)]
pub struct FrontMatter {
    /// Owner, organization, position, unit, model, district.
    pub details: Details,
    /// `title` of a model, `name` of a person.
    pub title: Option<At<String>>,
    /// Province as written.
    pub province: Option<At<String>>,
    /// Period as written.
    pub period: Option<At<String>>,
    /// Fields as written, each with its place.
    pub fields: Option<At<Vec<String>>>,
    /// Status as written.
    pub status: Option<At<String>>,
    /// Date of recognition or report.
    pub date: Option<At<Date>>,
    /// Short summary for cards.
    pub summary: Option<String>,
    /// Cover photo (models) or portrait (people).
    pub cover: Option<At<String>>,
    /// Shown on the home page.
    pub featured: bool,
    /// Kept out of the published site.
    pub draft: bool,
    /// Free keywords.
    pub tags: Vec<String>,
    /// Measurable results.
    pub results: Vec<RawResult>,
    /// Commendations.
    pub awards: Vec<RawAward>,
    /// Photos.
    pub photos: Vec<RawPhoto>,
}

/// The descriptive lines of an entry, as written: who runs a model, or who a person is.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Details {
    /// The collective that runs a model.
    pub owner: Option<String>,
    /// The Party organisation it reports to.
    pub organization: Option<String>,
    /// A person's position.
    pub position: Option<String>,
    /// A person's unit.
    pub unit: Option<String>,
    /// The title of the model a person registered.
    pub model: Option<String>,
    /// District or commune, free text.
    pub district: Option<String>,
}

/// One `[[results]]` item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawResult {
    /// What was measured.
    pub label: String,
    /// The figure, as text (`1.061`).
    pub value: String,
    /// Its unit, if any.
    pub unit: Option<String>,
}

/// One `[[awards]]` item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawAward {
    /// Form (Giấy khen, Bằng khen, …).
    pub form: String,
    /// Who gave it.
    pub issuer: Option<String>,
    /// Decision number, as text.
    pub decision: Option<String>,
    /// Date of the decision.
    pub date: Option<Date>,
    /// A note.
    pub note: Option<String>,
}

/// One `[[photos]]` item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawPhoto {
    /// Path relative to the entry, with its place.
    pub file: At<String>,
    /// Caption (also the alt text).
    pub caption: Option<String>,
    /// Photographer or source.
    pub credit: Option<String>,
}

/// The front matter of a plain page or of the home text.
#[derive(Debug, Clone, Default)]
pub struct PageMatter {
    /// Title.
    pub title: Option<String>,
    /// Description for the page head.
    pub description: Option<String>,
    /// Order in menus (lower first).
    pub weight: i64,
    /// Kept out of the published site.
    pub draft: bool,
}

/// The front matter text, its byte offset in the file, and the body.
struct Split<'t> {
    toml: &'t str,
    offset: usize,
    body: &'t str,
}

fn split<'t>(file: &Path, text: &'t str) -> Result<Split<'t>, Diagnostic> {
    if text.trim().is_empty() {
        return Err(Diagnostic::error(file, Pos::FILE, tr(Msg::EmptyFile, &[]))
            .suggest(tr(Msg::NoFrontMatterHint, &[])));
    }
    let first_end = text.find('\n').unwrap_or(text.len());
    if text[..first_end].trim_end() != "+++" {
        return Err(
            Diagnostic::error(file, Pos { line: 1, col: 1 }, tr(Msg::NoFrontMatter, &[]))
                .suggest(tr(Msg::NoFrontMatterHint, &[])),
        );
    }
    let offset = (first_end + 1).min(text.len());
    let rest = &text[offset..];
    let mut at = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "+++" {
            let body = &rest[at + line.len()..];
            return Ok(Split {
                toml: &rest[..at],
                offset,
                body,
            });
        }
        at += line.len();
    }
    Err(Diagnostic::error(
        file,
        Pos { line: 1, col: 1 },
        tr(Msg::UnclosedFrontMatter, &[]),
    )
    .suggest(tr(Msg::UnclosedFrontMatterHint, &[])))
}

/// Reads an entry file: its front matter (if it parsed) and body, with every problem.
pub(super) fn read_entry(
    file: &Path,
    text: &str,
    kind: Kind,
) -> (Option<FrontMatter>, String, Vec<Diagnostic>) {
    let s = match split(file, text) {
        Ok(s) => s,
        Err(d) => return (None, String::new(), vec![d]),
    };
    let mut r = Reader::new(file, text, s.offset);
    let matter = r
        .parse(s.toml)
        .map(|t| read_matter(&mut r, &t.into_inner(), kind));
    (matter, s.body.to_string(), r.finish())
}

/// Reads a plain page or the home text.
pub(super) fn read_page(file: &Path, text: &str) -> (Option<PageMatter>, String, Vec<Diagnostic>) {
    let s = match split(file, text) {
        Ok(s) => s,
        Err(d) => return (None, String::new(), vec![d]),
    };
    let mut r = Reader::new(file, text, s.offset);
    let matter = r.parse(s.toml).map(|t| {
        let t = t.into_inner();
        r.check_keys(&t, PAGE_KEYS);
        PageMatter {
            title: r.get::<String>(&t, "title").map(|a| a.value),
            description: r.get::<String>(&t, "description").map(|a| a.value),
            weight: r.get::<i64>(&t, "weight").map_or(0, |a| a.value),
            draft: r.get::<bool>(&t, "draft").is_some_and(|a| a.value),
        }
    });
    (matter, s.body.to_string(), r.finish())
}

fn read_matter(r: &mut Reader<'_>, t: &DeTable<'_>, kind: Kind) -> FrontMatter {
    let top = Pos { line: 1, col: 1 };
    check_entry_keys(r, t, kind);
    let text = |r: &mut Reader<'_>, key: &str| {
        r.get::<String>(t, key)
            .map(|a| a.value)
            .filter(|v| !v.is_empty())
    };
    let (title_key, title_example, cover_key) = match kind {
        Kind::Model => ("title", "title = \"Tên mô hình\"", "cover"),
        Kind::Person => ("name", "name = \"Nguyễn Văn A\"", "portrait"),
    };
    let title = r.required::<String>(t, title_key, top, title_example);
    if let Some(t) = title.as_ref().filter(|t| t.value.is_empty()) {
        r.report(Diagnostic::error(
            r.file(),
            t.pos,
            tr(Msg::EmptyValue, &[("key", &title_key)]),
        ));
    }
    FrontMatter {
        title: title.filter(|t| !t.value.is_empty()),
        details: Details {
            owner: text(r, "owner"),
            organization: text(r, "organization"),
            position: text(r, "position"),
            unit: text(r, "unit"),
            model: text(r, "model"),
            district: text(r, "district"),
        },
        province: r.required(t, "province", top, "province = \"Lạng Sơn\""),
        period: r.required(t, "period", top, "period = \"2021-2023\""),
        fields: r.required(t, "fields", top, "fields = [\"Kinh tế\"]"),
        status: r.get(t, "status"),
        date: r.get(t, "date"),
        summary: text(r, "summary"),
        cover: r.get(t, cover_key),
        featured: r.get::<bool>(t, "featured").is_some_and(|a| a.value),
        draft: r.get::<bool>(t, "draft").is_some_and(|a| a.value),
        tags: r
            .get::<Vec<String>>(t, "tags")
            .map(|a| a.value)
            .unwrap_or_default(),
        results: read_results(r, t),
        awards: read_awards(r, t),
        photos: read_photos(r, t),
    }
}

/// Unknown keys; a key of the other kind (`name` in a model) gets its own message.
fn check_entry_keys(r: &mut Reader<'_>, t: &DeTable<'_>, kind: Kind) {
    let (own, other, other_name) = match kind {
        Kind::Model => (MODEL_KEYS, PERSON_KEYS, "cá nhân (ca-nhan/)"),
        Kind::Person => (PERSON_KEYS, MODEL_KEYS, "mô hình (mo-hinh/)"),
    };
    let mut unknown = DeTable::new();
    for (key, value) in t.iter() {
        let name = key.get_ref().as_ref();
        if own.contains(&name) {
            continue;
        }
        if other.contains(&name) {
            let twin = match name {
                "title" => Some("name"),
                "name" => Some("title"),
                "cover" => Some("portrait"),
                "portrait" => Some("cover"),
                "owner" => Some("unit"),
                _ => None,
            };
            let mut d = Diagnostic::error(
                r.file(),
                r.pos(key.span()),
                tr(
                    Msg::KeyForOtherKind,
                    &[("key", &name), ("kind", &other_name)],
                ),
            );
            if let Some(twin) = twin {
                d = d.did_you_mean(&[twin]);
            }
            r.report(d);
        } else {
            unknown.insert(key.clone(), value.clone());
        }
    }
    r.check_keys(&unknown, own);
    if let Some(private) = t.get("private")
        && !private.get_ref().is_table()
    {
        r.table(t, "private");
    }
}

fn read_results(r: &mut Reader<'_>, t: &DeTable<'_>) -> Vec<RawResult> {
    let mut out = Vec::new();
    for (item, pos) in r.tables(t, "results") {
        r.check_keys(item, RESULT_KEYS);
        let label = r.required::<String>(item, "label", pos, "label = \"Hộ thoát nghèo\"");
        let value = match item.get("value").map(|v| v.get_ref().is_integer()) {
            Some(true) => r
                .get::<i64>(item, "value")
                .map(|v| group_thousands(v.value)),
            _ => r
                .required::<String>(item, "value", pos, "value = \"23\"")
                .map(|v| v.value),
        };
        let unit = r
            .get::<String>(item, "unit")
            .map(|a| a.value)
            .filter(|u| !u.is_empty());
        if let (Some(label), Some(value)) = (label, value) {
            out.push(RawResult {
                label: label.value,
                value,
                unit,
            });
        }
    }
    out
}

/// `1061` → `1.061`, the Vietnamese way.
pub fn group_thousands(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    if n < 0 { format!("-{out}") } else { out }
}

fn read_awards(r: &mut Reader<'_>, t: &DeTable<'_>) -> Vec<RawAward> {
    let mut out = Vec::new();
    for (item, pos) in r.tables(t, "awards") {
        r.check_keys(item, AWARD_KEYS);
        let form = r.required::<String>(item, "form", pos, "form = \"Giấy khen\"");
        let text = |r: &mut Reader<'_>, key: &str| {
            r.get::<String>(item, key)
                .map(|a| a.value)
                .filter(|v| !v.is_empty())
        };
        let award = RawAward {
            form: String::new(),
            issuer: text(r, "issuer"),
            decision: text(r, "decision"),
            date: r.get::<Date>(item, "date").map(|a| a.value),
            note: text(r, "note"),
        };
        if let Some(form) = form.filter(|f| !f.value.is_empty()) {
            out.push(RawAward {
                form: form.value,
                ..award
            });
        }
    }
    out
}

fn read_photos(r: &mut Reader<'_>, t: &DeTable<'_>) -> Vec<RawPhoto> {
    let mut out = Vec::new();
    for (item, pos) in r.tables(t, "photos") {
        r.check_keys(item, PHOTO_KEYS);
        let file = r.required::<String>(item, "file", pos, "file = \"anh-1.jpg\"");
        let caption = r
            .get::<String>(item, "caption")
            .or_else(|| r.get::<String>(item, "alt"))
            .map(|a| a.value);
        let credit = r.get::<String>(item, "credit").map(|a| a.value);
        if let Some(file) = file {
            out.push(RawPhoto {
                file,
                caption: caption.filter(|c| !c.is_empty()),
                credit: credit.filter(|c| !c.is_empty()),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests;
