//! Cleaning of a clerk's text before it is laid out: control and invisible
//! characters removed, line endings unified, one-line text for cells and
//! headings, paragraphs for prose. Every renderer gets only cleaned text.

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
}
