//! Builds the typed context of each kind of page and renders it.

use crate::content::reports::FIGURES;
use crate::content::{Kind, RawAward};
use crate::diagnostic::Diagnostic;
use crate::gazetteer;
use crate::output::OutputFile;
use crate::validate::{Entry, EntryId, Page, Photo};

use super::Renderer;
use super::context::{
    Award, Card, EntryPage, Fact, Figure, HomePage, Image, Link, ListPage, PageLink, Pagination,
    PlainPage, ReportRow, Section, Term, TermGroup, TermsPage,
};
use super::lists::{Item, ListSpec};
use super::urls::{Rel, Urls};

/// The index pages of terms.
#[derive(Debug, Clone, Copy)]
pub(super) enum TermsKind {
    Provinces,
    Periods,
    Fields,
    HonorRolls,
    Awards,
    Az,
}

impl TermsKind {
    /// Where the index page lives.
    pub(super) fn path(self, urls: &Urls<'_>) -> String {
        match self {
            TermsKind::Provinces => urls.provinces(),
            TermsKind::Periods => urls.periods(),
            TermsKind::Fields => urls.fields(),
            TermsKind::HonorRolls => urls.honor_rolls(),
            TermsKind::Awards => urls.awards(),
            TermsKind::Az => urls.az(),
        }
    }

