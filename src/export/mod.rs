//! Export (导出) for the government website: plain text and Markdown.

use crate::document::Document;
use crate::template::Template;

/// Plain text with aligned tables.
pub fn to_text(doc: &Document, template: &Template) -> String {
    let _ = (doc, template);
    String::new()
}

/// GitHub-flavoured Markdown.
pub fn to_markdown(doc: &Document, template: &Template) -> String {
    let _ = (doc, template);
    String::new()
}
