//! Editor state (编辑器状态): everything the window shows, and every command a
//! clerk can give, without any drawing. The UI reads this and sends
//! [`Command`]s; tests drive it directly.

mod ask;
mod autosave;
mod block;
mod chooser;
mod clock;
mod command;
mod comparison;
mod county;
mod fields;
mod file_commands;
mod files;
mod findings;
mod history;
mod import;
mod native;
mod navigation;
mod paste;
mod pending;
mod prose_commands;
mod publish;
mod queries;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::SystemTime;

use crate::document::{Address, CellRef, CellValue, Document, UnitLevel};
use crate::layout::TableLayout;
use crate::template::Template;
use crate::validate::{self, Report};

pub use autosave::{key_for, Recovery, RecoveryCopy, RecoveryInfo, AUTOSAVE_INTERVAL};
pub use block::cells_between;
pub use chooser::{ChooserMode, Entry, FileChooser, FileRequest, Purpose};
pub use clock::{deadline_notice, hhmm, system_clock, Clock, Date, ManualClock};
pub use command::{Command, Direction, Env, NewReportSpec, StatusMessage};
pub use comparison::ComparisonPanel;
pub use county::{CountyJob, CountyPanel, CountySort, CountyWindow, EXPECTED_FILE};
pub use files::{
    AppDirs, Choice, FileDialogs, FileKind, RfdDialogs, ScriptedDialogs, Settings, RECENT_LIMIT,
    ZOOM_MAX, ZOOM_MIN, ZOOM_STEP,
};
pub use findings::{CellMark, Counts, FindingsIndex};
pub use history::{Change, FieldValue, History, Step, COALESCE_WINDOW, HISTORY_LIMIT};
pub use import::{placed_target, template_choices, unplaced_target, ImportReport, TemplateChoice};
pub use navigation::COVER_PART;
pub use paste::{parse_block, PasteOutcome, Refusal};
pub use pending::{Answer, Deferred, Pending};

/// The state of one open report.
pub struct EditorState {
    pub doc: Document,
    pub template: &'static Template,
    /// Where the document lives on disk, if it was saved or opened.
    pub path: Option<PathBuf>,
    /// Unsaved changes exist.
    pub dirty: bool,
    /// Findings for the current document, refreshed after every edit.
    pub report: Report,
    /// The findings by cell and part, built with `report` (never per frame).
    pub findings: FindingsIndex,
    /// The template's table layouts (版式), computed once per template and
    /// drawn by the grid every frame.
    layouts: Vec<TableLayout>,
    /// Computed values of blank total cells (shown grey in the form).
    pub computed: BTreeMap<CellRef, CellValue>,
    /// The focused field.
    pub focus: Option<Address>,
    pub status: Option<StatusMessage>,
    /// View options and 最近打开 (persisted).
    pub settings: Settings,
    /// When a recovery copy was last written / the file last saved.
    pub last_autosave: Option<SystemTime>,
    pub last_saved: Option<SystemTime>,
    history: History,
    pending: Option<Pending>,
    recovery_queue: Vec<RecoveryCopy>,
    dirs: Option<AppDirs>,
    dialogs: Box<dyn FileDialogs>,
    /// A path the native dialog could not ask for: the window's chooser asks.
    file_request: Option<FileRequest>,
    /// Where the current run of Tabs started (Enter returns to its column).
    tab_origin: Option<CellRef>,
    /// How many documents were put in the window (open, new, restore).
    documents_opened: u64,
    clock: Clock,
    /// Edits since the document was opened; compared with the autosaved one.
    generation: u64,
    autosaved_generation: u64,
    /// When the autosave interval started (first unsaved edit, last autosave).
    autosave_base: Option<SystemTime>,
    /// A recovery copy of this document exists on disk (written or restored
    /// in this session); only such a copy is ever removed.
    recovery_written: bool,
    /// The undo step the saved file corresponds to (`None`: history start).
    saved_top: Option<u64>,
    /// A change outside the undo history (linking last year, carrying
    /// forward, a restored copy) that has not been saved.
    unsaved_outside_history: bool,
    discard_confirmed: bool,
    /// Where the caret goes after 生成文字, until the window takes it.
    draft_caret: Option<usize>,
    /// The text-only checks' results by text: a keystroke in a table does
    /// not re-read the prose.
    memo: validate::Memo,
    close_approved: bool,
    /// The last import's report (导入报告), until dismissed.
    import_report: Option<ImportReport>,
    /// The county window (汇总多个报告): reading, shown or closed.
    county: CountyWindow,
    /// The comparison view (与上年对比), while open.
    comparison: Option<ComparisonPanel>,
    /// The report file as loaded or last saved by this window: a save that
    /// finds it changed elsewhere does not overwrite it.
    disk: crate::document::lock::OpenReport,
}

