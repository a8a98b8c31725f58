//! The gazetteer: takes the embedded list of Vietnam's provincial units
//! (`data/provinces.toml`) and gives the 63 legacy units, the 34 units of today they merged
//! into on 2025-07-01, and the resolution of a province name as an entry writes it (aliases,
//! old tone placement, dash variants, missing diacritics, typos).

use std::collections::HashMap;
use std::fmt;
use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

use crate::vi;

#[cfg(test)]
mod tests;

/// The embedded data file.
const SOURCE: &str = include_str!("../data/provinces.toml");

/// The gazetteer parsed from [`SOURCE`]; empty should the file be broken (a unit test
/// guards against that).
static EMBEDDED: LazyLock<Gazetteer> =
    LazyLock::new(|| Gazetteer::parse(SOURCE).unwrap_or_default());

/// Returned by [`Gazetteer::province`] for an id that is not from this gazetteer.
static NO_PROVINCE: Province = Province {
    name: String::new(),
    slug: String::new(),
    current: CurrentId(0),
    legacy: false,
};

/// Returned by [`Gazetteer::current`] for an id that is not from this gazetteer.
static NO_CURRENT: CurrentUnit = CurrentUnit {
    name: String::new(),
    slug: String::new(),
    kind: UnitKind::Province,
    members: Vec::new(),
    province: ProvinceId(0),
};

/// Abbreviations and old spellings of one legacy unit, with that unit's name. They decide
/// which member an alias of the file denotes, and resolve even when the file omits them.
const ABBREVIATIONS: [(&str, &str); 6] = [
    ("BR-VT", "Bà Rịa – Vũng Tàu"),
    ("BRVT", "Bà Rịa – Vũng Tàu"),
    ("TT Huế", "Thừa Thiên Huế"),
    ("TT-Huế", "Thừa Thiên Huế"),
    ("Bắc Cạn", "Bắc Kạn"),
    ("HCM", "Hồ Chí Minh"),
];

/// Unit-type prefixes ignored in names, as [`vi::compare_key`] writes them.
const KEY_PREFIXES: [&str; 4] = ["tỉnh ", "thành phố ", "tp.", "tp "];

/// Unit-type prefixes ignored in names, as [`vi::slugify`] writes them.
const SLUG_PREFIXES: [&str; 3] = ["tinh-", "thanh-pho-", "tp-"];

/// Index of a [`Province`] in [`Gazetteer::provinces`].
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct ProvinceId(pub u16);

/// Index of a [`CurrentUnit`] in [`Gazetteer::currents`].
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct CurrentId(pub u16);

/// Whether a unit of today is a centrally-run city or a province.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum UnitKind {
    /// Thành phố trực thuộc trung ương.
    City,
    /// Tỉnh.
    Province,
}

/// A unit an entry may name: one of the 63 legacy units, or a unit of today whose name is
/// not a legacy name (Huế).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Province {
    /// Proper spelling, NFC: "Bà Rịa – Vũng Tàu".
    pub name: String,
    /// URL slug, unique in the gazetteer: "ba-ria-vung-tau".
    pub slug: String,
    /// The unit of today it belongs to.
    pub current: CurrentId,
    /// Whether it existed as a provincial unit before 2025-07-01.
    pub legacy: bool,
}

/// One of the 34 provincial units since 2025-07-01.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CurrentUnit {
    /// Proper spelling, NFC: "Hồ Chí Minh".
    pub name: String,
    /// URL slug, the same as that of [`CurrentUnit::province`].
    pub slug: String,
    /// City or province.
    pub kind: UnitKind,
    /// The legacy units merged into it, in file order.
    pub members: Vec<ProvinceId>,
    /// The [`Province`] with the same name.
    pub province: ProvinceId,
}

/// What a province name, as written, denotes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Resolution {
    /// The proper spelling (NFC, surrounding whitespace ignored).
    Exact(ProvinceId),
    /// An alias, a tone-placement, case, dash or spacing variant, or a name with a unit
    /// prefix ("Tỉnh Lạng Sơn"): accepted silently.
    Alias(ProvinceId),
    /// Typed without diacritics and unambiguous ("Lang Son"): the caller should warn with
    /// the proper spelling.
    WithoutDiacritics(ProvinceId),
    /// Typed without diacritics and matching several provinces, in id order.
    Ambiguous(Vec<ProvinceId>),
    /// Not a known name; up to three provinces with a similar name, best first.
    Unknown {
        /// Candidates for "did you mean".
        suggestions: Vec<ProvinceId>,
    },
}

/// All provincial units, old and new, with the indexes that resolve names to them.
#[derive(Debug, Default)]
pub struct Gazetteer {
    /// Legacy units and new-named units of today, each unit of today's members followed by
    /// its own province when that is new.
    provinces: Vec<Province>,
    /// Units of today, in file order.
    currents: Vec<CurrentUnit>,
    /// [`vi::compare_key`] of each province name.
    names: HashMap<String, ProvinceId>,
    /// [`vi::compare_key`] of each alias and abbreviation.
    aliases: HashMap<String, ProvinceId>,
    /// [`vi::slugify`] of each name and alias, with the provinces it denotes, sorted.
    folds: HashMap<String, Vec<ProvinceId>>,
    /// Province slugs.
    slugs: HashMap<String, ProvinceId>,
}

