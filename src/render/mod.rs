//! Render: turns the validated site, its indexes and the theme into every output file —
//! HTML pages, sitemap, feed, robots.txt, theme assets — as `(path, bytes)` values. Pure: it
//! writes nothing; pages are rendered in parallel.

pub mod context;
mod feeds;
mod fragments;
mod gallery;
mod images;
mod lists;
pub mod markdown;
mod overview;
mod pages;
pub mod theme;
pub mod urls;

use rayon::prelude::*;
use serde::Serialize;

use crate::diagnostic::Diagnostic;
use crate::index::Indexes;
use crate::media::Media;
use crate::output::{OutputFile, Payload};
use crate::validate::{EntryId, Site};

use context::{Common, Link, Shared, SiteInfo};
pub use fragments::Fragments;
pub use images::PhotoUrls;
use lists::{ListSpec, Lists};
use markdown::Markdown;
use theme::{StaticFile, Theme, ThemeFiles};
use urls::{Rel, Urls};

/// Everything rendering needs, borrowed.
pub struct Renderer<'a> {
    site: &'a Site,
    idx: &'a Indexes,
    tera: &'a tera::Tera,
    files: &'a ThemeFiles,
    media: &'a Media,
    urls: Urls<'a>,
    md: Markdown,
    images: &'a PhotoUrls,
    shared: tera::Context,
    offline: bool,
    nav: Vec<(String, String)>,
    footer: Vec<(String, String)>,
}

/// One page to render.
enum Job<'s> {
    Home,
    Entry(EntryId),
    List(&'s ListSpec, usize),
    Terms(overview::TermsKind),
    Plain(usize),
    Gallery,
    NotFound,
}

/// The path of the page served for a missing URL.
const NOT_FOUND: &str = "404.html";

/// Renders every file of the site, in parallel, handing each to `emit` as soon as it is made
/// (the caller writes it, or only counts it); returns the number of files. `fragments` are the
/// cards and photo markup made beforehand by [`fragments`].
///
/// Rendering itself does no I/O. Every problem (a template error, or one `emit` reports) is
/// returned; the caller decides what a failed run leaves behind.
pub fn render<F>(
    site: &Site,
    idx: &Indexes,
    theme: &Theme,
    (media, photos): (&Media, &PhotoUrls),
    fragments: &Fragments,
    offline: bool,
    emit: &F,
) -> Result<usize, Vec<Diagnostic>>
where
    F: Fn(OutputFile) -> Result<(), Diagnostic> + Sync,
{
    let look = (&theme.tera, &theme.files);
    Renderer::new(site, idx, look, (media, photos), offline).run(fragments, emit)
}

/// Renders the [`Fragments`] of every entry with `tera`: the theme's templates, or only those
/// that fragments use (see [`theme::compile_fragments`]), so this can run while the rest of the
/// theme compiles.
pub fn fragments(
    site: &Site,
    idx: &Indexes,
    (tera, files): (&tera::Tera, &ThemeFiles),
    (media, photos): (&Media, &PhotoUrls),
    offline: bool,
) -> Result<Fragments, Vec<Diagnostic>> {
    Fragments::render(&Renderer::new(
        site,
        idx,
        (tera, files),
        (media, photos),
        offline,
    ))
}

impl<'a> Renderer<'a> {
    fn new(
        site: &'a Site,
        idx: &'a Indexes,
        (tera, files): (&'a tera::Tera, &'a ThemeFiles),
        (media, images): (&'a Media, &'a PhotoUrls),
        offline: bool,
    ) -> Self {
        let c = &site.config;
        let urls = Urls::new(c);
        let info = SiteInfo::new(c);
        let gallery = (!media.is_empty()).then(|| ("nav_gallery", urls.gallery()));
        let nav: Vec<(String, String)> = [
            ("nav_home", urls.home()),
            ("nav_models", urls.section(crate::content::Kind::Model)),
            ("nav_people", urls.section(crate::content::Kind::Person)),
            ("nav_honor_roll", urls.honor_rolls()),
            ("nav_provinces", urls.provinces()),
            ("nav_periods", urls.periods()),
            ("nav_fields", urls.fields()),
            ("nav_awards", urls.awards()),
            ("nav_az", urls.az()),
        ]
        .into_iter()
        .chain(gallery)
        .map(|(k, p)| (files.text(k, &[]), p))
        .collect();
        let footer = site
            .pages
            .iter()
            .map(|p| (p.title.clone(), urls.page(&p.slug)))
            .collect();
        let shared = Shared {
            site: &info,
            t: &files.template_strings,
        };
        // Plain data of our own: serialising it cannot fail; an empty context would show as a
        // template error naming the missing value.
        let shared = tera::Context::from_serialize(shared).unwrap_or_default();
        Renderer {
            site,
            idx,
            tera,
            files,
            media,
            urls,
            md: Markdown::new(),
            images,
            shared,
            offline,
            nav,
            footer,
        }
    }

