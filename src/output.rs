//! Write: puts every rendered file into a fresh folder beside the target, in parallel, then swaps
//! it in with renames. A build that fails — in any stage, or while writing — leaves the previous
//! `public/` exactly as it was. A file whose bytes are those of the previous output's file at the
//! same path is hard-linked from it instead of written: it keeps its modification time (copying
//! tools such as rsync skip it) and the disk allocates nothing for it.

use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

/// What a file holds.
#[derive(Debug, Clone)]
pub enum Payload {
    /// Rendered bytes.
    Bytes(Vec<u8>),
    /// Bytes compiled into the binary (theme assets).
    Static(&'static [u8]),
    /// A file to copy (the site's own static files).
    Copy(PathBuf),
}

/// One file of the output.
#[derive(Debug, Clone)]
pub struct OutputFile {
    /// Path inside the output folder, `/`-separated.
    pub path: String,
    /// Its content.
    pub payload: Payload,
}

/// Writing failed; the previous output is untouched.
#[derive(Debug, thiserror::Error)]
#[error("{path}: {source}")]
pub struct WriteError {
    /// The file or folder concerned.
    pub path: PathBuf,
    /// The system's error.
    #[source]
    pub source: io::Error,
}

fn at(path: &Path) -> impl FnOnce(io::Error) -> WriteError + '_ {
    move |source| WriteError {
        path: path.to_path_buf(),
        source,
    }
}

/// A fresh hidden folder beside the target that files are written into, in parallel; it
/// replaces the target on [`Staging::commit`], and is removed if dropped before that.
#[derive(Debug)]
pub struct Staging {
    dir: PathBuf,
    target: PathBuf,
    /// The target exists: its files may be reused.
    previous: bool,
    committed: bool,
}

impl Staging {
    /// Creates the staging folder for `target`.
    pub fn new(target: &Path) -> Result<Staging, WriteError> {
        let parent = parent_of(target);
        std::fs::create_dir_all(parent).map_err(at(parent))?;
        let dir = parent.join(format!(".{}.tmp-{}", name_of(target), std::process::id()));
        if dir.exists() {
            std::fs::remove_dir_all(&dir).map_err(at(&dir))?;
        }
        std::fs::create_dir_all(&dir).map_err(at(&dir))?;
        Ok(Staging {
            dir,
            target: target.to_path_buf(),
            previous: target.is_dir(),
            committed: false,
        })
    }

    /// Writes one file (safe to call from many threads).
    pub fn put(&self, f: &OutputFile) -> Result<(), WriteError> {
        let path = self.dir.join(&f.path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(at(parent))?;
        }
        let bytes: &[u8] = match &f.payload {
            Payload::Bytes(b) => b,
            Payload::Static(b) => b,
            Payload::Copy(src) => return std::fs::copy(src, &path).map(|_| ()).map_err(at(&path)),
        };
        if self.link_unchanged(&f.path, bytes, &path) {
            return Ok(());
        }
        std::fs::write(&path, bytes).map_err(at(&path))
    }

