//! The photo cache: variants stored under the source's content hash, plus an index of file
//! stamps (size, modification time) so an unchanged photo is recognised without being read.
//!
//! Layout: `<cache>/index.json`, and per photo `<cache>/<h[0..2]>/<h>/info.json` with its
//! variants `<width>-q<quality>-v<version>.<ext>`. Every file is written to a temporary name
//! and renamed, so an interrupted build never leaves a half-written variant.

use std::collections::{BTreeMap, HashSet};
use std::io;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::Format;

/// Changes whenever the pixels we produce for the same input and settings change.
pub(crate) const VERSION: u32 = 1;

const INDEX: &str = "index.json";
const INFO: &str = "info.json";

/// What identifies a file's content without reading it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Stamp {
    size: u64,
    mtime_ns: u128,
}

impl Stamp {
    pub(crate) fn of(path: &Path) -> io::Result<Stamp> {
        let m = std::fs::metadata(path)?;
        let mtime_ns = m
            .modified()?
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        Ok(Stamp {
            size: m.len(),
            mtime_ns,
        })
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Known {
    stamp: Stamp,
    hash: String,
    /// Copied from the photo's `info.json`, so a warm build need not open it.
    #[serde(default)]
    info: Option<Info>,
}

/// What a photo decoded to, enough to write HTML without decoding it again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Info {
    /// Displayed width and height of the full photo.
    pub width: u32,
    pub height: u32,
    /// True when it has transparency (fallback is PNG, not JPEG).
    pub alpha: bool,
}

/// The cache folder, with the stamp index read at start.
#[derive(Debug)]
pub(crate) struct Cache {
    dir: PathBuf,
    known: BTreeMap<String, Known>,
}

/// The hex SHA-256 of `bytes`, shortened to 32 digits (128 bits).
pub(crate) fn hash(bytes: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let digest = Sha256::digest(bytes);
    digest[..16]
        .iter()
        .flat_map(|b| [HEX[usize::from(b >> 4)], HEX[usize::from(b & 15)]])
        .map(char::from)
        .collect()
}

impl Cache {
    /// Opens (without creating) the cache at `dir`.
    pub(crate) fn open(dir: &Path) -> Cache {
        let known = std::fs::read(dir.join(INDEX))
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or_default();
        Cache {
            dir: dir.to_path_buf(),
            known,
        }
    }

    /// The folder.
    pub(crate) fn dir(&self) -> &Path {
        &self.dir
    }

    /// The content hash of the photo at `rel` (inside `content/`) if its stamp is unchanged
    /// since it was last hashed.
    pub(crate) fn known_hash(&self, rel: &Path, stamp: Stamp) -> Option<&str> {
        self.known(rel, stamp).map(|k| k.0)
    }

    /// The content hash of the photo at `rel` and its info as last recorded, if its stamp is
    /// unchanged.
    pub(crate) fn known(&self, rel: &Path, stamp: Stamp) -> Option<(&str, Option<Info>)> {
        let k = self.known.get(&key_of(rel))?;
        (k.stamp == stamp).then_some((k.hash.as_str(), k.info))
    }

    fn photo_dir(&self, hash: &str) -> PathBuf {
        self.dir.join(hash.get(..2).unwrap_or("00")).join(hash)
    }

    /// The recorded info of a photo, if it was processed before.
    pub(crate) fn info(&self, hash: &str) -> Option<Info> {
        let b = std::fs::read(self.photo_dir(hash).join(INFO)).ok()?;
        serde_json::from_slice(&b).ok()
    }

    /// Where the variant of `hash` at `width` in `format` is (or will be) stored.
    pub(crate) fn variant(&self, hash: &str, width: u32, quality: u8, format: Format) -> PathBuf {
        self.photo_dir(hash)
            .join(variant_name(width, quality, format))
    }

    /// Stores a photo's info (after its variants, so info means "complete").
    pub(crate) fn put_info(&self, hash: &str, info: Info) -> io::Result<()> {
        let bytes = serde_json::to_vec(&info).map_err(io::Error::other)?;
        write_atomic(&self.photo_dir(hash).join(INFO), &bytes)
    }

    /// Stores one variant.
    pub(crate) fn put_variant(&self, path: &Path, bytes: &[u8]) -> io::Result<()> {
        write_atomic(path, bytes)
    }

    /// Records the stamps seen in this run (merged with the old ones) and saves the index.
    pub(crate) fn save_index(&self, seen: Vec<(PathBuf, Stamp, String, Info)>) -> io::Result<()> {
        let mut known = self.known.clone();
        for (path, stamp, hash, info) in seen {
            let info = Some(info);
            known.insert(key_of(&path), Known { stamp, hash, info });
        }
        if known == self.known {
            return Ok(());
        }
        let bytes = serde_json::to_vec(&known).map_err(io::Error::other)?;
        write_atomic(&self.dir.join(INDEX), &bytes)
    }

