//! What the list pages of the site are — their paths, titles, sections — before rendering:
//! one [`ListSpec`] per list, paginated later.

use crate::content::Kind;
use crate::gazetteer;
use crate::index::{Indexes, ProvinceGroup};
use crate::validate::{EntryId, Site};

use super::theme::ThemeFiles;
use super::urls::Urls;

/// One entry in a list, with the award the row is about (award lists only).
#[derive(Debug, Clone, Copy)]
pub(super) struct Item {
    /// The entry.
    pub id: EntryId,
    /// Index into its `awards`.
    pub award: Option<usize>,
}

/// A labelled group of entries.
#[derive(Debug, Clone)]
pub(super) struct SectionSpec {
    /// Heading.
    pub heading: Option<String>,
    /// Note under the heading.
    pub note: Option<String>,
    /// Entries, in order.
    pub items: Vec<Item>,
}

/// A label with a target path (from the root).
pub(super) type Target = (String, String);

/// A whole list, before pagination.
#[derive(Debug, Clone)]
pub(super) struct ListSpec {
    /// Path of page 1.
    pub path: String,
    /// Title.
    pub title: String,
    /// Intro sentence.
    pub intro: Option<String>,
    /// `cards` or `roll`.
    pub style: &'static str,
    /// Breadcrumbs above the title.
    pub crumbs: Vec<Target>,
    /// Facts: label, value, optional target.
    pub facts: Vec<(String, String, Option<String>)>,
    /// Related links.
    pub related: Vec<Target>,
    /// Groups.
    pub sections: Vec<SectionSpec>,
}

impl ListSpec {
    /// Number of entries.
    pub(super) fn total(&self) -> usize {
        self.sections.iter().map(|s| s.items.len()).sum()
    }
}

/// Builds the spec of every list page.
pub(super) struct Lists<'a> {
    /// The site.
    pub site: &'a Site,
    /// Its indexes.
    pub idx: &'a Indexes,
    /// UI strings.
    pub files: &'a ThemeFiles,
    /// URL scheme.
    pub urls: &'a Urls<'a>,
}

/// The entry's most recent commendation (undated ones count as oldest; ties: the last written).
fn latest_award(site: &Site, id: EntryId) -> Option<usize> {
    let awards = &site.entry(id).awards;
    (0..awards.len()).max_by_key(|&i| (awards[i].date, i))
}

fn items(ids: &[EntryId]) -> Vec<Item> {
    ids.iter().map(|&id| Item { id, award: None }).collect()
}

