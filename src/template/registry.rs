//! The templates shipped inside the binary: every `assets/templates/*.ron`,
//! listed by `build.rs`, so a new official revision is one new file. Each is
//! compiled (parsed and checked) once, on first use.

use std::cmp::Reverse;
use std::sync::OnceLock;

use super::compile::parse_template;
use super::model::Template;

/// (file name, RON text) of every embedded template, as `build.rs` found them.
const SOURCES: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/templates.rs"));

/// Every embedded template: newest layout first, national before regional.
/// The embedded files are compiled by the test suite, so a failure here is a
/// build defect, not user input: it stops the program with the loader's
/// message rather than running with a template that checks nothing.
pub fn all() -> &'static [Template] {
    static ALL: OnceLock<Vec<Template>> = OnceLock::new();
    ALL.get_or_init(|| {
        let mut all: Vec<Template> = SOURCES
            .iter()
            .map(|(file, text)| parse_template(file, text).unwrap_or_else(|e| panic!("{e}")))
            .collect();
        all.sort_by(|a, b| {
            (Reverse(a.first_year), a.regional, &a.id).cmp(&(
                Reverse(b.first_year),
                b.regional,
                &b.id,
            ))
        });
        all
    })
}

/// The template with this id.
pub fn get(id: &str) -> Option<&'static Template> {
    all().iter().find(|t| t.id == id)
}

/// The national template in force for a report year (regional variants are
/// chosen by name, never by year); the newest one outside every range.
pub fn current_for_year(year: u16) -> &'static Template {
    let all = all();
    all.iter()
        .filter(|t| !t.regional)
        .find(|t| t.applies_to(year))
        .or_else(|| all.iter().find(|t| !t.regional))
        .unwrap_or(&all[0])
}

impl Template {
    /// Whether a report of `year` may use this layout.
    pub fn applies_to(&self, year: u16) -> bool {
        self.first_year <= year && self.last_year.is_none_or(|last| year <= last)
    }
}
