//! Validate: checks the meaning of what `content` read — provinces through the gazetteer, fields
//! and periods against `site.toml`, statuses, photo paths, slug clashes — and builds the
//! immutable [`Site`] every later stage works from. Drafts and `[private]` data stop here.

mod photos;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::content::{Content, Details, Kind, RawAward, RawEntry, RawPage, RawResult};
use crate::diagnostic::{Diagnostic, Pos};
use crate::gazetteer::{self, ProvinceId, Resolution};
use crate::messages::{Msg, tr};
use crate::schema::{At, Date};
use crate::vi;

pub use photos::Photo;

/// Index of an entry in [`Site::entries`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub struct EntryId(pub u32);

/// Where an entry stands in the emulation process.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Registered (đăng ký).
    Registered,
    /// Recognised (công nhận).
    Recognised,
    /// Commended (khen thưởng, biểu dương).
    Commended,
}

impl Status {
    const ALL: [(Status, &'static str, &'static [&'static str]); 3] = [
        (
            Status::Registered,
            "registered",
            &["dang ky", "đăng ký", "registered"],
        ),
        (
            Status::Recognised,
            "recognised",
            &["cong nhan", "công nhận", "recognised", "recognized"],
        ),
        (
            Status::Commended,
            "commended",
            &[
                "khen thuong",
                "khen thưởng",
                "bieu duong",
                "biểu dương",
                "tuyen duong",
                "commended",
            ],
        ),
    ];

    fn parse(s: &str) -> Option<Status> {
        let key = vi::search_fold(s);
        Self::ALL
            .iter()
            .find(|(_, _, names)| names.iter().any(|n| vi::search_fold(n) == key))
            .map(|(st, _, _)| *st)
    }

    /// The key used in front matter and in theme strings (`status_commended`).
    pub fn key(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(s, _, _)| *s == self)
            .map_or("registered", |(_, k, _)| k)
    }
}

/// A validated model or person, ready to publish.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Model or person.
    pub kind: Kind,
    /// URL slug, unique within its kind.
    pub slug: String,
    /// Source file, relative to the root.
    pub source: PathBuf,
    /// Model title or person's name.
    pub title: String,
    /// Owner, organization, position, unit, model, district.
    pub details: Details,
    /// The province as named (it knows today's province).
    pub province: ProvinceId,
    /// Index into `Config::periods`.
    pub period: usize,
    /// Indexes into `Config::fields`, without repeats.
    pub fields: Vec<usize>,
    /// Status.
    pub status: Status,
    /// Date of recognition or report.
    pub date: Option<Date>,
    /// Summary for cards.
    pub summary: Option<String>,
    /// On the home page.
    pub featured: bool,
    /// A draft (only present when drafts are built).
    pub draft: bool,
    /// Keywords.
    pub tags: Vec<String>,
    /// Results.
    pub results: Vec<RawResult>,
    /// Commendations.
    pub awards: Vec<RawAward>,
    /// Cover photo or portrait.
    pub cover: Option<Photo>,
    /// Gallery photos.
    pub photos: Vec<Photo>,
    /// Markdown story.
    pub body: String,
}

/// A validated plain page.
#[derive(Debug, Clone)]
pub struct Page {
    /// URL slug (empty for the home text).
    pub slug: String,
    /// Source file.
    pub source: PathBuf,
    /// Title.
    pub title: String,
    /// Description.
    pub description: Option<String>,
    /// Menu order.
    pub weight: i64,
    /// Markdown body.
    pub body: String,
}

/// Campaign figures for one province and period.
#[derive(Debug, Clone)]
pub struct Report {
    /// Province as named.
    pub province: ProvinceId,
    /// Index into `Config::periods`.
    pub period: usize,
    /// Figures, keyed as `content::reports::FIGURES`.
    pub figures: Vec<(&'static str, i64)>,
    /// Source of the figures.
    pub source_note: Option<String>,
    /// Remark.
    pub note: Option<String>,
}

impl Report {
    /// The figure named `key` (one of `content::reports::FIGURES`), if the report gives it.
    pub fn figure(&self, key: &str) -> Option<i64> {
        self.figures
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| *v)
    }
}

/// The whole validated site: what every later stage reads, and never changes.
#[derive(Debug, Clone)]
pub struct Site {
    /// Settings.
    pub config: Config,
    /// Published entries (drafts only with `--drafts`), ordered by source path.
    pub entries: Vec<Entry>,
    /// Plain pages, by weight then title.
    pub pages: Vec<Page>,
    /// Home text.
    pub home: Option<Page>,
    /// Campaign figures.
    pub reports: Vec<Report>,
}

