//! Reads TOML (front matter, `site.toml`, data files) into typed values, turning every problem
//! into a located diagnostic: syntax errors, unknown keys, wrong types, impossible dates.
//!
//! Unlike `serde` with `deny_unknown_fields`, it does not stop at the first problem: each key is
//! read on its own, so a file with three mistakes gets three diagnostics.

use std::ops::Range;
use std::path::Path;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::diagnostic::{Diagnostic, LineIndex, Pos};
use crate::messages::{Msg, tr};
use crate::vi;

/// A value with the place it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct At<T> {
    /// The value.
    pub value: T,
    /// Where it stands in the file.
    pub pos: Pos,
}

/// A calendar date, checked to exist.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year.
    pub year: u16,
    /// Month, 1–12.
    pub month: u8,
    /// Day of the month.
    pub day: u8,
}

impl Date {
    /// Builds a date if it exists in the calendar.
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        let leap =
            (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (1..=days)
            .contains(&day)
            .then_some(Date { year, month, day })
    }

    /// `2023-10-19`.
    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// `19/10/2023`, the Vietnamese way.
    pub fn vietnamese(&self) -> String {
        format!("{:02}/{:02}/{:04}", self.day, self.month, self.year)
    }
}

/// A type that can be read from one TOML value.
pub trait FromToml: Sized {
    /// What a user should write, for the diagnostic.
    fn expected() -> String;
    /// Converts, or says why not (the `Err` is an extra hint, maybe empty).
    fn from_toml(v: &DeValue<'_>) -> Result<Self, Option<Hint>>;
}

/// A hint for a value that is almost right.
#[derive(Debug, Clone)]
pub struct Hint {
    message: String,
    suggestion: Option<String>,
}

impl FromToml for String {
    fn expected() -> String {
        tr(Msg::ExpectText, &[])
    }
    fn from_toml(v: &DeValue<'_>) -> Result<Self, Option<Hint>> {
        match v {
            DeValue::String(s) => Ok(s.trim().to_string()),
            DeValue::Integer(i) => Err(Some(Hint {
                message: tr(Msg::ExpectText, &[]),
                suggestion: Some(format!("\"{}\"", i.as_str())),
            })),
            _ => Err(None),
        }
    }
}

impl FromToml for Vec<String> {
    fn expected() -> String {
        tr(Msg::ExpectTextList, &[])
    }
    fn from_toml(v: &DeValue<'_>) -> Result<Self, Option<Hint>> {
        match v {
            // A single text is taken as a one-item list: users write `fields = "Kinh tế"`.
            DeValue::String(s) => Ok(vec![s.trim().to_string()]),
            DeValue::Array(items) => items
                .iter()
                .map(|i| match i.get_ref() {
                    DeValue::String(s) => Ok(s.trim().to_string()),
                    _ => Err(None),
                })
                .collect(),
            _ => Err(None),
        }
    }
}

impl FromToml for bool {
    fn expected() -> String {
        tr(Msg::ExpectBool, &[])
    }
    fn from_toml(v: &DeValue<'_>) -> Result<Self, Option<Hint>> {
        match v {
            DeValue::Boolean(b) => Ok(*b),
            _ => Err(None),
        }
    }
}

impl FromToml for i64 {
    fn expected() -> String {
        tr(Msg::ExpectInteger, &[])
    }
    fn from_toml(v: &DeValue<'_>) -> Result<Self, Option<Hint>> {
        match v {
            DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix()).map_err(|_| None),
            _ => Err(None),
        }
    }
}

impl FromToml for Vec<i64> {
    fn expected() -> String {
        tr(Msg::ExpectInteger, &[])
    }
    fn from_toml(v: &DeValue<'_>) -> Result<Self, Option<Hint>> {
        match v {
            DeValue::Array(items) => items.iter().map(|i| i64::from_toml(i.get_ref())).collect(),
            _ => Err(None),
        }
    }
}

impl FromToml for Date {
    fn expected() -> String {
        tr(Msg::ExpectDate, &[])
    }
    fn from_toml(v: &DeValue<'_>) -> Result<Self, Option<Hint>> {
        match v {
            DeValue::Datetime(dt) => {
                // A time of day, if written, is not needed: the date part is kept.
                let d = dt.date.ok_or(None)?;
                Date::new(d.year, d.month, d.day).ok_or_else(|| {
                    let value = format!("{:04}-{:02}-{:02}", d.year, d.month, d.day);
                    Some(Hint {
                        message: tr(Msg::ImpossibleDate, &[("value", &value)]),
                        suggestion: None,
                    })
                })
            }
            DeValue::String(s) => Err(Some(date_text_hint(s))),
            _ => Err(None),
        }
    }
}