    /// Hard-links the previous output's file at `rel` to `path` if it is a plain file holding
    /// exactly `bytes`; false (nothing done) otherwise, or where links are impossible.
    fn link_unchanged(&self, rel: &str, bytes: &[u8], path: &Path) -> bool {
        if !self.previous {
            return false;
        }
        let old = self.target.join(rel);
        let same_size = std::fs::symlink_metadata(&old)
            .is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64);
        same_size
            && std::fs::read(&old).is_ok_and(|b| b == bytes)
            && std::fs::hard_link(&old, path).is_ok()
    }

    /// Adds `reused` (see [`Reused`]), then replaces the target with what was written.
    ///
    /// The previous output's folder of such files is moved into the new output at this last
    /// step, so an unchanged file costs nothing; only new ones are linked and unused ones
    /// removed. If that fails, the folder is moved back before the error is returned.
    pub fn commit_reusing(self, reused: &Reused) -> Result<(), WriteError> {
        if reused.files.is_empty() {
            return self.commit();
        }
        let new_dir = self.dir.join(&reused.dir);
        let old_dir = self.target.join(&reused.dir);
        let moved =
            old_dir.is_dir() && !new_dir.exists() && std::fs::rename(&old_dir, &new_dir).is_ok();
        if let Err(e) = fill(&new_dir, &reused.files) {
            if moved {
                let _ = std::fs::rename(&new_dir, &old_dir);
            }
            return Err(e);
        }
        self.commit()
    }

    /// Replaces the target with what was written.
    pub fn commit(mut self) -> Result<(), WriteError> {
        let target = self.target.clone();
        swap(&self.dir, &target, parent_of(&target), &name_of(&target))?;
        self.committed = true;
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

/// Files whose names change whenever their content does (photo variants named by content
/// hash), so a file of the same name in the previous output can be kept as it is.
#[derive(Debug, Clone, Default)]
pub struct Reused {
    /// Their folder in the output (one level, `anh`).
    pub dir: String,
    /// File name → file to hard-link (or copy) when the previous output lacks it.
    pub files: Vec<(String, PathBuf)>,
}

/// Makes `dir` hold exactly `files`: links the missing ones, removes the others. Both lists are
/// sorted and walked side by side (a warm build finds every name present and changes nothing).
fn fill(dir: &Path, files: &[(String, PathBuf)]) -> Result<(), WriteError> {
    std::fs::create_dir_all(dir).map_err(at(dir))?;
    let mut present: Vec<std::ffi::OsString> = std::fs::read_dir(dir)
        .map_err(at(dir))?
        .filter_map(Result::ok)
        .map(|e| e.file_name())
        .collect();
    present.sort_unstable();
    let mut wanted: Vec<&(String, PathBuf)> = files.iter().collect();
    wanted.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let (mut missing, mut extra) = (Vec::new(), Vec::new());
    let (mut i, mut j) = (0, 0);
    while i < wanted.len() || j < present.len() {
        let order = match (wanted.get(i), present.get(j)) {
            (Some(w), Some(p)) => std::ffi::OsStr::new(&w.0).cmp(p.as_os_str()),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, _) => std::cmp::Ordering::Greater,
        };
        match order {
            std::cmp::Ordering::Less => {
                missing.push(wanted[i]);
                i += 1;
            }
            std::cmp::Ordering::Greater => {
                extra.push(&present[j]);
                j += 1;
            }
            std::cmp::Ordering::Equal => {
                i += 1;
                j += 1;
            }
        }
    }
    missing.par_iter().try_for_each(|(name, src)| {
        let path = dir.join(name);
        std::fs::hard_link(src, &path)
            .or_else(|_| std::fs::copy(src, &path).map(|_| ()))
            .map_err(at(&path))
    })?;
    for name in extra {
        let path = dir.join(name);
        std::fs::remove_file(&path).map_err(at(&path))?;
    }
    Ok(())
}

fn parent_of(target: &Path) -> &Path {
    target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

fn name_of(target: &Path) -> String {
    target
        .file_name()
        .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned())
}

fn swap(staging: &Path, target: &Path, parent: &Path, name: &str) -> Result<(), WriteError> {
    if !target.exists() {
        return std::fs::rename(staging, target).map_err(at(target));
    }
    let old = parent.join(format!(".{name}.old-{}", std::process::id()));
    if old.exists() {
        std::fs::remove_dir_all(&old).map_err(at(&old))?;
    }
    std::fs::rename(target, &old).map_err(at(target))?;
    if let Err(e) = std::fs::rename(staging, target) {
        // Put the previous output back before reporting.
        let _ = std::fs::rename(&old, target);
        return Err(at(target)(e));
    }
    remove_tree(&old);
    Ok(())
}

