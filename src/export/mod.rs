//! Export (导出) for the government website, the county office and the paper
//! copy. Every format is a renderer over one [`DocumentLayout`]: the layout
//! walks the template in official order, leaves a not-filled cell empty
//! (never 0) and cleans the clerk's text; each renderer escapes for its own
//! medium so nothing typed can break a table or inject markup.

mod docx;
mod draw;
mod escape;
pub mod html;
mod markdown;
mod text;
mod text_table;
mod wrap;

use crate::document::Document;
use crate::layout::{clean::clean_line, DocumentLayout};
use crate::template::Template;

pub use docx::DocxError;
pub use text_table::MAX_WIDTH;
pub use wrap::width as display_width;

/// Plain text with aligned tables (display width of CJK characters respected).
pub fn to_text(doc: &Document, template: &Template) -> String {
    text::render(&DocumentLayout::of(doc, template))
}

/// GitHub-flavoured Markdown.
pub fn to_markdown(doc: &Document, template: &Template) -> String {
    markdown::render(&DocumentLayout::of(doc, template))
}

/// One self-contained HTML page with the official tables' merged cells.
pub fn to_html(doc: &Document, template: &Template) -> String {
    html::render(&DocumentLayout::of(doc, template))
}

/// The report's body as an HTML fragment with inline styles only: what
/// 复制为网页格式 puts on the clipboard for a CMS editor or WPS.
pub fn to_html_fragment(doc: &Document, template: &Template) -> String {
    html::fragment(&DocumentLayout::of(doc, template))
}

/// The HTML page for 打印: [`to_html`] plus a line asking the browser to open
/// its print dialog once the page has loaded. Only the print copy has it;
/// the published page stays script-free.
pub fn to_print_html(doc: &Document, template: &Template) -> String {
    let page = to_html(doc, template);
    let trigger =
        "<script>window.addEventListener('load', function () { window.print(); });</script>\n";
    match page.rfind("</body>") {
        Some(at) => format!("{}{trigger}{}", &page[..at], &page[at..]),
        None => page + trigger,
    }
}

/// A `.docx` formatted after GB/T 9704 with the tables' merged cells.
pub fn to_docx(doc: &Document, template: &Template) -> Result<Vec<u8>, DocxError> {
    docx::render(&DocumentLayout::of(doc, template))
}

/// `{单位}{年度}年政府信息公开工作年度报告.{ext}`, with characters that no
/// file system accepts removed from the unit's name.
pub fn default_file_name(doc: &Document, ext: &str) -> String {
    let unit: String = clean_line(&doc.meta.unit)
        .chars()
        .filter(|c| !matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|'))
        .collect();
    let ext = ext.trim().trim_start_matches('.');
    let stem = format!("{}{}年政府信息公开工作年度报告", unit.trim(), doc.meta.year);
    if ext.is_empty() {
        stem
    } else {
        format!("{stem}.{ext}")
    }
}
