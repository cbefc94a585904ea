//! Export (导出) for the government website and the paper copy: plain text
//! and GitHub-flavoured Markdown. Both walk the template in official order,
//! export a not-filled cell as empty (never 0), and clean every piece of the
//! clerk's text so it cannot break a table or inject markup.

mod draw;
mod escape;
mod grid;
mod markdown;
mod text;
mod text_table;
mod wrap;

use crate::document::{Document, MetaField};
use crate::template::Template;

pub use grid::{build as table_grid, Grid, GridRow, HeadCell};
pub use text_table::MAX_WIDTH;
pub use wrap::width as display_width;

/// Plain text with aligned tables (display width of CJK characters respected).
pub fn to_text(doc: &Document, template: &Template) -> String {
    text::render(doc, template)
}

/// GitHub-flavoured Markdown.
pub fn to_markdown(doc: &Document, template: &Template) -> String {
    markdown::render(doc, template)
}

/// `{单位}{年度}年政府信息公开工作年度报告.{ext}`, with characters that no
/// file system accepts removed from the unit's name.
pub fn default_file_name(doc: &Document, ext: &str) -> String {
    let unit: String = escape::clean_line(&doc.meta.unit)
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

/// Tables are left out of a prose-only report, where the template allows one.
fn shows_tables(doc: &Document, template: &Template) -> bool {
    !(doc.no_statistics && template.statistics_optional)
}

/// The legacy sign-off line (单位负责人：… 审核人：… …), when the template has one.
fn signoff_line(doc: &Document, template: &Template, sep: &str) -> Option<String> {
    if !template.signoff {
        return None;
    }
    let fields = MetaField::ALL.into_iter().filter(|f| f.is_signoff());
    let parts: Vec<String> = fields
        .map(|f| format!("{}：{}", f.label(), escape::clean_line(&doc.meta_text(f))))
        .collect();
    Some(parts.join(sep))
}

/// Whether any sign-off field is filled (printed without a table only then).
fn has_signoff_values(doc: &Document) -> bool {
    MetaField::ALL
        .into_iter()
        .filter(|f| f.is_signoff())
        .any(|f| !doc.meta_text(f).trim().is_empty())
}
