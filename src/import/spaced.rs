//! Row shapes of real text that carry no tab and no leading pipe:
//! text laid out in columns by runs of spaces (`pdftotext -layout`, “PDF to
//! text” in office suites) and rows written `cell | cell | cell |` (how many
//! CMS text views and page-to-text tools render a table).

use super::text_tables::{is_value_like, MAX_CELLS};

/// Spaces that separate columns (one space separates words, and the words
/// of a Chinese sentence from its numbers: `受理申请 21 件`).
const COLUMN_GAP: &str = "  ";

/// The cells of a line laid out in columns: label cells (split at runs of
/// spaces) followed by one or more value cells, the first value at least a
/// column gap from the label. A line of values only is a row whose label
/// stands on the lines around it. Prose has no such gap before a number
/// and does not end in one.
pub fn spaced_cells(line: &str) -> Option<Vec<String>> {
    let t = line.trim();
    let tokens: Vec<&str> = t.split_whitespace().collect();
    let values = tokens.iter().rev().take_while(|v| is_value_like(v)).count();
    if values == 0 || tokens.len() > MAX_CELLS {
        return None;
    }
    let label_tokens = tokens.len() - values;
    if label_tokens == 0 {
        // Numbers alone: a row only when there are several (a lone number
        // on a line is a page number or a wrapped sentence's end).
        return (values >= 2).then(|| tokens.iter().map(|v| v.to_string()).collect());
    }
    // Where the values start in the line: after the last label token.
    let last_label = tokens[label_tokens - 1];
    let mut from = 0;
    for tok in &tokens[..label_tokens] {
        from = t[from..].find(tok).map(|i| from + i + tok.len())?;
    }
    let (label, rest) = t.split_at(from);
    if !rest.starts_with(COLUMN_GAP) || last_label.ends_with(['。', '，', '；', '：', ',', ':'])
    {
        return None;
    }
    let mut cells: Vec<String> = label
        .split(COLUMN_GAP)
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(str::to_string)
        .collect();
    cells.extend(tokens[label_tokens..].iter().map(|v| v.to_string()));
    Some(cells)
}

/// The cells of `a | b | c |`: a pipe row without the leading pipe. It needs
/// a trailing pipe or two inner ones (prose seldom holds either).
pub fn bare_pipe_cells(line: &str) -> Option<Vec<String>> {
    let t = line.trim();
    // A leading pipe or a box border is the text path's own business.
    let boxed = t.starts_with(['|', '+', '│', '┃', '┌', '├', '└', '┼']);
    if boxed || !(t.ends_with('|') || t.matches('|').count() >= 2) {
        return None;
    }
    let inner = t.strip_suffix('|').unwrap_or(t);
    let cells: Vec<String> = inner
        .split('|')
        .take(MAX_CELLS)
        .map(|c| c.trim().to_string())
        .collect();
    (!cells.iter().all(String::is_empty)).then_some(cells)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(cells: &[&str]) -> Option<Vec<String>> {
        Some(cells.iter().map(|c| c.to_string()).collect())
    }

    #[test]
    fn columns_laid_out_by_spaces() {
        assert_eq!(
            spaced_cells("行政规范性文件          0          5       5"),
            v(&["行政规范性文件", "0", "5", "5"])
        );
        assert_eq!(
            spaced_cells("      （四）无法提供   1.本机关不掌握相关政府信息   31    0     95"),
            v(&[
                "（四）无法提供",
                "1.本机关不掌握相关政府信息",
                "31",
                "0",
                "95"
            ])
        );
        assert_eq!(
            spaced_cells("4.无正当理由大量反复 申请        0    0"),
            v(&["4.无正当理由大量反复 申请", "0", "0"])
        );
        assert_eq!(
            spaced_cells("   10    1      0   0"),
            v(&["10", "1", "0", "0"])
        );
    }

    #[test]
    fn prose_and_page_numbers_are_no_rows() {
        assert_eq!(
            spaced_cells("2023 年全区受理政府信息公开申请 21 件，"),
            None
        );
        assert_eq!(spaced_cells("依申请公开受理渠。2023 年全区受理 21"), None);
        assert_eq!(spaced_cells("                        -3-"), None);
        assert_eq!(spaced_cells("     12"), None);
    }

    #[test]
    fn pipes_without_the_leading_one() {
        assert_eq!(
            bare_pipe_cells("规章 | 0 | 0 | 0 |"),
            v(&["规章", "0", "0", "0"])
        );
        assert_eq!(
            bare_pipe_cells("第二十条第(一)项 |"),
            v(&["第二十条第(一)项"])
        );
        assert_eq!(
            bare_pipe_cells("主动公开政府信息情况 | |||"),
            v(&["主动公开政府信息情况", "", "", ""])
        );
        assert_eq!(bare_pipe_cells("| a | b |"), None);
        assert_eq!(bare_pipe_cells("+-+-+|"), None);
        assert_eq!(bare_pipe_cells("甲乙丙"), None);
    }
}
