//! The HTML export (导出网页) for the website's content system: one
//! self-contained UTF-8 page whose tables are the printed form's grid with
//! real `rowspan` / `colspan`. Every visible style is inline, because a paste
//! into a CMS rich-text editor keeps `style` attributes and drops `<style>`
//! blocks; the one `<style>` block holds only what a paste cannot use anyway
//! (the A4 page and print rules). Clerk text only ever appears as escaped
//! element text, never inside an attribute.

use super::escape::html_text;
use crate::layout::{
    DocumentLayout, FilledTable, LabelStyle, Paragraph, Role, SignoffPlace, ValueKind,
};

/// The body face: the official documents' 仿宋, then 宋体, then any serif.
const BODY_FONT: &str = "'FangSong','仿宋','仿宋_GB2312','SimSun','宋体',serif";
/// The title face (小标宋, as GB/T 9704 asks), falling back to 宋体.
const TITLE_FONT: &str = "'FZXiaoBiaoSong-B05S','方正小标宋简体','SimSun','宋体',serif";
/// First-level headings (一、): 黑体.
const HEADING_FONT: &str = "'SimHei','黑体','Heiti SC',sans-serif";
/// Run-in second-level headings (（一）): 楷体.
const LEAD_FONT: &str = "'KaiTi','楷体','楷体_GB2312',serif";

/// Page and print rules: A4 with GB/T 9704's margins, no page chrome, the
/// header rows repeated on every page, rows not split across pages.
const PRINT_CSS: &str = "@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
@media print {
  body { margin: 0; max-width: none; }
  thead { display: table-header-group; }
  tr, td, th { break-inside: avoid; page-break-inside: avoid; }
  h1, h2, h3 { break-after: avoid; page-break-after: avoid; }
}";

