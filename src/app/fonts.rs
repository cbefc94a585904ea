//! Fonts for Chinese text (中文字体).
//!
//! egui's default fonts cover only Latin and Cyrillic. The editor embeds a
//! subset of Noto Sans SC (all of GB2312 plus every character the templates
//! and the interface use; see `assets/fonts/README.md`) so Chinese renders on a
//! machine without any CJK font. It is a *fallback* after egui's defaults, so
//! Latin letters and digits keep egui's look and the monospace digits stay
//! monospace. A system CJK font found by eframe's system font provider
//! (eframe feature `system_fonts`, `NativeOptions::system_font_fallback`) is
//! consulted only for characters the bundle lacks, e.g. a rare hanzi in a
//! unit name: egui always puts discovered fonts after the installed ones.
//!
//! Call [`install`] once from the eframe app creator (`&cc.egui_ctx`) or a
//! test harness, before the first frame.

use eframe::egui;
use egui::{FontData, FontFamily, FontInsert, FontPriority, InsertFontFamily};

/// Name under which the CJK subset is registered in egui.
pub const CJK_FONT_NAME: &str = "NotoSansSC-subset";
/// Name under which the symbol marks (✖ ✔ …) Noto Sans CJK lacks are registered.
pub const SYMBOL_FONT_NAME: &str = "NotoEmoji-symbols";

static CJK_FONT: &[u8] = include_bytes!("../../assets/fonts/NotoSansSC-subset.otf");
static SYMBOL_FONT: &[u8] = include_bytes!("../../assets/fonts/NotoEmoji-symbols.ttf");

/// The bundled CJK font file (OpenType, CFF outlines).
pub fn bundled_font_bytes() -> &'static [u8] {
    CJK_FONT
}

/// The bundled symbol font file (TrueType), a few marks only.
pub fn bundled_symbol_font_bytes() -> &'static [u8] {
    SYMBOL_FONT
}

/// Install the bundled fonts as the last fallbacks of the proportional and
/// monospace families, keeping whatever fonts the context already has.
/// Calling it again on the same context does nothing (egui would otherwise
/// queue the fonts twice when both calls come before the first frame).
pub fn install(ctx: &egui::Context) {
    let marker = egui::Id::unique("nianbao::app::fonts::installed");
    let already =
        ctx.data_mut(|d| std::mem::replace(d.get_temp_mut_or_default::<bool>(marker), true));
    if already {
        return;
    }
    if let Some((path, bytes)) = first_readable(&windows_ui_fonts()) {
        let mut insert = fallback(SYSTEM_UI_FONT_NAME, &[]);
        insert.data = FontData::from_owned(bytes);
        ctx.add_font(insert);
        log_system_font(&path);
    }
    for (name, bytes) in [(CJK_FONT_NAME, CJK_FONT), (SYMBOL_FONT_NAME, SYMBOL_FONT)] {
        ctx.add_font(fallback(name, bytes));
    }
}

/// Name under which Windows' own Chinese interface font is registered.
pub const SYSTEM_UI_FONT_NAME: &str = "system-ui-cjk";

/// On Windows, the Chinese interface font every office PC has (微软雅黑,
/// then 黑体 and 宋体 on a pared-down system), tried before the bundled subset:
/// it is the font the clerk's other programs use, and it covers every hanzi
/// of a unit name, not only GB2312. Elsewhere none: Linux desktops differ too
/// much, and the system font fallback after the bundle already finds theirs.
fn windows_ui_fonts() -> Vec<std::path::PathBuf> {
    if !cfg!(windows) {
        return Vec::new();
    }
    let windir = std::env::var_os("WINDIR").or_else(|| std::env::var_os("SystemRoot"));
    windir.map_or_else(Vec::new, |dir| ui_fonts_in(std::path::Path::new(&dir)))
}

/// The candidate interface fonts under a Windows directory, best first.
fn ui_fonts_in(windir: &std::path::Path) -> Vec<std::path::PathBuf> {
    ["msyh.ttc", "msyh.ttf", "simhei.ttf", "simsun.ttc"]
        .into_iter()
        .map(|file| windir.join("Fonts").join(file))
        .collect()
}

/// The first of `paths` that reads, with its bytes.
fn first_readable(paths: &[std::path::PathBuf]) -> Option<(std::path::PathBuf, Vec<u8>)> {
    paths
        .iter()
        .find_map(|p| std::fs::read(p).ok().map(|bytes| (p.clone(), bytes)))
}

/// Debug builds say which system font they took (a support question).
fn log_system_font(path: &std::path::Path) {
    if cfg!(debug_assertions) {
        eprintln!("界面字体：{}", path.display());
    }
}

/// A font appended after the existing fonts of both text families.
fn fallback(name: &str, bytes: &'static [u8]) -> FontInsert {
    let families = [FontFamily::Proportional, FontFamily::Monospace]
        .into_iter()
        .map(|family| InsertFontFamily {
            family,
            priority: FontPriority::Lowest,
        })
        .collect();
    FontInsert::new(name, FontData::from_static(bytes), families)
}

