//! The photo gallery page: every published photo, grouped by the province the entry names,
//! then by period, then by entry, each group linking to its pages.

use crate::diagnostic::Diagnostic;
use crate::gazetteer;
use crate::output::OutputFile;
use crate::validate::EntryId;

use super::context::{GalleryEntry, GalleryPage, GalleryPeriod, GalleryProvince, Link};
use super::urls::Rel;
use super::{Fragments, Renderer};

fn link(label: String, url: String) -> Link {
    Link {
        label,
        url,
        active: false,
    }
}

impl Renderer<'_> {
    /// True when some published entry has a photo (the gallery page and its nav link exist).
    pub(super) fn has_photos(&self) -> bool {
        !self.media.is_empty()
    }

    fn gallery_period(
        &self,
        (rel, frags): (&Rel, &Fragments),
        entries: &[EntryId],
        g: usize,
        period: usize,
    ) -> GalleryPeriod {
        let entries = entries
            .iter()
            .filter(|&&id| self.site.entry(id).period == period)
            .filter_map(|&id| {
                let photos = frags.gallery(id, rel);
                let e = self.site.entry(id);
                let entry = link(e.title.clone(), rel.href(&self.urls.entry(e)));
                (!photos.is_empty()).then_some(GalleryEntry { entry, photos })
            })
            .collect();
        let name = self.site.config.periods[period].name.clone();
        let province = self.idx.provinces[g].province;
        let url = rel.href(&self.urls.province_period(province, period));
        GalleryPeriod {
            period: link(name, url),
            entries,
        }
    }

    pub(super) fn gallery(&self, frags: &Fragments) -> Result<OutputFile, Diagnostic> {
        let path = self.urls.gallery();
        let rel = Rel::from(&path, self.offline);
        let groups: Vec<GalleryProvince> = self
            .idx
            .provinces
            .iter()
            .enumerate()
            .filter_map(|(g, group)| {
                let periods: Vec<GalleryPeriod> = (0..self.site.config.periods.len())
                    .map(|p| self.gallery_period((&rel, frags), &group.own, g, p))
                    .filter(|p| !p.entries.is_empty())
                    .collect();
                let province = gazetteer::embedded().province(group.province);
                let url = rel.href(&self.urls.province(group.province));
                (!periods.is_empty()).then(|| GalleryProvince {
                    province: link(province.name.clone(), url),
                    id: province.slug.clone(),
                    periods,
                })
            })
            .collect();
        let count = groups
            .iter()
            .flat_map(|g| &g.periods)
            .flat_map(|p| &p.entries)
            .map(|e| e.photos.len())
            .sum();
        let crumbs = [(self.t("nav_home"), self.urls.home())];
        let ctx = GalleryPage {
            common: self.common(&rel, &path, self.t("title_gallery"), &crumbs),
            count,
            groups,
        };
        self.page(&path, "gallery.html", &ctx)
    }
}
