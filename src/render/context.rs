//! The typed context every template receives: one `Serialize` struct per template, every URL
//! already made relative to the page, every text already in display form.
//!
//! Templates never compute URLs or look data up; they only lay out what is here.

use std::collections::BTreeMap;

use serde::Serialize;

/// What every template gets besides its page's values, built once per build.
#[derive(Debug, Clone, Serialize)]
pub struct Shared<'a> {
    /// Site-wide settings.
    pub site: &'a SiteInfo,
    /// UI strings of the theme (`i18n/<lang>.toml`), e.g. `t.nav_home` — those the templates
    /// name (all of them if a template looks strings up by a computed key).
    pub t: &'a BTreeMap<String, String>,
}

/// What every page gets (besides [`Shared`]).
#[derive(Debug, Clone, Serialize)]
pub struct Common {
    /// Prefix from this page to the site root (`../../`, or `` at the root).
    pub root: String,
    /// `index.html` when built with `--offline`, else empty: append to directory links.
    pub index: &'static str,
    /// URL of the stylesheet and other theme assets, relative to this page (`../../static/`).
    pub assets: String,
    /// Main navigation (the site's sections).
    pub nav: Vec<Link>,
    /// Plain pages (about, guides), for the footer.
    pub pages: Vec<Link>,
    /// Breadcrumbs, from the home page to the parent of this page.
    pub breadcrumbs: Vec<Link>,
    /// Title of this page (without the site title).
    pub title: String,
    /// Absolute URL of this page when `base_url` is set (for `<link rel=canonical>`).
    pub canonical: Option<String>,
    /// Relative URL of the Atom feed, when there is one.
    pub feed: Option<String>,
}

/// Site-wide settings shown on pages.
#[derive(Debug, Clone, Serialize)]
pub struct SiteInfo {
    /// Title.
    pub title: String,
    /// Description.
    pub description: String,
    /// Language code (`vi`).
    pub language: String,
    /// Publisher line for the footer.
    pub publisher: Option<String>,
}

impl SiteInfo {
    /// The settings of `config` that pages show.
    pub fn new(config: &crate::config::Config) -> Self {
        SiteInfo {
            title: config.title.clone(),
            description: config.description.clone(),
            language: config.language.clone(),
            publisher: config.publisher.clone(),
        }
    }
}

/// A link with its label.
#[derive(Debug, Clone, Serialize)]
pub struct Link {
    /// Text.
    pub label: String,
    /// Relative URL.
    pub url: String,
    /// True when it points to the current page or section.
    pub active: bool,
}

/// A photo to show: its resized variants, alternative text, caption and credit.
///
/// Use it as `<picture><source type="image/webp" srcset=webp_srcset sizes=…><img src=url
/// srcset=srcset width height alt …></picture>`; `full` is the largest file, for a link or a
/// lightbox.
#[derive(Debug, Clone, Serialize)]
pub struct Image {
    /// Relative URL of the fallback file (JPEG, or PNG for transparent photos) about 800 wide.
    pub url: String,
    /// `srcset` of the fallback files (`a-1600.jpg 1600w, …`).
    pub srcset: String,
    /// `srcset` of the WebP files.
    pub webp_srcset: String,
    /// MIME type of the fallback (`image/jpeg`).
    pub fallback_type: &'static str,
    /// Width of `url`, in pixels.
    pub width: u32,
    /// Height of `url`, in pixels.
    pub height: u32,
    /// Relative URL of the largest fallback file.
    pub full: String,
    /// Relative URL of the largest WebP file.
    pub full_webp: String,
    /// Alternative text (the caption, or the entry's title).
    pub alt: String,
    /// Caption, if the user wrote one.
    pub caption: Option<String>,
    /// Photographer or source.
    pub credit: Option<String>,
}

/// `gallery.html`: every published photo, grouped by province, then period, then entry.
#[derive(Debug, Clone, Serialize)]
pub struct GalleryPage {
    /// Common values.
    #[serde(flatten)]
    pub common: Common,
    /// Number of photos.
    pub count: usize,
    /// One group per province (Vietnamese order) that has photos.
    pub groups: Vec<GalleryProvince>,
}

/// The photos of one province.
#[derive(Debug, Clone, Serialize)]
pub struct GalleryProvince {
    /// The province, linking to its page.
    pub province: Link,
    /// Anchor id of the group.
    pub id: String,
    /// Its periods that have photos, in configured order.
    pub periods: Vec<GalleryPeriod>,
}

/// The photos of one province in one period.
#[derive(Debug, Clone, Serialize)]
pub struct GalleryPeriod {
    /// The period's name, linking to the province × period page.
    pub period: Link,
    /// Entries with photos, in display order.
    pub entries: Vec<GalleryEntry>,
}

