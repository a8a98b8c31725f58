//! Media: turns every photo a published entry references into resized, metadata-free variants
//! (WebP and a JPEG or PNG fallback), cached by content hash, and gives their URLs and sizes.
//!
//! Variants are published under `anh/` with the content hash in their names, so browsers may
//! cache them forever. Only photos of published entries are processed, so a draft's photos
//! never leave the content folder. An unchanged photo is recognised by its file stamp and is
//! neither read nor decoded again.

mod cache;
mod decode;
mod encode;
mod memory;
mod webp;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::config::Images;
use crate::diagnostic::Diagnostic;
use crate::messages::{Msg, tr};
use crate::output::Reused;
use crate::validate::{Photo, Site};
use crate::vi;

use cache::{Cache, Info, Stamp};
use decode::Problem;

/// The folder of `public/` that holds every variant.
pub const FOLDER: &str = "anh";

/// A variant's file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Format {
    /// Lossy WebP, the first choice of every current browser.
    Webp,
    /// The fallback for opaque photos.
    Jpeg,
    /// The fallback for photos with transparency.
    Png,
}

impl Format {
    /// File extension.
    pub fn ext(self) -> &'static str {
        match self {
            Format::Webp => "webp",
            Format::Jpeg => "jpg",
            Format::Png => "png",
        }
    }

    /// The fallback format for browsers without WebP: PNG keeps transparency, JPEG otherwise.
    pub fn fallback(alpha: bool) -> Format {
        if alpha { Format::Png } else { Format::Jpeg }
    }

    /// MIME type, for `<source type>`.
    pub fn mime(self) -> &'static str {
        match self {
            Format::Webp => "image/webp",
            Format::Jpeg => "image/jpeg",
            Format::Png => "image/png",
        }
    }
}

/// One published file of a photo.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variant {
    /// Pixels across.
    pub width: u32,
    /// Pixels down.
    pub height: u32,
    /// File format.
    pub format: Format,
    /// Path in `public/`, `/`-separated.
    pub path: String,
}

/// A processed photo: its variants, largest first, WebP before the fallback.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picture {
    /// The variants.
    pub variants: Vec<Variant>,
}

impl Picture {
    /// The fallback format (JPEG, or PNG for transparent photos).
    pub fn fallback(&self) -> Format {
        self.variants
            .iter()
            .map(|v| v.format)
            .find(|&f| f != Format::Webp)
            .unwrap_or(Format::Jpeg)
    }

    /// The variants of one format, largest first.
    pub fn of(&self, format: Format) -> impl Iterator<Item = &Variant> {
        self.variants.iter().filter(move |v| v.format == format)
    }

    /// The largest variant in `format`.
    pub fn largest(&self, format: Format) -> Option<&Variant> {
        self.of(format).next()
    }

    /// The variant in `format` closest above `width` (or the largest).
    pub fn at_least(&self, format: Format, width: u32) -> Option<&Variant> {
        self.of(format)
            .filter(|v| v.width >= width)
            .last()
            .or_else(|| self.largest(format))
    }
}

/// What the media stage did, for the build report and the benchmark.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MediaStats {
    /// Distinct photos published.
    pub photos: usize,
    /// Photos decoded in this run.
    pub decoded: usize,
    /// Photos whose variants came from the cache.
    pub reused: usize,
    /// Photos read from disk (to hash or decode); unchanged ones are known by their stamp.
    pub read: usize,
    /// Files published.
    pub variants: usize,
}

/// The published photos.
#[derive(Debug, Clone, Default)]
pub struct Media {
    pictures: HashMap<PathBuf, Picture>,
    /// The variant files to publish in [`FOLDER`], each from its cache file (made here, while
    /// the theme loads, rather than at the end of the build).
    published: Reused,
    /// What was done.
    pub stats: MediaStats,
}

/// How the media stage should run.
#[derive(Debug, Clone)]
pub struct Options {
    /// The cache folder.
    pub cache_dir: PathBuf,
    /// Show a progress bar (only drawn when standard error is a terminal).
    pub progress: bool,
}

/// A photo to process: its source, where it is first referenced, and the name to publish under.
struct Job<'a> {
    photo: &'a Photo,
    stem: String,
}

/// A photo's variants with their public paths and cache files.
struct Planned {
    picture: Picture,
    files: Vec<(String, PathBuf)>,
}