/// The layout of every table of `template`, in template order.
fn table_layouts(template: &Template) -> Vec<TableLayout> {
    template.tables().map(|(_, t)| TableLayout::of(t)).collect()
}

impl EditorState {
    /// The layout of table `key` of the open report's template.
    pub fn table_layout(&self, key: &str) -> Option<&TableLayout> {
        self.layouts.iter().find(|l| l.key == key)
    }

    /// Open `doc` in the editor (validated at once), with nothing on disk.
    pub fn new(doc: Document, template: &'static Template) -> EditorState {
        EditorState::with_env(doc, template, Env::headless())
    }

    /// Open `doc` with the given environment; settings are read from it.
    pub fn with_env(doc: Document, template: &'static Template, env: Env) -> EditorState {
        let mut settings = env.dirs.as_ref().map(Settings::load).unwrap_or_default();
        if template.part(&settings.current_part).is_none() {
            settings.current_part = COVER_PART.to_string();
        }
        let mut state = EditorState {
            doc,
            template,
            path: None,
            dirty: false,
            report: Report::default(),
            findings: FindingsIndex::default(),
            layouts: table_layouts(template),
            computed: BTreeMap::new(),
            focus: None,
            status: None,
            settings,
            last_autosave: None,
            last_saved: None,
            history: History::default(),
            pending: None,
            recovery_queue: Vec::new(),
            dirs: env.dirs,
            dialogs: env.dialogs,
            file_request: None,
            tab_origin: None,
            documents_opened: 0,
            clock: env.clock,
            generation: 0,
            autosaved_generation: 0,
            autosave_base: None,
            recovery_written: false,
            saved_top: None,
            unsaved_outside_history: false,
            draft_caret: None,
            memo: validate::Memo::default(),
            discard_confirmed: false,
            close_approved: false,
            import_report: None,
            county: CountyWindow::Closed,
            disk: Default::default(),
            comparison: None,
        };
        state.refresh();
        state
    }

    /// Start the editor: open `file` if given (else a blank report for last
    /// year in the current template), then offer any recovery copies.
    pub fn start(file: Option<PathBuf>, env: Env) -> EditorState {
        let year = crate::calendar::last_calendar_year((env.clock)());
        let template = crate::template::current_for_year(year);
        let doc = Document::new(&template.id, "", UnitLevel::Township, year);
        let mut state = EditorState::with_env(doc, template, env);
        state.settings.current_part = COVER_PART.to_string();
        if let Some(path) = file {
            state.apply(Command::Open(path));
        }
        if let Some(dirs) = &state.dirs {
            state.recovery_queue = Recovery::find(&dirs.recovery_dir());
            state.recovery_queue.reverse();
        }
        if state.pending.is_none() {
            state.offer_next_recovery();
        }
        state
    }

    /// Window title: `某某镇 2025年政府信息公开工作年度报告 — 年报`, with `●` while unsaved.
    pub fn window_title(&self) -> String {
        let marker = if self.dirty { "● " } else { "" };
        format!("{marker}{} — 年报", self.doc.meta.display_title())
    }

