//! Builds the typed context of the overview pages — the home page and the indexes of terms
//! (provinces, periods, fields, honor rolls, commendation forms, letters) — and renders them.

use crate::content::Kind;
use crate::content::reports::FIGURES;
use crate::diagnostic::Diagnostic;
use crate::gazetteer;
use crate::output::OutputFile;

use super::context::{Fact, HomePage, Link, ReportRow, Term, TermGroup, TermsPage};
use super::urls::{Rel, Urls};
use super::{Fragments, Renderer};

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

impl Renderer<'_> {
    pub(super) fn home(&self, frags: &Fragments) -> Result<OutputFile, Diagnostic> {
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
            featured: self.cards(&rel, &self.idx.featured, frags),
            latest: self.cards(&rel, &self.idx.latest, frags),
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
                            r.figure(k)
                                .map_or_else(|| "—".to_string(), crate::content::group_thousands)
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
        let periods = &self.site.config.periods;
        self.idx
            .honor_rolls
            .iter()
            .map(|h| {
                let count = h.collectives.len() + h.people.len();
                Self::term(
                    rel,
                    periods[h.period].name.clone(),
                    &self.urls.honor_roll(h.period),
                    count,
                )
            })
            .collect()
    }

    fn period_terms(&self, rel: &Rel) -> Vec<Term> {
        let periods = &self.site.config.periods;
        let term = |(p, ids): &(usize, Vec<_>)| {
            Self::term(
                rel,
                periods[*p].name.clone(),
                &self.urls.period(*p),
                ids.len(),
            )
        };
        self.idx.periods.iter().map(term).collect()
    }

    fn field_terms(&self, rel: &Rel) -> Vec<Term> {
        let fields = &self.site.config.fields;
        let term = |(f, ids): &(usize, Vec<_>)| {
            Self::term(
                rel,
                fields[*f].name.clone(),
                &self.urls.field(*f),
                ids.len(),
            )
        };
        self.idx.fields.iter().map(term).collect()
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
                                self.files
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
