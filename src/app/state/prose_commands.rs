//! The prose commands of the editor: 生成文字 (the standard sentences built
//! from the tables, inserted at the caret as one undo step) and 已核实 (a
//! warning marked as checked, with a note kept in the file).

use super::{fields, EditorState, StatusMessage};
use crate::document::Address;
use crate::prose::draft;
use crate::validate;

/// `text` with `insert` put at character `at` (the end when `None` or past
/// it), on a line of its own so it never runs into a sentence.
pub fn insert_at(text: &str, at: Option<usize>, insert: &str) -> (String, usize) {
    let chars: Vec<char> = text.chars().collect();
    let at = at.unwrap_or(chars.len()).min(chars.len());
    let before: String = chars[..at].iter().collect();
    let after: String = chars[at..].iter().collect();
    let lead = if before.is_empty() || before.ends_with('\n') {
        ""
    } else {
        "\n"
    };
    let tail = if after.is_empty() || after.starts_with('\n') {
        ""
    } else {
        "\n"
    };
    let inserted = format!("{lead}{}{tail}", insert.trim_end());
    let caret = at + inserted.chars().count() - tail.chars().count();
    (format!("{before}{inserted}{after}"), caret)
}

impl EditorState {
    /// The prose parts that have a 生成文字 button.
    pub fn draft_parts(&self) -> Vec<&str> {
        draft::parts_with_drafts(self.template)
    }

    pub(super) fn insert_draft(&mut self, part: &str, at: Option<usize>) {
        let text = match draft::draft(&self.doc, self.template, part, false) {
            Some(Ok(text)) => text,
            Some(Err(missing)) => {
                self.status = Some(StatusMessage::error(missing.to_string()));
                return;
            }
            None => return,
        };
        let address = Address::Prose(part.to_string());
        let (new, caret) = insert_at(self.doc.prose(part), at, &text);
        match fields::set_field(&mut self.doc, self.template, &address, &new) {
            Ok(Some(change)) => {
                self.edited(vec![change], false);
                self.focus = Some(address);
                self.draft_caret = Some(caret);
                self.status = Some(StatusMessage::info(
                    "已插入生成的文字（可撤销）；数字改动后，文字与表格不符会提示",
                ));
            }
            Ok(None) => {}
            Err(e) => self.status = Some(StatusMessage::error(e.message)),
        }
    }

    /// Whether the cover's 开头段落 has a 生成文字 button: the template
    /// checks the opening (the 2021 format).
    pub fn offers_standard_opening(&self) -> bool {
        self.template
            .rules
            .iter()
            .any(|r| matches!(r.check, crate::template::Check::Opening))
    }

    pub(super) fn insert_opening(&mut self) {
        let address = Address::Meta(crate::document::MetaField::Opening);
        let text = validate::standard_opening(&self.doc);
        let had_text = !self.doc.meta.opening.trim().is_empty();
        match fields::set_field(&mut self.doc, self.template, &address, &text) {
            Ok(Some(change)) => {
                self.edited(vec![change], false);
                self.focus = Some(address);
                self.status = Some(StatusMessage::info(if had_text {
                    "已换成标准开头段落（撤销可恢复原文）；请补上网址、地址和邮编"
                } else {
                    "已填入标准开头段落（可撤销）；请补上网址、地址和邮编"
                }));
            }
            Ok(None) => {}
            Err(e) => self.status = Some(StatusMessage::error(e.message)),
        }
    }

    /// Where the caret goes after 生成文字 (characters into the part's
    /// text); the window takes it once.
    pub fn take_draft_caret(&mut self) -> Option<usize> {
        self.draft_caret.take()
    }

    pub(super) fn review(&mut self, id: &str, note: &str) {
        match validate::review(&mut self.doc, self.template, id, note) {
            Ok(_) => {
                let now = self.now();
                self.changed_outside_history(now);
                self.refresh();
                self.status = Some(StatusMessage::info("已标记为已核实，保存后记入文件"));
            }
            Err(e) => self.status = Some(StatusMessage::error(e.to_string())),
        }
    }

    pub(super) fn unreview(&mut self, id: &str) {
        if validate::unreview(&mut self.doc, id) {
            let now = self.now();
            self.changed_outside_history(now);
            self.refresh();
            self.status = Some(StatusMessage::info("已取消“已核实”标记"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::insert_at;

    #[test]
    fn a_draft_goes_on_a_line_of_its_own() {
        assert_eq!(insert_at("", None, "甲。"), ("甲。".into(), 2));
        assert_eq!(
            insert_at("前文。", None, "甲。\n"),
            ("前文。\n甲。".into(), 6)
        );
        assert_eq!(
            insert_at("前文。后文。", Some(3), "甲。"),
            ("前文。\n甲。\n后文。".into(), 6)
        );
        assert_eq!(
            insert_at("前文。\n后文。", Some(4), "甲。"),
            ("前文。\n甲。\n后文。".into(), 6)
        );
        assert_eq!(insert_at("短", Some(99), "甲"), ("短\n甲".into(), 3));
    }
}
