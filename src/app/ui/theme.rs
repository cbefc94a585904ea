//! Look of the window: light by default (office software is light), a dark
//! option, Hanzi at a readable 15–16 px, and colours that mean one thing each:
//! error red, warning amber, computed grey, focus blue. The only file that
//! makes colours (`clippy.toml` refuses colour constructors elsewhere).
#![allow(clippy::disallowed_methods)]

use eframe::egui;
use egui::{Color32, FontFamily, FontId, Stroke, TextStyle, Theme};

use crate::template::Severity;

/// Body text size: egui's 12.5 px default is too small for Hanzi.
pub const BODY_SIZE: f32 = 15.5;

/// The cover's label column (单位名称, 署名日期 …) and the gap after it.
pub const COVER_LABEL_WIDTH: f32 = 90.0;
pub const COVER_LABEL_GAP: f32 = 12.0;
/// Room kept beside the cover's 开头段落 for its 生成文字 button.
pub const GENERATE_BUTTON_WIDTH: f32 = 80.0;

/// Space above a dialog's row of buttons.
pub const DIALOG_GAP: f32 = 8.0;
/// Width of the small dialogs (新建, questions, help).
pub const DIALOG_WIDTH: f32 = 460.0;
/// A field for a month, a day or a small count.
pub const NARROW_FIELD: f32 = 40.0;
/// Width of the in-window file chooser: long Chinese file names fit.
pub const CHOOSER_WIDTH: f32 = 620.0;
/// Height of the chooser's folder listing.
pub const CHOOSER_LIST_HEIGHT: f32 = 300.0;

/// Vertical spacing, smallest to largest: the whole window uses these
/// names, so the rhythm of the page is set here.
pub mod space {
    /// Between a line and its own note (caption under a grid).
    pub const HAIR: f32 = 2.0;
    /// Between related items (a table after its part's text).
    pub const TIGHT: f32 = 4.0;
    /// Between a heading and its content.
    pub const SMALL: f32 = 6.0;
    /// Between groups in a panel or dialog.
    pub const MEDIUM: f32 = 8.0;
    /// After a table.
    pub const LARGE: f32 = 10.0;
    /// Between the parts of the report.
    pub const SECTION: f32 = 14.0;
    /// Under the last part, so it can be scrolled above the status bar.
    pub const PAGE_END: f32 = 40.0;
}

/// Text sizes other than the body's.
pub mod text {
    /// A value in a statistics cell.
    pub const CELL: f32 = 14.5;
    /// Header boxes and the legacy unit column.
    pub const HEADER: f32 = 14.0;
    /// Header boxes of narrow columns (表四), so 结果维持 stays on one line.
    pub const HEADER_NARROW: f32 = 13.0;
    /// The small finding badge in a cell's corner.
    pub const BADGE: f32 = 11.0;
}

/// The statistics grid's geometry.
pub mod grid {
    /// Padding inside a grid box.
    pub const PAD: f32 = 5.0;
    /// Padding inside a header box (header texts are dense).
    pub const HEADER_PAD: f32 = 2.0;
    /// Smallest body row height (one line of Hanzi with padding).
    pub const ROW_MIN_H: f32 = 30.0;
    /// Smallest header line height.
    pub const HEADER_MIN_H: f32 = 24.0;
    /// Indent per level of the row tree.
    pub const INDENT: f32 = 16.0;
    pub const MIN_COL_W: f32 = 54.0;
    pub const MAX_COL_W: f32 = 140.0;
    /// A column of written answers (申请公开的主要内容).
    pub const MAX_TEXT_COL_W: f32 = 260.0;
    /// Below this column width the header uses [`super::text::HEADER_NARROW`].
    pub const NARROW_COL_W: f32 = 66.0;
    /// The legacy unit column (条 / 件 / ——).
    pub const UNIT_COL_W: f32 = 52.0;
}

/// Colours with a meaning, for one theme.
#[derive(Debug, Clone, Copy)]
pub struct Palette {
    pub error: Color32,
    pub error_bg: Color32,
    pub warning: Color32,
    pub warning_bg: Color32,
    pub computed: Color32,
    pub focus: Color32,
    pub header_bg: Color32,
    pub group_bg: Color32,
    pub cell_bg: Color32,
    /// A cell inside the Shift+arrow / Shift+click block.
    pub selected_bg: Color32,
    pub grid: Color32,
    pub text: Color32,
    pub weak: Color32,
}

