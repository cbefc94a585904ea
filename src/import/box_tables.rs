//! Tables drawn with `+---+` borders and `|` walls (plain-text export, and
//! text copied from some PDF tools): cells may wrap over several lines and
//! merged headers have partial borders. Columns are found by display position
//! (a Chinese character is two columns wide), each line is split at its own
//! walls and junctions, and every segment is given to the grid columns it
//! covers — so a merged header labels each column beneath it.

use unicode_width::UnicodeWidthChar;

/// Most grid columns considered.
const MAX_COLUMNS: usize = 200;

/// One piece of a line between two walls or junctions.
struct Segment {
    /// Display positions of the separators left and right of the segment.
    start: usize,
    end: usize,
    text: String,
    border: bool,
}

fn is_wall(c: char) -> bool {
    matches!(c, '|' | '│' | '┃')
}

fn is_rule(c: char) -> bool {
    matches!(c, '-' | '=' | '─' | '━')
}

fn is_junction(c: char) -> bool {
    matches!(c, '+' | '┼' | '├' | '┤' | '┬' | '┴' | '┌' | '┐' | '└' | '┘')
}

/// Split a line into segments at walls and junctions; returns the segments and
/// the display positions of the separators.
fn segments(line: &str) -> (Vec<Segment>, Vec<usize>) {
    let chars: Vec<char> = line.chars().collect();
    let mut segs = Vec::new();
    let mut seps = Vec::new();
    let mut col = 0usize;
    let mut cur = String::new();
    let mut cur_start = 0usize;
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).and_then(|j| chars.get(j)).copied();
        let next = chars.get(i + 1).copied();
        let junction = is_junction(c) && (prev.is_some_and(is_rule) || next.is_some_and(is_rule));
        // Ambiguous-width characters (“ ” …) count two columns, as in Chinese
        // typesetting and in our own text export.
        let w = c.width_cjk().unwrap_or(0);
        if is_wall(c) || junction {
            if seps.len() > MAX_COLUMNS {
                break;
            }
            if !seps.is_empty() {
                segs.push(segment(cur_start, col, &cur));
            }
            seps.push(col);
            cur.clear();
            cur_start = col;
        } else {
            cur.push(c);
        }
        col += w;
    }
    (segs, seps)
}

fn segment(start: usize, end: usize, text: &str) -> Segment {
    let t = text.trim();
    let border =
        !t.is_empty() && t.chars().all(|c| is_rule(c) || c == ' ') && t.chars().any(is_rule);
    Segment {
        start,
        end,
        text: t.to_string(),
        border,
    }
}

/// Whether a run of lines is a bordered table (it has a `+---+` rule).
pub fn is_box_table(lines: &[&str]) -> bool {
    lines.iter().any(|l| {
        let t = l.trim();
        t.starts_with(|c: char| is_junction(c)) && t.chars().any(is_rule)
    })
}

/// The rows of a bordered table, laid out on a regular grid.
pub fn box_rows(lines: &[&str]) -> Vec<Vec<String>> {
    let parsed: Vec<(Vec<Segment>, Vec<usize>)> =
        lines.iter().map(|l| segments(l.trim_end())).collect();
    let mut bounds: Vec<usize> = parsed.iter().flat_map(|(_, s)| s.iter().copied()).collect();
    bounds.sort_unstable();
    bounds.dedup();
    bounds.truncate(MAX_COLUMNS + 1);
    if bounds.len() < 2 {
        return Vec::new();
    }
    let ncol = bounds.len() - 1;
    let mut rows = Vec::new();
    // Per column: finished pieces of the current logical row, and the text being gathered.
    let mut done: Vec<Vec<String>> = vec![Vec::new(); ncol];
    let mut acc: Vec<String> = vec![String::new(); ncol];
    for (segs, _) in &parsed {
        if segs.is_empty() {
            continue;
        }
        let mut bordered = vec![false; ncol];
        for seg in segs {
            // Grid columns inside the segment: bounds[c] >= start, bounds[c + 1] <= end.
            let first = bounds.partition_point(|&b| b < seg.start);
            let last = bounds.partition_point(|&b| b <= seg.end).saturating_sub(1);
            for c in first..last.min(ncol) {
                if seg.border {
                    bordered[c] = true;
                    let piece = std::mem::take(&mut acc[c]);
                    if !piece.is_empty() {
                        done[c].push(piece);
                    }
                } else if !seg.text.is_empty() && acc[c].len() < 10_000 {
                    acc[c].push_str(&seg.text);
                }
            }
        }
        if bordered.iter().all(|b| *b) {
            emit(&mut done, &mut rows);
        }
    }
    for c in 0..ncol {
        let piece = std::mem::take(&mut acc[c]);
        if !piece.is_empty() {
            done[c].push(piece);
        }
    }
    emit(&mut done, &mut rows);
    rows
}

/// Close a logical row: columns with fewer pieces (a merged cell spanning
/// the row's sub-rows) are aligned to the bottom, next to the leaf labels.
fn emit(done: &mut [Vec<String>], rows: &mut Vec<Vec<String>>) {
    let k = done.iter().map(Vec::len).max().unwrap_or(0);
    for i in 0..k {
        let row: Vec<String> = done
            .iter()
            .map(|pieces| {
                let offset = k - pieces.len();
                if i >= offset {
                    pieces[i - offset].clone()
                } else {
                    String::new()
                }
            })
            .collect();
        rows.push(row);
    }
    for d in done.iter_mut() {
        d.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merged_headers_and_wrapped_cells() {
        let text = "\
+----------------------------------+-----------------------+
|             行政复议             |       行政诉讼        |
+------+------+------+------+------+-----------------------+
| 结果 | 结果 | 其他 | 尚未 | 总计 |    复议后起诉         |
| 维持 | 纠正 | 结果 | 审结 |      +-----------+-----------+
|      |      |      |      |      | 结果维持  | 总计      |
+------+------+------+------+------+-----------+-----------+
|      |    1 |      |      |  189 |         2 |           |
+------+------+------+------+------+-----------+-----------+";
        let lines: Vec<&str> = text.lines().collect();
        assert!(is_box_table(&lines));
        let rows = box_rows(&lines);
        assert_eq!(
            rows[0],
            [
                "行政复议",
                "行政复议",
                "行政复议",
                "行政复议",
                "行政复议",
                "行政诉讼",
                "行政诉讼"
            ]
        );
        assert_eq!(rows[1], ["", "", "", "", "", "复议后起诉", "复议后起诉"]);
        assert_eq!(
            rows[2],
            [
                "结果维持",
                "结果纠正",
                "其他结果",
                "尚未审结",
                "总计",
                "结果维持",
                "总计"
            ]
        );
        assert_eq!(rows[3], ["", "1", "", "", "189", "2", ""]);
    }

    #[test]
    fn wrapped_labels_join() {
        let text = "\
+----------------+------+
| 一、本年新收政 |   14 |
| 府信息公开申请 |      |
+----------------+------+";
        let rows = box_rows(&text.lines().collect::<Vec<_>>());
        assert_eq!(
            rows,
            vec![vec![
                "一、本年新收政府信息公开申请".to_string(),
                "14".to_string()
            ]]
        );
    }
}