/// The outcome for one photo.
struct Done {
    planned: Planned,
    /// What the cache index records: path in `content/`, stamp, content hash, info.
    stamp: (PathBuf, Stamp, String, Info),
    decoded: bool,
    read: bool,
}

impl Media {
    /// Processes the photos of every published entry (in parallel, from the cache when it can).
    /// Each photo that cannot be read becomes a diagnostic naming the entry file and line.
    ///
    /// Once `stop` is raised (the run will fail for another reason), photos not yet started
    /// are skipped; what was made so far stays in the cache.
    pub fn process(site: &Site, opts: &Options, stop: &AtomicBool) -> (Media, Vec<Diagnostic>) {
        let settings = &site.config.images;
        let cache = Cache::open(&opts.cache_dir);
        let jobs = jobs(site);
        if !jobs.is_empty() {
            memory::keep_freed_memory();
        }
        let bar = progress_bar(opts.progress, jobs.len());
        let decoded = AtomicUsize::new(0);
        let read = AtomicUsize::new(0);
        let diags = Mutex::new(Vec::new());
        let results: Vec<(PathBuf, Done)> = jobs
            .par_iter()
            .filter_map(|job| {
                if stop.load(Ordering::Relaxed) {
                    return None;
                }
                let r = one(job, &cache, settings);
                if let Some(bar) = &bar {
                    bar.inc(1);
                }
                match r {
                    Ok(done) => {
                        if done.decoded {
                            decoded.fetch_add(1, Ordering::Relaxed);
                        }
                        if done.read {
                            read.fetch_add(1, Ordering::Relaxed);
                        }
                        Some((job.photo.source.clone(), done))
                    }
                    Err(d) => {
                        diags.lock().map(|mut v| v.push(d)).ok();
                        None
                    }
                }
            })
            .collect();
        if let Some(bar) = bar {
            bar.finish_and_clear();
        }
        let mut diags = diags.into_inner().unwrap_or_default();
        let seen = results.iter().map(|(_, d)| d.stamp.clone()).collect();
        if let Err(e) = cache.save_index(seen) {
            diags.push(cache_failed(cache.dir(), &e));
        }
        let counts = (decoded.into_inner(), read.into_inner());
        (assemble(results, counts), diags)
    }

    /// Every processed photo, by source file.
    pub fn pictures(&self) -> impl Iterator<Item = (&Path, &Picture)> {
        self.pictures.iter().map(|(k, v)| (k.as_path(), v))
    }

    /// Every processed photo, by source file, as a parallel iterator.
    pub fn par_pictures(&self) -> impl ParallelIterator<Item = (&Path, &Picture)> {
        self.pictures.par_iter().map(|(k, v)| (k.as_path(), v))
    }

    /// The processed photo for `photo`.
    pub fn picture(&self, photo: &Photo) -> Option<&Picture> {
        self.pictures.get(&photo.source)
    }

    /// The files to publish: the variants in [`FOLDER`], each from its cache file.
    pub fn published(&self) -> &Reused {
        &self.published
    }

    /// Number of photos published.
    pub fn len(&self) -> usize {
        self.pictures.len()
    }

    /// True when no photo is published.
    pub fn is_empty(&self) -> bool {
        self.pictures.is_empty()
    }
}

fn assemble(results: Vec<(PathBuf, Done)>, (decoded, read): (usize, usize)) -> Media {
    let mut pictures = HashMap::with_capacity(results.len());
    // By public path: one file per name, in a stable order.
    let mut files = BTreeMap::new();
    for (source, done) in results {
        files.extend(done.planned.files);
        pictures.insert(source, done.planned.picture);
    }
    let prefix = format!("{FOLDER}/");
    let published = Reused {
        dir: FOLDER.to_string(),
        files: files
            .into_iter()
            .map(|(path, cached)| match path.strip_prefix(&prefix) {
                Some(name) => (name.to_string(), cached),
                None => (path, cached),
            })
            .collect(),
    };
    let stats = MediaStats {
        photos: pictures.len(),
        decoded,
        reused: pictures.len() - decoded,
        read,
        variants: published.files.len(),
    };
    Media {
        pictures,
        published,
        stats,
    }
}

