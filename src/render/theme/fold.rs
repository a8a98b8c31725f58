//! Constant folding of templates. Within one build the UI strings (`t.key`) and the site's
//! settings (`site.title`, …) never change, so they are written into the template text before
//! tera compiles it instead of being looked up on every page: tera's dotted lookups were the
//! largest single cost of rendering. A whole `{{ t.key }}` becomes the escaped text itself;
//! `t.key` inside a larger expression (`{{ t.key | replace(…) }}`, `{% if site.publisher %}`)
//! becomes a string literal, which tera escapes exactly as it would the looked-up value.
//!
//! Folding is skipped wherever it could change the meaning: everywhere if some template binds
//! `t` or `site` itself (`{% for t in … %}`, `{% set site = … %}`) or passes another value to a
//! macro under those names (`m::x(t=other)`); for a value no quote can enclose or that holds a
//! tag delimiter; and inside `{% raw %}`.

use std::collections::{BTreeMap, BTreeSet};

/// Names whose dotted members are constants, each with its members.
pub(super) struct Constants<'a> {
    /// `name` → member → value.
    pub names: BTreeMap<&'static str, BTreeMap<&'a str, &'a str>>,
}

/// A template tag found in the source.
struct Tag<'s> {
    /// `{` for `{{ … }}`, `%` for `{% … %}`, `#` for comments.
    kind: u8,
    /// What is between the delimiters.
    inner: &'s str,
    /// The whole tag, delimiters included.
    whole: &'s str,
}

/// Splits `source` into text and tags, in order; an unterminated tag is left as text (tera
/// reports it when it compiles the original).
fn tags(source: &str) -> Vec<Result<Tag<'_>, &str>> {
    let bytes = source.as_bytes();
    let mut out = Vec::new();
    let mut text_start = 0;
    let mut i = 0;
    while i + 1 < bytes.len() {
        let kind = bytes[i + 1];
        if bytes[i] != b'{' || !matches!(kind, b'{' | b'%' | b'#') {
            i += 1;
            continue;
        }
        let Some(end) = tag_end(bytes, i + 2, kind) else {
            break;
        };
        if text_start < i {
            out.push(Err(&source[text_start..i]));
        }
        out.push(Ok(Tag {
            kind,
            inner: &source[i + 2..end],
            whole: &source[i..end + 2],
        }));
        i = end + 2;
        text_start = i;
    }
    if text_start < source.len() {
        out.push(Err(&source[text_start..]));
    }
    out
}

/// Where the closing delimiter of a tag opened with `kind` starts, skipping string literals.
fn tag_end(bytes: &[u8], from: usize, kind: u8) -> Option<usize> {
    let close = if kind == b'{' { b'}' } else { kind };
    let mut quote = None;
    let mut i = from;
    while i + 1 < bytes.len() {
        let b = bytes[i];
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if kind != b'#' && matches!(b, b'"' | b'\'' | b'`') => quote = Some(b),
            None if b == close && bytes[i + 1] == b'}' => return Some(i),
            None => {}
        }
        i += 1;
    }
    None
}

fn is_ident(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Whether `ch` starts a name (not a member, `a.b`, nor a namespaced macro, `m::b`).
fn starts_word(prev: char, ch: char) -> bool {
    let ident = |c: char| c.is_ascii_alphanumeric() || c == '_';
    ident(ch) && !ident(prev) && !matches!(prev, '.' | ':')
}

/// A name in a tag, outside string literals, with the bytes around it (spaces skipped).
struct Word<'s> {
    text: &'s str,
    prev: Option<u8>,
    next: Option<u8>,
}

/// The words of a tag, in order.
fn words(inner: &str) -> Vec<Word<'_>> {
    let bytes = inner.as_bytes();
    let mut out = Vec::new();
    let mut quote = None;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if let Some(q) = quote {
            if b == q {
                quote = None;
            }
            i += 1;
        } else if matches!(b, b'"' | b'\'' | b'`') {
            quote = Some(b);
            i += 1;
        } else if is_ident(b) {
            let start = i;
            while i < bytes.len() && is_ident(bytes[i]) {
                i += 1;
            }
            out.push(Word {
                text: &inner[start..i],
                prev: inner[..start]
                    .bytes()
                    .rev()
                    .find(|b| !b.is_ascii_whitespace()),
                next: inner[i..].bytes().find(|b| !b.is_ascii_whitespace()),
            });
        } else {
            i += 1;
        }
    }
    out
}

