//! `Check::PartLength`: a part longer than its province's or county's cap
//! (some cap 总体情况 at 1,000 characters). No template sets one by default;
//! the count is the one the editor shows under each part as the clerk types.

use super::{Finding, TextSpan};
use crate::document::{Address, Document};
use crate::prose::text;
use crate::template::{Rule, Template};

/// Characters as a word processor's 字数 counts them: everything but white space.
pub fn count(text: &str) -> usize {
    text.chars().filter(|c| !c.is_whitespace()).count()
}

/// `Check::PartLength`: each (part, most characters) over its cap.
pub(crate) fn check(
    rule: &Rule,
    limits: &[(String, usize)],
    doc: &Document,
    template: &Template,
    out: &mut Vec<Finding>,
) {
    for (key, max) in limits {
        let Some(part) = template.part(key) else {
            continue;
        };
        let prose = doc.prose(key);
        let n = count(prose);
        if n <= *max {
            continue;
        }
        out.push(Finding {
            rule: rule.id.clone(),
            severity: rule.severity,
            cells: Vec::new(),
            message: format!(
                "{}正文共 {n} 字，超过规定的 {max} 字（多 {} 字）。请精简。",
                text::part_name(part),
                n - max
            ),
            span: Some(TextSpan {
                address: Address::Prose(key.clone()),
                start: 0,
                end: prose.chars().count(),
            }),
        });
    }
}
