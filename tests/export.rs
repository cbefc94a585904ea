//! Export tests: the shared sample fixture, golden files, escaping and layout.

use nianbao::document::Document;

#[path = "export/fixture.rs"]
mod fixture;

/// The sample township report shared by tests and benches.
pub fn sample() -> Document {
    let text = include_str!("fixtures/sample-gk2021.ron");
    ron::from_str(text).expect("sample-gk2021.ron parses")
}

#[path = "export/golden.rs"]
mod golden;

#[path = "export/legacy.rs"]
mod legacy;

#[path = "export/behaviour.rs"]
mod behaviour;

#[path = "export/hostile.rs"]
mod hostile;

#[path = "export/html.rs"]
mod html;

#[path = "export/docx.rs"]
mod docx;