/// The keyword a tag starts with (`for`, `set`, `raw`, …), if any.
fn first_word(inner: &str) -> &str {
    let inner = inner.trim_start_matches(['-', ' ', '\t', '\n', '\r']);
    let end = inner
        .bytes()
        .position(|b| !is_ident(b))
        .unwrap_or(inner.len());
    &inner[..end]
}

/// The template names that the `include`, `import` and `extends` tags of `source` name (every
/// string literal in such a tag: `{% include ["a.html", "b.html"] ignore missing %}` names two).
pub(super) fn references(source: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for tag in tags(source).iter().flatten().filter(|t| t.kind == b'%') {
        if !matches!(first_word(tag.inner), "include" | "import" | "extends") {
            continue;
        }
        let mut rest = tag.inner;
        while let Some(open) = rest.find(['"', '\'', '`']) {
            let quote = &rest[open..=open];
            let after = &rest[open + 1..];
            let Some(close) = after.find(quote) else {
                break;
            };
            out.push(&after[..close]);
            rest = &after[close + 1..];
        }
    }
    out
}

/// Whether some tag of `source` binds one of `names` (a loop variable, `set`) or passes a
/// macro argument named after one of them whose value is not that same name (`t=other`,
/// `t=t.member`).
fn rebinds(source: &str, names: &[&str]) -> bool {
    tags(source).iter().flatten().any(|tag| {
        if !names.iter().any(|n| tag.inner.contains(n)) {
            return false;
        }
        let w = words(tag.inner);
        let binds = match first_word(tag.inner) {
            "for" => w
                .iter()
                .skip(1)
                .take_while(|w| w.text != "in")
                .any(|w| names.contains(&w.text)),
            "set" | "set_global" => w.get(1).is_some_and(|w| names.contains(&w.text)),
            _ => false,
        };
        binds
            || w.windows(2).any(|pair| {
                let [arg, value] = pair else {
                    return false;
                };
                let same =
                    value.text == arg.text && !matches!(value.next, Some(b'.' | b'[' | b'|'));
                names.contains(&arg.text) && arg.next == Some(b'=') && !same
            })
    })
}

/// The members of `name` that the tags of `sources` look up (`t.key`), or `None` when some tag
/// uses `name` otherwise (`t[k]`, `t | get(…)`, `m::x(s=t)`), so any member may be needed.
/// Macro parameters and `name=name` arguments hand the same value on and need nothing more.
pub(super) fn members_used<'s>(
    name: &str,
    sources: impl Iterator<Item = &'s str>,
) -> Option<BTreeSet<String>> {
    let mut used = BTreeSet::new();
    for source in sources {
        for tag in tags(source).iter().flatten().filter(|t| t.kind != b'#') {
            if !tag.inner.contains(name) || first_word(tag.inner) == "macro" {
                continue;
            }
            let w = words(tag.inner);
            for (i, word) in w.iter().enumerate() {
                if word.text != name || matches!(word.prev, Some(b'.' | b':')) {
                    continue;
                }
                let arg_before = i.checked_sub(1).and_then(|j| w.get(j));
                match word.next {
                    Some(b'.') => {
                        used.insert(w.get(i + 1)?.text.to_string());
                    }
                    Some(b'=') => {} // an argument's name; its value is checked on its own
                    _ if word.prev == Some(b'=') && arg_before.is_some_and(|a| a.text == name) => {}
                    _ => return None,
                }
            }
        }
    }
    Some(used)
}