/// Removes a folder, its top-level entries in parallel (best effort: a leftover hidden folder
/// is removed by the next build).
fn remove_tree(dir: &Path) {
    if let Ok(entries) = std::fs::read_dir(dir) {
        let paths: Vec<PathBuf> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
        paths.par_iter().for_each(|p| {
            let _ = if p.is_dir() {
                std::fs::remove_dir_all(p)
            } else {
                std::fs::remove_file(p)
            };
        });
    }
    let _ = std::fs::remove_dir_all(dir);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What a build does: every file into staging, then the swap.
    fn write(target: &Path, files: &[OutputFile]) -> Result<(), WriteError> {
        let staging = Staging::new(target)?;
        files.par_iter().try_for_each(|f| staging.put(f))?;
        staging.commit()
    }

    fn file(path: &str, s: &str) -> OutputFile {
        OutputFile {
            path: path.into(),
            payload: Payload::Bytes(s.as_bytes().to_vec()),
        }
    }

    #[test]
    fn replaces_the_whole_folder() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let target = dir.path().join("public");
        write(&target, &[file("a/index.html", "1"), file("old.txt", "x")])?;
        write(&target, &[file("a/index.html", "2")])?;
        assert_eq!(std::fs::read_to_string(target.join("a/index.html"))?, "2");
        assert!(!target.join("old.txt").exists());
        let names: Vec<_> = std::fs::read_dir(dir.path())?
            .filter_map(Result::ok)
            .map(|e| e.file_name())
            .collect();
        assert_eq!(names, ["public"], "no staging folder is left behind");
        Ok(())
    }

    #[test]
    fn a_failed_write_keeps_the_previous_output() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let target = dir.path().join("public");
        write(&target, &[file("index.html", "old")])?;
        let bad = OutputFile {
            path: "x.jpg".into(),
            payload: Payload::Copy(dir.path().join("missing.jpg")),
        };
        assert!(write(&target, &[file("index.html", "new"), bad]).is_err());
        assert_eq!(std::fs::read_to_string(target.join("index.html"))?, "old");
        let names: Vec<_> = std::fs::read_dir(dir.path())?
            .filter_map(Result::ok)
            .map(|e| e.file_name())
            .collect();
        assert_eq!(names, ["public"]);
        Ok(())
    }

    #[test]
    fn reused_files_are_kept_linked_or_removed_to_match_the_list()
    -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let cache = dir.path().join("cache");
        std::fs::create_dir_all(&cache)?;
        for name in ["a", "b", "c"] {
            std::fs::write(cache.join(name), format!("cached {name}"))?;
        }
        let target = dir.path().join("public");
        let reused = |names: &[&str]| Reused {
            dir: "anh".into(),
            files: names
                .iter()
                .map(|n| (format!("{n}.webp"), cache.join(n)))
                .collect(),
        };
        Staging::new(&target)?.commit_reusing(&reused(&["c", "a"]))?;
        // A file already in the previous output is moved over as it is, not linked again.
        std::fs::write(target.join("anh/a.webp"), "kept")?;
        Staging::new(&target)?.commit_reusing(&reused(&["a", "b"]))?;
        let mut names: Vec<String> = std::fs::read_dir(target.join("anh"))?
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names, ["a.webp", "b.webp"]);
        assert_eq!(std::fs::read_to_string(target.join("anh/a.webp"))?, "kept");
        assert_eq!(
            std::fs::read_to_string(target.join("anh/b.webp"))?,
            "cached b"
        );
        Ok(())
    }

    #[cfg(unix)]
    #[test]
    fn an_unchanged_file_is_the_previous_one_linked_and_a_changed_one_is_new()
    -> Result<(), Box<dyn std::error::Error>> {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir()?;
        let target = dir.path().join("public");
        write(
            &target,
            &[file("a/index.html", "same"), file("b.html", "old")],
        )?;
        let before = |p: &str| std::fs::metadata(target.join(p)).map(|m| m.ino());
        let (a, b) = (before("a/index.html")?, before("b.html")?);
        write(
            &target,
            &[file("a/index.html", "same"), file("b.html", "new")],
        )?;
        assert_eq!(
            before("a/index.html")?,
            a,
            "the unchanged file is the same file"
        );
        assert_ne!(before("b.html")?, b);
        assert_eq!(std::fs::read_to_string(target.join("b.html"))?, "new");
        assert_eq!(std::fs::metadata(target.join("a/index.html"))?.nlink(), 1);
        Ok(())
    }
}
