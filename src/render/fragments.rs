//! Fragments: the HTML a build renders once and reuses on many pages. Each entry's card
//! (`card.html`, shown on about nine lists, at two heading levels) and each photo's markup (the
//! cover at the top of its entry's page, `cover.html`; a gallery item on that page and on the
//! gallery page, `gallery-item.html`) is rendered with a marker where the page's root prefix
//! goes, and each page fills in its own.
//!
//! Fragments see `t`, `site` and their own values only, never a page's, so they can be made
//! before any page: a build renders them on the second core while the first still compiles the
//! page templates, and the photos' markup costs the pages no more than copying text.

use rayon::prelude::*;
use serde::Serialize;

use crate::diagnostic::Diagnostic;
use crate::validate::{EntryId, Photo};

use super::Renderer;
use super::context::{Card, Image, Link};
use super::lists::Item;
use super::theme;
use super::urls::{ROOT, Rel, Rooted};

/// Every fragment of a build, by entry.
#[derive(Debug, Clone, Default)]
pub struct Fragments {
    entries: Vec<EntryFragments>,
}

/// One entry's fragments.
#[derive(Debug, Clone, Default)]
struct EntryFragments {
    /// The card under a level-2 and a level-3 heading.
    card: [Rooted; 2],
    /// The cover (or portrait) at the top of the entry's page.
    cover: Option<Rooted>,
    /// The gallery of the entry's page: its `[[photos]]`.
    on_entry: Vec<Rooted>,
    /// The entry's photos on the gallery page: the cover first, then `[[photos]]`, each once.
    on_gallery: Vec<Rooted>,
}

/// The context of `card.html`: the card and the level of its heading.
#[derive(Debug, Serialize)]
struct CardContext<'a> {
    /// The card.
    c: &'a Card,
    /// `2` in a list without section headings, `3` under one.
    h: u8,
}

/// The context of `cover.html` and `gallery-item.html`.
#[derive(Debug, Serialize)]
struct PhotoContext<'a> {
    /// The photo.
    p: &'a Image,
    /// Where it is shown: `cover` (top of the entry's page), `entry` (the entry page's gallery)
    /// or `gallery` (the gallery page).
    place: &'static str,
    /// On the gallery page, the entry the photo belongs to (the lightbox links to it).
    link_to: Option<&'a Link>,
}

impl Fragments {
    /// Renders every entry's fragments, in parallel. Each template's first error is returned.
    pub(super) fn render(r: &Renderer<'_>) -> Result<Fragments, Vec<Diagnostic>> {
        let rel = Rel::with_root(ROOT, r.offline);
        let ids: Vec<EntryId> = r.site.ids().collect();
        let results: Vec<Result<EntryFragments, Diagnostic>> = ids
            .par_iter()
            .map(|&id| r.entry_fragments(&rel, id))
            .collect();
        let mut entries = Vec::with_capacity(results.len());
        let mut errors: Vec<Diagnostic> = Vec::new();
        for res in results {
            match res {
                Ok(f) => entries.push(f),
                Err(d) if !errors.iter().any(|e| e.message == d.message) => errors.push(d),
                Err(_) => {}
            }
        }
        if errors.is_empty() {
            Ok(Fragments { entries })
        } else {
            Err(errors)
        }
    }

    /// The card of `id` with heading level `h` (2 or 3), its links made relative to `rel`.
    pub(super) fn card(&self, id: EntryId, h: u8, rel: &Rel) -> String {
        let card = &self.of(id).card;
        card[usize::from(h > 2)].join(rel)
    }

    /// The cover markup of `id`'s page, if it has a published cover.
    pub(super) fn cover(&self, id: EntryId, rel: &Rel) -> Option<String> {
        self.of(id).cover.as_ref().map(|c| c.join(rel))
    }

    /// The gallery items of `id`'s own page.
    pub(super) fn entry_gallery(&self, id: EntryId, rel: &Rel) -> Vec<String> {
        self.of(id).on_entry.iter().map(|f| f.join(rel)).collect()
    }

    /// The gallery items of `id` on the gallery page.
    pub(super) fn gallery(&self, id: EntryId, rel: &Rel) -> Vec<String> {
        self.of(id).on_gallery.iter().map(|f| f.join(rel)).collect()
    }

    fn of(&self, id: EntryId) -> &EntryFragments {
        const NONE: &EntryFragments = &EntryFragments {
            card: [Rooted::EMPTY, Rooted::EMPTY],
            cover: None,
            on_entry: Vec::new(),
            on_gallery: Vec::new(),
        };
        self.entries.get(id.0 as usize).unwrap_or(NONE)
    }
}

impl Renderer<'_> {
    fn entry_fragments(&self, rel: &Rel, id: EntryId) -> Result<EntryFragments, Diagnostic> {
        let e = self.site.entry(id);
        let mut card = self.card(rel, Item { id, award: None }, 0);
        card.image = e.cover.as_ref().and_then(|p| self.image(rel, p, &e.title));
        let [h2, h3] = self.card_html(&card)?;
        let cover = match &card.image {
            Some(p) => Some(self.photo_html("cover.html", p, "cover", None)?),
            None => None,
        };
        let on_entry = self
            .images(rel, e.photos.iter(), &e.title)
            .iter()
            .map(|p| self.photo_html("gallery-item.html", p, "entry", None))
            .collect::<Result<_, _>>()?;
        let mut seen = std::collections::HashSet::new();
        let cover_first = e.cover.iter().chain(&e.photos);
        let all = self.images(
            rel,
            cover_first.filter(|p| seen.insert(&p.source)),
            &e.title,
        );
        let link = Link {
            label: e.title.clone(),
            url: rel.href(&self.urls.entry(e)),
            active: false,
        };
        let on_gallery = all
            .iter()
            .map(|p| self.photo_html("gallery-item.html", p, "gallery", Some(&link)))
            .collect::<Result<_, _>>()?;
        Ok(EntryFragments {
            card: [h2, h3],
            cover,
            on_entry,
            on_gallery,
        })
    }

    /// The published ones of `photos`, with `title` as the alt text of those without a caption.
    fn images<'p>(
        &self,
        rel: &Rel,
        photos: impl Iterator<Item = &'p Photo>,
        title: &str,
    ) -> Vec<Image> {
        photos.filter_map(|p| self.image(rel, p, title)).collect()
    }

    /// The card's HTML under a heading of each level, 2 and 3: the card is made into a template
    /// context once, and only its heading level changes between the two.
    fn card_html(&self, card: &Card) -> Result<[Rooted; 2], Diagnostic> {
        let error = |e: tera::Error| theme::template_error("card.html", &e);
        let page = tera::Context::from_serialize(CardContext { c: card, h: 2 }).map_err(error)?;
        let mut context = self.shared.clone();
        context.extend(page);
        let h2 = self.tera.render("card.html", &context).map_err(error)?;
        context.insert("h", &3);
        let h3 = self.tera.render("card.html", &context).map_err(error)?;
        Ok([Rooted::new(&h2), Rooted::new(&h3)])
    }

    fn photo_html(
        &self,
        template: &str,
        p: &Image,
        place: &'static str,
        link_to: Option<&Link>,
    ) -> Result<Rooted, Diagnostic> {
        let error = |e: tera::Error| theme::template_error(template, &e);
        let ctx = PhotoContext { p, place, link_to };
        let mut context = self.shared.clone();
        context.extend(tera::Context::from_serialize(ctx).map_err(error)?);
        let html = self.tera.render(template, &context).map_err(error)?;
        Ok(Rooted::new(&html))
    }
}
