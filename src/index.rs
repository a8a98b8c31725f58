//! Index: groups the validated entries every way the site lists them — by province (as named,
//! and under today's province), period, field, province × period, commendation form, honor roll
//! per period, A–Z — in Vietnamese order, plus the figures for the home page.
//!
//! Entries are sorted once (models by title, people by given name, Vietnamese collation); every
//! list is then filtered in that order, so no list is sorted twice.

use std::collections::BTreeMap;

use rayon::prelude::*;
use unicode_normalization::UnicodeNormalization;

use crate::content::Kind;
use crate::gazetteer::{self, CurrentId, ProvinceId};
use crate::validate::{EntryId, Site, Status};
use crate::vi;

/// Entries of one province page: those that name it, and, when it is one of today's units, those
/// of the legacy provinces merged into it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProvinceGroup {
    /// The province the page is about.
    pub province: ProvinceId,
    /// Entries naming this province.
    pub own: Vec<EntryId>,
    /// Other legacy provinces merged into it (when it is a current unit), with their entries.
    pub merged: Vec<(ProvinceId, Vec<EntryId>)>,
}

impl ProvinceGroup {
    /// Number of entries on the page.
    pub fn len(&self) -> usize {
        self.own.len() + self.merged.iter().map(|(_, e)| e.len()).sum::<usize>()
    }

    /// True when the page would list nothing.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The same group restricted to entries passing `keep`.
    fn filtered(&self, keep: impl Fn(EntryId) -> bool) -> ProvinceGroup {
        ProvinceGroup {
            province: self.province,
            own: self.own.iter().copied().filter(|&e| keep(e)).collect(),
            merged: self
                .merged
                .iter()
                .map(|(p, es)| {
                    (
                        *p,
                        es.iter().copied().filter(|&e| keep(e)).collect::<Vec<_>>(),
                    )
                })
                .filter(|(_, es)| !es.is_empty())
                .collect(),
        }
    }
}

/// One commendation form and the entries that received it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AwardGroup {
    /// The form as written (first spelling seen).
    pub form: String,
    /// Its anchor.
    pub slug: String,
    /// Entry and index of the award in its `awards`.
    pub items: Vec<(EntryId, usize)>,
}

/// The honor roll of a period: everyone commended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HonorRoll {
    /// Index into `Config::periods`.
    pub period: usize,
    /// Commended models, by title.
    pub collectives: Vec<EntryId>,
    /// Commended people, by given name.
    pub people: Vec<EntryId>,
}

/// Counts for the home page and statistics.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stats {
    /// Published models.
    pub models: usize,
    /// Published people.
    pub people: usize,
    /// Commended entries.
    pub commended: usize,
    /// Provinces named by at least one entry.
    pub provinces: usize,
}

/// Every list of the site.
#[derive(Debug, Clone, Default)]
pub struct Indexes {
    /// All entries in display order: models by title, then people by given name.
    pub order: Vec<EntryId>,
    /// Models in order.
    pub models: Vec<EntryId>,
    /// People in order.
    pub people: Vec<EntryId>,
    /// One group per province page, provinces in Vietnamese order.
    pub provinces: Vec<ProvinceGroup>,
    /// Today's units that have entries, with the provinces merged into them.
    pub currents: Vec<(CurrentId, Vec<ProvinceId>)>,
    /// Province × period pages.
    pub province_periods: Vec<(ProvinceGroup, usize)>,
    /// Entries per period (every configured period, in order).
    pub periods: Vec<(usize, Vec<EntryId>)>,
    /// Entries per field (every configured field, in order).
    pub fields: Vec<(usize, Vec<EntryId>)>,
    /// Commendations grouped by form, forms in Vietnamese order.
    pub awards: Vec<AwardGroup>,
    /// Honor roll per period that has commended entries.
    pub honor_rolls: Vec<HonorRoll>,
    /// Entries by first letter of their sort name.
    pub az: Vec<(String, Vec<EntryId>)>,
    /// All entries, newest first (equal dates in display order).
    pub by_date: Vec<EntryId>,
    /// The newest few that are not featured, for the home page.
    pub latest: Vec<EntryId>,
    /// Featured entries.
    pub featured: Vec<EntryId>,
    /// Counts.
    pub stats: Stats,
    /// Per entry (by id): the letter it is filed under, also shown when it has no photo.
    pub initials: Vec<String>,
}

/// How many entries the home page shows as latest and featured.
const HOME_LIMIT: usize = 8;