impl Site {
    /// The entry with this id.
    pub fn entry(&self, id: EntryId) -> &Entry {
        &self.entries[id.0 as usize]
    }

    /// All ids, in order.
    pub fn ids(&self) -> impl Iterator<Item = EntryId> + '_ {
        (0..self.entries.len()).map(|i| EntryId(i as u32))
    }
}

/// Checks `content` and builds the [`Site`]; also returns every problem found.
pub fn validate(
    root: &Path,
    config: Config,
    content: Content,
    drafts: bool,
) -> (Site, Vec<Diagnostic>) {
    let content_dir = photos::ContentDir::new(root.join(crate::content::CONTENT_DIR));
    let mut diags = Vec::new();
    check_slug_clashes(&content.entries, &mut diags);
    let mut entries = Vec::with_capacity(content.entries.len());
    for raw in content.entries {
        let mut ds = Vec::new();
        if let Some(e) = entry(&config, &content_dir, raw, &mut ds)
            && (drafts || !e.draft)
        {
            entries.push(e);
        }
        diags.extend(ds);
    }
    let pages = pages(content.pages, drafts);
    let home = content.home.map(page);
    let reports = reports(&config, content.reports, &mut diags);
    (
        Site {
            config,
            entries,
            pages,
            home,
            reports,
        },
        diags,
    )
}

fn check_slug_clashes(entries: &[RawEntry], diags: &mut Vec<Diagnostic>) {
    let mut seen: BTreeMap<(Kind, &str), &Path> = BTreeMap::new();
    for e in entries {
        if let Some(first) = seen.insert((e.kind, &e.slug), &e.source) {
            for (file, other) in [
                (first, &e.source),
                (e.source.as_path(), &first.to_path_buf()),
            ] {
                let other = other.display().to_string();
                let d = Diagnostic::error(
                    file,
                    Pos::FILE,
                    tr(Msg::DuplicateSlug, &[("slug", &e.slug), ("other", &other)]),
                )
                .suggest(tr(Msg::DuplicateSlugHint, &[]));
                diags.push(d);
            }
        }
    }
}

fn entry(
    config: &Config,
    content_dir: &photos::ContentDir,
    raw: RawEntry,
    diags: &mut Vec<Diagnostic>,
) -> Option<Entry> {
    let file = raw.source.clone();
    let m = raw.matter;
    let province = m.province.and_then(|p| province(&file, p, diags));
    let period = m.period.and_then(|p| period(config, &file, p, diags));
    let fields = m.fields.map(|f| fields(config, &file, f, diags));
    let status = match m.status {
        Some(s) => status(&file, s, diags),
        None => Some(Status::Registered),
    };
    let photos = photos::check_all(&file, &raw.dir, content_dir, &m.photos, diags);
    let cover = m
        .cover
        .and_then(|c| photos::check_cover(&file, &raw.dir, content_dir, &c, &photos, diags));
    Some(Entry {
        kind: raw.kind,
        slug: raw.slug,
        source: raw.source,
        title: m.title?.value,
        details: m.details,
        province: province?,
        period: period?,
        fields: fields??,
        status: status?,
        date: m.date.map(|d| d.value),
        summary: m.summary,
        featured: m.featured,
        draft: m.draft,
        tags: m.tags,
        results: m.results,
        awards: m.awards,
        cover: cover.or_else(|| photos.first().cloned()),
        photos,
        body: raw.body,
    })
}

fn province(file: &Path, p: At<String>, diags: &mut Vec<Diagnostic>) -> Option<ProvinceId> {
    let g = gazetteer::embedded();
    let name = &p.value;
    let names = |ids: &[ProvinceId]| {
        ids.iter()
            .map(|&id| g.province(id).name.as_str())
            .collect::<Vec<_>>()
    };
    match g.resolve(name) {
        Resolution::Exact(id) | Resolution::Alias(id) => Some(id),
        Resolution::WithoutDiacritics(id) => {
            let proper = &g.province(id).name;
            let d = Diagnostic::warning(
                file,
                p.pos,
                tr(
                    Msg::ProvinceWithoutDiacritics,
                    &[("name", name), ("proper", proper)],
                ),
            )
            .suggest(format!("province = \"{proper}\""));
            diags.push(d);
            Some(id)
        }
        Resolution::Ambiguous(ids) => {
            let d = Diagnostic::error(file, p.pos, tr(Msg::AmbiguousProvince, &[("name", name)]))
                .did_you_mean(&names(&ids));
            diags.push(d);
            None
        }
        Resolution::Unknown { suggestions } => {
            let d = Diagnostic::error(file, p.pos, tr(Msg::UnknownProvince, &[("name", name)]))
                .expected(tr(Msg::UnknownProvinceExpected, &[]))
                .did_you_mean(&names(&suggestions));
            diags.push(d);
            None
        }
    }
}

