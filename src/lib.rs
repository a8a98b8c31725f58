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
use std::sync::atomic::{AtomicBool, Ordering};
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
    /// Draw a progress bar while photos are processed (only on a terminal).
    pub progress: bool,
}

impl BuildOptions {
    /// Options for the site at `root`, with defaults.
    pub fn new(root: impl Into<PathBuf>) -> Self {
        BuildOptions {
            root: root.into(),
            output: None,
            offline: false,
            drafts: false,
            progress: false,
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
    /// What the photo stage did (decoded, reused from the cache, files).
    pub media: media::MediaStats,
    /// Where.
    pub output: PathBuf,
    /// Warnings (the build still succeeded).
    pub warnings: Vec<Diagnostic>,
    /// Wall time.
    pub elapsed: Duration,
    /// Wall time of each stage, in order. Stages named with a leading `· ` ran side by side,
    /// within the stage that follows them (the theme loads while the content side runs).
    pub stages: Vec<(&'static str, Duration)>,
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

/// Everything up to rendering: the validated site, its indexes, theme, photos and fragments.
struct Prepared {
    stages: Vec<(&'static str, Duration)>,
    site: Site,
    idx: Indexes,
    theme: render::theme::Theme,
    media: Media,
    photo_urls: render::PhotoUrls,
    fragments: render::Fragments,
    warnings: Vec<Diagnostic>,
}

/// The content side of a run (everything but the theme): the validated site and its indexes.
struct Validated {
    site: Site,
    idx: Indexes,
    diags: Vec<Diagnostic>,
}

/// Loads, validates and indexes the content; every problem found is returned at once.
fn validated(
    root: &Path,
    config: Config,
    drafts: bool,
    clock: &mut Clock,
) -> Result<Validated, Vec<Diagnostic>> {
    let (content, mut diags) = content::load(root, &config);
    clock.lap("· load");
    let (site, ds) = validate::validate(root, config, content, drafts);
    diags.extend(ds);
    clock.lap("· validate");
    if diags.iter().any(Diagnostic::is_error) {
        return Err(diags);
    }
    let idx = index::build(&site);
    clock.lap("· index");
    Ok(Validated { site, idx, diags })
}

fn load_config(root: &Path) -> Result<(Config, Vec<Diagnostic>), BuildError> {
    Config::load(root).map_err(|d| BuildError::Problems(vec![d]))
}

/// The photos of a validated site, their URLs, and the fragments when they could be made
/// before the whole theme was compiled.
struct Photos {
    media: Media,
    urls: render::PhotoUrls,
    fragments: Option<render::Fragments>,
    diags: Vec<Diagnostic>,
}

/// Processes the photos, makes their URLs and, with only the templates fragments use, renders
/// the fragments (see [`render::Fragments`]); all of it needs no compiled page template.
fn photos(
    opts: &BuildOptions,
    v: &Validated,
    sources: Option<&render::theme::Sources>,
    stop: &AtomicBool,
    clock: &mut Clock,
) -> Photos {
    let media_opts = media::Options {
        cache_dir: cache_dir(opts, &v.site),
        progress: opts.progress,
    };
    let (media, diags) = Media::process(&v.site, &media_opts, stop);
    clock.lap("· media");
    let urls = render::PhotoUrls::new(&media);
    clock.lap("· photo URLs");
    let fragments = sources
        .filter(|_| !stop.load(Ordering::Relaxed) && !diags.iter().any(Diagnostic::is_error))
        .and_then(|s| {
            let tera = render::theme::compile_fragments(s)?;
            let look = (&tera, &s.files);
            render::fragments(&v.site, &v.idx, look, (&media, &urls), opts.offline).ok()
        });
    clock.lap("· fragments");
    Photos {
        media,
        urls,
        fragments,
        diags,
    }
}

/// Runs the stages up to rendering, in two rounds of two sides. First the theme's files are
/// read while the content is loaded, validated and indexed. Then the templates compile (the
/// largest fixed cost of a build) while the photos are processed and the fragments rendered;
/// if the theme turns out broken, photos not yet started are skipped, since the run fails
/// anyway. Every problem of both sides is returned together.
fn prepare(opts: &BuildOptions) -> Result<Prepared, BuildError> {
    let mut clock = Clock::start();
    let (config, mut diags) = load_config(&opts.root)?;
    clock.lap("config");
    let (sources, content) = rayon::join(
        || {
            Clock::side("· theme files", |_| {
                render::theme::sources(&opts.root, &config)
            })
        },
        || {
            Clock::side("· content", |c| {
                validated(&opts.root, config.clone(), opts.drafts, c)
            })
        },
    );
    clock.joined("theme files ∥ content", [&sources.1, &content.1]);
    let sources = match sources.0 {
        Ok((s, ds)) => {
            diags.extend(ds);
            Some(s)
        }
        Err(ds) => {
            diags.extend(ds);
            None
        }
    };
    let theme_failed = AtomicBool::new(sources.is_none());
    let (tera, made) = rayon::join(
        || {
            Clock::side("· templates", |_| {
                let tera = sources.as_ref().map(render::theme::compile);
                theme_failed.store(!matches!(tera, Some(Ok(_))), Ordering::Relaxed);
                tera
            })
        },
        || {
            Clock::side("· photos", |c| {
                let v = content.0.as_ref().ok()?;
                Some(photos(opts, v, sources.as_ref(), &theme_failed, c))
            })
        },
    );
    clock.joined("templates ∥ photos", [&tera.1, &made.1]);
    let theme = match (sources, tera.0) {
        (Some(s), Some(Ok(tera))) => Some(s.into_theme(tera)),
        (_, Some(Err(d))) => {
            diags.push(d);
            None
        }
        _ => None,
    };
    let content = match content.0 {
        Ok(v) => {
            diags.extend(v.diags);
            Some((v.site, v.idx))
        }
        Err(ds) => {
            diags.extend(ds);
            None
        }
    };
    let made = made.0.map(|m| {
        diags.extend(m.diags);
        (m.media, m.urls, m.fragments)
    });
    let (Some(theme), Some((site, idx)), Some((media, photo_urls, fragments))) =
        (theme, content, made)
    else {
        return Err(problems(diags));
    };
    if diags.iter().any(Diagnostic::is_error) {
        return Err(problems(diags));
    }
    // Made now only when the fragments' templates did not compile (or render) on their own.
    let fragments = match fragments {
        Some(f) => f,
        None => {
            let look = (&theme.tera, &theme.files);
            match render::fragments(&site, &idx, look, (&media, &photo_urls), opts.offline) {
                Ok(f) => f,
                Err(ds) => {
                    diags.extend(ds);
                    return Err(problems(diags));
                }
            }
        }
    };
    clock.lap("fragments");
    Ok(Prepared {
        stages: clock.laps,
        site,
        idx,
        theme,
        media,
        photo_urls,
        fragments,
        warnings: sorted(diags),
    })
}

fn cache_dir(opts: &BuildOptions, site: &Site) -> PathBuf {
    opts.root.join(&site.config.images.cache_dir)
}

/// Measures the stages of a run.
struct Clock {
    last: Instant,
    laps: Vec<(&'static str, Duration)>,
}

impl Clock {
    fn start() -> Self {
        Clock {
            last: Instant::now(),
            laps: Vec::new(),
        }
    }

    fn lap(&mut self, stage: &'static str) {
        let now = Instant::now();
        self.laps.push((stage, now - self.last));
        self.last = now;
    }

    /// Runs one side of a `rayon::join` with a clock of its own; a side with no stages of its
    /// own gets one lap, `name`.
    fn side<T>(name: &'static str, f: impl FnOnce(&mut Clock) -> T) -> (T, Laps) {
        let mut clock = Clock::start();
        let out = f(&mut clock);
        if clock.laps.is_empty() {
            clock.lap(name);
        }
        (out, clock.laps)
    }

    /// Laps `stage`, the two sides of a join, listing the sides' stages before it.
    fn joined(&mut self, stage: &'static str, sides: [&Laps; 2]) {
        self.laps.extend(sides.into_iter().flatten().copied());
        self.lap(stage);
    }
}

/// Stages and their wall times.
type Laps = Vec<(&'static str, Duration)>;

fn sorted(diags: Vec<Diagnostic>) -> Vec<Diagnostic> {
    diagnostic::sorted(diags)
}

fn problems(diags: Vec<Diagnostic>) -> BuildError {
    BuildError::Problems(sorted(diags))
}

/// Renders every file of the prepared site, handing each to `emit`; counts the HTML pages.
fn render_with<F>(p: &Prepared, offline: bool, emit: F) -> Result<usize, BuildError>
where
    F: Fn(&output::OutputFile) -> Result<(), Diagnostic> + Sync,
{
    let pages = std::sync::atomic::AtomicUsize::new(0);
    let counted = |f: output::OutputFile| {
        if f.path.ends_with(".html") {
            pages.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        }
        emit(&f)
    };
    render::render(
        &p.site,
        &p.idx,
        &p.theme,
        (&p.media, &p.photo_urls),
        &p.fragments,
        offline,
        &counted,
    )
    .map_err(problems)?;
    Ok(pages.into_inner())
}

fn report(
    p: &Prepared,
    clock: Clock,
    pages: usize,
    files: usize,
    output: PathBuf,
    start: Instant,
) -> BuildReport {
    BuildReport {
        stages: p.stages.iter().copied().chain(clock.laps).collect(),
        entries: p.site.entries.len(),
        pages,
        files,
        photos: p.media.len(),
        media: p.media.stats,
        output,
        warnings: with_base_url_warning(p),
        elapsed: start.elapsed(),
    }
}

/// Loads, validates and renders the site at `opts.root` and writes it to the output folder.
///
/// Pages are written as they are rendered, into a staging folder that replaces the output
/// folder only when everything succeeded.
pub fn build(opts: &BuildOptions) -> Result<BuildReport, BuildError> {
    let start = Instant::now();
    let p = prepare(opts)?;
    let mut clock = Clock::start();
    let out = opts.output_dir();
    let staging = output::Staging::new(&out)?;
    let files = std::sync::atomic::AtomicUsize::new(0);
    let pages = render_with(&p, opts.offline, |f| {
        files.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        staging.put(f).map_err(|e| write_diagnostic(&e))
    })?;
    clock.lap("render+write");
    let photos = p.media.published();
    files.fetch_add(photos.files.len(), std::sync::atomic::Ordering::Relaxed);
    staging.commit_reusing(photos)?;
    clock.lap("swap");
    Ok(report(&p, clock, pages, files.into_inner(), out, start))
}

fn write_diagnostic(e: &output::WriteError) -> Diagnostic {
    let path = e.path.display().to_string();
    let msg = tr(Msg::OutputFailed, &[("path", &path), ("detail", &e.source)]);
    Diagnostic::error(&e.path, diagnostic::Pos::FILE, msg)
}

/// Validates everything a build would (content, photos, theme, rendering) without writing the
/// output. Photos are decoded to be checked, and what that produced is kept in the photo cache
/// for the next build.
pub fn check(opts: &BuildOptions) -> Result<BuildReport, BuildError> {
    let start = Instant::now();
    let p = prepare(opts)?;
    let mut clock = Clock::start();
    let pages = render_with(&p, opts.offline, |_| Ok(()))?;
    clock.lap("render");
    Ok(report(&p, clock, pages, 0, opts.output_dir(), start))
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

/// What `clean` removed.
#[derive(Debug, Clone)]
pub struct CleanReport {
    /// The cache folder.
    pub dir: PathBuf,
    /// Files removed.
    pub removed: usize,
    /// Bytes removed.
    pub bytes: u64,
    /// Files kept.
    pub kept: usize,
}

/// Removes from the photo cache what the site no longer uses (`all`: the whole cache).
pub fn clean(opts: &BuildOptions, all: bool) -> Result<CleanReport, BuildError> {
    let (config, _) = load_config(&opts.root)?;
    let v = validated(&opts.root, config, true, &mut Clock::start()).map_err(problems)?;
    let dir = cache_dir(opts, &v.site);
    let (removed, bytes, kept) = if all {
        let (n, b) = walkdir::WalkDir::new(&dir)
            .into_iter()
            .flatten()
            .filter(|e| e.file_type().is_file())
            .fold((0, 0), |(n, b), e| {
                (n + 1, b + e.metadata().map_or(0, |m| m.len()))
            });
        match std::fs::remove_dir_all(&dir) {
            Ok(()) => (n, b, 0),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => (0, 0, 0),
            Err(e) => {
                let e = output::WriteError {
                    path: dir,
                    source: e,
                };
                return Err(BuildError::Write(e));
            }
        }
    } else {
        media::prune(&v.site, &dir)
    };
    Ok(CleanReport {
        dir,
        removed,
        bytes,
        kept,
    })
}