impl Lists<'_> {
    /// Every list of the site.
    pub(super) fn all(&self) -> Vec<ListSpec> {
        let mut out = vec![self.section(Kind::Model), self.section(Kind::Person)];
        out.extend(self.idx.provinces.iter().map(|g| self.province(g)));
        out.extend(
            self.idx
                .province_periods
                .iter()
                .map(|(g, p)| self.province_period(g, *p)),
        );
        out.extend(self.idx.periods.iter().map(|(p, ids)| self.period(*p, ids)));
        out.extend(self.idx.fields.iter().map(|(f, ids)| self.field(*f, ids)));
        out.extend(self.idx.honor_rolls.iter().map(|h| self.honor_roll(h)));
        out.extend(self.idx.awards.iter().map(|a| self.award(a)));
        out.extend(self.idx.az.iter().map(|(l, ids)| self.letter(l, ids)));
        out
    }

    fn t(&self, key: &str) -> String {
        self.files.text(key, &[])
    }

    fn crumbs(&self, parent: Option<(&str, String)>) -> Vec<Target> {
        let mut out = vec![(self.t("nav_home"), self.urls.home())];
        out.extend(parent.map(|(key, path)| (self.t(key), path)));
        out
    }

    fn base(
        &self,
        path: String,
        title: String,
        intro: Option<String>,
        crumbs: Vec<Target>,
        sections: Vec<SectionSpec>,
    ) -> ListSpec {
        ListSpec {
            path,
            title,
            intro,
            style: "cards",
            crumbs,
            facts: Vec::new(),
            related: Vec::new(),
            sections,
        }
    }

    /// Splits entries into a models section and a people section (each only if not empty).
    fn by_kind(&self, ids: &[EntryId]) -> Vec<SectionSpec> {
        [
            (Kind::Model, "section_models"),
            (Kind::Person, "section_people"),
        ]
        .into_iter()
        .map(|(k, key)| SectionSpec {
            heading: Some(self.t(key)),
            note: None,
            items: items(
                &ids.iter()
                    .copied()
                    .filter(|&e| self.site.entry(e).kind == k)
                    .collect::<Vec<_>>(),
            ),
        })
        .filter(|s| !s.items.is_empty())
        .collect()
    }

    fn section(&self, kind: Kind) -> ListSpec {
        let (ids, title, intro) = match kind {
            Kind::Model => (&self.idx.models, "title_models", "intro_models"),
            Kind::Person => (&self.idx.people, "title_people", "intro_people"),
        };
        let sections = vec![SectionSpec {
            heading: None,
            note: None,
            items: items(ids),
        }];
        self.base(
            self.urls.section(kind),
            self.t(title),
            Some(self.t(intro)),
            self.crumbs(None),
            sections,
        )
    }

    fn province(&self, g: &ProvinceGroup) -> ListSpec {
        let gz = gazetteer::embedded();
        let name = &gz.province(g.province).name;
        let mut sections = Vec::new();
        if !g.own.is_empty() {
            let heading = (!g.merged.is_empty()).then(|| name.clone());
            sections.push(SectionSpec {
                heading,
                note: None,
                items: items(&g.own),
            });
        }
        for (old, ids) in &g.merged {
            let old = &gz.province(*old).name;
            sections.push(SectionSpec {
                heading: Some(self.files.text("section_merged", &[("name", old)])),
                note: Some(
                    self.files
                        .text("note_merged", &[("old", old), ("new", name)]),
                ),
                items: items(ids),
            });
        }
        let intro = Some(self.files.text("intro_province", &[("name", name)]));
        let crumbs = self.crumbs(Some(("nav_provinces", self.urls.provinces())));
        let mut spec = self.base(
            self.urls.province(g.province),
            name.clone(),
            intro,
            crumbs,
            sections,
        );
        let current = gz.current(gz.province(g.province).current);
        if current.province != g.province {
            spec.facts.push((
                self.t("fact_today"),
                current.name.clone(),
                Some(self.urls.province(current.province)),
            ));
        }
        spec.facts
            .push((self.t("fact_entries"), g.len().to_string(), None));
        spec.related = self
            .idx
            .province_periods
            .iter()
            .filter(|(pg, _)| pg.province == g.province)
            .map(|(_, p)| {
                (
                    self.files.text(
                        "title_period",
                        &[("name", &self.site.config.periods[*p].name)],
                    ),
                    self.urls.province_period(g.province, *p),
                )
            })
            .collect();
        spec
    }

    fn province_period(&self, g: &ProvinceGroup, period: usize) -> ListSpec {
        let mut spec = self.province(g);
        let name = gazetteer::embedded().province(g.province).name.clone();
        let pname = &self.site.config.periods[period].name;
        spec.crumbs.push((name.clone(), spec.path.clone()));
        spec.path = self.urls.province_period(g.province, period);
        spec.title = self.files.text(
            "title_province_period",
            &[("province", &name), ("period", pname)],
        );
        spec.related.retain(|(_, target)| *target != spec.path);
        if let Some(f) = spec
            .facts
            .iter_mut()
            .find(|f| f.0 == self.t("fact_entries"))
        {
            f.1 = g.len().to_string();
        }
        spec
    }

    fn period(&self, p: usize, ids: &[EntryId]) -> ListSpec {
        let name = &self.site.config.periods[p].name;
        let title = self.files.text("title_period", &[("name", name)]);
        let crumbs = self.crumbs(Some(("nav_periods", self.urls.periods())));
        let mut spec = self.base(self.urls.period(p), title, None, crumbs, self.by_kind(ids));
        if self.idx.honor_rolls.iter().any(|h| h.period == p) {
            spec.related.push((
                self.files.text("title_honor_roll", &[("name", name)]),
                self.urls.honor_roll(p),
            ));
        }
        spec
    }

    fn field(&self, f: usize, ids: &[EntryId]) -> ListSpec {
        let title = self
            .files
            .text("title_field", &[("name", &self.site.config.fields[f].name)]);
        let crumbs = self.crumbs(Some(("nav_fields", self.urls.fields())));
        self.base(self.urls.field(f), title, None, crumbs, self.by_kind(ids))
    }

    fn honor_roll(&self, h: &crate::index::HonorRoll) -> ListSpec {
        let name = &self.site.config.periods[h.period].name;
        let sections = [
            (&h.collectives, "section_models"),
            (&h.people, "section_people"),
        ]
        .into_iter()
        .filter(|(ids, _)| !ids.is_empty())
        .map(|(ids, key)| SectionSpec {
            heading: Some(self.t(key)),
            note: None,
            items: ids
                .iter()
                .map(|&id| Item {
                    id,
                    award: latest_award(self.site, id),
                })
                .collect(),
        })
        .collect();
        let title = self.files.text("title_honor_roll", &[("name", name)]);
        let intro = Some(self.files.text("intro_honor_roll", &[("name", name)]));
        let crumbs = self.crumbs(Some(("nav_honor_roll", self.urls.honor_rolls())));
        ListSpec {
            style: "roll",
            facts: self.reported_commendations(h.period),
            ..self.base(
                self.urls.honor_roll(h.period),
                title,
                intro,
                crumbs,
                sections,
            )
        }
    }

    /// The commendations that provinces' reports (`_data/reports.toml`) count for `period`, one
    /// fact per province, linked to that province's page for the period when it has one.
    fn reported_commendations(&self, period: usize) -> Vec<(String, String, Option<String>)> {
        let gz = gazetteer::embedded();
        self.site
            .reports
            .iter()
            .filter(|r| r.period == period)
            .filter_map(|r| {
                let figure = |key| r.figure(key).unwrap_or(0);
                let (collectives, individuals) = (
                    figure("commended_collectives"),
                    figure("commended_individuals"),
                );
                if collectives == 0 && individuals == 0 {
                    return None;
                }
                let province = &gz.province(r.province).name;
                let label = self
                    .files
                    .text("fact_reported_commended", &[("province", province)]);
                let value = self.files.text(
                    "fact_reported_commended_value",
                    &[
                        ("collectives", &collectives.to_string()),
                        ("individuals", &individuals.to_string()),
                    ],
                );
                let has_page = self
                    .idx
                    .province_periods
                    .iter()
                    .any(|(g, p)| g.province == r.province && *p == period);
                let target = has_page.then(|| self.urls.province_period(r.province, period));
                Some((label, value, target))
            })
            .collect()
    }

    fn award(&self, a: &crate::index::AwardGroup) -> ListSpec {
        let items = a
            .items
            .iter()
            .map(|&(id, i)| Item { id, award: Some(i) })
            .collect();
        let sections = vec![SectionSpec {
            heading: None,
            note: None,
            items,
        }];
        let title = self.files.text("title_award", &[("name", &a.form)]);
        let crumbs = self.crumbs(Some(("nav_awards", self.urls.awards())));
        ListSpec {
            style: "roll",
            ..self.base(self.urls.award(&a.slug), title, None, crumbs, sections)
        }
    }

    fn letter(&self, letter: &str, ids: &[EntryId]) -> ListSpec {
        let title = self.files.text("title_letter", &[("letter", letter)]);
        let crumbs = self.crumbs(Some(("nav_az", self.urls.az())));
        self.base(
            self.urls.letter(letter),
            title,
            None,
            crumbs,
            self.by_kind(ids),
        )
    }
}