fn period(
    config: &Config,
    file: &Path,
    p: At<String>,
    diags: &mut Vec<Diagnostic>,
) -> Option<usize> {
    let found = config.period_index(&p.value);
    if found.is_none() {
        let names: Vec<&str> = config.periods.iter().map(|p| p.name.as_str()).collect();
        let d = Diagnostic::error(file, p.pos, tr(Msg::UnknownPeriod, &[("name", &p.value)]))
            .expected(tr(Msg::ExpectOneOf, &[("list", &names.join(", "))]))
            .did_you_mean(&vi::suggest(&p.value, names.iter().copied()));
        diags.push(d);
    }
    found
}

fn fields(
    config: &Config,
    file: &Path,
    f: At<Vec<String>>,
    diags: &mut Vec<Diagnostic>,
) -> Option<Vec<usize>> {
    if f.value.is_empty() {
        diags.push(
            Diagnostic::error(file, f.pos, tr(Msg::NoFields, &[]))
                .suggest("fields = [\"Kinh tế\"]"),
        );
        return None;
    }
    let names: Vec<&str> = config.fields.iter().map(|f| f.name.as_str()).collect();
    let mut out = Vec::new();
    let mut ok = true;
    for name in &f.value {
        match config.field_index(name) {
            Some(i) if !out.contains(&i) => out.push(i),
            Some(_) => {}
            None => {
                ok = false;
                let d = Diagnostic::error(file, f.pos, tr(Msg::UnknownField, &[("name", name)]))
                    .expected(tr(Msg::ExpectOneOf, &[("list", &names.join(", "))]))
                    .did_you_mean(&vi::suggest(name, names.iter().copied()));
                diags.push(d);
            }
        }
    }
    ok.then_some(out)
}

fn status(file: &Path, s: At<String>, diags: &mut Vec<Diagnostic>) -> Option<Status> {
    let found = Status::parse(&s.value);
    if found.is_none() {
        let keys: Vec<&str> = Status::ALL.iter().map(|(_, k, _)| *k).collect();
        let d = Diagnostic::error(file, s.pos, tr(Msg::UnknownStatus, &[("name", &s.value)]))
            .expected(tr(Msg::ExpectOneOf, &[("list", &keys.join(", "))]))
            .did_you_mean(&vi::suggest(&s.value, keys.iter().copied()));
        diags.push(d);
    }
    found
}

fn page(raw: RawPage) -> Page {
    Page {
        title: raw
            .matter
            .title
            .unwrap_or_else(|| raw.slug.replace('-', " ")),
        slug: raw.slug,
        source: raw.source,
        description: raw.matter.description,
        weight: raw.matter.weight,
        body: raw.body,
    }
}

fn pages(raw: Vec<RawPage>, drafts: bool) -> Vec<Page> {
    let coll = vi::Collator::new();
    let mut out: Vec<Page> = raw
        .into_iter()
        .filter(|p| drafts || !p.matter.draft)
        .map(page)
        .collect();
    out.sort_by(|a, b| {
        a.weight
            .cmp(&b.weight)
            .then_with(|| coll.compare(&a.title, &b.title))
    });
    out
}

fn reports(
    config: &Config,
    raw: Vec<crate::content::RawReport>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Report> {
    let mut out = Vec::new();
    for r in raw {
        let province = province(&r.source, r.province, diags);
        let period = config.period_index(&r.period.value);
        if period.is_none() {
            let d = Diagnostic::error(
                &r.source,
                r.period.pos,
                tr(Msg::ReportUnknownPeriod, &[("name", &r.period.value)]),
            );
            diags.push(d);
        }
        if let (Some(province), Some(period)) = (province, period) {
            out.push(Report {
                province,
                period,
                figures: r.figures,
                source_note: r.source_note,
                note: r.note,
            });
        }
    }
    out
}
