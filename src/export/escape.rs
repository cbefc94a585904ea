//! Cleaning and escaping of a clerk's text, so that nothing typed into a field
//! can break a drawn table or inject Markdown / HTML into the published page.

/// Characters that are invisible yet change how text is shown: zero-width
/// spaces and joiners, direction marks (including the Arabic letter mark),
/// bidi embeddings / overrides / isolates.
fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{061C}'
        | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}'
        | '\u{2060}'
        | '\u{FEFF}')
}

/// Text with line endings (CR LF, CR, U+2028, U+2029) normalised to `\n`, control and invisible
/// characters removed. Newlines and tabs are kept only when `keep_breaks`.
pub fn clean(s: &str, keep_breaks: bool) -> String {
    let unified = s
        .replace("\r\n", "\n")
        .replace(['\r', '\u{2028}', '\u{2029}'], "\n");
    unified
        .chars()
        .filter_map(|c| match c {
            '\n' | '\t' if keep_breaks => Some(c),
            '\n' | '\t' => Some(' '),
            c if c.is_control() || is_invisible(c) => None,
            c => Some(c),
        })
        .collect()
}

/// One-line text for a table cell or a heading: breaks become spaces,
/// runs of spaces collapse, ends are trimmed.
pub fn clean_line(s: &str) -> String {
    clean(s, false)
        .split(' ')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The non-empty paragraphs of prose (one per line), each trimmed of leading
/// and trailing white space (ASCII and the ideographic space U+3000).
pub fn paragraphs(s: &str) -> Vec<String> {
    clean(s, true)
        .split('\n')
        .map(|p| p.trim_matches(char::is_whitespace).to_string())
        .filter(|p| !p.is_empty())
        .collect()
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_control_and_invisible_characters() {
        let s = "a\u{0007}b\u{200B}c\u{202E}d\u{2066}e\u{FEFF}f\r\ng\u{2028}h";
        assert_eq!(clean(s, true), "abcdef\ng\nh");
        assert_eq!(clean(s, false), "abcdef g h");
    }

    #[test]
    fn prose_keeps_paragraphs_and_drops_blank_lines() {
        let p = paragraphs("　　第一段。\n\n  第二段\t内容。 \r\n");
        assert_eq!(p, vec!["第一段。", "第二段\t内容。"]);
    }

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
    fn cells_and_headings_stay_on_one_line() {
        assert_eq!(md_cell("a\nb | c"), "a b \\| c");
        assert_eq!(md_heading("报告 ##"), "报告 \\#\\#");
    }
}
