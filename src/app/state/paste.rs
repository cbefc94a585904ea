//! Pasting a block copied from Excel or WPS (Ctrl+V) into a table.

use crate::document::{Address, CellRef, Document};
use crate::template::Template;

use super::fields;
use super::history::Change;

/// Split clipboard text into rows of cells: tabs between cells, newlines
/// between rows, `\r\n` accepted, one trailing newline ignored, and cells
/// quoted Excel-style (`"a<TAB>b"`, `""` for a quote) may hold tabs/newlines.
pub fn parse_block(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut cell = String::new();
    let mut chars = text.chars().peekable();
    let mut at_cell_start = true;
    while let Some(c) = chars.next() {
        match c {
            '"' if at_cell_start => {
                read_quoted(&mut chars, &mut cell);
                at_cell_start = false;
            }
            '\t' => {
                row.push(std::mem::take(&mut cell));
                at_cell_start = true;
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
                at_cell_start = true;
            }
            c => {
                cell.push(c);
                at_cell_start = false;
            }
        }
    }
    if !at_cell_start || !cell.is_empty() || !row.is_empty() {
        row.push(cell);
        rows.push(row);
    }
    rows
}

/// Read a quoted cell body after its opening quote.
fn read_quoted(chars: &mut std::iter::Peekable<std::str::Chars<'_>>, cell: &mut String) {
    while let Some(c) = chars.next() {
        if c == '"' {
            if chars.peek() == Some(&'"') {
                chars.next();
                cell.push('"');
            } else {
                return;
            }
        } else {
            cell.push(c);
        }
    }
}

/// A pasted cell that was not taken.
#[derive(Debug, Clone, PartialEq)]
pub struct Refusal {
    pub cell: CellRef,
    pub raw: String,
    pub message: String,
}

/// What a paste did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PasteOutcome {
    /// Changes made (one undo step).
    pub changes: Vec<Change>,
    /// Cells accepted (including ones whose value did not change).
    pub accepted: usize,
    pub refused: Vec<Refusal>,
    /// Non-empty pasted cells falling outside the table.
    pub outside: usize,
}

/// Fill the table of `at` from `at` rightwards and downwards.
pub fn paste(doc: &mut Document, template: &Template, at: &CellRef, text: &str) -> PasteOutcome {
    let mut out = PasteOutcome::default();
    let Some(table) = template.table(&at.table) else {
        return out;
    };
    let (rows, cols) = super::block::axes(table);
    let (Some(r0), Some(c0)) = (
        rows.iter().position(|r| *r == at.row),
        cols.iter().position(|c| *c == at.col),
    ) else {
        return out;
    };
    for (i, line) in parse_block(text).iter().enumerate() {
        for (j, raw) in line.iter().enumerate() {
            let (Some(row), Some(col)) = (rows.get(r0 + i), cols.get(c0 + j)) else {
                if !raw.trim().is_empty() {
                    out.outside += 1;
                }
                continue;
            };
            let cell = CellRef::new(&at.table, row, col);
            match fields::set_field(doc, template, &Address::Cell(cell.clone()), raw) {
                Ok(change) => {
                    out.accepted += 1;
                    out.changes.extend(change);
                }
                Err(e) => out.refused.push(Refusal {
                    cell,
                    raw: raw.clone(),
                    message: e.message,
                }),
            }
        }
    }
    out
}

/// The status-bar sentence for a paste.
pub fn summary(template: &Template, out: &PasteOutcome) -> String {
    let mut text = format!("已粘贴 {} 个单元格", out.accepted);
    let not_taken = out.refused.len() + out.outside;
    if not_taken == 0 {
        text.push('。');
        return text;
    }
    text.push_str(&format!("，{not_taken} 个未接受："));
    let mut reasons: Vec<String> = out
        .refused
        .iter()
        .take(3)
        .map(|r| {
            format!(
                "{}“{}”{}",
                template.cell_label(&r.cell),
                r.raw.trim(),
                r.message
            )
        })
        .collect();
    if out.refused.len() > 3 {
        reasons.push(format!("等 {} 处", out.refused.len()));
    }
    if out.outside > 0 {
        reasons.push(format!("{} 个超出表格范围", out.outside));
    }
    text.push_str(&reasons.join("；"));
    text.push('。');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_excel_blocks() {
        assert_eq!(
            parse_block("1\t2\r\n3\t4\r\n"),
            vec![vec!["1", "2"], vec!["3", "4"]]
        );
        assert_eq!(parse_block("\"a\tb\"\tc"), vec![vec!["a\tb", "c"]]);
        assert_eq!(
            parse_block("\"say \"\"hi\"\"\"\n"),
            vec![vec!["say \"hi\""]]
        );
        assert_eq!(parse_block("5"), vec![vec!["5"]]);
        assert_eq!(parse_block("1\t\t3"), vec![vec!["1", "", "3"]]);
        assert!(parse_block("").is_empty());
    }
}
