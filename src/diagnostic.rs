//! Diagnostics: every problem a user's file can cause, located by file, line and column.
//!
//! Stages collect diagnostics instead of stopping at the first one; the CLI prints them all.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::messages::{Msg, tr};

/// How serious a problem is: errors fail the build, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub enum Severity {
    /// The build cannot go on.
    Error,
    /// Worth fixing, but the site is still built.
    Warning,
}

/// One problem, with its place and what would fix it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The file, relative to the site root.
    pub file: PathBuf,
    /// 1-based line in the whole file (0 when the problem concerns the whole file).
    pub line: u32,
    /// 1-based column in characters (0 when unknown).
    pub col: u32,
    /// What is wrong, in the user's language.
    pub message: String,
    /// What was expected, if that helps.
    pub expected: Option<String>,
    /// A likely fix ("did you mean …").
    pub suggestion: Option<String>,
}

impl Diagnostic {
    /// An error at a place.
    pub fn error(file: &Path, pos: Pos, message: String) -> Self {
        Self::new(Severity::Error, file, pos, message)
    }

    /// A warning at a place.
    pub fn warning(file: &Path, pos: Pos, message: String) -> Self {
        Self::new(Severity::Warning, file, pos, message)
    }

    fn new(severity: Severity, file: &Path, pos: Pos, message: String) -> Self {
        Diagnostic {
            severity,
            file: file.to_path_buf(),
            line: pos.line,
            col: pos.col,
            message,
            expected: None,
            suggestion: None,
        }
    }

    /// Adds what was expected.
    pub fn expected(mut self, expected: impl Into<String>) -> Self {
        self.expected = Some(expected.into());
        self
    }

    /// Adds a suggestion.
    pub fn suggest(mut self, suggestion: impl Into<String>) -> Self {
        self.suggestion = Some(suggestion.into());
        self
    }

    /// Adds "did you mean …" for the nearest candidates, if any.
    pub fn did_you_mean(self, candidates: &[&str]) -> Self {
        match candidates {
            [] => self,
            _ => {
                let list = candidates
                    .iter()
                    .map(|c| format!("«{c}»"))
                    .collect::<Vec<_>>()
                    .join(", ");
                self.suggest(tr(Msg::DidYouMean, &[("list", &list)]))
            }
        }
    }

    /// True for errors.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => tr(Msg::LabelError, &[]),
            Severity::Warning => tr(Msg::LabelWarning, &[]),
        };
        writeln!(f, "{label}: {}", self.message)?;
        let file = self.file.display();
        match (self.line, self.col) {
            (0, _) => writeln!(f, "  --> {file}")?,
            (l, 0) => writeln!(f, "  --> {file}:{l}")?,
            (l, c) => writeln!(f, "  --> {file}:{l}:{c}")?,
        }
        if let Some(e) = &self.expected {
            writeln!(f, "   = {}: {e}", tr(Msg::LabelExpected, &[]))?;
        }
        if let Some(s) = &self.suggestion {
            writeln!(f, "   = {}: {s}", tr(Msg::LabelSuggestion, &[]))?;
        }
        Ok(())
    }
}

/// A 1-based line and column.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Pos {
    /// Line, from 1.
    pub line: u32,
    /// Column in characters, from 1.
    pub col: u32,
}

impl Pos {
    /// The place for problems that concern a whole file.
    pub const FILE: Pos = Pos { line: 0, col: 0 };
}

/// Maps byte offsets of a text to lines and columns.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes the line starts of `text`.
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    /// The line and column of byte `offset` in `text` (the text given to `new`).
    pub fn pos(&self, text: &str, offset: usize) -> Pos {
        let offset = offset.min(text.len());
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts[line - 1];
        let col = text
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count());
        Pos {
            line: u32::try_from(line).unwrap_or(u32::MAX),
            col: u32::try_from(col + 1).unwrap_or(u32::MAX),
        }
    }
}

/// The problems of a run in a stable order (file, then place), without repeats: a template
/// error met on every page is reported once.
pub fn sorted(mut items: Vec<Diagnostic>) -> Vec<Diagnostic> {
    items.sort_by(|a, b| {
        (&a.file, a.line, a.col, a.severity, &a.message)
            .cmp(&(&b.file, b.line, b.col, b.severity, &b.message))
    });
    items.dedup();
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_index_counts_characters_not_bytes() {
        let text = "a = 1\ntỉnh = \"Lạng Sôn\"\n";
        let idx = LineIndex::new(text);
        let off = text.find("\"Lạng").unwrap_or(0);
        assert_eq!(idx.pos(text, off), Pos { line: 2, col: 8 });
        assert_eq!(idx.pos(text, 0), Pos { line: 1, col: 1 });
        assert_eq!(idx.pos(text, text.len()), Pos { line: 3, col: 1 });
    }

    #[test]
    fn diagnostics_sort_by_file_then_line_without_repeats() {
        let a = Diagnostic::error(Path::new("b.md"), Pos { line: 1, col: 1 }, "x".into());
        let b = Diagnostic::error(Path::new("a.md"), Pos { line: 9, col: 1 }, "y".into());
        let c = Diagnostic::warning(Path::new("a.md"), Pos { line: 2, col: 4 }, "z".into());
        let order: Vec<_> = sorted(vec![a.clone(), b, c, a])
            .into_iter()
            .map(|d| d.message)
            .collect();
        assert_eq!(order, ["z", "y", "x"]);
    }
}
