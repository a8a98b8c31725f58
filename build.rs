//! Embeds the default theme (`themes/default/`) and the starter site of `bangvang init`
//! (`data/init/`): lists every file as `(relative path, include_bytes!(…))` in `$OUT_DIR`.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    embed(
        &root.join("themes").join("default"),
        "DEFAULT_THEME",
        "default_theme.rs",
        "Every file of the default theme.",
    );
    embed(
        &root.join("data").join("init"),
        "INIT_SITE",
        "init_site.rs",
        "Every file of the site `bangvang init` creates.",
    );
}

fn embed(dir: &Path, name: &str, file: &str, doc: &str) {
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files = Vec::new();
    collect(dir, dir, &mut files);
    files.sort();
    let mut out = format!("/// {doc}\npub(crate) static {name}: &[(&str, &[u8])] = &[\n");
    for (rel, abs) in &files {
        println!("cargo:rerun-if-changed={abs}");
        let _ = writeln!(out, "    ({rel:?}, include_bytes!({abs:?})),");
    }
    out.push_str("];\n");
    let target = Path::new(&std::env::var("OUT_DIR").unwrap_or_else(|_| ".".into())).join(file);
    if let Err(e) = std::fs::write(&target, out) {
        panic!("cannot write {}: {e}", target.display());
    }
}

fn collect(base: &Path, dir: &Path, out: &mut Vec<(String, String)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            println!("cargo:rerun-if-changed={}", path.display());
            collect(base, &path, out);
        } else if let Ok(rel) = path.strip_prefix(base) {
            let rel = rel.to_string_lossy().replace('\\', "/");
            out.push((rel, path.to_string_lossy().into_owned()));
        }
    }
}
