//! Issue 5.3 and 5.6 — the catalogue of bad input. Every case is either
//! normalized to the right value or refused with a clear message (Chinese
//! first, then the technical cause in parentheses); nothing panics. The
//! catalogue is summarised in README.md, section "可靠性 (Reliability)".

#[path = "bad_input/cells.rs"]
mod cells;
#[path = "bad_input/exports.rs"]
mod exports;
#[path = "bad_input/files.rs"]
mod files;
#[path = "bad_input/props.rs"]
mod props;

/// A message a clerk can act on: it starts in Chinese and carries the cause.
fn assert_clear(text: &str, context: &str) {
    let Some((chinese, _cause)) = text.split_once(" (") else {
        panic!("{context}: message should end with the technical cause: {text}");
    };
    assert!(text.ends_with(')'), "{context}: {text}");
    assert!(
        chinese
            .chars()
            .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
        "{context}: the explanation before the cause should be Chinese: {text}"
    );
}