    pub(super) const ALL: [TermsKind; 6] = [
        Self::Provinces,
        Self::Periods,
        Self::Fields,
        Self::HonorRolls,
        Self::Awards,
        Self::Az,
    ];
}

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
    fn t(&self, key: &str) -> String {
        self.theme.text(key, &[])
    }

    fn image(&self, rel: &Rel, photo: &Photo, fallback_alt: &str) -> Option<Image> {
        let target = self.media.target(photo)?;
        Some(Image {
            url: rel.href(target),
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
            Kind::Model => e.owner.clone(),
            Kind::Person => {
                let parts: Vec<&str> = [e.position.as_deref(), e.unit.as_deref()]
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
            image: e.cover.as_ref().and_then(|p| self.image(rel, p, &e.title)),
            award: item.award.and_then(|i| e.awards.get(i)).map(award),
        }
    }

    fn cards(&self, rel: &Rel, ids: &[EntryId]) -> Vec<Card> {
        ids.iter()
            .enumerate()
            .map(|(i, &id)| self.card(rel, Item { id, award: None }, i + 1))
            .collect()
    }

    pub(super) fn entry(&self, id: EntryId) -> Result<OutputFile, Diagnostic> {
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
            owner: e.owner.clone(),
            organization: e.organization.clone(),
            position: e.position.clone(),
            unit: e.unit.clone(),
            model: e.model.clone(),
            district: e.district.clone(),
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
            photos: e
                .photos
                .iter()
                .filter_map(|p| self.image(&rel, p, &e.title))
                .collect(),
            story: self.md.story(&e.body),
            draft: e.draft,
        };
        self.page(&path, "entry.html", &ctx)
    }

    pub(super) fn list(&self, spec: &ListSpec, n: usize) -> Result<OutputFile, Diagnostic> {
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
                let cards = s.items[from..to]
                    .iter()
                    .enumerate()
                    .map(|(k, &i)| self.card(&rel, i, first + k))
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
                self.theme.text("page_n", &[("n", &n.to_string())])
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

    pub(super) fn home(&self) -> Result<OutputFile, Diagnostic> {
        let rel = Rel::from("", self.offline);
        let s = &self.idx.stats;
        let count = |key: &str, n: usize, target: String| Fact {
            label: self.t(key),
            value: crate::content::group_thousands(n as i64),
            url: Some(rel.href(&target)),
        };
        let ctx = HomePage {
            common: self.common(
                &rel,
                "",
                self.site
                    .home
                    .as_ref()
                    .map_or_else(|| self.site.config.title.clone(), |h| h.title.clone()),
                &[],
            ),
            intro: self
                .site
                .home
                .as_ref()
                .map(|h| self.md.page(&h.body))
                .unwrap_or_default(),
            counts: vec![
                count("count_models", s.models, self.urls.section(Kind::Model)),
                count("count_people", s.people, self.urls.section(Kind::Person)),
                count("count_commended", s.commended, self.urls.honor_rolls()),
                count("count_provinces", s.provinces, self.urls.provinces()),
            ],
            models_url: rel.href(&self.urls.section(Kind::Model)),
            people_url: rel.href(&self.urls.section(Kind::Person)),
            reports: self.report_rows(&rel),
            report_columns: FIGURES
                .iter()
                .map(|k| self.t(&format!("report_{k}")))
                .collect(),
            featured: self.cards(&rel, &self.idx.featured),
            latest: self.cards(&rel, &self.idx.latest),
            honor_rolls: self.honor_roll_terms(&rel),
            periods: self.period_terms(&rel),
            fields: self.field_terms(&rel),
        };
        self.page("", "index.html", &ctx)
    }

    fn report_rows(&self, rel: &Rel) -> Vec<ReportRow> {
        let gz = gazetteer::embedded();
        self.site
            .reports
            .iter()
            .map(|r| {
                let current = gz.current(gz.province(r.province).current);
                let published = self
                    .site
                    .entries
                    .iter()
                    .filter(|e| e.province == r.province && e.period == r.period)
                    .count();
                ReportRow {
                    province: Link {
                        label: gz.province(r.province).name.clone(),
                        url: rel.href(&self.urls.province(r.province)),
                        active: false,
                    },
                    province_today: (current.province != r.province).then(|| current.name.clone()),
                    period: self.site.config.periods[r.period].name.clone(),
                    values: FIGURES
                        .iter()
                        .map(|k| {
                            r.figures.iter().find(|(f, _)| f == k).map_or_else(
                                || "—".to_string(),
                                |(_, v)| crate::content::group_thousands(*v),
                            )
                        })
                        .collect(),
                    published,
                    source: r.source_note.clone(),
                    note: r.note.clone(),
                }
            })
            .collect()
    }

    fn term(rel: &Rel, name: String, target: &str, count: usize) -> Term {
        Term {
            name,
            url: rel.href(target),
            count,
            note: None,
        }
    }

    fn honor_roll_terms(&self, rel: &Rel) -> Vec<Term> {
        self.idx
            .honor_rolls
            .iter()
            .map(|h| {
                Self::term(
                    rel,
                    self.site.config.periods[h.period].name.clone(),
                    &self.urls.honor_roll(h.period),
                    h.collectives.len() + h.people.len(),
                )
            })
            .collect()
    }

    fn period_terms(&self, rel: &Rel) -> Vec<Term> {
        self.idx
            .periods
            .iter()
            .map(|(p, ids)| {
                Self::term(
                    rel,
                    self.site.config.periods[*p].name.clone(),
                    &self.urls.period(*p),
                    ids.len(),
                )
            })
            .collect()
    }

    fn field_terms(&self, rel: &Rel) -> Vec<Term> {
        self.idx
            .fields
            .iter()
            .map(|(f, ids)| {
                Self::term(
                    rel,
                    self.site.config.fields[*f].name.clone(),
                    &self.urls.field(*f),
                    ids.len(),
                )
            })
            .collect()
    }

    pub(super) fn terms(&self, kind: TermsKind) -> Result<OutputFile, Diagnostic> {
        let path = kind.path(&self.urls);
        let (title, intro) = match kind {
            TermsKind::Provinces => ("title_provinces", "intro_provinces"),
            TermsKind::Periods => ("title_periods", "intro_periods"),
            TermsKind::Fields => ("title_fields", "intro_fields"),
            TermsKind::HonorRolls => ("title_honor_rolls", "intro_honor_rolls"),
            TermsKind::Awards => ("title_awards", "intro_awards"),
            TermsKind::Az => ("title_az", "intro_az"),
        };
        let rel = Rel::from(&path, self.offline);
        let flat = |terms: Vec<Term>| {
            vec![TermGroup {
                heading: None,
                count: None,
                note: None,
                terms,
            }]
        };
        let groups = match kind {
            TermsKind::Provinces => self.province_groups(&rel),
            TermsKind::Periods => flat(self.period_terms(&rel)),
            TermsKind::Fields => flat(self.field_terms(&rel)),
            TermsKind::HonorRolls => flat(self.honor_roll_terms(&rel)),
            TermsKind::Awards => flat(
                self.idx
                    .awards
                    .iter()
                    .map(|a| {
                        Self::term(
                            &rel,
                            a.form.clone(),
                            &self.urls.award(&a.slug),
                            a.items.len(),
                        )
                    })
                    .collect(),
            ),
            TermsKind::Az => flat(
                self.idx
                    .az
                    .iter()
                    .map(|(l, ids)| Self::term(&rel, l.clone(), &self.urls.letter(l), ids.len()))
                    .collect(),
            ),
        };
        let crumbs = [(self.t("nav_home"), self.urls.home())];
        let ctx = TermsPage {
            common: self.common(&rel, &path, self.t(title), &crumbs),
            intro: Some(self.t(intro)),
            groups,
        };
        self.page(&path, "terms.html", &ctx)
    }

    /// Today's provinces, each with the provinces (as named in entries) merged into it.
    fn province_groups(&self, rel: &Rel) -> Vec<TermGroup> {
        let gz = gazetteer::embedded();
        let count = |p| {
            self.idx
                .provinces
                .iter()
                .find(|g| g.province == p)
                .map_or(0, |g| g.own.len())
        };
        self.idx
            .currents
            .iter()
            .map(|(cur, members)| {
                let current = gz.current(*cur);
                let total = self
                    .idx
                    .provinces
                    .iter()
                    .find(|g| g.province == current.province)
                    .map_or(0, |g| g.len());
                let heading = Link {
                    label: current.name.clone(),
                    url: rel.href(&self.urls.province(current.province)),
                    active: false,
                };
                let terms = members
                    .iter()
                    .map(|&p| {
                        let mut t = Self::term(
                            rel,
                            gz.province(p).name.clone(),
                            &self.urls.province(p),
                            count(p),
                        );
                        if p != current.province {
                            t.note = Some(
                                self.theme
                                    .text("note_now_part_of", &[("name", &current.name)]),
                            );
                        }
                        t
                    })
                    .collect();
                TermGroup {
                    heading: Some(heading),
                    count: Some(total),
                    note: None,
                    terms,
                }
            })
            .collect()
    }
}

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
