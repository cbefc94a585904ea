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

#[test]
fn sample_html() {
    let doc = sample();
    let t = template::get(&doc.template).expect("template");
    snapshot("sample_gk2021_html", &export::to_html(&doc, t));
}

#[test]
fn sample_docx() {
    let doc = sample();
    let xml = super::docx::part(&super::docx::docx_of(&doc), "word/document.xml");
    snapshot("sample_gk2021_docx", &super::docx::readable(&xml));
}

/// The reports of the other templates (seeds 000, 002, 004), in every format.
#[test]
fn every_template_in_every_format() {
    let seeds = [
        (
            "seed000_legacy_provincial",
            include_str!("../fixtures/seed000.ron"),
        ),
        ("seed002_gk2019", include_str!("../fixtures/seed002.ron")),
        (
            "seed004_legacy_national",
            include_str!("../fixtures/seed004.ron"),
        ),
    ];
    for (name, text) in seeds {
        let doc: nianbao::document::Document = ron::from_str(text).expect("seed parses");
        let t = template::get(&doc.template).expect("template");
        snapshot(&format!("{name}_text"), &export::to_text(&doc, t));
        snapshot(&format!("{name}_markdown"), &export::to_markdown(&doc, t));
        snapshot(&format!("{name}_html"), &export::to_html(&doc, t));
        let xml = super::docx::part(&super::docx::docx_of(&doc), "word/document.xml");
        snapshot(&format!("{name}_docx"), &super::docx::readable(&xml));
    }
}
