//! Structure first: a row whose label matches no template row (a word
//! missing, 2.其他法律行政止公开) still lands by position when its neighbours
//! agree — the row before it and the row after it matched (or its table
//! ended), exactly one value row of the template lies between them, the row
//! carries that row's count of numbers, and its numbering mark and wording
//! do not disagree.

use super::{Pending, Placer};
use crate::import::labels::{fold, similarity};
use crate::import::text_tables::is_value_like;

/// A mangled label must still share this much wording with the row it
/// takes by position (bigram overlap): position alone is not enough.
const MIN_SIMILARITY: f64 = 0.5;

/// The leading numbering of a label (`2.`, `(三)`, `四.`), folded.
fn numbering(label: &str) -> String {
    let chars: Vec<char> = label
        .chars()
        .map(fold)
        .filter(|c| !c.is_whitespace())
        .collect();
    let numeral = |c: &char| c.is_ascii_digit() || "一二三四五六七八九十".contains(*c);
    if chars.first() == Some(&'(') {
        if let Some(close) = chars.iter().position(|c| *c == ')').filter(|&c| c <= 4) {
            return chars[..=close].iter().collect();
        }
    }
    let n = chars.iter().take_while(|c| numeral(c)).count();
    match chars.get(n) {
        Some('.') if n > 0 => chars[..=n].iter().collect(),
        _ => String::new(),
    }
}

impl Placer<'_> {
    /// Place `w`, left unmatched just before row `r` of table `t` matched.
    pub(super) fn by_position(&mut self, t: usize, r: usize, w: &Pending) -> bool {
        let Some((lt, lr)) = self.last_value else {
            return false;
        };
        lt == t && lr < r && self.place_between(t, (lr, r), w, "前后两行")
    }

    /// The row left unmatched when its table ends (a title or part follows,
    /// or the input ends): it is the table's last value row when exactly one
    /// remains after the last one filled (规范性文件 for 行政规范性文件).
    pub(super) fn by_position_at_end(&mut self) {
        let Some((t, lr)) = self.last_value else {
            return;
        };
        let Some(w) = self.pending.take() else {
            return;
        };
        let end = self.tabs[t].flat.len();
        if !self.place_between(t, (lr, end), &w, "前一行和表格结尾") {
            self.pending = Some(w);
        }
    }

    /// Fill `w` into the one value row of table `t` strictly between rows
    /// `lr` and `r`, when its numbers and wording fit that row; `by` names
    /// the neighbours in the note.
    fn place_between(&mut self, t: usize, (lr, r): (usize, usize), w: &Pending, by: &str) -> bool {
        let tab = &self.tabs[t];
        let between: Vec<usize> = (lr + 1..r).filter(|&i| !tab.flat[i].row.group).collect();
        let [mid] = between.as_slice() else {
            return false;
        };
        let official = &tab.flat[*mid].row.label;
        let label = w.labels.join("");
        let values = w.cells.iter().filter(|c| is_value_like(c)).count();
        let (ours, theirs) = (numbering(&label), numbering(official));
        let agrees = ours.is_empty() || theirs.is_empty() || ours == theirs;
        if values != tab.leaves.len() || !agrees || similarity(&label, official) < MIN_SIMILARITY {
            return false;
        }
        let (mid, official) = (*mid, official.clone());
        let before = self.out.matched.len();
        self.fill(t, mid, &w.labels, &w.cells, w.width_ok);
        let why = format!("行标签“{label}”与模板不完全一致，按{by}的位置放在“{official}”");
        for p in &mut self.out.matched[before..] {
            p.note.get_or_insert_with(|| why.clone());
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::numbering;

    #[test]
    fn numbering_marks_are_read_in_every_width() {
        assert_eq!(numbering("2.其他法律行政止公开"), "2.");
        assert_eq!(numbering("2、其他"), "2.");
        assert_eq!(numbering("（三）不予公开"), "(三)");
        assert_eq!(numbering("行政许可"), "");
    }
}
