//! Vietnamese text: takes names and labels as typed (NFC or NFD, old or new tone placement,
//! any dash) and gives normal forms, comparison keys, diacritic-free search forms, URL slugs,
//! Vietnamese collation, honorific-free person names and "did you mean" suggestions.

use std::borrow::Cow;
use std::cmp::Ordering;

use icu_collator::options::CollatorOptions;
use icu_collator::{Collator as IcuCollator, CollatorBorrowed};
use icu_locale::{Locale, locale};
use unicode_normalization::char::{compose, decompose_canonical, is_combining_mark};
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

#[cfg(test)]
mod tests;

/// The five Vietnamese tone marks as combining characters: huyền, sắc, ngã, hỏi, nặng.
const TONE_MARKS: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];

/// Vowel letters (lowercase, without tone, without vowel-shape marks).
const VOWELS: [char; 6] = ['a', 'e', 'i', 'o', 'u', 'y'];

/// The rising diphthongs whose tone placement varies in open syllables: "hòa"/"hoà",
/// "khỏe"/"khoẻ", "thủy"/"thuỷ".
const VARIABLE_DIPHTHONGS: [(char, char); 3] = [('o', 'a'), ('o', 'e'), ('u', 'y')];

/// Dash characters unified by [`compare_key`]: hyphen-minus, hyphen, non-breaking hyphen,
/// figure dash, en dash, em dash, horizontal bar, minus sign.
const DASHES: [char; 8] = [
    '-', '\u{2010}', '\u{2011}', '\u{2012}', '\u{2013}', '\u{2014}', '\u{2015}', '\u{2212}',
];

/// Leading honorifics, as lowercase NFC words, stripped by [`strip_honorific`].
const HONORIFICS: [&[&str]; 9] = [
    &["đồng", "chí"],
    &["đ/c"],
    &["d/c"],
    &["ông"],
    &["bà"],
    &["anh"],
    &["chị"],
    &["cô"],
    &["chú"],
];

/// Returns `s` in Unicode Normalization Form C (composed), the form all text is kept in.
pub fn nfc(s: &str) -> String {
    nfc_cow(s).into_owned()
}

/// Like [`nfc`], borrowing when `s` is already known to be NFC.
fn nfc_cow(s: &str) -> Cow<'_, str> {
    match is_nfc_quick(s.chars()) {
        IsNormalized::Yes => Cow::Borrowed(s),
        IsNormalized::No | IsNormalized::Maybe => Cow::Owned(s.nfc().collect()),
    }
}