    /// Every page to render, the heaviest first (the gallery holds every photo, the home page
    /// the latest entries) so that no large page is left to finish alone at the end.
    fn jobs<'s>(&self, specs: &'s [ListSpec]) -> Vec<Job<'s>> {
        let mut jobs = Vec::new();
        if self.has_photos() {
            jobs.push(Job::Gallery);
        }
        jobs.extend([Job::Home, Job::NotFound]);
        jobs.extend(self.site.ids().map(Job::Entry));
        for spec in specs {
            let pages = spec.total().div_ceil(self.site.config.per_page).max(1);
            jobs.extend((1..=pages).map(|n| Job::List(spec, n)));
        }
        jobs.extend(overview::TermsKind::ALL.iter().map(|&k| Job::Terms(k)));
        jobs.extend((0..self.site.pages.len()).map(Job::Plain));
        jobs
    }

    /// Where a job's page lives (a directory path, or `404.html`).
    fn path_of(&self, job: &Job<'_>) -> String {
        match job {
            Job::Home => self.urls.home(),
            Job::Entry(id) => self.urls.entry(self.site.entry(*id)),
            Job::List(spec, n) => Urls::paged(&spec.path, *n),
            Job::Terms(kind) => kind.path(&self.urls),
            Job::Plain(i) => self.urls.page(&self.site.pages[*i].slug),
            Job::Gallery => self.urls.gallery(),
            Job::NotFound => NOT_FOUND.to_string(),
        }
    }

    fn run<F>(&self, fragments: &Fragments, emit: &F) -> Result<usize, Vec<Diagnostic>>
    where
        F: Fn(OutputFile) -> Result<(), Diagnostic> + Sync,
    {
        let specs = Lists {
            site: self.site,
            idx: self.idx,
            files: self.files,
            urls: &self.urls,
        }
        .all();
        let jobs = self.jobs(&specs);
        let page_paths: Vec<String> = jobs
            .iter()
            .filter(|j| !matches!(j, Job::NotFound))
            .map(|j| self.path_of(j))
            .collect();
        let mut errors: Vec<Diagnostic> = jobs
            .par_iter()
            .filter_map(|j| self.job(j, fragments).and_then(emit).err())
            .collect();
        let mut rest = feeds::files(self.site, self.idx, &self.urls, &page_paths);
        rest.extend(self.statics());
        let count = jobs.len() + rest.len();
        errors.extend(
            rest.into_par_iter()
                .filter_map(|f| emit(f).err())
                .collect::<Vec<_>>(),
        );
        if errors.is_empty() {
            Ok(count)
        } else {
            Err(errors)
        }
    }

    fn job(&self, job: &Job<'_>, frags: &Fragments) -> Result<OutputFile, Diagnostic> {
        match job {
            Job::Home => self.home(frags),
            Job::Entry(id) => self.entry(*id, frags),
            Job::List(spec, n) => self.list(spec, *n, frags),
            Job::Terms(kind) => self.terms(*kind),
            Job::Plain(i) => self.plain(&self.site.pages[*i]),
            Job::Gallery => self.gallery(frags),
            Job::NotFound => self.not_found(),
        }
    }

    fn statics(&self) -> Vec<OutputFile> {
        self.files
            .statics
            .iter()
            .map(|(rel, file)| OutputFile {
                path: format!("static/{rel}"),
                payload: match file {
                    StaticFile::Embedded(b) => Payload::Static(b),
                    StaticFile::Disk(p) => Payload::Copy(p.clone()),
                },
            })
            .collect()
    }

    /// The values every page gets, for the page at `path`.
    fn common(&self, rel: &Rel, path: &str, title: String, crumbs: &[(String, String)]) -> Common {
        let nav = self
            .nav
            .iter()
            .map(|(label, target)| Link {
                label: label.clone(),
                url: rel.href(target),
                active: if target.is_empty() {
                    path.is_empty()
                } else {
                    path.starts_with(target.as_str())
                },
            })
            .collect();
        let link = |(label, target): &(String, String)| Link {
            label: label.clone(),
            url: rel.href(target),
            active: false,
        };
        let base = self.site.config.base_url.as_deref();
        Common {
            root: rel.root().to_string(),
            index: rel.index(),
            assets: format!("{}static/", rel.root()),
            nav,
            breadcrumbs: crumbs.iter().map(link).collect(),
            pages: self.footer.iter().map(link).collect(),
            title,
            canonical: base.map(|b| format!("{b}{}", urls::encode_path(path))),
            feed: base.map(|_| rel.href(feeds::FEED)),
        }
    }

    /// Renders `template` with `ctx` into the file for the page at `path`.
    fn page<C: Serialize>(
        &self,
        path: &str,
        template: &str,
        ctx: &C,
    ) -> Result<OutputFile, Diagnostic> {
        let page =
            tera::Context::from_serialize(ctx).map_err(|e| theme::template_error(template, &e))?;
        let mut context = self.shared.clone();
        context.extend(page);
        let html = self
            .tera
            .render(template, &context)
            .map_err(|e| theme::template_error(template, &e))?;
        let file = if path.is_empty() || path.ends_with('/') {
            format!("{path}index.html")
        } else {
            path.to_string()
        };
        Ok(OutputFile {
            path: file,
            payload: Payload::Bytes(html.into_bytes()),
        })
    }
}