    /// Removes every photo folder not in `used`, and in used folders every variant not in
    /// `keep` (file names); forgets stamps of files that no longer exist. Returns (files removed,
    /// bytes removed, files kept).
    pub(crate) fn prune(
        &self,
        used: &HashSet<String>,
        keep: &HashSet<PathBuf>,
    ) -> (usize, u64, usize) {
        let mut tally = (0usize, 0u64, 0usize);
        for entry in walkdir::WalkDir::new(&self.dir)
            .min_depth(1)
            .into_iter()
            .flatten()
        {
            if !entry.file_type().is_file() || entry.depth() != 3 {
                continue;
            }
            let path = entry.path();
            let hash = path
                .parent()
                .and_then(Path::file_name)
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let wanted = used.contains(&hash)
                && (path.file_name().is_some_and(|n| n == INFO) || keep.contains(path));
            if wanted {
                tally.2 += 1;
            } else {
                let len = entry.metadata().map_or(0, |m| m.len());
                if std::fs::remove_file(path).is_ok() {
                    tally.0 += 1;
                    tally.1 += len;
                }
            }
        }
        remove_empty_dirs(&self.dir);
        let known: BTreeMap<String, Known> = self
            .known
            .iter()
            .filter(|(_, k)| used.contains(&k.hash))
            .map(|(p, k)| (p.clone(), k.clone()))
            .collect();
        if known != self.known
            && let Ok(bytes) = serde_json::to_vec(&known)
        {
            let _ = write_atomic(&self.dir.join(INDEX), &bytes);
        }
        tally
    }
}

impl PartialEq for Known {
    fn eq(&self, other: &Self) -> bool {
        self.stamp == other.stamp && self.hash == other.hash && self.info == other.info
    }
}

fn key_of(rel: &Path) -> String {
    rel.to_string_lossy().replace('\\', "/")
}

fn variant_name(width: u32, quality: u8, format: Format) -> String {
    format!("{width}-q{quality}-v{VERSION}.{}", format.ext())
}

fn remove_empty_dirs(dir: &Path) {
    let dirs: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .min_depth(1)
        .contents_first(true)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_dir())
        .map(|e| e.into_path())
        .collect();
    for d in dirs {
        // Fails (and is meant to) when the folder still has files.
        let _ = std::fs::remove_dir(d);
    }
}

/// Writes `bytes` to a temporary file beside `path`, then renames it into place.
fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let parent = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = parent.join(format!(".{name}.{}.tmp", std::process::id()));
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hash_is_the_first_128_bits_of_sha256_in_lowercase_hex() {
        // SHA-256("abc") = ba7816bf8f01cfea414140de5dae2223b00361a3…
        assert_eq!(hash(b"abc"), "ba7816bf8f01cfea414140de5dae2223");
    }

    #[test]
    fn a_stamp_finds_the_hash_until_the_file_changes() {
        let dir = tempfile::tempdir().unwrap();
        let photo = dir.path().join("a.jpg");
        std::fs::write(&photo, b"one").unwrap();
        let cache_dir = dir.path().join("cache");
        let stamp = Stamp::of(&photo).unwrap();
        Cache::open(&cache_dir)
            .save_index(vec![(
                photo.clone(),
                stamp,
                hash(b"one"),
                Info {
                    width: 1,
                    height: 1,
                    alpha: false,
                },
            )])
            .unwrap();
        let cache = Cache::open(&cache_dir);
        assert_eq!(cache.known_hash(&photo, stamp), Some(hash(b"one").as_str()));
        std::fs::write(&photo, b"three").unwrap();
        let changed = Stamp::of(&photo).unwrap();
        assert_eq!(cache.known_hash(&photo, changed), None);
    }

    #[test]
    fn prune_keeps_only_what_is_used() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::open(dir.path());
        let (a, b) = (hash(b"a"), hash(b"b"));
        let keep_a = cache.variant(&a, 400, 80, Format::Webp);
        let old_a = cache.variant(&a, 400, 70, Format::Webp);
        let b_file = cache.variant(&b, 400, 80, Format::Jpeg);
        for p in [&keep_a, &old_a, &b_file] {
            cache.put_variant(p, b"x").unwrap();
        }
        cache
            .put_info(
                &a,
                Info {
                    width: 1,
                    height: 1,
                    alpha: false,
                },
            )
            .unwrap();
        let used: HashSet<String> = [a.clone()].into();
        let keep: HashSet<PathBuf> = [keep_a.clone()].into();
        let (removed, bytes, kept) = cache.prune(&used, &keep);
        assert_eq!((removed, bytes, kept), (2, 2, 2));
        assert!(keep_a.exists() && !old_a.exists() && !b_file.exists());
        assert!(!b_file.parent().unwrap().exists());
    }
}
