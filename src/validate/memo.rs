//! The results of checks that read only the report's text — the year named,
//! the headings, part 五, a part copied from last year, and the numbers the
//! prose quotes — remembered per text. The editor validates on every
//! keystroke and a keystroke in a table leaves every text as it was, so
//! these are looked up instead of recomputed (a 10,000-character part is
//! otherwise re-read on every digit). Pure memoisation: the same inputs give
//! the same findings as [`validate`](super::validate).
//!
//! A memo belongs to one caller (the editor's state) and is used with the
//! built-in, `'static` templates, so a rule or phrase list is known by its
//! address.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};

use super::Finding;
use crate::document::Document;
use crate::prose::quotes::{self, Quote};
use crate::template::{Phrase, Rule, Template};

/// Entries kept per kind; a full memo starts again (an editing session
/// needs a handful: one per text state being typed).
const LIMIT: usize = 256;

/// What text-only checks found, by the texts they read.
#[derive(Debug)]
pub struct Memo {
    /// Off: every check runs (a one-off [`validate`](super::validate)).
    on: bool,
    /// [`text_key`] of the document being validated.
    key: u64,
    findings: HashMap<u64, Vec<Finding>>,
    quotes: HashMap<u64, Vec<Quote>>,
}

impl Default for Memo {
    fn default() -> Memo {
        Memo {
            on: true,
            key: 0,
            findings: HashMap::new(),
            quotes: HashMap::new(),
        }
    }
}

fn hash_of(value: impl Hash) -> u64 {
    let mut h = DefaultHasher::new();
    value.hash(&mut h);
    h.finish()
}

fn lookup<T>(map: &mut HashMap<u64, T>, key: u64, compute: impl FnOnce() -> T) -> &T {
    if map.len() >= LIMIT && !map.contains_key(&key) {
        map.clear();
    }
    map.entry(key).or_insert_with(compute)
}

/// Everything the text-only checks read: the template, the cover, the prose
/// and last year's prose.
fn text_key(doc: &Document, template: &Template) -> u64 {
    let previous = doc.previous.as_ref().map(|p| (p.year, &p.prose));
    hash_of((&template.id, &doc.meta, &doc.prose, previous))
}

impl Memo {
    /// A memo that remembers nothing.
    pub fn off() -> Memo {
        Memo {
            on: false,
            ..Memo::default()
        }
    }

    /// Start validating `doc`: note what its texts are.
    pub(super) fn begin(&mut self, doc: &Document, template: &Template) {
        if self.on {
            self.key = text_key(doc, template);
        }
    }

    /// The findings of a text-only `rule` for the current document's texts.
    pub(super) fn text_check(
        &mut self,
        rule: &Rule,
        out: &mut Vec<Finding>,
        check: impl FnOnce(&mut Vec<Finding>),
    ) {
        if !self.on {
            check(out);
            return;
        }
        let key = hash_of((self.key, &rule.id, std::ptr::from_ref(rule) as usize));
        let found = lookup(&mut self.findings, key, || {
            let mut found = Vec::new();
            check(&mut found);
            found
        });
        out.extend(found.iter().cloned());
    }

    /// [`quotes::find`], remembered per text.
    pub(super) fn quotes(&mut self, text: &str, phrases: &[Phrase], year: u16) -> Vec<Quote> {
        if !self.on {
            return quotes::find(text, phrases, year);
        }
        let key = hash_of((text, year, phrases.as_ptr() as usize, phrases.len()));
        lookup(&mut self.quotes, key, || quotes::find(text, phrases, year)).clone()
    }
}