/// Returns the gazetteer built from the embedded data file.
pub fn embedded() -> &'static Gazetteer {
    &EMBEDDED
}

impl Gazetteer {
    /// Returns a province by id (a placeholder with empty name for a foreign id).
    pub fn province(&self, id: ProvinceId) -> &Province {
        self.provinces
            .get(usize::from(id.0))
            .unwrap_or(&NO_PROVINCE)
    }

    /// Returns a unit of today by id (a placeholder with empty name for a foreign id).
    pub fn current(&self, id: CurrentId) -> &CurrentUnit {
        self.currents.get(usize::from(id.0)).unwrap_or(&NO_CURRENT)
    }

    /// Returns all provinces; a [`ProvinceId`] is an index into this slice.
    pub fn provinces(&self) -> &[Province] {
        &self.provinces
    }

    /// Returns all units of today; a [`CurrentId`] is an index into this slice.
    pub fn currents(&self) -> &[CurrentUnit] {
        &self.currents
    }

    /// Returns the province with exactly this slug.
    pub fn by_slug(&self, slug: &str) -> Option<ProvinceId> {
        self.slugs.get(slug).copied()
    }

    /// Resolves a province name as written in an entry. Exact spellings first; then, silently,
    /// variants under [`vi::compare_key`] (tone placement, case, dashes, spaces), aliases,
    /// and names prefixed "tỉnh", "thành phố", "TP."; then diacritic-free spellings; else
    /// [`Resolution::Unknown`] with suggestions.
    pub fn resolve(&self, name: &str) -> Resolution {
        let text = vi::nfc(name);
        let text = text.trim();
        let key = vi::compare_key(text);
        if let Some(&id) = self.names.get(&key) {
            return if self.province(id).name == text {
                Resolution::Exact(id)
            } else {
                Resolution::Alias(id)
            };
        }
        let bare = strip_prefix(&key, &KEY_PREFIXES).unwrap_or(&key);
        let found = self.aliases.get(&key);
        if let Some(&id) = found.or_else(|| self.names.get(bare).or(self.aliases.get(bare))) {
            return Resolution::Alias(id);
        }
        if vi::strip_diacritics(text) == text
            && let Some(found) = self.resolve_fold(text)
        {
            return found;
        }
        Resolution::Unknown {
            suggestions: self.suggestions(bare),
        }
    }

    /// Resolves a name typed without diacritics through the slugs of names and aliases.
    fn resolve_fold(&self, text: &str) -> Option<Resolution> {
        let slug = vi::slugify(text);
        let ids = self.folds.get(&slug).or_else(|| {
            strip_prefix(&slug, &SLUG_PREFIXES).and_then(|bare| self.folds.get(bare))
        })?;
        match ids.as_slice() {
            [] => None,
            [id] => Some(Resolution::WithoutDiacritics(*id)),
            _ => Some(Resolution::Ambiguous(ids.clone())),
        }
    }

    /// Returns the provinces whose names [`vi::suggest`] offers for `input`.
    fn suggestions(&self, input: &str) -> Vec<ProvinceId> {
        vi::suggest(input, self.provinces.iter().map(|p| p.name.as_str()))
            .into_iter()
            .filter_map(|name| self.provinces.iter().position(|p| p.name == name))
            .filter_map(|index| u16::try_from(index).ok().map(ProvinceId))
            .collect()
    }

    /// Builds a gazetteer from the text of a provinces file.
    fn parse(source: &str) -> Result<Gazetteer, LoadError> {
        let file: RawFile = toml::from_str(source).map_err(LoadError::Toml)?;
        let mut gazetteer = Gazetteer::default();
        for unit in &file.current {
            gazetteer.add_current(unit)?;
        }
        for (unit, raw) in gazetteer.currents.clone().iter().zip(&file.current) {
            for alias in &raw.aliases {
                let target = gazetteer.alias_target(alias, unit);
                gazetteer.add_alias(alias, target)?;
            }
        }
        for (abbreviation, name) in ABBREVIATIONS {
            // The table is written for the embedded file; other files may lack its units.
            if let Some(&target) = gazetteer.names.get(&vi::compare_key(name)) {
                gazetteer.add_alias(abbreviation, target)?;
            }
        }
        Ok(gazetteer)
    }

