//! Builds the typed context of entry, list, plain and 404 pages, and renders them.

use crate::content::{Kind, RawAward};
use crate::diagnostic::Diagnostic;
use crate::gazetteer;
use crate::output::OutputFile;
use crate::validate::{Entry, EntryId, Page, Photo};

use super::context::{
    Award, Card, EntryPage, Fact, Figure, Image, Link, ListPage, PageLink, Pagination, PlainPage,
    Section,
};
use super::lists::{Item, ListSpec};
use super::urls::{Rel, Urls};
use super::{Fragments, Renderer};

fn award(a: &RawAward) -> Award {
    Award {
        form: a.form.clone(),
        issuer: a.issuer.clone(),
        decision: a.decision.clone(),
        date: a.date.map(|d| d.vietnamese()),
        date_iso: a.date.map(|d| d.iso()),
        note: a.note.clone(),
    }
}

impl Renderer<'_> {
    pub(super) fn t(&self, key: &str) -> String {
        self.files.text(key, &[])
    }

    /// The photo's variants as relative URLs, or `None` if it was not published.
    pub(super) fn image(&self, rel: &Rel, photo: &Photo, fallback_alt: &str) -> Option<Image> {
        let urls = self.images.get(&photo.source)?;
        Some(Image {
            url: urls.url.join(rel),
            srcset: urls.srcset.join(rel),
            webp_srcset: urls.webp_srcset.join(rel),
            fallback_type: urls.fallback_type,
            width: urls.width,
            height: urls.height,
            full: urls.full.join(rel),
            full_webp: urls.full_webp.join(rel),
            alt: photo
                .caption
                .clone()
                .unwrap_or_else(|| fallback_alt.to_string()),
            caption: photo.caption.clone(),
            credit: photo.credit.clone(),
        })
    }

    fn subtitle(e: &Entry) -> Option<String> {
        match e.kind {
            Kind::Model => e.details.owner.clone(),
            Kind::Person => {
                let parts: Vec<&str> = [e.details.position.as_deref(), e.details.unit.as_deref()]
                    .into_iter()
                    .flatten()
                    .collect();
                (!parts.is_empty()).then(|| parts.join(", "))
            }
        }
    }

    /// The card of `item`, the `number`th of its list (from 1).
    pub(super) fn card(&self, rel: &Rel, item: Item, number: usize) -> Card {
        let e = self.site.entry(item.id);
        let c = &self.site.config;
        Card {
            number,
            kind: kind_key(e.kind),
            kind_label: self.t(&format!("kind_{}", kind_key(e.kind))),
            initial: self.idx.initials[item.id.0 as usize].clone(),
            status_label: self.t(&format!("status_{}", e.status.key())),
            url: rel.href(&self.urls.entry(e)),
            title: e.title.clone(),
            subtitle: Self::subtitle(e),
            province: gazetteer::embedded().province(e.province).name.clone(),
            period: c.periods[e.period].name.clone(),
            fields: e.fields.iter().map(|&f| c.fields[f].name.clone()).collect(),
            status: e.status.key(),
            summary: e.summary.as_deref().map(|s| shorten(s, CARD_SUMMARY)),
            image: None,
            award: item.award.and_then(|i| e.awards.get(i)).map(award),
            html: String::new(),
        }
    }

    /// Cards of `ids` for a grid under a level-2 heading.
    pub(super) fn cards(&self, rel: &Rel, ids: &[EntryId], frags: &Fragments) -> Vec<Card> {
        ids.iter()
            .enumerate()
            .map(|(i, &id)| {
                let mut card = self.card(rel, Item { id, award: None }, i + 1);
                card.html = frags.card(id, 3, rel);
                card
            })
            .collect()
    }

    pub(super) fn entry(&self, id: EntryId, frags: &Fragments) -> Result<OutputFile, Diagnostic> {
        let e = self.site.entry(id);
        let c = &self.site.config;
        let gz = gazetteer::embedded();
        let path = self.urls.entry(e);
        let rel = Rel::from(&path, self.offline);
        let section = match e.kind {
            Kind::Model => "nav_models",
            Kind::Person => "nav_people",
        };
        let crumbs = [
            (self.t("nav_home"), self.urls.home()),
            (self.t(section), self.urls.section(e.kind)),
        ];
        let link = |label: &str, target: String| Link {
            label: label.to_string(),
            url: rel.href(&target),
            active: false,
        };
        let current = gz.current(gz.province(e.province).current);
        let ctx = EntryPage {
            common: self.common(&rel, &path, e.title.clone(), &crumbs),
            kind: kind_key(e.kind),
            name: e.title.clone(),
            details: e.details.clone(),
            province: link(
                &gz.province(e.province).name,
                self.urls.province(e.province),
            ),
            province_today: (current.province != e.province)
                .then(|| link(&current.name, self.urls.province(current.province))),
            period: link(&c.periods[e.period].name, self.urls.period(e.period)),
            fields: e
                .fields
                .iter()
                .map(|&f| link(&c.fields[f].name, self.urls.field(f)))
                .collect(),
            status: e.status.key(),
            initial: self.idx.initials[id.0 as usize].clone(),
            status_label: self.t(&format!("status_{}", e.status.key())),
            date: e.date.map(|d| d.vietnamese()),
            date_iso: e.date.map(|d| d.iso()),
            summary: e.summary.clone(),
            description: e.summary.as_deref().map(|s| shorten(s, META_DESCRIPTION)),
            tags: e.tags.clone(),
            results: e
                .results
                .iter()
                .map(|r| Figure {
                    label: r.label.clone(),
                    value: r.value.clone(),
                    unit: r.unit.clone(),
                })
                .collect(),
            awards: e.awards.iter().map(award).collect(),
            image: e.cover.as_ref().and_then(|p| self.image(&rel, p, &e.title)),
            cover: frags.cover(id, &rel),
            photos: frags.entry_gallery(id, &rel),
            story: self.md.story(&e.body),
            draft: e.draft,
        };
        self.page(&path, "entry.html", &ctx)
    }

    pub(super) fn list(
        &self,
        spec: &ListSpec,
        n: usize,
        frags: &Fragments,
    ) -> Result<OutputFile, Diagnostic> {
        let per = self.site.config.per_page;
        let path = Urls::paged(&spec.path, n);
        let rel = Rel::from(&path, self.offline);
        let (start, end) = ((n - 1) * per, n * per);
        let mut seen = 0;
        let mut sections = Vec::new();
        for s in &spec.sections {
            let (from, to) = (
                start.saturating_sub(seen).min(s.items.len()),
                end.saturating_sub(seen).min(s.items.len()),
            );
            seen += s.items.len();
            if from < to {
                let first = seen - s.items.len() + from + 1;
                let h = if s.heading.is_some() { 3 } else { 2 };
                let cards = s.items[from..to]
                    .iter()
                    .enumerate()
                    .map(|(k, &i)| {
                        let mut card = self.card(&rel, i, first + k);
                        if spec.style == "cards" {
                            card.html = frags.card(i.id, h, &rel);
                        }
                        card
                    })
                    .collect();
                sections.push(Section {
                    heading: s.heading.clone(),
                    note: s.note.clone(),
                    cards,
                });
            }
        }
        let total = spec.total();
        let title = if n > 1 {
            format!(
                "{} – {}",
                spec.title,
                self.files.text("page_n", &[("n", &n.to_string())])
            )
        } else {
            spec.title.clone()
        };
        let ctx = ListPage {
            common: self.common(&rel, &path, title, &spec.crumbs),
            intro: spec.intro.clone(),
            style: spec.style,
            facts: spec
                .facts
                .iter()
                .map(|(label, value, t)| Fact {
                    label: label.clone(),
                    value: value.clone(),
                    url: t.as_ref().map(|t| rel.href(t)),
                })
                .collect(),
            related: spec
                .related
                .iter()
                .map(|(label, t)| Link {
                    label: label.clone(),
                    url: rel.href(t),
                    active: false,
                })
                .collect(),
            sections,
            total,
            pagination: pagination(&rel, &spec.path, n, total.div_ceil(per)),
        };
        self.page(&path, "list.html", &ctx)
    }

    pub(super) fn plain(&self, p: &Page) -> Result<OutputFile, Diagnostic> {
        let path = self.urls.page(&p.slug);
        let rel = Rel::from(&path, self.offline);
        let crumbs = [(self.t("nav_home"), self.urls.home())];
        let ctx = PlainPage {
            common: self.common(&rel, &path, p.title.clone(), &crumbs),
            body: self.md.page(&p.body),
            description: p.description.clone(),
        };
        self.page(&path, "page.html", &ctx)
    }

    pub(super) fn not_found(&self) -> Result<OutputFile, Diagnostic> {
        // A 404 page is served at any depth: links are absolute when the site's address is known.
        let rel = match &self.site.config.base_url {
            Some(base) => Rel::absolute(base),
            None => Rel::from("", self.offline),
        };
        let crumbs = [(self.t("nav_home"), self.urls.home())];
        let ctx = PlainPage {
            common: self.common(&rel, super::NOT_FOUND, self.t("title_404"), &crumbs),
            body: String::new(),
            description: None,
        };
        self.page(super::NOT_FOUND, "404.html", &ctx)
    }
}