/// One entry's photos.
#[derive(Debug, Clone, Serialize)]
pub struct GalleryEntry {
    /// The entry, linking to its page.
    pub entry: Link,
    /// Its photos (cover first), each as the HTML of the theme's `gallery-item.html`.
    pub photos: Vec<String>,
}

/// An entry as shown in lists: a card, or a row of an honor roll.
#[derive(Debug, Clone, Serialize)]
pub struct Card {
    /// Position in the whole list, from 1 (continues across pages).
    pub number: usize,
    /// `model` or `person`.
    pub kind: &'static str,
    /// "Mô hình" or "Cá nhân điển hình" (the theme's `kind_model` / `kind_person`).
    pub kind_label: String,
    /// The letter to show when there is no photo (a person's given name's, a model title's).
    pub initial: String,
    /// Relative URL of the entry.
    pub url: String,
    /// Model title or person's name.
    pub title: String,
    /// Owner (model) or position and unit (person).
    pub subtitle: Option<String>,
    /// Province as named.
    pub province: String,
    /// Period name.
    pub period: String,
    /// Field names.
    pub fields: Vec<String>,
    /// `registered`, `recognised` or `commended` (for CSS and `t["status_" ~ status]`).
    pub status: &'static str,
    /// Summary, shortened to about 170 characters for the card.
    pub summary: Option<String>,
    /// Cover or portrait: set for `card.html` only (lists and the home page show the card's
    /// `html`, which holds it).
    pub image: Option<Image>,
    /// The status's text (the theme's `status_<status>`).
    pub status_label: String,
    /// On award pages the award the row is about; on honor rolls the entry's latest award.
    pub award: Option<Award>,
    /// In grid lists: the card as HTML, made by the theme's `card.html` (which gets `c`, this
    /// card, and `h`, its heading level). Empty elsewhere.
    pub html: String,
}

/// A commendation in display form.
#[derive(Debug, Clone, Serialize)]
pub struct Award {
    /// Form.
    pub form: String,
    /// Issuer.
    pub issuer: Option<String>,
    /// Decision number.
    pub decision: Option<String>,
    /// Date, `12/10/2023`.
    pub date: Option<String>,
    /// ISO date for `<time datetime>`.
    pub date_iso: Option<String>,
    /// Note.
    pub note: Option<String>,
}

/// A measurable result.
#[derive(Debug, Clone, Serialize)]
pub struct Figure {
    /// What was measured.
    pub label: String,
    /// Value as text.
    pub value: String,
    /// Unit.
    pub unit: Option<String>,
}

/// A labelled group of cards in a list page (e.g. "Mô hình", or "Trước đây thuộc tỉnh Yên Bái").
#[derive(Debug, Clone, Serialize)]
pub struct Section {
    /// Heading; `None` for a list with one unnamed group.
    pub heading: Option<String>,
    /// A note under the heading.
    pub note: Option<String>,
    /// The entries.
    pub cards: Vec<Card>,
}

/// Links between the pages of a long list.
#[derive(Debug, Clone, Serialize)]
pub struct Pagination {
    /// Current page, from 1.
    pub current: usize,
    /// Number of pages.
    pub total: usize,
    /// Previous page.
    pub prev: Option<String>,
    /// Next page.
    pub next: Option<String>,
    /// Page numbers around the current one, the first and the last, with gaps between.
    pub pages: Vec<PageLink>,
}

/// One page number in a pagination.
#[derive(Debug, Clone, Serialize)]
pub struct PageLink {
    /// Number, from 1.
    pub number: usize,
    /// Relative URL.
    pub url: String,
    /// True for the current page.
    pub current: bool,
    /// True for a gap ("…") between distant page numbers; `number` and `url` are then empty.
    pub gap: bool,
}

/// `entry.html`: a model or a person.
#[derive(Debug, Clone, Serialize)]
pub struct EntryPage {
    /// Common values.
    #[serde(flatten)]
    pub common: Common,
    /// `model` or `person`.
    pub kind: &'static str,
    /// Model title or person's name.
    pub name: String,
    /// `owner`, `organization`, `position`, `unit`, `model`, `district` (each optional).
    #[serde(flatten)]
    pub details: crate::content::Details,
    /// Province as named, linked.
    pub province: Link,
    /// Today's province when it differs from the named one, linked.
    pub province_today: Option<Link>,
    /// Period, linked.
    pub period: Link,
    /// Fields, linked.
    pub fields: Vec<Link>,
    /// Status key.
    pub status: &'static str,
    /// The status's text.
    pub status_label: String,
    /// The letter to show when there is no photo.
    pub initial: String,
    /// Date, `19/10/2023`.
    pub date: Option<String>,
    /// ISO date.
    pub date_iso: Option<String>,
    /// Summary.
    pub summary: Option<String>,
    /// The summary cut at a word to at most 200 characters, for the meta description.
    pub description: Option<String>,
    /// Keywords.
    pub tags: Vec<String>,
    /// Results.
    pub results: Vec<Figure>,
    /// Commendations.
    pub awards: Vec<Award>,
    /// Cover or portrait (its caption and credit; the picture itself is `cover`).
    pub image: Option<Image>,
    /// The cover as the HTML of the theme's `cover.html`.
    pub cover: Option<String>,
    /// The gallery: each of `[[photos]]` as the HTML of the theme's `gallery-item.html`.
    pub photos: Vec<String>,
    /// The story, as sanitised HTML.
    pub story: String,
    /// True when the entry is a draft (only built with `--drafts`).
    pub draft: bool,
}