    /// Counts the documents put in the window, so the view knows when to
    /// start a new one at its top.
    pub fn documents_opened(&self) -> u64 {
        self.documents_opened
    }

    pub fn now(&self) -> SystemTime {
        (self.clock)()
    }

    pub fn history(&self) -> &History {
        &self.history
    }

    pub fn can_undo(&self) -> bool {
        self.history.can_undo()
    }

    pub fn can_redo(&self) -> bool {
        self.history.can_redo()
    }

    /// The one entry point for every change. The match names every command
    /// (no catch-all): a new command must be routed here to compile.
    pub fn apply(&mut self, cmd: Command) {
        match cmd {
            Command::SetField { address, raw } => self.set_field(address, &raw),
            Command::Paste { at, text } => self.paste(&at, &text),
            Command::CutBlock { anchor, focus } => self.clear_block(&anchor, &focus),
            Command::Undo => self.undo_redo(true),
            Command::Redo => self.undo_redo(false),
            Command::FillBlanksWithZero => {
                let n = self.bulk_edit(|d, t| {
                    validate::fill_blanks_with_zero(d, t);
                });
                self.status = Some(StatusMessage::info(match n {
                    0 => "没有空白单元格。".to_string(),
                    n => format!("已将 {n} 个空白单元格填为 0。"),
                }));
            }
            Command::FillTotals => {
                let n = self.bulk_edit(|d, t| {
                    validate::fill_totals(d, t);
                });
                self.status = Some(StatusMessage::info(match n {
                    0 => "没有可以计算的空白合计（合计的各项须先填写）。".to_string(),
                    n => format!("已填入 {n} 个可计算的合计。"),
                }));
            }
            Command::Focus(address) => {
                self.tab_origin = None;
                self.focus_on(address);
            }
            Command::Move(dir) => {
                self.tab_origin = None;
                self.move_focus(dir);
            }
            Command::TabMove(dir) => {
                if self.tab_origin.is_none() {
                    if let Some(Address::Cell(cell)) = &self.focus {
                        self.tab_origin = Some(cell.clone());
                    }
                }
                self.move_focus(dir);
            }
            Command::EnterMove(dir) => self.enter_move(dir),
            Command::ShowPart(part) => self.show_part(part),
            Command::ZoomIn
            | Command::ZoomOut
            | Command::ZoomReset
            | Command::ToggleProblems
            | Command::TogglePrevious
            | Command::ToggleDark => self.view_command(&cmd),
            Command::SetCountyRules {
                filing_by,
                part_limits,
            } => {
                self.settings.filing_by = filing_by;
                self.settings.part_limits = part_limits;
                self.save_settings();
                self.status = Some(StatusMessage::info("已保存报送要求"));
            }
            Command::New(_)
            | Command::NewFromLastYear(_)
            | Command::NewFromLastYearDialog
            | Command::Open(_)
            | Command::OpenDialog
            | Command::Save
            | Command::SaveAs(_)
            | Command::SaveAsDialog
            | Command::Export(..)
            | Command::ExportDialog(_)
            | Command::LinkLastYear(_)
            | Command::LinkLastYearDialog
            | Command::RestoreRecovery
            | Command::DiscardRecovery
            | Command::ChooseFile(_)
            | Command::CancelChooser => self.apply_file_command(cmd),
            Command::ImportFile { .. }
            | Command::ImportFileDialog { .. }
            | Command::ImportText { .. }
            | Command::DismissImportReport => self.apply_import_command(cmd),
            Command::InsertDraft { part, at } => self.insert_draft(&part, at),
            Command::InsertOpening => self.insert_opening(),
            Command::Review { id, note } => self.review(&id, &note),
            Command::Unreview(id) => self.unreview(&id),
            Command::RollupDialog
            | Command::Rollup(_)
            | Command::SortCounty(_)
            | Command::CancelRollup
            | Command::CloseCounty
            | Command::ExportRollupDialog
            | Command::ExportRollup(_)
            | Command::SendBackDialog
            | Command::SendBack(_)
            | Command::NewCountyReport => self.apply_county_command(cmd),
            Command::ShowComparison => self.show_comparison(),
            Command::CloseComparison => self.comparison = None,
        }
    }