/// Builds every index of `site`.
pub fn build(site: &Site) -> Indexes {
    // One collator for every list (building one loads ICU data).
    let coll = vi::Collator::new();
    let order = sort(site, &coll);
    let initials: Vec<String> = site.ids().map(|id| initial(sort_name(site, id))).collect();
    let by_date = by_date(site, &order);
    let filter = |keep: &dyn Fn(EntryId) -> bool| {
        order
            .iter()
            .copied()
            .filter(|&e| keep(e))
            .collect::<Vec<_>>()
    };
    let kind = |k: Kind| filter(&|e| site.entry(e).kind == k);
    let provinces = provinces(site, &order, &coll);
    let province_periods = provinces
        .iter()
        .flat_map(|g| {
            (0..site.config.periods.len())
                .map(move |p| (g.filtered(|e| site.entry(e).period == p), p))
        })
        .filter(|(g, _)| !g.is_empty())
        .collect();
    Indexes {
        models: kind(Kind::Model),
        people: kind(Kind::Person),
        currents: currents(&provinces),
        province_periods,
        periods: (0..site.config.periods.len())
            .map(|p| (p, filter(&|e| site.entry(e).period == p)))
            .collect(),
        fields: (0..site.config.fields.len())
            .map(|f| (f, filter(&|e| site.entry(e).fields.contains(&f))))
            .collect(),
        awards: awards(site, &order, &coll),
        honor_rolls: honor_rolls(site, &order),
        az: az(&order, &initials, &coll),
        latest: by_date
            .iter()
            .copied()
            .filter(|&e| !site.entry(e).featured)
            .take(HOME_LIMIT)
            .collect(),
        by_date,
        featured: filter(&|e| site.entry(e).featured)
            .into_iter()
            .take(HOME_LIMIT)
            .collect(),
        stats: stats(site, &provinces),
        provinces,
        initials,
        order,
    }
}

/// The name an entry is sorted and lettered by: a model's title, a person's given name.
pub fn sort_name(site: &Site, id: EntryId) -> &str {
    let e = site.entry(id);
    match e.kind {
        Kind::Model => &e.title,
        Kind::Person => vi::given_name(&e.title),
    }
}

/// Kind, then the collation key of the title or given name, then of the full name, then slug.
type SortKey<'a> = (Kind, Vec<u8>, Vec<u8>, &'a str, EntryId);

/// Display order: models by title, then people by given name and full name (Vietnamese
/// collation), then slug. Sort keys are computed once per entry, in parallel.
fn sort(site: &Site, coll: &vi::Collator) -> Vec<EntryId> {
    let mut keyed: Vec<SortKey<'_>> = site
        .ids()
        .collect::<Vec<_>>()
        .par_iter()
        .map(|&id| {
            let e = site.entry(id);
            let (first, second) = match e.kind {
                Kind::Model => (coll.sort_key(&e.title), Vec::new()),
                Kind::Person => (
                    coll.sort_key(vi::given_name(&e.title)),
                    coll.sort_key(vi::strip_honorific(&e.title)),
                ),
            };
            (e.kind, first, second, e.slug.as_str(), id)
        })
        .collect();
    keyed.par_sort_unstable();
    keyed.into_iter().map(|k| k.4).collect()
}

fn provinces(site: &Site, order: &[EntryId], coll: &vi::Collator) -> Vec<ProvinceGroup> {
    let g = gazetteer::embedded();
    let mut named: BTreeMap<ProvinceId, Vec<EntryId>> = BTreeMap::new();
    for &id in order {
        named.entry(site.entry(id).province).or_default().push(id);
    }
    // A page for every named province, and for every current unit one of whose members is named.
    let mut pages: Vec<ProvinceId> = named.keys().copied().collect();
    for &p in named.keys() {
        pages.push(g.current(g.province(p).current).province);
    }
    pages.sort();
    pages.dedup();
    pages.sort_by(|&a, &b| coll.compare(&g.province(a).name, &g.province(b).name));
    pages
        .into_iter()
        .map(|p| {
            let current = g.current(g.province(p).current);
            let merged = if current.province == p {
                current
                    .members
                    .iter()
                    .filter(|&&m| m != p)
                    .filter_map(|m| named.get(m).map(|es| (*m, es.clone())))
                    .collect()
            } else {
                Vec::new()
            };
            ProvinceGroup {
                province: p,
                own: named.get(&p).cloned().unwrap_or_default(),
                merged,
            }
        })
        .collect()
}