/// Returns `s` in NFC with the tone mark of every open syllable ending in "oa", "oe" or "uy"
/// moved to the first vowel ("hoà" → "hòa", "Thanh Hoá" → "Thanh Hóa", "thuỷ" → "thủy",
/// "khoẻ" → "khỏe"), the placement used by the gazetteer.
///
/// Syllables with a final consonant or a third vowel ("hoàng", "thuyền", "ngoài", "khuỷu")
/// and "qu" + "y" ("quý", where "u" belongs to the consonant) have one placement only and are
/// left alone, as are words that do not look like Vietnamese syllables. Case is kept.
pub fn fold_tone_placement(s: &str) -> String {
    let s = nfc_cow(s);
    if s.is_ascii() {
        return s.into_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut word: Vec<char> = Vec::new();
    for c in s.chars() {
        if c.is_alphabetic() || is_combining_mark(c) {
            word.push(c);
        } else {
            flush_word(&mut word, &mut out);
            out.push(c);
        }
    }
    flush_word(&mut word, &mut out);
    out
}

/// Appends `word` to `out` with its tone placement folded, and empties `word`.
fn flush_word(word: &mut Vec<char>, out: &mut String) {
    match canonical_tone(word) {
        Some(folded) => out.extend(folded),
        None => out.extend(word.iter()),
    }
    word.clear();
}

/// Splits a letter into its base and its tone mark, if its only marks are one tone mark.
fn split_tone(c: char) -> Option<(char, Option<char>)> {
    let mut parts = [None; 3];
    let mut count = 0;
    decompose_canonical(c, |d| {
        if let Some(slot) = parts.get_mut(count) {
            *slot = Some(d);
        }
        count += 1;
    });
    match (count, parts) {
        (1, [Some(base), ..]) => Some((base, None)),
        (2, [Some(base), Some(tone), _]) if TONE_MARKS.contains(&tone) => Some((base, Some(tone))),
        _ => None,
    }
}

/// For a word ending in an open "oa"/"oe"/"uy" with the tone on the second vowel, returns
/// the word with the tone on the first vowel; `None` when nothing is to change.
fn canonical_tone(word: &[char]) -> Option<Vec<char>> {
    let [onset @ .., first, second] = word else {
        return None;
    };
    let (first_base, None) = split_tone(*first)? else {
        return None;
    };
    let (second_base, Some(tone)) = split_tone(*second)? else {
        return None;
    };
    let pair = (
        first_base.to_ascii_lowercase(),
        second_base.to_ascii_lowercase(),
    );
    if !VARIABLE_DIPHTHONGS.contains(&pair) || !is_onset(onset) {
        return None;
    }
    if pair.0 == 'u' && onset.last().is_some_and(|c| c.eq_ignore_ascii_case(&'q')) {
        return None;
    }
    let toned = compose(first_base, tone)?;
    let mut folded = onset.to_vec();
    folded.extend([toned, second_base]);
    Some(folded)
}

/// Whether `letters` can be the initial consonant of a syllable: plain consonant letters only.
fn is_onset(letters: &[char]) -> bool {
    letters.iter().all(|c| {
        let lower = c.to_ascii_lowercase();
        (lower.is_ascii_alphabetic() && !VOWELS.contains(&lower)) || matches!(lower, 'đ' | 'Đ')
    })
}

/// Returns the key under which two names are equal: NFC, tone placement folded, lowercase,
/// every dash written " - ", whitespace collapsed to single spaces, trimmed.
/// `compare_key("Bà Rịa–Vũng  Tàu ") == compare_key("bà rịa - vũng tàu")`.
pub fn compare_key(s: &str) -> String {
    let lower = fold_tone_placement(s).to_lowercase();
    let mut spaced = String::with_capacity(lower.len() + 4);
    for c in lower.chars() {
        if DASHES.contains(&c) {
            spaced.push_str(" - ");
        } else {
            spaced.push(c);
        }
    }
    collapse_whitespace(&spaced)
}

/// Joins the whitespace-separated words of `s` with single spaces.
fn collapse_whitespace(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Removes accents and tone marks and writes đ/Đ as d/D: "Lạng Sơn" → "Lang Son",
/// "Đảng ủy" → "Dang uy". Case, punctuation and letters of other scripts are kept; the
/// result is NFC.
pub fn strip_diacritics(s: &str) -> String {
    if s.is_ascii() {
        return s.to_owned();
    }
    let stripped: String = s
        .nfd()
        .filter(|c| !('\u{300}'..='\u{36f}').contains(c))
        .map(|c| match c {
            // U+00D0/U+00F0 (eth) stand in for đ/Đ in text from old Vietnamese encodings.
            'đ' | 'ð' => 'd',
            'Đ' | 'Ð' => 'D',
            other => other,
        })
        .collect();
    nfc(&stripped)
}

/// Returns the form used for diacritic-free search and matching: lowercase, diacritics
/// stripped, whitespace collapsed. Vietnamese text gives ASCII: "Lạng  Sơn" → "lang son".
pub fn search_fold(s: &str) -> String {
    let lower = strip_diacritics(s).to_lowercase();
    // Lowercasing can itself produce combining marks ("İ" → "i\u{307}").
    let lower = if lower.is_ascii() {
        lower
    } else {
        strip_diacritics(&lower)
    };
    collapse_whitespace(&lower)
}

/// Returns a URL slug of ASCII lowercase letters, digits and single inner dashes:
/// "Lạng Sơn" → "lang-son", "Đảng ủy" → "dang-uy", "Vì dân, gần dân" → "vi-dan-gan-dan".
/// Text without letters or digits gives "" (callers must handle it).
pub fn slugify(s: &str) -> String {
    let folded = search_fold(s);
    let mut slug = String::with_capacity(folded.len());
    let mut dash = false;
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            if dash && !slug.is_empty() {
                slug.push('-');
            }
            dash = false;
            slug.push(c);
        } else {
            dash = true;
        }
    }
    slug
}

/// Vietnamese collation (a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y, tones as
/// a secondary difference), made total by breaking ties on the NFC text, then on the bytes.
///
/// Wraps ICU4X's compiled `vi` data; `Send + Sync`, so one collator can serve many threads.
#[derive(Debug)]
pub struct Collator {
    /// The ICU collator, or `None` if no ICU data could be loaded (then a comparison of
    /// [`search_fold`] forms stands in).
    icu: Option<CollatorBorrowed<'static>>,
}

impl Default for Collator {
    fn default() -> Self {
        Self::new()
    }
}

impl Collator {
    /// Creates the Vietnamese collator. Never fails: should the `vi` data be missing it
    /// falls back to the root collation, and then to a diacritic-free comparison.
    pub fn new() -> Collator {
        let icu = icu_collator(locale!("vi")).or_else(|| icu_collator(Locale::UNKNOWN));
        Collator { icu }
    }

    /// Compares two strings in Vietnamese order; `Equal` only for identical strings.
    pub fn compare(&self, a: &str, b: &str) -> Ordering {
        self.collate(a, b)
            .then_with(|| nfc_cow(a).cmp(&nfc_cow(b)))
            .then_with(|| a.cmp(b))
    }

