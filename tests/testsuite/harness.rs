//! A chainable site builder for tests, in the spirit of mdBook's `BookTest`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use bangvang::{BuildError, BuildOptions, BuildReport, Diagnostic};

/// A site copied into a temporary folder, built, and inspected.
pub struct SiteTest {
    pub dir: tempfile::TempDir,
    pub opts: BuildOptions,
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from)
        .into_iter()
        .filter_map(Result::ok)
    {
        let rel = entry.path().strip_prefix(from).expect("inside");
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).expect("mkdir");
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

impl SiteTest {
    /// An empty site folder with only a `site.toml`.
    pub fn new(site_toml: &str) -> Self {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(dir.path().join("site.toml"), site_toml).expect("write site.toml");
        let opts = BuildOptions::new(dir.path());
        SiteTest { dir, opts }
    }

    /// A copy of `tests/fixtures/<name>/`.
    pub fn fixture(name: &str) -> Self {
        let src = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests")
            .join("fixtures")
            .join(name);
        let t = SiteTest::new("");
        copy_dir(&src, t.dir.path());
        t
    }

    /// A copy of the repository's example site (`site.toml`, `content/`).
    pub fn example() -> Self {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let t = SiteTest::new("");
        std::fs::copy(root.join("site.toml"), t.dir.path().join("site.toml")).expect("site.toml");
        copy_dir(&root.join("content"), &t.dir.path().join("content"));
        t
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// Writes a file of the site (creating folders).
    pub fn file(self, rel: &str, text: &str) -> Self {
        let path = self.root().join(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
        self
    }

    /// Writes a binary file of the site (a photo).
    pub fn bytes(self, rel: &str, data: &[u8]) -> Self {
        let path = self.root().join(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, data).expect("write");
        self
    }

    pub fn offline(mut self) -> Self {
        self.opts.offline = true;
        self
    }

    pub fn drafts(mut self) -> Self {
        self.opts.drafts = true;
        self
    }

    pub fn output_to(mut self, dir: PathBuf) -> Self {
        self.opts.output = Some(dir);
        self
    }

    pub fn try_build(&self) -> Result<BuildReport, BuildError> {
        bangvang::build(&self.opts)
    }

    /// Builds and panics with the diagnostics if it fails.
    pub fn build(self) -> Built {
        match self.try_build() {
            Ok(report) => Built { test: self, report },
            Err(BuildError::Problems(ds)) => panic!("build failed:\n{}", render(&ds)),
            Err(e) => panic!("build failed: {e}"),
        }
    }

    /// Builds, expecting failure; returns every diagnostic.
    pub fn build_err(&self) -> Vec<Diagnostic> {
        match self.try_build() {
            Ok(_) => panic!("the build should have failed"),
            Err(BuildError::Problems(ds)) => ds,
            Err(e) => panic!("unexpected error: {e}"),
        }
    }
}

pub fn render(ds: &[Diagnostic]) -> String {
    ds.iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}

/// A built site.
pub struct Built {
    pub test: SiteTest,
    pub report: BuildReport,
}

impl Built {
    pub fn out(&self) -> PathBuf {
        self.test.opts.output_dir()
    }

    /// The text of an output file.
    pub fn read(&self, rel: &str) -> String {
        let path = self.out().join(rel);
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    pub fn exists(&self, rel: &str) -> bool {
        self.out().join(rel).exists()
    }

    /// Every output file: relative path → bytes.
    pub fn files(&self) -> BTreeMap<String, Vec<u8>> {
        let out = self.out();
        walkdir::WalkDir::new(&out)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                let rel = e
                    .path()
                    .strip_prefix(&out)
                    .expect("inside")
                    .to_string_lossy()
                    .replace('\\', "/");
                (rel, std::fs::read(e.path()).expect("read"))
            })
            .collect()
    }

    /// Every HTML page: relative path → text.
    pub fn pages(&self) -> BTreeMap<String, String> {
        self.files()
            .into_iter()
            .filter(|(p, _)| p.ends_with(".html"))
            .map(|(p, b)| (p, String::from_utf8(b).expect("utf-8")))
            .collect()
    }

    /// Positions of `needles` in `page`, asserting each is present.
    pub fn order_in(&self, page: &str, needles: &[&str]) -> Vec<usize> {
        let html = self.read(page);
        needles
            .iter()
            .map(|n| {
                html.find(n)
                    .unwrap_or_else(|| panic!("{n:?} not in {page}"))
            })
            .collect()
    }
}

/// Every `href="…"` and `src="…"` value of an HTML text.
pub fn links(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in ["href=\"", "src=\"", "srcset=\""] {
        let mut rest = html;
        while let Some(i) = rest.find(attr) {
            rest = &rest[i + attr.len()..];
            if let Some(end) = rest.find('"') {
                out.push(rest[..end].to_string());
                rest = &rest[end..];
            }
        }
    }
    out
}

/// Decodes `%XX` escapes of a URL path.
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if let Some(b) = (bytes[i] == b'%' && i + 2 < bytes.len())
            .then(|| u8::from_str_radix(&s[i + 1..i + 3], 16).ok())
            .flatten()
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).expect("utf-8 path")
}

/// Checks that every internal link of every page is relative and leads to a file that exists
/// (a folder link needs its `index.html`; `offline` links must name `index.html` themselves).
pub fn assert_links_resolve(built: &Built, offline: bool) {
    let out = built.out();
    let mut checked = 0;
    for (page, html) in built.pages() {
        let dir = Path::new(&page)
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default();
        for link in links(&html) {
            if link.starts_with("https://")
                || link.starts_with("http://")
                || link.starts_with("mailto:")
                || link.starts_with('#')
            {
                continue;
            }
            assert!(!link.starts_with('/'), "{page}: absolute link {link}");
            let path = link.split(['#', '?']).next().unwrap_or("");
            let path = path.split(' ').next().unwrap_or(""); // srcset "url 400w"
            let mut target = out.join(&dir).join(percent_decode(path));
            if path.is_empty() || path.ends_with('/') || path == "." || path == "./" {
                assert!(!offline, "{page}: offline link to a folder: {link}");
                target = target.join("index.html");
            }
            assert!(
                target.is_file(),
                "{page}: broken link {link} ({})",
                target.display()
            );
            checked += 1;
        }
    }
    assert!(checked > 0, "no link checked");
}
