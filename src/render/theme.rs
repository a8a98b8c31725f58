//! The theme: templates (tera), static files and UI strings. Starts from the default theme
//! embedded in the binary; a theme folder (`themes/<name>/`) and the site's own `templates/`,
//! `static/` and `i18n/` replace single files.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use tera::Tera;

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Pos};
use crate::messages::{Msg, tr};

include!(concat!(env!("OUT_DIR"), "/default_theme.rs"));

/// A static file of the theme: embedded, or on disk.
#[derive(Debug, Clone)]
pub enum StaticFile {
    /// Bytes compiled into the binary.
    Embedded(&'static [u8]),
    /// A file to copy.
    Disk(PathBuf),
}

/// A loaded theme.
pub struct Theme {
    /// Parsed templates.
    pub tera: Tera,
    /// UI strings.
    pub i18n: BTreeMap<String, String>,
    /// The UI strings the templates name (`t.key`): all of them if a template computes a key
    /// (`t[…]`, `t | get(…)`). Every page's context carries these, so fewer is faster.
    pub template_strings: BTreeMap<String, String>,
    /// Static files, by path under `static/`.
    pub statics: BTreeMap<String, StaticFile>,
}

impl Theme {
    /// A UI string, with `{name}` placeholders filled.
    pub fn text(&self, key: &str, args: &[(&str, &str)]) -> String {
        let mut s = self
            .i18n
            .get(key)
            .cloned()
            .unwrap_or_else(|| key.to_string());
        for (name, value) in args {
            s = s.replace(&format!("{{{name}}}"), value);
        }
        s
    }
}

/// Loads the theme named in `config` for the site at `root`.
pub fn load(root: &Path, config: &Config) -> Result<Theme, Vec<Diagnostic>> {
    let mut templates: BTreeMap<String, String> = BTreeMap::new();
    let mut statics: BTreeMap<String, StaticFile> = BTreeMap::new();
    let mut i18n_files: Vec<(PathBuf, String)> = Vec::new();
    let i18n_name = format!("i18n/{}.toml", config.language);
    for (rel, bytes) in DEFAULT_THEME {
        if let Some(name) = rel.strip_prefix("templates/") {
            templates.insert(
                name.to_string(),
                String::from_utf8_lossy(bytes).into_owned(),
            );
        } else if let Some(name) = rel.strip_prefix("static/") {
            statics.insert(name.to_string(), StaticFile::Embedded(bytes));
        } else if *rel == i18n_name || (*rel == "i18n/vi.toml" && config.language != "vi") {
            i18n_files.push((
                PathBuf::from(rel),
                String::from_utf8_lossy(bytes).into_owned(),
            ));
        }
    }
    let theme_dir = root.join("themes").join(&config.theme);
    if config.theme != "default" && !theme_dir.is_dir() {
        let d = Diagnostic::error(
            Path::new(crate::config::CONFIG_FILE),
            Pos::FILE,
            tr(Msg::ConfigUnknownTheme, &[("name", &config.theme)]),
        )
        .suggest("theme = \"default\"");
        return Err(vec![d]);
    }
    let mut diags = Vec::new();
    for dir in [theme_dir, root.to_path_buf()] {
        overlay(
            root,
            &dir,
            &i18n_name,
            &mut templates,
            &mut statics,
            &mut i18n_files,
            &mut diags,
        );
    }
    let i18n = merge_i18n(&i18n_files, &mut diags);
    let tera = compile(&templates).map_err(|d| {
        diags.push(d);
        diags.clone()
    })?;
    if diags.iter().any(Diagnostic::is_error) {
        return Err(diags);
    }
    let template_strings = strings_named(&templates, &i18n);
    Ok(Theme {
        tera,
        i18n,
        template_strings,
        statics,
    })
}

/// Replaces files with those of `dir` (`templates/`, `static/`, `i18n/`), when present.
fn overlay(
    root: &Path,
    dir: &Path,
    i18n_name: &str,
    templates: &mut BTreeMap<String, String>,
    statics: &mut BTreeMap<String, StaticFile>,
    i18n: &mut Vec<(PathBuf, String)>,
    diags: &mut Vec<Diagnostic>,
) {
    for (rel, path) in files_under(&dir.join("templates")) {
        match std::fs::read_to_string(&path) {
            Ok(text) => {
                templates.insert(rel, text);
            }
            Err(e) => diags.push(read_error(root, &path, &e)),
        }
    }
    for (rel, path) in files_under(&dir.join("static")) {
        statics.insert(rel, StaticFile::Disk(path));
    }
    let path = dir.join(i18n_name);
    if let Ok(text) = std::fs::read_to_string(&path) {
        i18n.push((crate::content::relative(root, &path), text));
    }
}

fn read_error(root: &Path, path: &Path, e: &std::io::Error) -> Diagnostic {
    Diagnostic::error(
        &crate::content::relative(root, path),
        Pos::FILE,
        tr(Msg::ReadFailed, &[("detail", e)]),
    )
}

fn files_under(dir: &Path) -> Vec<(String, PathBuf)> {
    if !dir.is_dir() {
        return Vec::new();
    }
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .ok()?
                .to_string_lossy()
                .replace('\\', "/");
            (!rel.starts_with('.')).then(|| (rel, e.path().to_path_buf()))
        })
        .collect()
}

