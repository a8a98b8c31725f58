//! Load: reads the `content/` tree — models, people, plain pages, the home text and data files —
//! in parallel, into typed but not yet validated values ([`Content`]).
//!
//! Parsing problems (syntax, unknown keys, wrong types, missing keys, empty files) become
//! diagnostics here; meaning (provinces, fields, periods, photos) is checked by `validate`.

mod frontmatter;
pub mod reports;

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Pos};
use crate::messages::{Msg, tr};
use crate::vi;

pub use frontmatter::{
    Details, FrontMatter, PageMatter, RawAward, RawPhoto, RawResult, group_thousands,
};
pub use reports::RawReport;

/// The content folder, relative to the site root.
pub const CONTENT_DIR: &str = "content";

/// The two kinds of entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A collective's model (mô hình).
    Model,
    /// An exemplary individual (cá nhân điển hình).
    Person,
}

/// One entry file, parsed.
#[derive(Debug, Clone)]
pub struct RawEntry {
    /// Model or person (from its folder).
    pub kind: Kind,
    /// URL slug, from the file or folder name.
    pub slug: String,
    /// The Markdown file, relative to the site root.
    pub source: PathBuf,
    /// The folder photo paths are relative to (absolute).
    pub dir: PathBuf,
    /// The front matter.
    pub matter: FrontMatter,
    /// The Markdown story.
    pub body: String,
}

/// A plain page (`content/trang/…`) or the home text (`content/_index.md`).
#[derive(Debug, Clone)]
pub struct RawPage {
    /// URL slug (empty for the home text).
    pub slug: String,
    /// The file, relative to the site root.
    pub source: PathBuf,
    /// The front matter.
    pub matter: PageMatter,
    /// The Markdown body.
    pub body: String,
}

/// Everything read from `content/`.
#[derive(Debug, Clone, Default)]
pub struct Content {
    /// Models and people, in file-path order.
    pub entries: Vec<RawEntry>,
    /// Plain pages.
    pub pages: Vec<RawPage>,
    /// The home text, if any.
    pub home: Option<RawPage>,
    /// Campaign figures.
    pub reports: Vec<RawReport>,
}

/// A Markdown file found in the tree, not yet read.
struct Found {
    kind: Option<Kind>,
    slug: String,
    path: PathBuf,
    dir: PathBuf,
}

/// Reads the content tree under `root`. Never fails: problems come back as diagnostics.
pub fn load(root: &Path, config: &Config) -> (Content, Vec<Diagnostic>) {
    let content = root.join(CONTENT_DIR);
    let mut diags = Vec::new();
    let mut found = Vec::new();
    for (kind, dir) in [
        (Some(Kind::Model), &config.paths.models),
        (Some(Kind::Person), &config.paths.people),
        (None, &config.paths.pages),
    ] {
        found.extend(discover(root, &content.join(dir), kind, &mut diags));
    }
    let parsed: Vec<(Parsed, Vec<Diagnostic>)> =
        found.par_iter().map(|f| read_one(root, f)).collect();
    let mut out = Content::default();
    for (item, ds) in parsed {
        diags.extend(ds);
        match item {
            Parsed::Entry(e) => out.entries.push(*e),
            Parsed::Page(p) => out.pages.push(p),
            Parsed::Nothing => {}
        }
    }
    let home_path = content.join("_index.md");
    if home_path.is_file() {
        let f = Found {
            kind: None,
            slug: String::new(),
            path: home_path,
            dir: content.clone(),
        };
        let (item, ds) = read_one(root, &f);
        diags.extend(ds);
        if let Parsed::Page(p) = item {
            out.home = Some(p);
        }
    }
    let (reports, ds) = reports::load(root, &content.join("_data").join("reports.toml"));
    out.reports = reports;
    diags.extend(ds);
    (out, diags)
}

/// Lists the entry files of one section folder: `x.md` files and `x/index.md` bundles.
fn discover(
    root: &Path,
    dir: &Path,
    kind: Option<Kind>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Found> {
    let mut out = Vec::new();
    let walker = walkdir::WalkDir::new(dir)
        .min_depth(1)
        .max_depth(1)
        .sort_by_file_name();
    for item in walker.into_iter().filter_map(Result::ok) {
        let path = item.path();
        let name = item.file_name().to_string_lossy();
        if name.starts_with('.') || name.starts_with('_') {
            continue;
        }
        let (stem, file) = if item.file_type().is_dir() {
            let index = path.join("index.md");
            if !index.is_file() {
                if kind.is_some() {
                    let rel = relative(root, path);
                    diags.push(
                        Diagnostic::warning(
                            &rel,
                            Pos::FILE,
                            tr(Msg::StrayFile, &[("name", &name)]),
                        )
                        .suggest(tr(Msg::NoFrontMatterHint, &[])),
                    );
                }
                continue;
            }
            (name.to_string(), index)
        } else if let Some(stem) = name.strip_suffix(".md") {
            (stem.to_string(), path.to_path_buf())
        } else {
            continue; // photos beside single-file entries
        };
        let slug = vi::slugify(&vi::nfc(&stem));
        let dir = file
            .parent()
            .map_or_else(|| dir.to_path_buf(), Path::to_path_buf);
        if slug.is_empty() {
            let rel = relative(root, &file);
            diags.push(Diagnostic::error(
                &rel,
                Pos::FILE,
                tr(Msg::EmptySlug, &[("name", &stem)]),
            ));
            continue;
        }
        out.push(Found {
            kind,
            slug,
            path: file,
            dir,
        });
    }
    out
}

/// A path relative to the site root, for messages.
pub fn relative(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root)
        .map_or_else(|_| path.to_path_buf(), Path::to_path_buf)
}

enum Parsed {
    Entry(Box<RawEntry>),
    Page(RawPage),
    Nothing,
}

fn read_one(root: &Path, f: &Found) -> (Parsed, Vec<Diagnostic>) {
    let rel = relative(root, &f.path);
    let text = match std::fs::read(&f.path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(t) => vi::nfc(t.strip_prefix('\u{feff}').unwrap_or(&t)),
            Err(_) => {
                return (
                    Parsed::Nothing,
                    vec![Diagnostic::error(&rel, Pos::FILE, tr(Msg::NotUtf8, &[]))],
                );
            }
        },
        Err(e) => {
            let d = Diagnostic::error(&rel, Pos::FILE, tr(Msg::ReadFailed, &[("detail", &e)]));
            return (Parsed::Nothing, vec![d]);
        }
    };
    match f.kind {
        Some(kind) => {
            let (matter, body, diags) = frontmatter::read_entry(&rel, &text, kind);
            let entry = matter.map(|matter| RawEntry {
                kind,
                slug: f.slug.clone(),
                source: rel,
                dir: f.dir.clone(),
                matter,
                body,
            });
            (
                entry.map_or(Parsed::Nothing, |e| Parsed::Entry(Box::new(e))),
                diags,
            )
        }
        None => {
            let (matter, body, diags) = frontmatter::read_page(&rel, &text);
            let page = matter.map(|matter| RawPage {
                slug: f.slug.clone(),
                source: rel,
                matter,
                body,
            });
            (page.map_or(Parsed::Nothing, Parsed::Page), diags)
        }
    }
}