    /// Adds a unit of today, its members, and its own province if that is new.
    fn add_current(&mut self, raw: &RawCurrent) -> Result<(), LoadError> {
        let id = CurrentId(u16::try_from(self.currents.len()).map_err(|_| LoadError::TooMany)?);
        let members = raw
            .merged_from
            .iter()
            .map(|name| self.add_province(name, id, true))
            .collect::<Result<Vec<_>, _>>()?;
        let key = vi::compare_key(&raw.name);
        let own = members
            .iter()
            .copied()
            .find(|&member| vi::compare_key(&self.province(member).name) == key);
        let province = match own {
            Some(member) => member,
            None => self.add_province(&raw.name, id, false)?,
        };
        let name = vi::nfc(raw.name.trim());
        self.currents.push(CurrentUnit {
            slug: vi::slugify(&name),
            name,
            kind: raw.kind,
            members,
            province,
        });
        Ok(())
    }

    /// Adds a province; its name and slug must be new.
    fn add_province(
        &mut self,
        name: &str,
        current: CurrentId,
        legacy: bool,
    ) -> Result<ProvinceId, LoadError> {
        let id = ProvinceId(u16::try_from(self.provinces.len()).map_err(|_| LoadError::TooMany)?);
        let name = vi::nfc(name.trim());
        let slug = vi::slugify(&name);
        let key = vi::compare_key(&name);
        if slug.is_empty() || self.names.contains_key(&key) || self.slugs.contains_key(&slug) {
            return Err(LoadError::BadName(name));
        }
        self.names.insert(key, id);
        self.slugs.insert(slug.clone(), id);
        self.add_fold(slug.clone(), id);
        self.provinces.push(Province {
            name,
            slug,
            current,
            legacy,
        });
        Ok(id)
    }

    /// Decides which province an alias of `unit` denotes: the one the abbreviation table
    /// names, else the member spelled the same but for diacritics, dashes and a unit prefix,
    /// else the unit's own province.
    fn alias_target(&self, alias: &str, unit: &CurrentUnit) -> ProvinceId {
        let key = vi::compare_key(alias);
        let abbreviated = ABBREVIATIONS
            .iter()
            .find(|(abbreviation, _)| vi::compare_key(abbreviation) == key)
            .and_then(|(_, name)| self.names.get(&vi::compare_key(name)));
        if let Some(&id) = abbreviated {
            return id;
        }
        let slug = vi::slugify(alias);
        let slug = strip_prefix(&slug, &SLUG_PREFIXES).unwrap_or(&slug);
        unit.members
            .iter()
            .copied()
            .find(|&member| self.province(member).slug == slug)
            .unwrap_or(unit.province)
    }

    /// Adds an alias; it may repeat a name or alias only of the same province.
    fn add_alias(&mut self, alias: &str, target: ProvinceId) -> Result<(), LoadError> {
        let key = vi::compare_key(alias);
        let clash = [self.names.get(&key), self.aliases.get(&key)]
            .into_iter()
            .flatten()
            .any(|&existing| existing != target);
        if key.is_empty() || clash {
            return Err(LoadError::BadAlias(alias.to_owned()));
        }
        self.aliases.insert(key, target);
        let slug = vi::slugify(alias);
        if !slug.is_empty() {
            self.add_fold(slug, target);
        }
        Ok(())
    }

    /// Records that `slug` denotes `id`.
    fn add_fold(&mut self, slug: String, id: ProvinceId) {
        let ids = self.folds.entry(slug).or_default();
        if let Err(position) = ids.binary_search(&id) {
            ids.insert(position, id);
        }
    }
}

/// Returns `s` without the first of `prefixes` it starts with, trimmed, if anything remains.
fn strip_prefix<'a>(s: &'a str, prefixes: &[&str]) -> Option<&'a str> {
    prefixes
        .iter()
        .find_map(|prefix| s.strip_prefix(prefix))
        .map(str::trim)
        .filter(|rest| !rest.is_empty())
}

/// The provinces file as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    /// Date the current units took effect (informative).
    #[serde(rename = "effective")]
    _effective: toml::value::Datetime,
    /// Units of today.
    current: Vec<RawCurrent>,
}

/// One `[[current]]` table of the provinces file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCurrent {
    /// Proper spelling.
    name: String,
    /// City or province.
    kind: UnitKind,
    /// Legacy units merged into it.
    merged_from: Vec<String>,
    /// Other spellings seen in documents.
    #[serde(default)]
    aliases: Vec<String>,
    /// Remark for readers of the file.
    #[serde(default, rename = "note")]
    _note: Option<String>,
}

/// Why a provinces file was rejected.
#[derive(Debug)]
enum LoadError {
    /// Not valid TOML or not the expected shape.
    Toml(toml::de::Error),
    /// More units than an id can number.
    TooMany,
    /// A name without letters, or repeated (up to case, tone placement or diacritics).
    BadName(String),
    /// An alias that is empty or also denotes another province.
    BadAlias(String),
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Toml(error) => write!(f, "invalid provinces file: {error}"),
            LoadError::TooMany => f.write_str("too many provincial units"),
            LoadError::BadName(name) => write!(f, "empty or repeated unit name «{name}»"),
            LoadError::BadAlias(alias) => write!(f, "empty or conflicting alias «{alias}»"),
        }
    }
}