/// The strings of `i18n` that `templates` name as `t.key`; all of them if any template looks a
/// string up by a computed key.
fn strings_named(
    templates: &BTreeMap<String, String>,
    i18n: &BTreeMap<String, String>,
) -> BTreeMap<String, String> {
    let mut named = std::collections::BTreeSet::new();
    for text in templates.values() {
        let bytes = text.as_bytes();
        for (i, _) in text.match_indices('t') {
            let before = i.checked_sub(1).map(|j| bytes[j]);
            if before.is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'.') {
                continue;
            }
            let after = &text[i + 1..];
            let after_trim = after.trim_start();
            let before_text = text[..i].trim_end();
            let renamed = before_text
                .strip_suffix('=')
                .is_some_and(|b| last_word(b) != "t");
            if after.starts_with('[') || after_trim.starts_with('|') || renamed {
                return i18n.clone(); // `t[…]`, `t | get(…)`, or `t` passed on under another name
            }
            if let Some(rest) = after.strip_prefix('.') {
                let key: String = rest
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                named.insert(key);
            }
        }
    }
    i18n.iter()
        .filter(|(k, _)| named.contains(k.as_str()))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

/// The identifier that ends `s` (after trailing spaces).
fn last_word(s: &str) -> &str {
    let s = s.trim_end();
    let start = s
        .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .map_or(0, |i| i + 1);
    &s[start..]
}

/// Later files override earlier ones key by key.
fn merge_i18n(
    files: &[(PathBuf, String)],
    diags: &mut Vec<Diagnostic>,
) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for (file, text) in files {
        match toml::from_str::<BTreeMap<String, String>>(text) {
            Ok(map) => out.extend(map),
            Err(e) => {
                let lines = crate::diagnostic::LineIndex::new(text);
                let pos = lines.pos(text, e.span().map_or(0, |s| s.start));
                let detail = e.message().to_string();
                diags.push(Diagnostic::error(
                    file,
                    pos,
                    tr(Msg::TomlSyntax, &[("detail", &detail)]),
                ));
            }
        }
    }
    out
}