/// The whole report as one HTML page.
pub fn render(layout: &DocumentLayout) -> String {
    let mut out = String::with_capacity(64 * 1024);
    out.push_str("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str(&format!("<title>{}</title>\n", html_text(&layout.title)));
    out.push_str(&format!("<style>\n{PRINT_CSS}\n</style>\n</head>\n"));
    out.push_str(&format!(
        "<body style=\"margin:0 auto;max-width:210mm;padding:0 8mm;font-family:{BODY_FONT};font-size:16pt;line-height:1.75;color:#000;background:#fff\">\n"
    ));
    out.push_str(&fragment(layout));
    out.push_str("</body>\n</html>\n");
    out
}

/// The report's body as an HTML fragment with inline styles only (what the
/// clipboard carries into a CMS editor or WPS).
pub fn fragment(layout: &DocumentLayout) -> String {
    let mut out = String::new();
    out.push_str(&format!(
        "<div style=\"font-family:{BODY_FONT};font-size:16pt;line-height:1.75;color:#000\">\n"
    ));
    if !layout.title.is_empty() {
        out.push_str(&format!(
            "<h1 style=\"text-align:center;font-family:{TITLE_FONT};font-size:22pt;font-weight:normal;margin:0 0 1em\">{}</h1>\n",
            html_text(&layout.title)
        ));
    }
    paragraphs(&mut out, &layout.opening);
    for part in &layout.parts {
        out.push_str(&format!(
            "<h2 style=\"font-family:{HEADING_FONT};font-size:16pt;font-weight:normal;margin:0.6em 0 0;text-indent:2em\">{}</h2>\n",
            html_text(&part.heading)
        ));
        paragraphs(&mut out, &part.paragraphs);
        for table in &part.tables {
            out.push_str(&table_html(table));
        }
    }
    signoff(&mut out, layout, SignoffPlace::AfterTables);
    if !layout.signature.is_empty() {
        let lines: Vec<String> = layout.signature.iter().map(|s| html_text(s)).collect();
        out.push_str(&format!(
            "<p style=\"text-align:right;margin:2em 2em 0 0\">{}</p>\n",
            lines.join("<br>")
        ));
    }
    signoff(&mut out, layout, SignoffPlace::AfterSignature);
    out.push_str("</div>\n");
    out
}

fn signoff(out: &mut String, layout: &DocumentLayout, place: SignoffPlace) {
    if let Some(s) = layout.signoff.as_ref().filter(|s| s.place == place) {
        out.push_str(&format!(
            "<p style=\"margin:0.5em 0\">{}</p>\n",
            html_text(&s.line("\u{3000}\u{3000}"))
        ));
    }
}

fn paragraphs(out: &mut String, paragraphs: &[Paragraph]) {
    for p in paragraphs {
        let body = match &p.lead {
            Some(lead) => format!(
                "<span style=\"font-family:{LEAD_FONT}\">{}</span>{}",
                html_text(lead),
                html_text(p.rest())
            ),
            None => html_text(&p.text),
        };
        out.push_str(&format!(
            "<p style=\"text-indent:2em;margin:0;text-align:justify\">{body}</p>\n"
        ));
    }
}

/// Cell borders and padding, shared by every cell.
const CELL: &str = "border:1px solid #000;padding:2px 4px;vertical-align:middle";

/// One table: block title, unit note, the grid, a caption that goes below.
pub fn table_html(table: &FilledTable) -> String {
    let layout = &table.layout;
    let form = layout.form(LabelStyle::Official);
    let mut out = String::new();
    if let Some(title) = layout.title.as_ref().filter(|t| !t.is_empty()) {
        out.push_str(&format!(
            "<p style=\"margin:0.8em 0 0;text-align:center;font-family:{HEADING_FONT};font-size:14pt\">{}</p>\n",
            html_text(title)
        ));
    }
    if let Some(unit) = &layout.unit_note {
        out.push_str(&format!(
            "<p style=\"margin:0;text-align:right;font-size:12pt\">{}</p>\n",
            html_text(unit)
        ));
    }
    out.push_str("<table style=\"border-collapse:collapse;width:100%;font-size:12pt;line-height:1.4;margin:0 0 0.5em\">\n");
    for r in 0..form.nrows {
        if r == 0 {
            out.push_str("<thead>\n");
        }
        if r == form.header_rows {
            out.push_str("</thead>\n<tbody>\n");
        }
        out.push_str("<tr>");
        for cell in form.row(r) {
            out.push_str(&cell_html(table, cell));
        }
        out.push_str("</tr>\n");
    }
    if form.nrows > form.header_rows {
        out.push_str("</tbody>\n");
    } else {
        out.push_str("</thead>\n");
    }
    out.push_str("</table>\n");
    if let Some(caption) = layout.caption_below() {
        out.push_str(&format!(
            "<p style=\"margin:0 0 0.5em;font-size:12pt\">{}</p>\n",
            html_text(caption)
        ));
    }
    out
}

fn cell_html(table: &FilledTable, cell: &crate::layout::Placed) -> String {
    let (tag, align, text) = match cell.role {
        Role::Corner => ("th", "left", cell.text.as_str()),
        Role::Head | Role::UnitHead => ("th", "center", cell.text.as_str()),
        Role::Label { .. } => ("td", "left", cell.text.as_str()),
        Role::Unit => ("td", "center", cell.text.as_str()),
        Role::Value { row, leaf } => match table.value(row, leaf) {
            Some(v) if v.kind == ValueKind::Words => ("td", "left", v.text.as_str()),
            Some(v) => ("td", "right", v.text.as_str()),
            None => ("td", "right", ""),
        },
    };
    let mut spans = String::new();
    if cell.rows > 1 {
        spans.push_str(&format!(" rowspan=\"{}\"", cell.rows));
    }
    if cell.cols > 1 {
        spans.push_str(&format!(" colspan=\"{}\"", cell.cols));
    }
    let weight = match (cell.role, tag) {
        (Role::Corner, _) => ";font-weight:normal;font-size:10.5pt",
        (_, "th") => ";font-weight:normal",
        _ => "",
    };
    let indent = match cell.role {
        Role::Label { depth, .. } if table.layout.legacy_style() => {
            format!(";padding-left:{}em", 0.3 + depth as f32)
        }
        _ => String::new(),
    };
    format!(
        "<{tag}{spans} style=\"{CELL};text-align:{align}{weight}{indent}\">{}</{tag}>",
        html_text(text)
    )
}