/// One job per distinct source file, in a stable order.
fn jobs(site: &Site) -> Vec<Job<'_>> {
    let mut seen = HashSet::new();
    let mut jobs = Vec::new();
    for e in &site.entries {
        for p in e.cover.iter().chain(&e.photos) {
            if seen.insert(&p.source) {
                let stem = p
                    .source
                    .file_stem()
                    .map(|s| vi::slugify(&s.to_string_lossy()))
                    .filter(|s| !s.is_empty())
                    .unwrap_or_else(|| "anh".into());
                jobs.push(Job { photo: p, stem });
            }
        }
    }
    jobs
}

fn progress_bar(wanted: bool, len: usize) -> Option<indicatif::ProgressBar> {
    if !wanted || len == 0 || !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::new(len as u64);
    let style = indicatif::ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len} ({eta})")
        .map(|s| s.progress_chars("=> "));
    if let Ok(style) = style {
        bar.set_style(style);
    }
    bar.set_message(tr(Msg::ImageProgress, &[]));
    Some(bar)
}

/// Processes one photo: from the cache when its hash and every variant are there, otherwise
/// decoded, resized, encoded and stored.
fn one(job: &Job<'_>, cache: &Cache, s: &Images) -> Result<Done, Diagnostic> {
    let photo = job.photo;
    let read = || std::fs::read(&photo.source).map_err(|e| read_failed(photo, &e));
    let stamp = Stamp::of(&photo.source).map_err(|e| read_failed(photo, &e))?;
    let (hash, recorded, bytes) = match cache.known(&photo.rel, stamp) {
        Some((h, info)) => (h.to_string(), info, None),
        None => {
            let bytes = read()?;
            (cache::hash(&bytes), None, Some(bytes))
        }
    };
    let id = output_id(&hash, s.quality);
    let cached = recorded
        .or_else(|| cache.info(&hash))
        .map(|info| (info, plan(job, cache, s, &hash, &id, info)))
        .filter(|(_, p)| p.files.iter().all(|(_, file)| file.exists()));
    let was_read = bytes.is_some();
    let (info, planned, decoded) = match cached {
        Some((info, planned)) => (info, planned, false),
        None => {
            let bytes = match bytes {
                Some(b) => b,
                None => read()?,
            };
            let info = make(photo, bytes, &hash, cache, s)?;
            (info, plan(job, cache, s, &hash, &id, info), true)
        }
    };
    Ok(Done {
        planned,
        stamp: (photo.rel.clone(), stamp, hash, info),
        decoded,
        read: was_read || decoded,
    })
}

fn read_failed(photo: &Photo, e: &std::io::Error) -> Diagnostic {
    problem(photo, &Problem::Corrupt(e.to_string()))
}

/// Decodes the photo, makes its variants and stores them (then its info) in the cache.
fn make(
    photo: &Photo,
    bytes: Vec<u8>,
    hash: &str,
    cache: &Cache,
    s: &Images,
) -> Result<Info, Diagnostic> {
    let widest = s.widths.iter().copied().max().unwrap_or(1600);
    let max_pixels = u64::from(s.max_megapixels) * 1_000_000;
    let decoded = decode::decode(&bytes, widest, max_pixels).map_err(|p| problem(photo, &p))?;
    drop(bytes);
    let info = Info {
        width: decoded.display.0,
        height: decoded.display.1,
        alpha: matches!(decoded.pixels, decode::Pixels::Rgba(_)),
    };
    let encoded = encode::variants(decoded, &s.widths, s.quality)
        .map_err(|e| problem(photo, &Problem::Corrupt(e)))?;
    // The HTML is written from `info` alone (see `plan`): the files must match it.
    let fallback = Format::fallback(info.alpha);
    let planned = encode::targets((info.width, info.height), &s.widths)
        .into_iter()
        .flat_map(|(w, h)| [(w, h, Format::Webp), (w, h, fallback)]);
    if !encoded
        .iter()
        .map(|e| (e.width, e.height, e.format))
        .eq(planned)
    {
        let detail = "variant sizes".to_string();
        return Err(problem(photo, &Problem::Corrupt(detail)));
    }
    for e in &encoded {
        let path = cache.variant(hash, e.width, s.quality, e.format);
        cache
            .put_variant(&path, &e.data)
            .map_err(|err| cache_failed(&path, &err))?;
    }
    cache
        .put_info(hash, info)
        .map_err(|err| cache_failed(cache.dir(), &err))?;
    Ok(info)
}