/// `list.html`: any paginated list of entries.
#[derive(Debug, Clone, Serialize)]
pub struct ListPage {
    /// Common values.
    #[serde(flatten)]
    pub common: Common,
    /// A sentence under the title.
    pub intro: Option<String>,
    /// `cards` (grid with photos) or `roll` (compact rows, as an honor roll or award list).
    pub style: &'static str,
    /// Facts about the list's subject (e.g. a province: today's province, figures).
    pub facts: Vec<Fact>,
    /// Related links shown above the list (e.g. a province's periods).
    pub related: Vec<Link>,
    /// The groups of this page.
    pub sections: Vec<Section>,
    /// Number of entries in the whole list.
    pub total: usize,
    /// Links to the other pages, if more than one.
    pub pagination: Option<Pagination>,
}

/// A labelled fact, optionally linked.
#[derive(Debug, Clone, Serialize)]
pub struct Fact {
    /// Label.
    pub label: String,
    /// Value.
    pub value: String,
    /// Link for the value.
    pub url: Option<String>,
}

/// `terms.html`: an index of provinces, periods, fields, forms or letters.
#[derive(Debug, Clone, Serialize)]
pub struct TermsPage {
    /// Common values.
    #[serde(flatten)]
    pub common: Common,
    /// A sentence under the title.
    pub intro: Option<String>,
    /// Groups of terms.
    pub groups: Vec<TermGroup>,
}

/// A group of terms (e.g. one of today's provinces and the former ones merged into it).
#[derive(Debug, Clone, Serialize)]
pub struct TermGroup {
    /// Heading, optionally linked.
    pub heading: Option<Link>,
    /// Number of entries under the heading, when it has one.
    pub count: Option<usize>,
    /// Note under the heading.
    pub note: Option<String>,
    /// The terms.
    pub terms: Vec<Term>,
}

/// One term with the number of entries it lists.
#[derive(Debug, Clone, Serialize)]
pub struct Term {
    /// Name.
    pub name: String,
    /// Relative URL.
    pub url: String,
    /// Number of entries.
    pub count: usize,
    /// Note (e.g. "nay thuộc tỉnh Lào Cai").
    pub note: Option<String>,
}

/// `index.html`: the home page.
#[derive(Debug, Clone, Serialize)]
pub struct HomePage {
    /// Common values.
    #[serde(flatten)]
    pub common: Common,
    /// The home text (`content/_index.md`), sanitised HTML.
    pub intro: String,
    /// Headline counts of published entries, each linked to its list.
    pub counts: Vec<Fact>,
    /// The list of all models.
    pub models_url: String,
    /// The list of all people.
    pub people_url: String,
    /// Campaign figures per province and period (`_data/reports.toml`).
    pub reports: Vec<ReportRow>,
    /// Labels of the figure columns, in order.
    pub report_columns: Vec<String>,
    /// Featured entries.
    pub featured: Vec<Card>,
    /// Newest entries that are not featured.
    pub latest: Vec<Card>,
    /// Honor rolls per period.
    pub honor_rolls: Vec<Term>,
    /// Periods.
    pub periods: Vec<Term>,
    /// Fields.
    pub fields: Vec<Term>,
}

/// Campaign figures of one province and period, beside the published counts.
#[derive(Debug, Clone, Serialize)]
pub struct ReportRow {
    /// Province, linked.
    pub province: Link,
    /// Today's province, when different.
    pub province_today: Option<String>,
    /// Period.
    pub period: String,
    /// One value per column (`—` when not reported), Vietnamese number format.
    pub values: Vec<String>,
    /// Entries published on this site for this province and period.
    pub published: usize,
    /// Source of the figures.
    pub source: Option<String>,
    /// Remark.
    pub note: Option<String>,
}

/// `page.html`: a plain page.
#[derive(Debug, Clone, Serialize)]
pub struct PlainPage {
    /// Common values.
    #[serde(flatten)]
    pub common: Common,
    /// Body, sanitised HTML.
    pub body: String,
    /// Description.
    pub description: Option<String>,
}
