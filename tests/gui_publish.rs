//! 编辑 › 复制为网页格式 and 文件 › 打印 driven through the window
//! (egui_kittest), with the clipboard's HTML flavour and the browser
//! scripted: what they are handed, and what the clerk is told when the
//! desktop has neither. `scripts/desktop-check.sh` checks the real X
//! clipboard's `text/html`.
#![cfg(feature = "gui")]

use egui_kittest::kittest::Queryable;
use egui_kittest::Harness;
use nianbao::app::state::ScriptedDialogs;
use nianbao::app::system::ScriptedServices;
use nianbao::app::NianbaoApp;
use nianbao::document::{CellValue, Document, UnitLevel};

use crate::window_harness::{copied, state_with, window};

fn harness(unit: &str, services: &ScriptedServices) -> Harness<'static, NianbaoApp> {
    let mut doc = Document::new("gk2021", unit, UnitLevel::Township, 2025);
    doc.cells
        .insert("t3.new.natural".parse().unwrap(), CellValue::Int(7));
    let state = state_with(doc, &ScriptedDialogs::new());
    window(NianbaoApp::with_services(state, Box::new(services.clone())))
}

fn choose(h: &mut Harness<'_, NianbaoApp>, menu: &str, entry: &str) {
    h.get_by_label(menu).click();
    h.run();
    h.get_by_label(entry).click();
    h.run();
}

fn status(h: &Harness<'_, NianbaoApp>) -> (String, bool) {
    let s = h.state().state.status.clone().expect("a status message");
    (s.text, s.is_error)
}

#[test]
fn copy_as_web_page_hands_over_the_tables_with_their_spans() {
    let services = ScriptedServices::default();
    let mut h = harness("复制镇", &services);
    choose(&mut h, "编辑", "复制为网页格式");
    let log = services.log.lock().unwrap().clone();
    let (html, text) = log.copied.last().expect("the report was copied");
    assert!(
        html.contains("colspan=\"7\"") && html.contains("rowspan"),
        "{html}"
    );
    assert!(html.contains("复制镇2025年政府信息公开工作年度报告"));
    assert!(!html.contains("<script"), "the CMS copy is script-free");
    let state = &h.state().state;
    assert_eq!(
        text,
        &nianbao::export::to_text(&state.doc, state.template),
        "the plain alternative is the text export"
    );
    let (message, is_error) = status(&h);
    assert!(
        !is_error && message.contains("已复制为网页格式"),
        "{message}"
    );
}

#[test]
fn copy_without_an_html_clipboard_falls_back_to_plain_text() {
    let services = ScriptedServices {
        failure: Some("no HTML target".into()),
        ..ScriptedServices::default()
    };
    let mut h = harness("纯文本镇", &services);
    h.get_by_label("编辑").click();
    h.run();
    h.get_by_label("复制为网页格式").click();
    // The copy is in the output of the frame that handled the click.
    h.step();
    let copied = copied(&h).expect("plain text copied instead");
    assert!(copied.contains("纯文本镇2025年政府信息公开工作年度报告"));
    let (message, is_error) = status(&h);
    assert!(is_error && message.contains("已复制为纯文本"), "{message}");
    assert!(
        message.contains("no HTML target"),
        "the cause is named: {message}"
    );
}

#[test]
fn print_opens_the_print_copy_in_the_browser() {
    let services = ScriptedServices::default();
    let mut h = harness("打印镇", &services);
    choose(&mut h, "文件", "打印…");
    let opened = services.log.lock().unwrap().opened.clone();
    let path = opened.last().expect("the browser was asked");
    assert!(
        path.ends_with("打印镇2025年政府信息公开工作年度报告.html"),
        "{path:?}"
    );
    let page = std::fs::read_to_string(path).unwrap();
    assert!(page.contains("window.print()") && page.contains("@page { size: A4"));
    let (message, is_error) = status(&h);
    assert!(!is_error && message.contains("打印对话框"), "{message}");
}

#[test]
fn print_without_a_browser_says_where_the_copy_is() {
    let services = ScriptedServices {
        failure: Some("no browser found".into()),
        ..ScriptedServices::default()
    };
    let mut h = harness("无浏览器镇", &services);
    choose(&mut h, "文件", "打印…");
    let (message, is_error) = status(&h);
    assert!(is_error && message.contains("未能打开浏览器"), "{message}");
    assert!(message.contains("无浏览器镇2025年政府信息公开工作年度报告.html"));
    assert!(message.contains("no browser found"), "{message}");
}