impl Palette {
    pub fn of(dark: bool) -> Palette {
        if dark {
            Palette {
                error: Color32::from_rgb(255, 110, 100),
                error_bg: Color32::from_rgb(92, 36, 36),
                warning: Color32::from_rgb(240, 180, 60),
                warning_bg: Color32::from_rgb(84, 64, 24),
                computed: Color32::from_rgb(150, 150, 150),
                focus: Color32::from_rgb(90, 160, 255),
                header_bg: Color32::from_rgb(44, 48, 54),
                group_bg: Color32::from_rgb(36, 38, 42),
                cell_bg: Color32::from_rgb(24, 24, 26),
                selected_bg: Color32::from_rgb(30, 52, 86),
                grid: Color32::from_rgb(90, 90, 96),
                text: Color32::from_rgb(225, 225, 225),
                weak: Color32::from_rgb(160, 160, 160),
            }
        } else {
            Palette {
                error: Color32::from_rgb(200, 30, 30),
                error_bg: Color32::from_rgb(253, 222, 220),
                warning: Color32::from_rgb(176, 110, 0),
                warning_bg: Color32::from_rgb(255, 238, 196),
                computed: Color32::from_rgb(128, 128, 128),
                focus: Color32::from_rgb(30, 110, 230),
                header_bg: Color32::from_rgb(238, 241, 246),
                group_bg: Color32::from_rgb(247, 248, 250),
                cell_bg: Color32::WHITE,
                selected_bg: Color32::from_rgb(214, 230, 252),
                grid: Color32::from_rgb(170, 176, 186),
                text: Color32::from_rgb(25, 25, 25),
                weak: Color32::from_rgb(100, 100, 100),
            }
        }
    }

    /// The palette of the theme `ui` is drawn in.
    pub fn of_ui(ui: &egui::Ui) -> Palette {
        Palette::of(ui.visuals().dark_mode)
    }

    pub fn severity(&self, severity: Severity) -> Color32 {
        match severity {
            Severity::Error => self.error,
            Severity::Warning => self.warning,
        }
    }

    pub fn severity_bg(&self, severity: Severity) -> Color32 {
        match severity {
            Severity::Error => self.error_bg,
            Severity::Warning => self.warning_bg,
        }
    }
}

/// The icon that goes with a severity, so colour is never alone.
pub fn severity_icon(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "✖",
        Severity::Warning => "⚠",
    }
}

/// Set text sizes for both themes and select light or dark.
pub fn apply(ctx: &egui::Context, dark: bool) {
    ctx.all_styles_mut(|style| {
        style.text_styles = [
            (
                TextStyle::Small,
                FontId::new(13.0, FontFamily::Proportional),
            ),
            (
                TextStyle::Body,
                FontId::new(BODY_SIZE, FontFamily::Proportional),
            ),
            (
                TextStyle::Button,
                FontId::new(BODY_SIZE, FontFamily::Proportional),
            ),
            (
                TextStyle::Heading,
                FontId::new(19.0, FontFamily::Proportional),
            ),
            (
                TextStyle::Monospace,
                FontId::new(15.0, FontFamily::Monospace),
            ),
        ]
        .into();
        // Calm: nothing slides or fades.
        style.animation_time = 0.0;
        style.scroll_animation = egui::style::ScrollAnimation::none();
        style.visuals.text_cursor.blink = false;
        // Solid scroll bars, as in office programs: always drawn, never
        // fading in over the text (and the page's width never changes).
        style.spacing.scroll = egui::style::ScrollStyle::solid();
        style.spacing.item_spacing = egui::vec2(8.0, 5.0);
        style.spacing.button_padding = egui::vec2(6.0, 3.0);
        style.spacing.interact_size.y = 24.0;
        let focus = Palette::of(style.visuals.dark_mode).focus;
        style.visuals.selection.stroke = Stroke::new(2.0, focus);
        // Blue means focus only. Hovering shades a button; a text field
        // stays as it is under a resting pointer (as WPS forms and Excel
        // cells do): the I-beam pointer already says it takes text.
        let widgets = &mut style.visuals.widgets;
        widgets.hovered.bg_stroke = widgets.inactive.bg_stroke;
        widgets.hovered.expansion = widgets.inactive.expansion;
    });
    ctx.set_theme(if dark { Theme::Dark } else { Theme::Light });
}

/// The county window (汇总多个报告) and the comparison window (与上年对比).
pub mod county {
    /// Default size of the county window: the towns' list with ten key
    /// figures fits without scrolling sideways on a 1366-wide screen.
    pub const WINDOW: [f32; 2] = [1040.0, 600.0];
    /// Default size of the comparison window.
    pub const COMPARE_WINDOW: [f32; 2] = [780.0, 640.0];
    /// Height of the chart of key figures over the years.
    pub const CHART_HEIGHT: f32 = 220.0;
    /// Height kept under the towns' list for the sum's findings.
    pub const FINDINGS_HEIGHT: f32 = 140.0;
    /// Space between the columns of the towns' list.
    pub const COLUMN_GAP: f32 = 16.0;
    /// Narrowest column of the towns' list, so columns keep their place
    /// as rows scroll into view.
    pub const MIN_COLUMN: f32 = 72.0;
    /// The roll-up's progress bar.
    pub const PROGRESS_WIDTH: f32 = 360.0;
}

/// Line colours of the chart over the years, told apart in print and by
/// most colour-blind readers (the Okabe–Ito set); the n-th figure's colour.
pub fn series_color(n: usize) -> Color32 {
    const SET: [Color32; 8] = [
        Color32::from_rgb(0, 114, 178),
        Color32::from_rgb(230, 159, 0),
        Color32::from_rgb(0, 158, 115),
        Color32::from_rgb(213, 94, 0),
        Color32::from_rgb(204, 121, 167),
        Color32::from_rgb(86, 180, 233),
        Color32::from_rgb(120, 120, 120),
        Color32::from_rgb(240, 228, 66),
    ];
    SET[n % SET.len()]
}
