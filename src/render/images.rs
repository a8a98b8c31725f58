//! Each published photo's URLs (`src`, both `srcset`s, the largest files), made once with the
//! root marker and filled in per page: a photo appears on about a dozen pages (its entry, the
//! gallery, every list its entry is in).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::media::{Format, Media, Picture};

use super::urls::{ROOT, Rel, Rooted};

/// The width of an `<img>`'s own `src` (browsers without `srcset` support get this one).
const IMG_SRC_WIDTH: u32 = 800;

/// A photo's URLs, with [`ROOT`] where each page's root prefix goes.
#[derive(Debug, Clone)]
pub(super) struct ImageUrls {
    pub url: Rooted,
    pub srcset: Rooted,
    pub webp_srcset: Rooted,
    pub full: Rooted,
    pub full_webp: Rooted,
    pub fallback_type: &'static str,
    pub width: u32,
    pub height: u32,
}

/// Every published photo's URLs, by source file. They need no theme, so a build makes them
/// while the theme loads.
#[derive(Debug, Clone, Default)]
pub struct PhotoUrls(HashMap<PathBuf, ImageUrls>);

impl PhotoUrls {
    /// The URLs of every photo in `media`.
    pub fn new(media: &Media) -> Self {
        // Links to files: the same whether directory links end in `index.html` or not.
        let rel = Rel::with_root(ROOT, false);
        let urls = media
            .par_pictures()
            .filter_map(|(source, pic)| Some((source.to_path_buf(), urls(&rel, pic)?)))
            .collect();
        PhotoUrls(urls)
    }

    /// The URLs of the photo at `source`, if it was published.
    pub(super) fn get(&self, source: &Path) -> Option<&ImageUrls> {
        self.0.get(source)
    }
}

fn urls(rel: &Rel, pic: &Picture) -> Option<ImageUrls> {
    let fallback = pic.fallback();
    let srcset = |format| {
        let list: Vec<String> = pic
            .of(format)
            .map(|v| format!("{} {}w", rel.href(&v.path), v.width))
            .collect();
        Rooted::new(&list.join(", "))
    };
    let full = |format| {
        Rooted::new(
            &pic.largest(format)
                .map(|v| rel.href(&v.path))
                .unwrap_or_default(),
        )
    };
    let src = pic.at_least(fallback, IMG_SRC_WIDTH)?;
    Some(ImageUrls {
        url: Rooted::new(&rel.href(&src.path)),
        srcset: srcset(fallback),
        webp_srcset: srcset(Format::Webp),
        full: full(fallback),
        full_webp: full(Format::Webp),
        fallback_type: fallback.mime(),
        width: src.width,
        height: src.height,
    })
}