impl Constants<'_> {
    /// The value of `name.member`, unless it holds something tera would read as a delimiter
    /// (that one stays a lookup).
    fn value(&self, name: &str, member: &str) -> Option<&str> {
        let value = self.names.get(name)?.get(member).copied()?;
        let delimiters = ["{{", "}}", "{%", "%}", "{#", "#}"];
        (!delimiters.iter().any(|d| value.contains(d))).then_some(value)
    }

    fn reserved(&self) -> Vec<&str> {
        self.names.keys().copied().collect()
    }

    /// Whether any template binds a constant's name or passes a macro something else under it;
    /// then no template may be folded (an included template sees its includer's variables).
    pub(super) fn rebound_anywhere<'t>(&self, mut sources: impl Iterator<Item = &'t str>) -> bool {
        let names = self.reserved();
        sources.any(|s| rebinds(s, &names))
    }

    /// `source` with constants folded; `escape` is the template's escaping, if any. Call it only
    /// when no template rebinds the names ([`Constants::rebound_anywhere`]).
    pub(super) fn fold(&self, source: &str, escape: Option<fn(&str) -> String>) -> String {
        let mut out = String::with_capacity(source.len());
        let mut raw = false;
        for piece in tags(source) {
            let tag = match piece {
                Err(text) => {
                    out.push_str(text);
                    continue;
                }
                Ok(tag) => tag,
            };
            let keyword = first_word(tag.inner);
            if tag.kind == b'%' && matches!(keyword, "raw" | "endraw") {
                raw = keyword == "raw";
            }
            if raw || tag.kind == b'#' {
                out.push_str(tag.whole);
            } else if let Some(text) = self.inline(&tag, escape) {
                out.push_str(&text);
            } else {
                let close = if tag.kind == b'%' { "%}" } else { "}}" };
                out.push_str(&tag.whole[..2]);
                out.push_str(&self.fold_expr(tag.inner));
                out.push_str(close);
            }
        }
        out
    }

    /// The text a whole `{{ name.member }}` stands for, escaped; `None` if it is not just that.
    fn inline(&self, tag: &Tag<'_>, escape: Option<fn(&str) -> String>) -> Option<String> {
        if tag.kind != b'{' {
            return None;
        }
        let (name, member) = tag.inner.trim().split_once('.')?;
        if !name.bytes().all(is_ident) || !member.bytes().all(is_ident) {
            return None;
        }
        let value = self.value(name, member)?;
        // Written into the template text, it must not make a tag with the text around it.
        if value.starts_with(['{', '%', '#']) || value.ends_with('{') {
            return None;
        }
        Some(escape.map_or_else(|| value.to_string(), |e| e(value)))
    }

    /// `inner` with every `name.member` that is a constant replaced by a string literal.
    fn fold_expr(&self, inner: &str) -> String {
        let mut out = String::with_capacity(inner.len());
        let mut quote = None;
        let mut prev = ' ';
        let mut skip_to = 0;
        for (i, ch) in inner.char_indices() {
            if i < skip_to {
                continue;
            }
            match quote {
                Some(q) if ch == q => quote = None,
                Some(_) => {}
                None if matches!(ch, '"' | '\'' | '`') => quote = Some(ch),
                None if starts_word(prev, ch) => {
                    if let Some((literal, len)) = self.literal_at(&inner[i..]) {
                        out.push_str(&literal);
                        skip_to = i + len;
                        prev = '"';
                        continue;
                    }
                }
                None => {}
            }
            out.push(ch);
            prev = ch;
        }
        out
    }

    /// A string literal for the `name.member` that starts `s`, and its length in `s`.
    fn literal_at(&self, s: &str) -> Option<(String, usize)> {
        let bytes = s.as_bytes();
        let name_len = bytes.iter().take_while(|&&b| is_ident(b)).count();
        if bytes.get(name_len) != Some(&b'.') {
            return None;
        }
        let member_len = bytes[name_len + 1..]
            .iter()
            .take_while(|&&b| is_ident(b))
            .count();
        let len = name_len + 1 + member_len;
        // `t.a.b`, `t.a[0]` or `t.a(…)` are not a plain member.
        if matches!(bytes.get(len), Some(b'.' | b'[' | b'(')) {
            return None;
        }
        let value = self.value(&s[..name_len], &s[name_len + 1..len])?;
        let quote = ['"', '\'', '`'].into_iter().find(|q| !value.contains(*q))?;
        Some((format!("{quote}{value}{quote}"), len))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn consts<'a>(t: &'a BTreeMap<String, String>) -> Constants<'a> {
        let mut names = BTreeMap::new();
        names.insert(
            "t",
            t.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect(),
        );
        names.insert("site", BTreeMap::from([("title", "Bảng vàng")]));
        Constants { names }
    }

    fn strings() -> BTreeMap<String, String> {
        [
            ("hello", "Xin chào <bạn>"),
            ("page_n", "Trang {n}"),
            ("quoted", "a \"b\" 'c'"),
            ("all_quotes", "\"'`"),
            ("braces", "{{ x }}"),
            ("opens", "a {"),
            ("hash", "# b"),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
    }

    #[test]
    fn references_are_the_names_in_include_import_and_extends_tags() {
        let source = r#"{% extends "base.html" %}{% import 'macros.html' as m %}
{{ "include \"x.html\"" }}{# {% include "comment.html" %} #}
{%- include ["a.html", "b.html"] ignore missing -%}{% if x %}{% include "c.html" %}{% endif %}"#;
        assert_eq!(
            references(source),
            ["base.html", "macros.html", "a.html", "b.html", "c.html"]
        );
        assert!(references("{% raw %}{% endraw %}{{ t.x }}").is_empty());
    }

    fn esc(s: &str) -> String {
        s.replace('<', "&lt;").replace('>', "&gt;")
    }

    #[test]
    fn a_whole_tag_becomes_escaped_text() {
        let t = strings();
        let c = consts(&t);
        assert_eq!(
            c.fold("<p>{{ t.hello }}</p><h1>{{site.title}}</h1>", Some(esc)),
            "<p>Xin chào &lt;bạn&gt;</p><h1>Bảng vàng</h1>"
        );
        assert_eq!(c.fold("{{ t.hello }}", None), "Xin chào <bạn>");
    }

    #[test]
    fn inside_an_expression_a_constant_becomes_a_literal() {
        let t = strings();
        let c = consts(&t);
        assert_eq!(
            c.fold(r#"{{ t.page_n | replace(from="{n}", to=n) }}"#, Some(esc)),
            r#"{{ "Trang {n}" | replace(from="{n}", to=n) }}"#
        );
        assert_eq!(
            c.fold(
                "{% if site.title and x %}{{- t.quoted -}}{% endif %}",
                Some(esc)
            ),
            "{% if \"Bảng vàng\" and x %}{{- `a \"b\" 'c'` -}}{% endif %}"
        );
    }

    #[test]
    fn what_could_change_meaning_is_left_alone() {
        let t = strings();
        let c = consts(&t);
        for kept in [
            "{{ t.all_quotes | upper }}",
            "{{ t.braces }}",
            "{{ t.missing }}",
            "{{ t.hello.x }}",
            "{{ at.hello }}",
            "{{ m::t.hello }}",
            "{{ x.t.hello }}",
            r#"{{ "t.hello" }}"#,
            "{# {{ t.hello }} #}",
            "{% raw %}{{ t.hello }}{% endraw %}",
            "{{ t.hello",
        ] {
            assert_eq!(c.fold(kept, Some(esc)), kept, "{kept}");
        }
        // Text that would open a tag with what follows it stays inside the tag, as a literal.
        assert_eq!(
            c.fold("{{ t.opens }}{ x }", Some(esc)),
            r#"{{ "a {" }}{ x }"#
        );
        assert_eq!(c.fold("{{{ t.hash }}", Some(esc)), r##"{{{ "# b" }}"##);
        let rebound = |t: &str| c.rebound_anywhere([t].into_iter());
        for bound in [
            "{% for t in list %}{{ t.hello }}{% endfor %}",
            "{% for k, t in map %}{% endfor %}",
            "{%- set site = other -%}",
            "{% set_global t = 1 %}",
            "{{ m::x(t=other) }}",
            "{{ m::x(site=t) }}",
            "{{ m::x(t=t.hello) }}",
        ] {
            assert!(rebound(bound), "{bound}");
        }
        assert!(!rebound(
            "{{ m::x(t=t, a=b) }}{% for x in t %}{% set y = t.a %}"
        ));
    }

    #[test]
    fn the_members_still_looked_up_are_found() {
        let used =
            |t: &str| members_used("t", [t].into_iter()).map(|s| s.into_iter().collect::<Vec<_>>());
        assert_eq!(
            used("{{ t.a_b }} {{ cat.c }} {% if t.c %} tỉnh t | x {# t[0] #}"),
            Some(vec!["a_b".to_string(), "c".to_string()])
        );
        assert_eq!(
            used("{% macro m(a, t) %}{{ m::x(t=t) }}{{ x.t }}{{ t.c }}"),
            Some(vec!["c".to_string()])
        );
        for all in [
            "{{ t[\"c\"] }}",
            "{{ m::x(s=t) }}",
            "{{ t | get(key=k) }}",
            "{{ f(t) }}",
        ] {
            assert_eq!(used(all), None, "{all}");
        }
    }
}