/// The variants of a photo whose info is known, with their cache files and public paths.
fn plan(job: &Job<'_>, cache: &Cache, s: &Images, hash: &str, id: &str, info: Info) -> Planned {
    let fallback = Format::fallback(info.alpha);
    let mut variants = Vec::new();
    let mut files = Vec::new();
    for (width, height) in encode::targets((info.width, info.height), &s.widths) {
        for format in [Format::Webp, fallback] {
            let path = format!("{FOLDER}/{}-{id}-{width}.{}", job.stem, format.ext());
            files.push((path.clone(), cache.variant(hash, width, s.quality, format)));
            variants.push(Variant {
                width,
                height,
                format,
                path,
            });
        }
    }
    Planned {
        picture: Picture { variants },
        files,
    }
}

/// A short id of the content and the settings that shape the output bytes.
fn output_id(hash: &str, quality: u8) -> String {
    let full = cache::hash(format!("{hash}/q{quality}/v{}", cache::VERSION).as_bytes());
    full[..10].to_string()
}

fn problem(photo: &Photo, p: &Problem) -> Diagnostic {
    let path = photo.rel.to_string_lossy().replace('\\', "/");
    let at = |msg: Msg, args: &[(&str, &dyn std::fmt::Display)]| {
        let mut all: Vec<(&str, &dyn std::fmt::Display)> = vec![("path", &path)];
        all.extend_from_slice(args);
        Diagnostic::error(&photo.file, photo.pos, tr(msg, &all))
    };
    match p {
        Problem::Heic => at(Msg::ImageHeic, &[]).suggest(tr(Msg::ImageHeicHint, &[])),
        Problem::Unsupported(format) => at(Msg::ImageUnsupported, &[("format", format)])
            .suggest(tr(Msg::ImageUnsupportedHint, &[])),
        Problem::TooLarge {
            width,
            height,
            limit,
        } => {
            let mp = (u64::from(*width) * u64::from(*height)).div_ceil(1_000_000);
            at(
                Msg::ImageTooLarge,
                &[
                    ("width", width),
                    ("height", height),
                    ("mp", &mp),
                    ("limit", limit),
                ],
            )
            .suggest(tr(Msg::ImageTooLargeHint, &[]))
        }
        Problem::Empty => at(Msg::ImageEmpty, &[]).suggest(tr(Msg::ImageUnsupportedHint, &[])),
        Problem::NotImage => {
            at(Msg::ImageNotImage, &[]).suggest(tr(Msg::ImageUnsupportedHint, &[]))
        }
        Problem::Truncated => {
            at(Msg::ImageTruncated, &[]).suggest(tr(Msg::ImageUnreadableHint, &[]))
        }
        Problem::Corrupt(detail) => at(Msg::ImageUnreadable, &[("detail", detail)])
            .suggest(tr(Msg::ImageUnreadableHint, &[])),
    }
}

fn cache_failed(path: &Path, e: &std::io::Error) -> Diagnostic {
    let shown = path.display().to_string();
    let msg = tr(Msg::ImageCacheFailed, &[("path", &shown), ("detail", e)]);
    Diagnostic::error(path, crate::diagnostic::Pos::FILE, msg)
}

/// Removes from the cache every file the site no longer uses. Returns (files removed, bytes
/// removed, files kept).
pub fn prune(site: &Site, cache_dir: &Path) -> (usize, u64, usize) {
    let cache = Cache::open(cache_dir);
    let mut used = HashSet::new();
    let mut keep = HashSet::new();
    let s = &site.config.images;
    for job in jobs(site) {
        let source = &job.photo.source;
        let hash = match Stamp::of(source)
            .ok()
            .and_then(|st| cache.known_hash(&job.photo.rel, st))
        {
            Some(h) => h.to_string(),
            None => match std::fs::read(source) {
                Ok(b) => cache::hash(&b),
                Err(_) => continue,
            },
        };
        if let Some(info) = cache.info(&hash) {
            let id = output_id(&hash, s.quality);
            keep.extend(
                plan(&job, &cache, s, &hash, &id, info)
                    .files
                    .into_iter()
                    .map(|f| f.1),
            );
        }
        used.insert(hash);
    }
    cache.prune(&used, &keep)
}
