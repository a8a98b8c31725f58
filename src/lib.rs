//! bangvang: a static-site generator for Vietnamese «Dân vận khéo» honor rolls.
//!
//! The data flow, one module per stage, each taking an immutable value and handing on the next:
//! `config` → `content` (load) → `validate` → `index` → `media` → `render` → `output`.
//! [`build`] runs them all; the CLI, the tests and the benchmarks call the same function.

#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod config;
pub mod content;
pub mod diagnostic;
pub mod gazetteer;
pub mod index;
pub mod media;
pub mod messages;
pub mod output;
pub mod render;
pub mod scaffold;
pub mod schema;
pub mod validate;
pub mod vi;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

pub use config::Config;
pub use diagnostic::{Diagnostic, Severity};
pub use validate::Site;

use index::Indexes;
use media::Media;
use messages::{Msg, tr};

/// What to build and how.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The site folder (holds `site.toml`).
    pub root: PathBuf,
    /// Output folder; default `<root>/public`.
    pub output: Option<PathBuf>,
    /// Links end in `index.html`, so the site works opened from a folder.
    pub offline: bool,
    /// Include entries and pages marked `draft = true`.
    pub drafts: bool,
}

impl BuildOptions {
    /// Options for the site at `root`, with defaults.
    pub fn new(root: impl Into<PathBuf>) -> Self {
        BuildOptions {
            root: root.into(),
            output: None,
            offline: false,
            drafts: false,
        }
    }

    /// The output folder.
    pub fn output_dir(&self) -> PathBuf {
        self.output
            .clone()
            .unwrap_or_else(|| self.root.join("public"))
    }
}

/// What a successful build did.
#[derive(Debug, Clone)]
pub struct BuildReport {
    /// Published entries.
    pub entries: usize,
    /// HTML pages written.
    pub pages: usize,
    /// Files written in all.
    pub files: usize,
    /// Photos published.
    pub photos: usize,
    /// Where.
    pub output: PathBuf,
    /// Warnings (the build still succeeded).
    pub warnings: Vec<Diagnostic>,
    /// Wall time.
    pub elapsed: Duration,
}

/// Why a build failed. The previous output is untouched in every case.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// The site's files have problems (all of them, sorted; warnings included).
    #[error("{} lỗi", .0.iter().filter(|d| d.is_error()).count())]
    Problems(Vec<Diagnostic>),
    /// The output could not be written.
    #[error("{0}")]
    Write(#[from] output::WriteError),
}

/// Everything up to rendering: the validated site, its indexes and theme.
struct Prepared {
    site: Site,
    idx: Indexes,
    theme: render::theme::Theme,
    media: Media,
    warnings: Vec<Diagnostic>,
}

fn prepare(root: &Path, drafts: bool) -> Result<Prepared, BuildError> {
    let (config, mut diags) = Config::load(root);
    if diags
        .iter()
        .any(|d| d.is_error() && d.line == 0 && d.file == Path::new(config::CONFIG_FILE))
    {
        return Err(BuildError::Problems(diags));
    }
    let theme = render::theme::load(root, &config);
    let (content, ds) = content::load(root, &config);
    diags.extend(ds);
    let (site, ds) = validate::validate(root, config, content, drafts);
    diags.extend(ds);
    let theme = match theme {
        Ok(t) => t,
        Err(ds) => {
            diags.extend(ds);
            return Err(problems(diags));
        }
    };
    if diags.iter().any(Diagnostic::is_error) {
        return Err(problems(diags));
    }
    let idx = index::build(&site);
    let media = Media::plan(&site);
    Ok(Prepared {
        site,
        idx,
        theme,
        media,
        warnings: sorted(diags),
    })
}

fn sorted(diags: Vec<Diagnostic>) -> Vec<Diagnostic> {
    diags
        .into_iter()
        .collect::<diagnostic::Diagnostics>()
        .sorted()
}

fn problems(diags: Vec<Diagnostic>) -> BuildError {
    BuildError::Problems(sorted(diags))
}

fn render_all(p: &Prepared, offline: bool) -> Result<Vec<output::OutputFile>, BuildError> {
    render::render(&p.site, &p.idx, &p.theme, &p.media, offline).map_err(problems)
}

/// Loads, validates and renders the site at `opts.root` and writes it to the output folder.
pub fn build(opts: &BuildOptions) -> Result<BuildReport, BuildError> {
    let start = Instant::now();
    let p = prepare(&opts.root, opts.drafts)?;
    let files = render_all(&p, opts.offline)?;
    let out = opts.output_dir();
    output::write(&out, &files)?;
    Ok(BuildReport {
        entries: p.site.entries.len(),
        pages: files.iter().filter(|f| f.path.ends_with(".html")).count(),
        files: files.len(),
        photos: p.media.len(),
        output: out,
        warnings: with_base_url_warning(&p),
        elapsed: start.elapsed(),
    })
}

/// Validates everything a build would (content, theme, rendering) without writing anything.
pub fn check(opts: &BuildOptions) -> Result<BuildReport, BuildError> {
    let start = Instant::now();
    let p = prepare(&opts.root, opts.drafts)?;
    let files = render_all(&p, opts.offline)?;
    Ok(BuildReport {
        entries: p.site.entries.len(),
        pages: files.iter().filter(|f| f.path.ends_with(".html")).count(),
        files: 0,
        photos: p.media.len(),
        output: opts.output_dir(),
        warnings: with_base_url_warning(&p),
        elapsed: start.elapsed(),
    })
}

fn with_base_url_warning(p: &Prepared) -> Vec<Diagnostic> {
    let mut warnings = p.warnings.clone();
    if p.site.config.base_url.is_none() {
        let file = Path::new(config::CONFIG_FILE);
        let d = Diagnostic::warning(file, diagnostic::Pos::FILE, tr(Msg::ConfigNoBaseUrl, &[]))
            .suggest("base_url = \"https://ten-mien.gov.vn/bang-vang/\"");
        warnings.push(d);
    }
    warnings
}