fn compile(templates: &BTreeMap<String, String>) -> Result<Tera, Diagnostic> {
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html", ".xml"]);
    tera.set_escape_fn(escape_html);
    tera.add_raw_templates(templates.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        .map_err(|e| template_error("templates", &e))?;
    Ok(tera)
}

/// Escapes text for HTML content and quoted attributes. Unlike tera's default it leaves `/`
/// alone, so URLs stay readable (`../tinh/lang-son/`, not `..&#x2F;tinh&#x2F;…`).
fn escape_html(input: &str) -> String {
    let special = |b: &u8| matches!(b, b'&' | b'<' | b'>' | b'"' | b'\'');
    let Some(first) = input.bytes().position(|b| special(&b)) else {
        return input.to_string();
    };
    let mut out = String::with_capacity(input.len() + 16);
    out.push_str(&input[..first]);
    let mut start = first;
    for (i, b) in input.bytes().enumerate().skip(first) {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&input[start..i]);
        out.push_str(entity);
        start = i + 1;
    }
    out.push_str(&input[start..]);
    out
}

/// A tera error as a diagnostic, with the whole chain of causes.
pub fn template_error(name: &str, e: &tera::Error) -> Diagnostic {
    let mut detail = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        detail.push_str(": ");
        detail.push_str(&s.to_string());
        source = s.source();
    }
    let file = PathBuf::from("templates").join(name);
    Diagnostic::error(
        &file,
        Pos::FILE,
        tr(Msg::TemplateError, &[("name", &name), ("detail", &detail)]),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_theme_has_every_template_the_renderer_uses() {
        let names: Vec<&str> = DEFAULT_THEME.iter().map(|(n, _)| *n).collect();
        for t in [
            "base.html",
            "index.html",
            "entry.html",
            "list.html",
            "terms.html",
            "page.html",
            "404.html",
        ] {
            assert!(
                names.contains(&format!("templates/{t}").as_str()),
                "missing {t}: {names:?}"
            );
        }
        assert!(names.contains(&"i18n/vi.toml"));
        assert!(names.contains(&"static/style.css"));
    }

    #[test]
    fn templates_get_the_strings_they_name() {
        let i18n: BTreeMap<String, String> = [("a_b", "1"), ("c", "2"), ("unused", "3")]
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let one = |t: &str| BTreeMap::from([("x.html".to_string(), t.to_string())]);
        let keys = |m: BTreeMap<String, String>| m.into_keys().collect::<Vec<_>>();
        assert_eq!(
            keys(strings_named(
                &one("{{ t.a_b }} {{ cat.c }} {% if t.c %}"),
                &i18n
            )),
            ["a_b", "c"]
        );
        assert_eq!(keys(strings_named(&one("{{ t[\"c\"] }}"), &i18n)).len(), 3);
        assert_eq!(
            keys(strings_named(&one("{{ m::x(t=t) }}{{ t.c }}"), &i18n)),
            ["c"]
        );
        assert_eq!(keys(strings_named(&one("{{ m::x(s=t) }}"), &i18n)).len(), 3);
        assert_eq!(
            keys(strings_named(&one("{{ m::x(cat=t) }}"), &i18n)).len(),
            3
        );
        assert_eq!(
            keys(strings_named(&one("{{ t | get(key=k) }}"), &i18n)).len(),
            3
        );
    }

    #[test]
    fn escaping_keeps_slashes_and_stops_markup() {
        assert_eq!(escape_html("../tinh/a/"), "../tinh/a/");
        assert_eq!(
            escape_html("\"><img onerror='x'>&"),
            "&quot;&gt;&lt;img onerror=&#39;x&#39;&gt;&amp;"
        );
    }

    #[test]
    fn the_default_theme_loads_with_no_theme_folder() {
        let dir = tempfile::tempdir().map_err(|e| e.to_string());
        let dir = dir
            .as_ref()
            .map(|d| d.path())
            .unwrap_or(Path::new("/nonexistent"));
        let theme = load(dir, &Config::default());
        assert!(theme.is_ok(), "{:?}", theme.err());
        if let Ok(theme) = theme {
            assert_eq!(
                theme.text("title_period", &[("name", "2021-2023")]),
                "Giai đoạn 2021-2023"
            );
        }
    }
}