    /// Compares two person names as honor rolls list them: by given name (the last word,
    /// honorifics ignored), then by the whole name, then as [`Collator::compare`] does.
    pub fn compare_people(&self, a: &str, b: &str) -> Ordering {
        self.collate(given_name(a), given_name(b))
            .then_with(|| self.collate(strip_honorific(a), strip_honorific(b)))
            .then_with(|| self.compare(a, b))
    }

    /// Returns a sort key: comparing the keys of two strings bytewise gives the same result
    /// as [`Collator::compare`]. Worth it only when each string is compared many times.
    pub fn sort_key(&self, s: &str) -> Vec<u8> {
        let mut collation = Vec::new();
        match &self.icu {
            Some(icu) => {
                let Ok(()) = icu.write_sort_key_to(s, &mut collation);
            }
            None => collation.extend_from_slice(search_fold(s).as_bytes()),
        }
        let mut key = Vec::with_capacity(collation.len() + 2 * s.len() + 6);
        push_key_part(&mut key, &collation);
        push_key_part(&mut key, nfc_cow(s).as_bytes());
        push_key_part(&mut key, s.as_bytes());
        key
    }

    /// The collation proper, without tie-breaking.
    fn collate(&self, a: &str, b: &str) -> Ordering {
        match &self.icu {
            Some(icu) => icu.compare(a, b),
            None => search_fold(a).cmp(&search_fold(b)),
        }
    }
}

/// Creates an ICU collator with default (tertiary) strength for `locale`.
fn icu_collator(locale: Locale) -> Option<CollatorBorrowed<'static>> {
    IcuCollator::try_new((&locale).into(), CollatorOptions::default()).ok()
}

/// Appends `part` to a sort key so that concatenated parts compare like a tuple: zero bytes
/// are escaped as 00 FF and the part ends with 00 01, which sorts before any continuation.
fn push_key_part(key: &mut Vec<u8>, part: &[u8]) {
    for &byte in part {
        key.push(byte);
        if byte == 0 {
            key.push(0xFF);
        }
    }
    key.extend_from_slice(&[0, 1]);
}

/// Removes leading honorifics ("đồng chí", "đ/c", "ông", "bà", "anh", "chị", "cô", "chú"),
/// as whole words, in any case and normalisation form, repeatedly: "Đồng chí Nguyễn Văn A"
/// → "Nguyễn Văn A". A lone honorific is kept, being all there is of the name. Trimmed.
pub fn strip_honorific(name: &str) -> &str {
    let mut rest = name.trim();
    while let Some(after) = HONORIFICS
        .iter()
        .find_map(|words| strip_leading_words(rest, words))
    {
        rest = after;
    }
    rest
}

/// If `s` starts with `words` (compared as lowercase NFC) followed by more text, returns
/// that text, trimmed.
fn strip_leading_words<'a>(s: &'a str, words: &[&str]) -> Option<&'a str> {
    let mut rest = s;
    for word in words {
        let end = rest.find(char::is_whitespace)?;
        let (head, tail) = rest.split_at(end);
        if nfc_cow(head).to_lowercase() != *word {
            return None;
        }
        rest = tail.trim_start();
    }
    Some(rest).filter(|r| !r.is_empty())
}

/// Returns the given name, the last word of the honorific-free name, without surrounding
/// punctuation: "Nguyễn Thị Hồng Hạnh" → "Hạnh".
pub fn given_name(name: &str) -> &str {
    let last = strip_honorific(name)
        .split_whitespace()
        .next_back()
        .unwrap_or_default();
    let trimmed = last.trim_matches(|c: char| !c.is_alphanumeric() && !is_combining_mark(c));
    if trimmed.is_empty() { last } else { trimmed }
}

/// Returns up to three candidates close to `input`, best first, for "did you mean" hints:
/// edit distance on [`search_fold`] forms of at most max(2, length / 3) and at most half
/// the longer length; ties go to the candidate closest with diacritics, then by bytes.
/// `suggest("Lạng Sôn", ["Lạng Sơn", "Sơn La"]) == ["Lạng Sơn"]`.
pub fn suggest<'a>(input: &str, candidates: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    let query = search_fold(input);
    let query_len = query.chars().count();
    if query_len == 0 {
        return Vec::new();
    }
    let limit = (query_len / 3).max(2);
    let exact = compare_key(input);
    let mut scored: Vec<(usize, usize, &str)> = candidates
        .into_iter()
        .filter_map(|candidate| {
            let folded = search_fold(candidate);
            let distance = strsim::damerau_levenshtein(&query, &folded);
            let longer = query_len.max(folded.chars().count());
            (distance <= limit && 2 * distance <= longer).then(|| {
                let accents = strsim::levenshtein(&exact, &compare_key(candidate));
                (distance, accents, candidate)
            })
        })
        .collect();
    scored.sort_unstable();
    scored.dedup_by_key(|scored| scored.2);
    scored.into_iter().take(3).map(|(_, _, c)| c).collect()
}
