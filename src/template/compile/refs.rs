//! What the checks of round two refer to: prose parts, cells and another
//! rule, each checked to exist when the template loads (a misspelt key
//! would otherwise make the check silently never run).

use super::{numeric_cell, Checker, Kind};
use crate::template::model::{Along, Check, Rule, Template};

impl Checker<'_> {
    /// The references of the text and cross-rule checks.
    pub(super) fn references(&mut self, t: &Template, rule: &Rule, line: Option<usize>) {
        match &rule.check {
            Check::Misplaced { rule: target } => {
                let column_rule = t.rules.iter().any(|r| {
                    &r.id == target
                        && matches!(
                            r.check,
                            Check::Linear {
                                along: Along::Columns,
                                ..
                            }
                        )
                });
                if !column_rule {
                    let at = self.find(line, Some("rule"), target).or(line);
                    let message = format!(
                        "规则“{}”引用的规则“{target}”不存在或不是按列的勾稽关系",
                        rule.id
                    );
                    self.push(Kind::UnknownKey, at, message, "unknown column rule");
                }
            }
            Check::FeeNotices {
                part,
                notices,
                refused,
            } => {
                self.prose_part(t, rule, part, line);
                for cell in [notices, refused] {
                    if !numeric_cell(t, cell) {
                        let at = self.find(line, None, cell).or(line);
                        let message =
                            format!("规则“{}”引用的单元格“{cell}”不存在或不是数字", rule.id);
                        self.push(Kind::UnknownKey, at, message, "unknown cell");
                    }
                }
            }
            Check::PartLength { limits } => {
                for (part, _) in limits {
                    self.prose_part(t, rule, part, line);
                }
            }
            Check::SameAsLastYear { parts, .. } => {
                for part in parts {
                    self.prose_part(t, rule, part, line);
                }
            }
            _ => {}
        }
    }

    fn prose_part(&mut self, t: &Template, rule: &Rule, part: &str, line: Option<usize>) {
        if !t.part(part).is_some_and(|p| p.prose) {
            let at = self.find(line, None, part).or(line);
            let message = format!("规则“{}”引用的部分“{part}”不存在或没有文字", rule.id);
            self.push(Kind::UnknownKey, at, message, "unknown prose part");
        }
    }
}