/// Longest meta description, in characters.
const META_DESCRIPTION: usize = 200;

/// Longest card summary, in characters.
const CARD_SUMMARY: usize = 170;

/// `s` cut at a word boundary to at most `max` characters, with "…" when cut.
fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let cut: String = s.chars().take(max).collect();
    let at = cut.rfind(char::is_whitespace).unwrap_or(cut.len());
    format!("{}…", cut[..at].trim_end_matches([',', ';', ':', ' ']))
}

fn kind_key(k: Kind) -> &'static str {
    match k {
        Kind::Model => "model",
        Kind::Person => "person",
    }
}

fn pagination(rel: &Rel, base: &str, current: usize, total: usize) -> Option<Pagination> {
    if total <= 1 {
        return None;
    }
    let url = |n: usize| rel.href(&Urls::paged(base, n));
    Some(Pagination {
        current,
        total,
        prev: (current > 1).then(|| url(current - 1)),
        next: (current < total).then(|| url(current + 1)),
        pages: window(current, total)
            .into_iter()
            .map(|n| match n {
                Some(number) => PageLink {
                    number,
                    url: url(number),
                    current: number == current,
                    gap: false,
                },
                None => PageLink {
                    number: 0,
                    url: String::new(),
                    current: false,
                    gap: true,
                },
            })
            .collect(),
    })
}

/// The page numbers to show: the first, the last, and two on each side of the current one;
/// `None` marks a gap.
fn window(current: usize, total: usize) -> Vec<Option<usize>> {
    let mut out = Vec::new();
    let mut last = 0;
    for n in 1..=total {
        let near = n + 2 >= current && n <= current + 2;
        if n == 1 || n == total || near {
            if n > last + 1 {
                out.push(None);
            }
            out.push(Some(n));
            last = n;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::window;

    #[test]
    fn pagination_shows_a_window_with_gaps() {
        assert_eq!(window(1, 3), [Some(1), Some(2), Some(3)]);
        assert_eq!(
            window(10, 100),
            [
                Some(1),
                None,
                Some(8),
                Some(9),
                Some(10),
                Some(11),
                Some(12),
                None,
                Some(100)
            ]
        );
        assert_eq!(window(4, 5), [Some(1), Some(2), Some(3), Some(4), Some(5)]);
    }
}