fn currents(groups: &[ProvinceGroup]) -> Vec<(CurrentId, Vec<ProvinceId>)> {
    let g = gazetteer::embedded();
    groups
        .iter()
        .filter(|grp| g.current(g.province(grp.province).current).province == grp.province)
        .map(|grp| {
            let cur = g.province(grp.province).current;
            let mut members: Vec<ProvinceId> = grp.merged.iter().map(|(p, _)| *p).collect();
            if !grp.own.is_empty() {
                members.insert(0, grp.province);
            }
            (cur, members)
        })
        .collect()
}

fn awards(site: &Site, order: &[EntryId], coll: &vi::Collator) -> Vec<AwardGroup> {
    let mut groups: BTreeMap<String, AwardGroup> = BTreeMap::new();
    for &id in order {
        for (i, a) in site.entry(id).awards.iter().enumerate() {
            let key = vi::compare_key(&a.form);
            let group = groups.entry(key).or_insert_with(|| AwardGroup {
                form: a.form.clone(),
                slug: vi::slugify(&a.form),
                items: Vec::new(),
            });
            group.items.push((id, i));
        }
    }
    let mut out: Vec<AwardGroup> = groups.into_values().collect();
    out.sort_by(|a, b| coll.compare(&a.form, &b.form));
    out
}

fn honor_rolls(site: &Site, order: &[EntryId]) -> Vec<HonorRoll> {
    (0..site.config.periods.len())
        .map(|p| {
            let pick = |k: Kind| {
                order
                    .iter()
                    .copied()
                    .filter(|&e| {
                        let e = site.entry(e);
                        e.period == p && e.kind == k && e.status == Status::Commended
                    })
                    .collect::<Vec<_>>()
            };
            HonorRoll {
                period: p,
                collectives: pick(Kind::Model),
                people: pick(Kind::Person),
            }
        })
        .filter(|h| !h.collectives.is_empty() || !h.people.is_empty())
        .collect()
}

/// The letter a name is filed under: its first letter without tone marks, keeping the
/// Vietnamese letters ă â đ ê ô ơ ư distinct.
pub fn initial(name: &str) -> String {
    let first = name.trim_start().chars().find(|c| c.is_alphanumeric());
    let Some(first) = first else {
        return "#".into();
    };
    let tones = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];
    let letter: String = first
        .to_string()
        .nfd()
        .filter(|c| !tones.contains(c))
        .nfc()
        .collect();
    if first.is_ascii_digit() {
        "#".into()
    } else {
        letter.to_uppercase()
    }
}

fn az(order: &[EntryId], initials: &[String], coll: &vi::Collator) -> Vec<(String, Vec<EntryId>)> {
    let mut letters: BTreeMap<&str, Vec<EntryId>> = BTreeMap::new();
    for &id in order {
        letters
            .entry(&initials[id.0 as usize])
            .or_default()
            .push(id);
    }
    let mut out: Vec<(String, Vec<EntryId>)> = letters
        .into_iter()
        .map(|(l, ids)| (l.to_string(), ids))
        .collect();
    out.sort_by(|a, b| coll.compare(&a.0, &b.0));
    out
}

fn stats(site: &Site, provinces: &[ProvinceGroup]) -> Stats {
    let count = |keep: &dyn Fn(&crate::validate::Entry) -> bool| {
        site.entries.iter().filter(|e| keep(e)).count()
    };
    Stats {
        models: count(&|e| e.kind == Kind::Model),
        people: count(&|e| e.kind == Kind::Person),
        commended: count(&|e| e.status == Status::Commended),
        provinces: provinces.iter().filter(|g| !g.own.is_empty()).count(),
    }
}

fn by_date(site: &Site, order: &[EntryId]) -> Vec<EntryId> {
    let mut ids = order.to_vec();
    // Stable: equal dates keep display order.
    ids.sort_by_key(|&id| std::cmp::Reverse(site.entry(id).date));
    ids
}

#[cfg(test)]
mod tests {
    use super::initial;

    #[test]
    fn initials_keep_vietnamese_letters() {
        assert_eq!(initial("Đảng ủy"), "Đ");
        assert_eq!(initial("ánh sáng"), "A");
        assert_eq!(initial("Ấm no"), "Â");
        assert_eq!(initial("Ước mơ"), "Ư");
        assert_eq!(initial("«Vì dân»"), "V");
        assert_eq!(initial("5 không"), "#");
        assert_eq!(initial(""), "#");
    }
}
