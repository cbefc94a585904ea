//! Modal questions (对话框): unsaved changes, errors, recovery offers. The UI
//! shows [`EditorState::pending`] and sends the clerk's [`Answer`].

use super::autosave::RecoveryCopy;
use super::{Command, EditorState};

/// What to do once unsaved changes are settled.
#[derive(Debug, Clone, PartialEq)]
pub enum Deferred {
    /// Run this command (打开, 新建, 从上年报告新建 …).
    Run(Command),
    /// Close the window (退出).
    CloseWindow,
}

/// A question the window must answer before going on.
#[derive(Debug, Clone, PartialEq)]
pub enum Pending {
    /// 有未保存的修改：保存 / 不保存 / 取消.
    ConfirmDiscard { then: Box<Deferred> },
    /// Something failed; the document in memory is untouched.
    Error {
        title: String,
        message: String,
        /// Offer 另存为 (after a failed save).
        offer_save_as: bool,
    },
    /// A recovery copy from a crash: 恢复 / 放弃.
    Recovery(RecoveryCopy),
}

impl Pending {
    /// The dialog's title.
    pub fn title(&self) -> String {
        match self {
            Pending::ConfirmDiscard { .. } => "未保存的修改".to_string(),
            Pending::Error { title, .. } => title.clone(),
            Pending::Recovery(_) => "恢复自动保存的副本".to_string(),
        }
    }

    /// The dialog's text.
    pub fn message(&self, state: &EditorState) -> String {
        match self {
            Pending::ConfirmDiscard { .. } => format!(
                "“{}”有未保存的修改。是否先保存？",
                state.doc.meta.display_title()
            ),
            Pending::Error { message, .. } => message.clone(),
            Pending::Recovery(copy) => copy.offer_text(),
        }
    }

    /// The buttons to show, in order.
    pub fn answers(&self) -> Vec<Answer> {
        match self {
            Pending::ConfirmDiscard { .. } => vec![Answer::Save, Answer::DontSave, Answer::Cancel],
            Pending::Error {
                offer_save_as: true,
                ..
            } => vec![Answer::SaveAs, Answer::Ok],
            Pending::Error { .. } => vec![Answer::Ok],
            Pending::Recovery(_) => vec![Answer::Restore, Answer::Discard],
        }
    }
}

/// A button in a modal question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// 保存
    Save,
    /// 不保存
    DontSave,
    /// 取消
    Cancel,
    /// 确定
    Ok,
    /// 另存为
    SaveAs,
    /// 恢复
    Restore,
    /// 放弃
    Discard,
}

impl Answer {
    pub fn label(self) -> &'static str {
        match self {
            Answer::Save => "保存",
            Answer::DontSave => "不保存",
            Answer::Cancel => "取消",
            Answer::Ok => "确定",
            Answer::SaveAs => "另存为",
            Answer::Restore => "恢复",
            Answer::Discard => "放弃",
        }
    }
}

impl EditorState {
    /// The question waiting for the clerk, if any.
    pub fn pending(&self) -> Option<&Pending> {
        self.pending.as_ref()
    }

    /// Answer the pending question. An answer that does not fit the question
    /// is ignored (the question stays).
    pub fn answer(&mut self, answer: Answer) {
        let Some(pending) = self.pending.take() else {
            return;
        };
        match (pending, answer) {
            (Pending::ConfirmDiscard { .. }, Answer::Cancel) => {}
            (Pending::ConfirmDiscard { then }, Answer::DontSave) => self.continue_with(*then, true),
            (Pending::ConfirmDiscard { then }, Answer::Save) => {
                self.save_current();
                // Go on only when the save really happened (not cancelled or failed).
                if !self.dirty && self.pending.is_none() {
                    self.continue_with(*then, false);
                }
            }
            (Pending::Error { .. }, Answer::Ok) => self.offer_next_recovery(),
            (
                Pending::Error {
                    offer_save_as: true,
                    ..
                },
                Answer::SaveAs,
            ) => self.apply(Command::SaveAsDialog),
            (Pending::Recovery(copy), Answer::Restore) => self.restore_recovery(copy),
            (Pending::Recovery(copy), Answer::Discard) => self.discard_recovery(copy),
            (Pending::Recovery(copy), Answer::Cancel) => {
                // Keep the copy on disk for next time; just stop asking.
                let _ = copy;
                self.offer_next_recovery();
            }
            (p, _) => self.pending = Some(p),
        }
    }

    fn continue_with(&mut self, then: Deferred, discard: bool) {
        match then {
            Deferred::Run(cmd) => {
                self.discard_confirmed = true;
                self.apply(cmd);
                self.discard_confirmed = false;
            }
            Deferred::CloseWindow => {
                if discard {
                    self.remove_own_recovery();
                }
                self.close_approved = true;
            }
        }
    }

    /// Ask before losing unsaved changes; `true` when `cmd` may run now.
    pub(super) fn guard_discard(&mut self, cmd: &Command) -> bool {
        if !self.dirty || self.discard_confirmed {
            return true;
        }
        self.pending = Some(Pending::ConfirmDiscard {
            then: Box::new(Deferred::Run(cmd.clone())),
        });
        false
    }

    /// The window's close button or 退出: `true` when it may close now;
    /// otherwise a question is pending and the UI should keep the window open.
    pub fn request_close(&mut self) -> bool {
        if self.close_approved || !self.dirty {
            if !self.dirty {
                // Clean: any copy on disk holds changes the clerk undid.
                self.remove_own_recovery();
            }
            self.close_approved = true;
            return true;
        }
        if self.pending.is_none() {
            self.pending = Some(Pending::ConfirmDiscard {
                then: Box::new(Deferred::CloseWindow),
            });
        }
        false
    }

    /// Whether the clerk has agreed to close (the UI then closes the window).
    pub fn close_approved(&self) -> bool {
        self.close_approved
    }

    pub(super) fn show_error(&mut self, title: &str, message: String, offer_save_as: bool) {
        self.pending = Some(Pending::Error {
            title: title.to_string(),
            message,
            offer_save_as,
        });
    }
}
