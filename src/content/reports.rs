//! Reads `content/_data/reports.toml`: campaign figures per province and period, which cannot be
//! derived from the entries (how many registered, recognised, commended in all).

use std::path::Path;

use crate::diagnostic::{Diagnostic, Pos};
use crate::messages::{Msg, tr};
use crate::schema::{At, Reader};
use crate::vi;

/// The figure keys, in display order.
pub const FIGURES: &[&str] = &[
    "registered_collectives",
    "registered_individuals",
    "recognised_collectives",
    "recognised_individuals",
    "commended_collectives",
    "commended_individuals",
];

/// One `[[report]]`.
#[derive(Debug, Clone)]
pub struct RawReport {
    /// The file, relative to the root.
    pub source: std::path::PathBuf,
    /// Province as written.
    pub province: At<String>,
    /// Period as written.
    pub period: At<String>,
    /// Figures present, keyed as [`FIGURES`], in that order.
    pub figures: Vec<(&'static str, i64)>,
    /// Where the figures come from.
    pub source_note: Option<String>,
    /// A remark.
    pub note: Option<String>,
}

/// Reads the reports file if it exists.
pub fn load(root: &Path, path: &Path) -> (Vec<RawReport>, Vec<Diagnostic>) {
    let rel = super::relative(root, path);
    let text = match std::fs::read(path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(t) => vi::nfc(&t),
            Err(_) => {
                return (
                    Vec::new(),
                    vec![Diagnostic::error(&rel, Pos::FILE, tr(Msg::NotUtf8, &[]))],
                );
            }
        },
        Err(_) => return (Vec::new(), Vec::new()),
    };
    let mut r = Reader::new(&rel, &text, 0);
    let mut out = Vec::new();
    if let Some(table) = r.parse(&text) {
        let table = table.into_inner();
        r.check_keys(&table, &["report"]);
        for (item, pos) in r.tables(&table, "report") {
            let mut keys = vec!["province", "period", "source", "note"];
            keys.extend_from_slice(FIGURES);
            r.check_keys(item, &keys);
            let province = r.required::<String>(item, "province", pos, "province = \"Vĩnh Long\"");
            let period = r.required::<String>(item, "period", pos, "period = \"2021-2023\"");
            let figures = FIGURES
                .iter()
                .filter_map(|&k| r.get::<i64>(item, k).map(|v| (k, v.value)))
                .collect();
            let source_note = r.get::<String>(item, "source").map(|a| a.value);
            let note = r.get::<String>(item, "note").map(|a| a.value);
            if let (Some(province), Some(period)) = (province, period) {
                out.push(RawReport {
                    source: rel.clone(),
                    province,
                    period,
                    figures,
                    source_note,
                    note,
                });
            }
        }
    }
    (out, r.finish())
}
