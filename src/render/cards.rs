//! Cards (an entry as shown in a grid) rendered once per entry and heading level, instead of once
//! per list they appear in (about nine lists each): the theme's `card.html` is rendered with a
//! marker where the page's root prefix goes, and each list page puts in its own prefix.

use rayon::prelude::*;
use serde::Serialize;

use crate::diagnostic::Diagnostic;
use crate::validate::EntryId;

use super::Renderer;
use super::context::Card;
use super::lists::Item;
use super::theme;
use super::urls::{ROOT, Rel, Rooted};

/// The context of `card.html`: the card and the level of its heading.
#[derive(Debug, Serialize)]
struct CardContext<'a> {
    /// The card.
    c: &'a Card,
    /// `2` in a list without section headings, `3` under one.
    h: u8,
}

/// Every entry's card as HTML, for heading levels 2 and 3.
pub(super) struct CardHtml {
    html: Vec<[Rooted; 2]>,
}

impl CardHtml {
    /// Renders every card, in parallel.
    pub(super) fn render(r: &Renderer<'_>) -> Result<CardHtml, Vec<Diagnostic>> {
        let rel = Rel::with_root(ROOT, r.offline);
        let results: Vec<Result<[Rooted; 2], Diagnostic>> = r
            .site
            .ids()
            .collect::<Vec<_>>()
            .par_iter()
            .map(|&id| {
                let card = r.card(&rel, Item { id, award: None }, 0);
                let [h2, h3] = r.card_html(&card)?;
                Ok([Rooted::new(&h2), Rooted::new(&h3)])
            })
            .collect();
        let mut html = Vec::with_capacity(results.len());
        let mut errors = Vec::new();
        for res in results {
            match res {
                Ok(h) => html.push(h),
                Err(d) if errors.is_empty() => errors.push(d),
                Err(_) => {}
            }
        }
        if errors.is_empty() {
            Ok(CardHtml { html })
        } else {
            Err(errors)
        }
    }

    /// The card of `id` with heading level `h` (2 or 3), its links made relative to `rel`.
    pub(super) fn get(&self, id: EntryId, h: u8, rel: &Rel) -> String {
        let variants = &self.html[id.0 as usize];
        let html = if h <= 2 { &variants[0] } else { &variants[1] };
        html.join(rel)
    }
}

impl Renderer<'_> {
    /// The card's HTML under a heading of each level, 2 and 3: the card is made into a template
    /// context once, and only its heading level changes between the two.
    fn card_html(&self, card: &Card) -> Result<[String; 2], Diagnostic> {
        let error = |e: tera::Error| theme::template_error("card.html", &e);
        let page = tera::Context::from_serialize(CardContext { c: card, h: 2 }).map_err(error)?;
        let mut context = self.shared.clone();
        context.extend(page);
        let h2 = self
            .theme
            .tera
            .render("card.html", &context)
            .map_err(error)?;
        context.insert("h", &3);
        let h3 = self
            .theme
            .tera
            .render("card.html", &context)
            .map_err(error)?;
        Ok([h2, h3])
    }
}