/// "12/10/2020" written as text: suggest `2020-10-12`.
fn date_text_hint(s: &str) -> Hint {
    let parts: Vec<&str> = s.trim().split(['/', '-', '.']).collect();
    let parsed = match parts.as_slice() {
        [d, m, y] if y.len() == 4 => (y.parse().ok(), m.parse().ok(), d.parse().ok()),
        [y, m, d] if y.len() == 4 => (y.parse().ok(), m.parse().ok(), d.parse().ok()),
        _ => (None, None, None),
    };
    let suggestion = match parsed {
        (Some(y), Some(m), Some(d)) => Date::new(y, m, d).map(|d| d.iso()),
        _ => None,
    };
    Hint {
        message: tr(Msg::DateAsText, &[("value", &s)]),
        suggestion,
    }
}

/// One TOML document inside a file, with its place in the file and the problems found so far.
pub struct Reader<'a> {
    file: &'a Path,
    text: &'a str,
    offset: usize,
    lines: LineIndex,
    diags: Vec<Diagnostic>,
    error_lines: Vec<u32>,
}

impl<'a> Reader<'a> {
    /// A reader for the TOML that starts at byte `offset` of `text`, the whole file.
    pub fn new(file: &'a Path, text: &'a str, offset: usize) -> Self {
        Reader {
            file,
            text,
            offset,
            lines: LineIndex::new(text),
            diags: Vec::new(),
            error_lines: Vec::new(),
        }
    }

