//! Golden files (insta snapshots under `tests/snapshots/`) of both exports.

use nianbao::{export, template};

use super::sample;

/// Assert a snapshot stored as `tests/snapshots/{name}.snap`.
pub fn snapshot(name: &str, value: &str) {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("../snapshots");
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| insta::assert_snapshot!(name, value));
}

#[test]
fn sample_text() {
    let doc = sample();
    let t = template::get(&doc.template).expect("template");
    snapshot("sample_gk2021_text", &export::to_text(&doc, t));
}

#[test]
fn sample_markdown() {
    let doc = sample();
    let t = template::get(&doc.template).expect("template");
    snapshot("sample_gk2021_markdown", &export::to_markdown(&doc, t));
}
