//! Media: decides where each photo an entry references is published and gives its URL.
//!
//! Photos are published beside the entry's page, under the same relative path they have in
//! `content/`. Only photos of published entries are listed, so a draft's photos never leave
//! the content folder.

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::output::{OutputFile, Payload};
use crate::validate::{Photo, Site};

/// The published photos: source file → path in `public/`.
#[derive(Debug, Clone, Default)]
pub struct Media {
    targets: BTreeMap<PathBuf, String>,
}

impl Media {
    /// Plans the photos of every published entry.
    pub fn plan(site: &Site) -> Media {
        let mut targets = BTreeMap::new();
        for e in &site.entries {
            for p in e.cover.iter().chain(&e.photos) {
                let rel = p.rel.to_string_lossy().replace('\\', "/");
                targets.insert(p.source.clone(), rel);
            }
        }
        Media { targets }
    }

    /// Where `photo` is published, as a path from the site root.
    pub fn target(&self, photo: &Photo) -> Option<&str> {
        self.targets.get(&photo.source).map(String::as_str)
    }

    /// The files to write.
    pub fn outputs(&self) -> Vec<OutputFile> {
        self.targets
            .iter()
            .map(|(src, rel)| OutputFile {
                path: rel.clone(),
                payload: Payload::Copy(src.clone()),
            })
            .collect()
    }

    /// Number of photos published.
    pub fn len(&self) -> usize {
        self.targets.len()
    }

    /// True when no photo is published.
    pub fn is_empty(&self) -> bool {
        self.targets.is_empty()
    }
}