    /// Parses `toml` (a slice of the file starting at `offset`), reporting a syntax error.
    ///
    /// The parser recovers from errors, so the rest of the document is still checked and every
    /// syntax error is reported (a key on a broken line is then not also reported missing).
    pub fn parse<'t>(&mut self, toml: &'t str) -> Option<Spanned<DeTable<'t>>> {
        let (table, errors) = DeTable::parse_recoverable(toml);
        for e in errors {
            let span = e.span().unwrap_or(0..0);
            let d = self.syntax_error(toml, span, e.message().trim());
            // One error a line: the parser may stumble several times over one mistake.
            if !self.error_lines.contains(&d.line) {
                self.error_lines.push(d.line);
                self.diags.push(d);
            }
        }
        Some(table)
    }

    /// True when a line with a syntax error starts with `key` (so it is not really missing).
    fn broken_line_mentions(&self, key: &str) -> bool {
        self.error_lines.iter().any(|&l| {
            let text = self
                .text
                .lines()
                .nth(l.saturating_sub(1) as usize)
                .unwrap_or("");
            text.trim_start().trim_start_matches('"').starts_with(key)
        })
    }

    /// A parser error in Vietnamese where we know it, with the parser's words otherwise.
    fn syntax_error(&self, toml: &str, span: Range<usize>, detail: &str) -> Diagnostic {
        let pos = self.pos(span.clone());
        let lower = detail.to_lowercase();
        if lower.contains("invalid date")
            || lower.contains("expected day")
            || lower.contains("expected month")
        {
            let rest = toml.get(span.start..).unwrap_or("");
            let value = rest
                .split(['\n', '\r', ' ', ',', ']'])
                .next()
                .unwrap_or("")
                .to_string();
            return Diagnostic::error(
                self.file,
                pos,
                tr(Msg::ImpossibleDate, &[("value", &value)]),
            )
            .expected(tr(Msg::ExpectDate, &[]));
        }
        let known = if lower.contains("duplicate key") {
            Some(Msg::SyntaxDuplicateKey)
        } else if lower.contains("string")
            && (lower.contains("unclosed") || lower.contains("invalid"))
        {
            Some(Msg::SyntaxUnclosedString)
        } else {
            None
        };
        let message = match known {
            Some(m) => tr(m, &[]),
            None => tr(Msg::TomlSyntax, &[("detail", &detail)]),
        };
        Diagnostic::error(self.file, pos, message).expected(tr(Msg::TomlSyntaxExpected, &[]))
    }

    /// The file position of a span of the TOML text.
    pub fn pos(&self, span: Range<usize>) -> Pos {
        self.lines.pos(self.text, self.offset + span.start)
    }

    /// The file this reader reports on.
    pub fn file(&self) -> &'a Path {
        self.file
    }

    /// Records a problem found by the caller.
    pub fn report(&mut self, d: Diagnostic) {
        self.diags.push(d);
    }

    /// The problems found.
    pub fn finish(self) -> Vec<Diagnostic> {
        self.diags
    }

    /// Reports every key of `table` not in `allowed`, with the nearest allowed key.
    pub fn check_keys(&mut self, table: &DeTable<'_>, allowed: &[&str]) {
        for key in table.keys() {
            let name = key.get_ref().as_ref();
            if allowed.contains(&name) {
                continue;
            }
            let d = Diagnostic::error(
                self.file,
                self.pos(key.span()),
                tr(Msg::UnknownKey, &[("key", &name)]),
            )
            .did_you_mean(&vi::suggest(name, allowed.iter().copied()))
            .expected(tr(
                Msg::UnknownKeyExpected,
                &[("list", &allowed.join(", "))],
            ));
            self.diags.push(d);
        }
    }

    /// Reads `key` as a `T`, reporting a wrong type; `None` when absent or wrong.
    pub fn get<T: FromToml>(&mut self, table: &DeTable<'_>, key: &str) -> Option<At<T>> {
        let value = table.get(key)?;
        let pos = self.pos(value.span());
        match T::from_toml(value.get_ref()) {
            Ok(v) => Some(At { value: v, pos }),
            // Already reported as a syntax error.
            Err(_)
                if self.error_lines.contains(&pos.line)
                    || (!self.error_lines.is_empty() && value.span().is_empty()) =>
            {
                None
            }
            Err(hint) => {
                let mut d = Diagnostic::error(self.file, pos, tr(Msg::WrongType, &[("key", &key)]))
                    .expected(T::expected());
                if let Some(h) = hint {
                    d.message = format!("{}: {}", d.message, h.message);
                    if let Some(s) = h.suggestion {
                        d = d.suggest(format!("{key} = {s}"));
                    }
                }
                self.diags.push(d);
                None
            }
        }
    }

    /// Like [`Reader::get`], but also reports a missing key (at `at`) with an example line.
    pub fn required<T: FromToml>(
        &mut self,
        table: &DeTable<'_>,
        key: &str,
        at: Pos,
        example: &str,
    ) -> Option<At<T>> {
        if table.get(key).is_none() {
            if self.broken_line_mentions(key) {
                return None;
            }
            let d = Diagnostic::error(self.file, at, tr(Msg::MissingKey, &[("key", &key)]))
                .expected(T::expected())
                .suggest(tr(Msg::MissingKeyHint, &[("example", &example)]));
            self.diags.push(d);
            return None;
        }
        self.get(table, key)
    }

    /// Reads `key` as a table, reporting a wrong type.
    pub fn table<'t>(&mut self, table: &'t DeTable<'t>, key: &str) -> Option<&'t DeTable<'t>> {
        let value = table.get(key)?;
        match value.get_ref() {
            DeValue::Table(t) => Some(t),
            _ => {
                self.wrong_structure(key, value.span(), Msg::ExpectTable);
                None
            }
        }
    }

    /// Reads `key` as an array of tables (`[[key]]`), each with its position.
    pub fn tables<'t>(&mut self, table: &'t DeTable<'t>, key: &str) -> Vec<(&'t DeTable<'t>, Pos)> {
        let Some(value) = table.get(key) else {
            return Vec::new();
        };
        let items = match value.get_ref() {
            DeValue::Array(items) => items,
            _ => {
                self.wrong_structure(key, value.span(), Msg::ExpectTableList);
                return Vec::new();
            }
        };
        let mut out = Vec::with_capacity(items.len());
        for item in items.iter() {
            match item.get_ref() {
                DeValue::Table(t) => out.push((t, self.pos(item.span()))),
                _ => self.wrong_structure(key, item.span(), Msg::ExpectTableList),
            }
        }
        out
    }

    fn wrong_structure(&mut self, key: &str, span: Range<usize>, expected: Msg) {
        let d = Diagnostic::error(
            self.file,
            self.pos(span),
            tr(Msg::WrongType, &[("key", &key)]),
        )
        .expected(tr(expected, &[("key", &key)]));
        self.diags.push(d);
    }
}

#[cfg(test)]
mod tests;
