//! The theme: templates (tera), static files and UI strings. Starts from the default theme
//! embedded in the binary; a theme folder (`themes/<name>/`) and the site's own `templates/`,
//! `static/` and `i18n/` replace single files.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use tera::Tera;

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Pos};
use crate::messages::{Msg, tr};

mod fold;

include!(concat!(env!("OUT_DIR"), "/default_theme.rs"));

/// A static file of the theme: embedded, or on disk.
#[derive(Debug, Clone)]
pub enum StaticFile {
    /// Bytes compiled into the binary.
    Embedded(&'static [u8]),
    /// A file to copy.
    Disk(PathBuf),
}

/// A theme's UI strings and static files: everything of it but the compiled templates.
pub struct ThemeFiles {
    /// UI strings.
    pub i18n: BTreeMap<String, String>,
    /// The UI strings the templates name (`t.key`): all of them if a template computes a key
    /// (`t[…]`, `t | get(…)`). Every page's context carries these, so fewer is faster.
    pub template_strings: BTreeMap<String, String>,
    /// Static files, by path under `static/`.
    pub statics: BTreeMap<String, StaticFile>,
}

impl ThemeFiles {
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

/// A theme read but not compiled: its templates (constants folded in) and its files. Reading is
/// quick; compiling the templates is the largest fixed cost of a build, so a build compiles
/// them on one core while the photos and the fragments go on on the other.
pub struct Sources {
    /// Template text by name, constants folded in.
    pub templates: BTreeMap<String, String>,
    /// UI strings and static files.
    pub files: ThemeFiles,
}

/// A loaded theme.
pub struct Theme {
    /// Parsed templates.
    pub tera: Tera,
    /// UI strings and static files.
    pub files: ThemeFiles,
}

impl Theme {
    /// A UI string, with `{name}` placeholders filled.
    pub fn text(&self, key: &str, args: &[(&str, &str)]) -> String {
        self.files.text(key, args)
    }
}

/// The templates rendered once per build and reused on many pages ([`super::Fragments`]); each
/// sees only `t`, `site` and its own values.
pub const FRAGMENTS: [&str; 3] = ["card.html", "cover.html", "gallery-item.html"];

impl Sources {
    /// The theme, with `tera` compiled from these sources.
    pub fn into_theme(self, tera: Tera) -> Theme {
        Theme {
            tera,
            files: self.files,
        }
    }
}

/// Reads the theme named in `config` for the site at `root`: the default theme embedded in the
/// binary, overlaid by the theme folder and the site's own files; constants folded in. The
/// problems found (a file that cannot be read, a broken `i18n` file) come with the sources, so
/// the templates are still compiled and their errors reported in the same run; only an unknown
/// theme stops here.
pub fn sources(
    root: &Path,
    config: &Config,
) -> Result<(Sources, Vec<Diagnostic>), Vec<Diagnostic>> {
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
    let templates = fold_constants(templates, &i18n, &super::context::SiteInfo::new(config));
    let template_strings = strings_named(&templates, &i18n);
    let sources = Sources {
        templates,
        files: ThemeFiles {
            i18n,
            template_strings,
            statics,
        },
    };
    Ok((sources, diags))
}

/// Compiles every template of `sources`.
pub fn compile(sources: &Sources) -> Result<Tera, Diagnostic> {
    compile_set(
        sources
            .templates
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str())),
    )
}

/// Compiles only the [`FRAGMENTS`] and the templates they include, import or extend, so that
/// fragments can be rendered while [`compile`] still works on the rest. `None` when that set
/// does not compile on its own (the full compile then reports any real error).
pub fn compile_fragments(sources: &Sources) -> Option<Tera> {
    let mut wanted: Vec<&str> = FRAGMENTS.to_vec();
    let mut set: BTreeMap<&str, &str> = BTreeMap::new();
    while let Some(name) = wanted.pop() {
        let Some((name, text)) = sources.templates.get_key_value(name) else {
            continue;
        };
        if set.insert(name, text).is_none() {
            wanted.extend(fold::references(text));
        }
    }
    compile_set(set.into_iter()).ok()
}

/// `templates` with the build's constants — UI strings and site settings — written in (see
/// [`fold`]).
fn fold_constants(
    templates: BTreeMap<String, String>,
    i18n: &BTreeMap<String, String>,
    site: &super::context::SiteInfo,
) -> BTreeMap<String, String> {
    let mut site_values = BTreeMap::from([
        ("title", site.title.as_str()),
        ("description", site.description.as_str()),
        ("language", site.language.as_str()),
    ]);
    if let Some(p) = &site.publisher {
        site_values.insert("publisher", p.as_str());
    }
    let strings = i18n.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let constants = fold::Constants {
        names: BTreeMap::from([("t", strings), ("site", site_values)]),
    };
    if constants.rebound_anywhere(templates.values().map(String::as_str)) {
        return templates;
    }
    templates
        .into_iter()
        .map(|(name, text)| {
            let escaped = AUTOESCAPED.iter().any(|ext| name.ends_with(ext));
            let escape = escaped.then_some(escape_html as fn(&str) -> String);
            let folded = constants.fold(&text, escape);
            (name, folded)
        })
        .collect()
}

/// The templates whose output tera escapes.
const AUTOESCAPED: [&str; 2] = [".html", ".xml"];

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

/// The strings of `i18n` that `templates` still name as `t.key` once constants are folded; all
/// of them if a template looks a string up by a computed key.
fn strings_named(
    templates: &BTreeMap<String, String>,
    i18n: &BTreeMap<String, String>,
) -> BTreeMap<String, String> {
    match fold::members_used("t", templates.values().map(String::as_str)) {
        None => i18n.clone(),
        Some(named) => i18n
            .iter()
            .filter(|(k, _)| named.contains(k.as_str()))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
    }
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

fn compile_set<'s>(
    templates: impl Iterator<Item = (&'s str, &'s str)>,
) -> Result<Tera, Diagnostic> {
    let mut tera = Tera::default();
    tera.autoescape_on(AUTOESCAPED.to_vec());
    tera.set_escape_fn(escape_html);
    tera.add_raw_templates(templates)
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
        let read = sources(dir, &Config::default());
        assert!(read.is_ok(), "{:?}", read.as_ref().err());
        if let Ok((sources, diags)) = read {
            assert!(diags.is_empty(), "{diags:?}");
            let tera = compile(&sources);
            assert!(tera.is_ok(), "{:?}", tera.as_ref().err());
            assert!(compile_fragments(&sources).is_some());
            assert_eq!(
                sources.files.text("title_period", &[("name", "2021-2023")]),
                "Giai đoạn 2021-2023"
            );
        }
    }
}