    /// View options: applied and remembered for the next start.
    fn view_command(&mut self, cmd: &Command) {
        let s = &mut self.settings;
        match cmd {
            Command::ZoomIn => s.zoom_by(1),
            Command::ZoomOut => s.zoom_by(-1),
            Command::ZoomReset => s.zoom = 1.0,
            Command::ToggleProblems => s.show_problems ^= true,
            Command::TogglePrevious => s.show_previous ^= true,
            Command::ToggleDark => s.dark ^= true,
            _ => return,
        }
        self.save_settings();
    }

    /// What the 新建 dialog proposes: the current template for last calendar
    /// year, this document's unit and level.
    pub fn new_report_defaults(&self) -> NewReportSpec {
        let year = crate::calendar::last_calendar_year(self.now());
        NewReportSpec {
            template: crate::template::current_for_year(year).id.clone(),
            year,
            unit: self.doc.meta.unit.clone(),
            level: self.doc.meta.level,
        }
    }

    /// Re-run the validator, its index and the computed totals after a change.
    fn refresh(&mut self) {
        let (report, computed) = validate::check(&self.doc, self.template, &mut self.memo);
        self.report = report;
        self.computed = computed;
        self.findings = FindingsIndex::build(self);
    }

    /// Record an edit: history, dirty, validation.
    fn edited(&mut self, changes: Vec<Change>, coalescable: bool) {
        if changes.is_empty() {
            return;
        }
        let now = self.now();
        self.history.record(changes, now, coalescable);
        self.changed(now);
        self.refresh();
    }

    /// The document changed: recompute `dirty` (undoing back to the saved
    /// state makes it clean again) and count the change for autosave.
    fn changed(&mut self, now: SystemTime) {
        let dirty = self.unsaved_outside_history || self.history.top_id() != self.saved_top;
        if dirty && (!self.dirty || self.autosave_base.is_none()) {
            self.autosave_base = Some(now);
        }
        self.dirty = dirty;
        self.generation += 1;
    }

    /// A change that is not an undo step (linking last year …).
    fn changed_outside_history(&mut self, now: SystemTime) {
        self.unsaved_outside_history = true;
        self.changed(now);
    }

    /// The document now matches the file on disk.
    fn mark_saved(&mut self, now: SystemTime) {
        self.history.seal();
        self.saved_top = self.history.top_id();
        self.unsaved_outside_history = false;
        self.dirty = false;
        self.autosave_base = None;
        self.last_saved = Some(now);
    }

    fn set_field(&mut self, address: Address, raw: &str) {
        match fields::set_field(&mut self.doc, self.template, &address, raw) {
            Ok(Some(change)) => {
                self.clear_error_status();
                self.edited(vec![change], fields::is_coalescable(&address));
            }
            Ok(None) => self.clear_error_status(),
            Err(e) => {
                let old = fields::field_text(&self.doc, &address);
                let kept = if old.is_empty() {
                    "仍为未填写。".to_string()
                } else {
                    format!("已保留原值 {old}。")
                };
                self.status = Some(StatusMessage::error(format!("{}，{kept}", e.message)));
            }
        }
    }

    fn clear_error_status(&mut self) {
        if self.status.as_ref().is_some_and(|s| s.is_error) {
            self.status = None;
        }
    }

