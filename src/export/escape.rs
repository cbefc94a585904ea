//! Escaping of cleaned text for the markup formats, so that nothing typed into
//! a field can inject Markdown or HTML into the published page.

use crate::layout::clean::clean_line;

/// Markdown escape for text inside a line: no emphasis, code, link, table
/// break, strikethrough, math (GitHub's `$…$`) or HTML can come out of it.
pub fn md_inline(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\\' | '|' | '*' | '_' | '`' | '[' | ']' | '~' | '$' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            c => out.push(c),
        }
    }
    out
}

/// Markdown escape for a whole line that starts a block (a paragraph): the
/// inline escapes, plus the markers that would turn the line into a heading,
/// quote, list or setext underline.
pub fn md_block_line(s: &str) -> String {
    let escaped = md_inline(s.trim_start());
    let first = escaped.chars().next();
    if let Some(c @ ('#' | '-' | '+' | '=')) = first {
        return format!("\\{c}{}", &escaped[c.len_utf8()..]);
    }
    let digits = escaped.chars().take_while(|c| c.is_ascii_digit()).count();
    if digits > 0 {
        if let Some(c @ ('.' | ')')) = escaped[digits..].chars().next() {
            return format!("{}\\{c}{}", &escaped[..digits], &escaped[digits + 1..]);
        }
    }
    escaped
}

/// Markdown for a heading's text: inline escapes, and every `#` escaped so a
/// trailing run cannot be taken for the heading's closing sequence.
pub fn md_heading(s: &str) -> String {
    md_inline(&clean_line(s)).replace('#', "\\#")
}

/// Markdown for a table cell: one line, inline escapes, and a cell that starts
/// like a block marker is harmless inside a table, so only inline escapes apply.
pub fn md_cell(s: &str) -> String {
    md_inline(&clean_line(s))
}

/// HTML escape for element text: `&`, `<`, `>` and both quotes, so the text
/// can neither open markup nor, if ever placed in an attribute, leave it.
pub fn html_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_start_markers_are_escaped() {
        assert_eq!(md_block_line("# 标题"), "\\# 标题");
        assert_eq!(md_block_line("- 列表"), "\\- 列表");
        assert_eq!(md_block_line("+ 列表"), "\\+ 列表");
        assert_eq!(md_block_line("==="), "\\===");
        assert_eq!(md_block_line("12.加强领导"), "12\\.加强领导");
        assert_eq!(md_block_line("3)其他"), "3\\)其他");
        assert_eq!(md_block_line("> 引用"), "&gt; 引用");
        assert_eq!(md_block_line("2025年"), "2025年");
    }

    #[test]
    fn inline_markup_is_neutralised() {
        assert_eq!(
            md_inline("*a* _b_ `c` [d](e) <i>&amp; \\ |"),
            "\\*a\\* \\_b\\_ \\`c\\` \\[d\\](e) &lt;i&gt;&amp;amp; \\\\ \\|"
        );
    }

    #[test]
    fn html_text_cannot_open_markup_or_leave_an_attribute() {
        assert_eq!(
            html_text("<script>\"x\" & 'y'</script>"),
            "&lt;script&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/script&gt;"
        );
    }

    #[test]
    fn cells_and_headings_stay_on_one_line() {
        assert_eq!(md_cell("a\nb | c"), "a b \\| c");
        assert_eq!(md_heading("报告 ##"), "报告 \\#\\#");
    }
}