#[cfg(test)]
mod tests {
    use super::*;
    use eframe::egui::FontId;

    /// Text that egui's default fonts cannot draw, one sample per kind of character.
    const SAMPLE: &str = "政府信息公开工作年度报告（二〇二四年）：一、总体情况。表三✖⚠✓";

    /// One pass laying out the sample; the texture deltas are discarded on purpose.
    fn run_pass(ctx: &egui::Context) {
        run_text(ctx, SAMPLE);
    }

    fn run_text(ctx: &egui::Context, text: &str) {
        let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
            ui.label(text);
        });
        output.textures_delta.clear();
    }

    /// How many texels of the glyph atlas carry ink after one pass showing `text`.
    fn inked_texels(text: &str) -> usize {
        let ctx = egui::Context::default();
        install(&ctx);
        run_text(&ctx, text);
        let atlas = ctx.fonts(|f| f.image());
        atlas.pixels.iter().filter(|p| p.a() > 0).count()
    }

    /// Run one pass with the fonts installed and ask egui what it can draw.
    fn with_fonts<R>(
        install_fonts: bool,
        f: impl FnOnce(&mut egui::epaint::text::FontsView<'_>) -> R,
    ) -> R {
        let ctx = egui::Context::default();
        if install_fonts {
            install(&ctx);
        }
        run_pass(&ctx);
        ctx.fonts_mut(f)
    }

    #[test]
    fn egui_lacks_chinese_without_the_bundle() {
        let has = with_fonts(false, |fonts| {
            fonts.has_glyph(&FontId::proportional(14.0), '年')
        });
        assert!(!has, "egui's default fonts unexpectedly cover hanzi");
    }

    #[test]
    fn egui_loads_the_bundle_for_both_families() {
        let (proportional, monospace) = with_fonts(true, |fonts| {
            (
                fonts.has_glyphs(&FontId::proportional(14.0), SAMPLE),
                fonts.has_glyphs(&FontId::monospace(14.0), SAMPLE),
            )
        });
        assert!(proportional, "proportional family misses part of {SAMPLE}");
        assert!(monospace, "monospace family misses part of {SAMPLE}");
    }

    #[test]
    fn hanzi_are_drawn_wide_and_digits_stay_monospace() {
        let (han, digit_widths) = with_fonts(true, |fonts| {
            let mono = FontId::monospace(14.0);
            let widths: Vec<f32> = "0123456789"
                .chars()
                .map(|c| fonts.glyph_width(&mono, c))
                .collect();
            (fonts.glyph_width(&FontId::proportional(14.0), '年'), widths)
        });
        // A CJK glyph is about one em wide; a missing one would be the narrow replacement box.
        assert!(han > 10.0, "年 is {han} points wide");
        let first = digit_widths[0];
        assert!(first > 0.0);
        assert!(digit_widths.iter().all(|w| (w - first).abs() < 0.01));
        assert!(first < han, "digits come from Hack, not the CJK font");
    }

    #[test]
    fn cff_outlines_are_rasterized() {
        // The CJK subset keeps CFF outlines: make sure egui draws them, not just measures them.
        let latin = inked_texels("abc");
        let chinese = inked_texels("abc年报表");
        assert!(
            chinese > latin + 100,
            "three hanzi added only {} inked texels",
            chinese.saturating_sub(latin)
        );
    }

    #[test]
    fn windows_interface_fonts_are_looked_up_under_the_windows_folder() {
        let dir = std::path::Path::new("C:/Windows");
        let fonts = ui_fonts_in(dir);
        assert_eq!(
            fonts[0],
            dir.join("Fonts").join("msyh.ttc"),
            "微软雅黑 first"
        );
        assert_eq!(fonts.len(), 4);
        if !cfg!(windows) {
            assert!(
                windows_ui_fonts().is_empty(),
                "no system font before the bundle off Windows"
            );
        }
    }

    #[test]
    fn the_first_readable_font_wins() {
        let dir = tempfile::tempdir().expect("temp dir");
        let missing = dir.path().join("msyh.ttc");
        let present = dir.path().join("simhei.ttf");
        std::fs::write(&present, b"font").expect("write");
        let found = first_readable(&[missing, present.clone()]);
        assert_eq!(found, Some((present, b"font".to_vec())));
        assert_eq!(first_readable(&[]), None);
    }

    #[test]
    fn install_twice_is_harmless() {
        let ctx = egui::Context::default();
        install(&ctx);
        install(&ctx);
        run_pass(&ctx);
        let (has, fonts) = ctx.fonts(|f| {
            let defs = f.definitions();
            let chain = defs.families.get(&FontFamily::Proportional).cloned();
            (
                defs.font_data.contains_key(CJK_FONT_NAME),
                chain.unwrap_or_default(),
            )
        });
        assert!(has);
        let installed = fonts.iter().filter(|name| *name == CJK_FONT_NAME).count();
        assert_eq!(installed, 1, "family chain: {fonts:?}");
    }
}