    fn paste(&mut self, at: &CellRef, text: &str) {
        let outcome = paste::paste(&mut self.doc, self.template, at, text);
        let summary = paste::summary(self.template, &outcome);
        let failed = !outcome.refused.is_empty() || outcome.outside > 0;
        self.edited(outcome.changes, false);
        self.status = Some(if failed {
            StatusMessage::error(summary)
        } else {
            StatusMessage::info(summary)
        });
    }

    /// A command that may touch many cells: one undo step. Returns how many
    /// fields changed.
    fn bulk_edit(&mut self, f: fn(&mut Document, &Template)) -> usize {
        let before = self.doc.clone();
        f(&mut self.doc, self.template);
        let changes = fields::diff(&before, &self.doc);
        let n = changes.len();
        self.edited(changes, false);
        n
    }

    fn undo_redo(&mut self, undo: bool) {
        let step = if undo {
            self.history.undo()
        } else {
            self.history.redo()
        };
        let Some(step) = step else {
            return;
        };
        let order: Box<dyn Iterator<Item = &Change>> = if undo {
            Box::new(step.changes.iter().rev())
        } else {
            Box::new(step.changes.iter())
        };
        for change in order {
            let value = if undo { &change.old } else { &change.new };
            fields::restore(&mut self.doc, &change.address, value);
        }
        // Show the clerk what changed back.
        if let Some(first) = step.changes.first() {
            self.focus_on(first.address.clone());
        }
        let now = self.now();
        self.changed(now);
        self.refresh();
    }

    fn focus_on(&mut self, address: Address) {
        if let Some(part) = navigation::part_of(self.template, &address) {
            self.settings.current_part = part;
        }
        self.focus = Some(address);
    }

    fn show_part(&mut self, part: String) {
        self.settings.current_part = part;
    }

    fn move_focus(&mut self, dir: Direction) {
        let target = match &self.focus {
            Some(Address::Cell(cell)) => navigation::step(self.template, cell, dir),
            _ => navigation::first_cell_of_part(self.template, &self.settings.current_part)
                .or_else(|| self.cell_order().into_iter().next()),
        };
        if let Some(cell) = target {
            self.focus_on(Address::Cell(cell));
        }
    }

    /// Enter after a run of Tabs: the next row in the column where the run
    /// started, not where it ended.
    fn enter_move(&mut self, dir: Direction) {
        if let (Some(origin), Some(Address::Cell(cell))) = (self.tab_origin.take(), &self.focus) {
            let start = CellRef::new(&cell.table, &cell.row, &origin.col);
            let known = origin.table == cell.table && self.template.cell(&start).is_some();
            if known {
                if let Some(target) = navigation::step(self.template, &start, dir) {
                    return self.focus_on(Address::Cell(target));
                }
            }
        }
        self.move_focus(dir);
    }

    /// Every cell of every table, in reading order.
    pub fn cell_order(&self) -> Vec<CellRef> {
        navigation::cell_order(self.template)
    }

    /// Replace the document (open, new, restore); history starts afresh.
    fn replace_document(
        &mut self,
        doc: Document,
        template: &'static Template,
        path: Option<PathBuf>,
        dirty: bool,
    ) {
        // Either the clerk agreed to discard the changes, or the document
        // equals its file and the copy is stale.
        self.remove_own_recovery();
        self.doc = doc;
        self.template = template;
        self.layouts = table_layouts(template);
        self.path = path;
        self.history.clear();
        self.focus = None;
        self.tab_origin = None;
        self.documents_opened += 1;
        self.settings.current_part = COVER_PART.to_string();
        self.last_saved = None;
        self.last_autosave = None;
        self.autosave_base = None;
        self.generation = 0;
        self.autosaved_generation = 0;
        self.saved_top = None;
        self.disk = Default::default();
        // Last year's comparison was of the document being replaced.
        self.comparison = None;
        self.unsaved_outside_history = false;
        self.dirty = false;
        // The report described the document being replaced.
        self.import_report = None;
        if dirty {
            let now = self.now();
            self.changed_outside_history(now);
        }
        self.refresh();
    }
}
