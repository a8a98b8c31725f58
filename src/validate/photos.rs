//! Checks the photo paths of an entry: relative, inside `content/`, existing.

use std::path::{Component, Path, PathBuf};

use crate::content::RawPhoto;
use crate::diagnostic::{Diagnostic, Pos};
use crate::messages::{Msg, tr};
use crate::schema::At;
use crate::vi;

/// A photo an entry references, checked to exist inside the content folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Photo {
    /// Absolute path of the source file.
    pub source: PathBuf,
    /// Path relative to the content folder (stable, for output names).
    pub rel: PathBuf,
    /// Caption, also the alt text.
    pub caption: Option<String>,
    /// Photographer or source.
    pub credit: Option<String>,
    /// The entry file that references it, and where (for diagnostics about the image itself).
    pub file: PathBuf,
    /// Position of the reference in `file`.
    pub pos: Pos,
}

/// The content folder, with its real path (symbolic links resolved) found once.
pub(super) struct ContentDir {
    path: PathBuf,
    real: Option<PathBuf>,
}

impl ContentDir {
    pub(super) fn new(path: PathBuf) -> Self {
        let real = path.canonicalize().ok();
        ContentDir { path, real }
    }
}

/// Checks every `[[photos]]` item; bad ones are reported and left out. A photo without a
/// caption is a warning: the caption is its alt text.
pub(super) fn check_all(
    file: &Path,
    dir: &Path,
    content: &ContentDir,
    photos: &[RawPhoto],
    diags: &mut Vec<Diagnostic>,
) -> Vec<Photo> {
    photos
        .iter()
        .filter_map(|p| {
            let (source, rel) = resolve(file, dir, content, &p.file, diags)?;
            if p.caption.as_deref().is_none_or(|c| c.trim().is_empty()) {
                let msg = tr(Msg::PhotoNoCaption, &[("path", &p.file.value)]);
                let hint = tr(Msg::PhotoNoCaptionHint, &[]);
                diags.push(Diagnostic::warning(file, p.file.pos, msg).suggest(hint));
            }
            Some(Photo {
                source,
                rel,
                caption: p.caption.clone(),
                credit: p.credit.clone(),
                file: file.to_path_buf(),
                pos: p.file.pos,
            })
        })
        .collect()
}

/// Checks the cover or portrait; it takes the caption of the same file in `[[photos]]`.
pub(super) fn check_cover(
    file: &Path,
    dir: &Path,
    content: &ContentDir,
    cover: &At<String>,
    photos: &[Photo],
    diags: &mut Vec<Diagnostic>,
) -> Option<Photo> {
    // Usually the cover is one of the `[[photos]]`: that file was checked a moment ago. (Only
    // a relative path may reuse that check: `resolve` refuses the others whatever they name.)
    let wanted = relative(&cover.value).map(|p| normalize(&dir.join(p)));
    let same = photos.iter().find(|p| Some(&p.source) == wanted.as_ref());
    let (source, rel) = match same {
        Some(p) => (p.source.clone(), p.rel.clone()),
        None => resolve(file, dir, content, cover, diags)?,
    };
    Some(Photo {
        source,
        rel,
        caption: same.and_then(|p| p.caption.clone()),
        credit: same.and_then(|p| p.credit.clone()),
        file: file.to_path_buf(),
        pos: cover.pos,
    })
}

fn resolve(
    file: &Path,
    dir: &Path,
    content: &ContentDir,
    path: &At<String>,
    diags: &mut Vec<Diagnostic>,
) -> Option<(PathBuf, PathBuf)> {
    let err = |msg: Msg| Diagnostic::error(file, path.pos, tr(msg, &[("path", &path.value)]));
    let Some(p) = relative(&path.value) else {
        diags.push(err(Msg::PhotoAbsolute).suggest(tr(Msg::PhotoEscapesHint, &[])));
        return None;
    };
    let joined = normalize(&dir.join(&p));
    let Ok(rel) = joined
        .strip_prefix(normalize(&content.path))
        .map(Path::to_path_buf)
    else {
        diags.push(err(Msg::PhotoEscapes).suggest(tr(Msg::PhotoEscapesHint, &[])));
        return None;
    };
    // The file itself, not followed: one system call tells both what it is and whether it is
    // a link (then it is followed, and where it leads is checked below).
    let own = std::fs::symlink_metadata(&joined);
    let is_link = own.as_ref().is_ok_and(|m| m.file_type().is_symlink());
    let meta = if is_link {
        std::fs::metadata(&joined)
    } else {
        own
    };
    if meta.as_ref().is_ok_and(std::fs::Metadata::is_dir) {
        diags.push(err(Msg::PhotoIsFolder).suggest(tr(Msg::PhotoEscapesHint, &[])));
        return None;
    }
    if !meta.is_ok_and(|m| m.is_file()) {
        let names = sibling_names(joined.parent().unwrap_or(dir));
        let name = joined
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        diags.push(
            err(Msg::PhotoMissing)
                .did_you_mean(&vi::suggest(&name, names.iter().map(String::as_str))),
        );
        return None;
    }
    // A link inside content/ may still point outside it; without one on the way, the path is
    // inside (and resolving every component of it costs a system call each).
    if !is_link && !has_link(&content.path, rel.parent().unwrap_or(Path::new(""))) {
        return Some((joined, rel));
    }
    match (joined.canonicalize(), &content.real) {
        (Ok(real), Some(root)) if real.starts_with(root) => Some((joined, rel)),
        _ => {
            diags.push(err(Msg::PhotoEscapes).suggest(tr(Msg::PhotoEscapesHint, &[])));
            None
        }
    }
}

/// `path` with `/` for each `\`, unless it is absolute (`/…`, or a drive or URL with `:`).
fn relative(path: &str) -> Option<String> {
    let p = path.replace('\\', "/");
    (!p.starts_with('/') && !p.contains(':')).then_some(p)
}

/// True when some folder of `rel` below `content` is a symbolic link (or cannot be read).
fn has_link(content: &Path, rel: &Path) -> bool {
    let mut path = content.to_path_buf();
    rel.components().any(|c| {
        path.push(c);
        path.symlink_metadata()
            .map_or(true, |m| m.file_type().is_symlink())
    })
}

/// Removes `.` and `..` without touching the file system.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// The files (not folders) beside a missing photo, for "did you mean".
fn sibling_names(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default()
}
