//! Matching a row to the template: by its labels, its groups and reading order.

use std::collections::BTreeSet;

use super::{Placer, RowMatch};
use crate::import::labels::{Key, Quality};

impl Placer<'_> {
    pub(super) fn title_match(&self, texts: &[&str]) -> Option<usize> {
        let key = Key::new(texts[0]);
        // Best quality only: 第二十条第（八）项 and 第二十条第（一）项 differ only in
        // their brackets, so a loose match must not compete with an exact one.
        let scored: Vec<(Quality, usize)> = (0..self.tabs.len())
            .filter_map(|i| {
                let q = self.tabs[i]
                    .title_keys
                    .iter()
                    .filter_map(|k| k.quality(&key))
                    .max()?;
                (q >= Quality::Loose).then_some((q, i))
            })
            .collect();
        let top = scored.iter().map(|s| s.0).max()?;
        let hits: Vec<usize> = scored.iter().filter(|s| s.0 == top).map(|s| s.1).collect();
        match hits.as_slice() {
            [one] => Some(*one),
            many => {
                let here: Vec<usize> = many
                    .iter()
                    .copied()
                    .filter(|&i| Some(self.tabs[i].part) == self.part)
                    .collect();
                (here.len() == 1).then(|| here[0])
            }
        }
    }

    /// Rows of the current table (else of any table) matching a label, best quality only.
    pub(super) fn row_candidates(&self, label: &str) -> Option<(usize, Vec<usize>)> {
        let key = Key::new(label);
        let scan = |t: usize| -> Option<(Quality, Vec<usize>)> {
            let tab = &self.tabs[t];
            let mut best: Option<(Quality, Vec<usize>)> = None;
            for (i, k) in tab.row_keys.iter().enumerate() {
                if let Some(q) = k.quality(&key) {
                    match &mut best {
                        Some((bq, v)) if *bq == q => v.push(i),
                        Some((bq, _)) if *bq > q => {}
                        _ => best = Some((q, vec![i])),
                    }
                }
            }
            best
        };
        if let Some(cur) = self.cur {
            if let Some((_, v)) = scan(cur) {
                return Some((cur, v));
            }
        }
        let mut found: Vec<(usize, Quality, Vec<usize>)> = (0..self.tabs.len())
            .filter(|&t| Some(t) != self.cur)
            .filter_map(|t| scan(t).map(|(q, v)| (t, q, v)))
            .collect();
        let top = found.iter().map(|f| f.1).max()?;
        found.retain(|f| f.1 == top);
        if found.len() > 1 {
            found.retain(|f| Some(self.tabs[f.0].part) == self.part);
        }
        match found.as_slice() {
            [(t, _, v)] => Some((*t, v.clone())),
            _ => None,
        }
    }

    /// Narrow candidates by the row's other labels (the groups printed beside
    /// it), then by reading order. A single candidate must agree with the
    /// groups too: “3.其他” printed under （四） is not （六）3.其他.
    pub(super) fn choose(
        &self,
        t: usize,
        cands: Vec<usize>,
        other_labels: &[&str],
    ) -> Result<usize, Vec<usize>> {
        let tab = &self.tabs[t];
        let mut narrowed = cands.clone();
        for label in other_labels {
            let key = Key::new(label);
            let groups: BTreeSet<usize> = (0..tab.flat.len())
                .filter(|&i| tab.row_keys[i].quality(&key) >= Some(Quality::Loose))
                .collect();
            if !groups.is_empty() {
                narrowed.retain(|&c| tab.ancestors(c).iter().any(|a| groups.contains(a)));
            }
        }
        if narrowed.len() == 1 {
            return Ok(narrowed[0]);
        }
        if narrowed.is_empty() {
            return Err(cands);
        }
        if let Some((_, li)) = self.last.filter(|l| l.0 == t) {
            let mut chain = tab.ancestors(li);
            chain.insert(0, li);
            // How many groups the candidate shares with the row read before it.
            let affinity = |c: usize| -> usize {
                tab.ancestors(c)
                    .iter()
                    .filter(|a| chain.contains(a))
                    .count()
            };
            let after: Vec<usize> = narrowed.iter().copied().filter(|&c| c > li).collect();
            let best = after.iter().map(|&c| affinity(c)).max().unwrap_or(0);
            let top: Vec<usize> = after.into_iter().filter(|&c| affinity(c) == best).collect();
            if top.len() == 1 && best > 0 {
                return Ok(top[0]);
            }
        }
        Err(narrowed)
    }

    /// Match a row by its labels: the last (most specific) first, then all joined.
    pub(super) fn match_labels(&self, labels: &[&str]) -> Option<RowMatch> {
        if labels.is_empty() {
            return self.unlabelled_row().map(Ok);
        }
        let last = labels[labels.len() - 1];
        let others = &labels[..labels.len() - 1];
        let attempt = self.row_candidates(last).map(|c| (c, others)).or_else(|| {
            let joined = labels.concat();
            self.row_candidates(&joined).map(|c| (c, &[][..]))
        });
        let ((t, cands), others) = attempt?;
        Some(
            self.choose(t, cands, others)
                .map(|r| (t, r))
                .map_err(|c| (t, c)),
        )
    }

    /// A table whose only row has no label (表四): values without a label go there.
    pub(super) fn unlabelled_row(&self) -> Option<(usize, usize)> {
        let t = self.cur?;
        let tab = &self.tabs[t];
        let rows: Vec<usize> = (0..tab.flat.len())
            .filter(|&i| !tab.flat[i].row.group)
            .collect();
        match rows.as_slice() {
            [one] if tab.flat[*one].row.label.trim().is_empty() => Some((t, *one)),
            _ => None,
        }
    }

    pub(super) fn is_text_row(&self, t: usize, labels: &[String]) -> bool {
        let refs: Vec<&str> = labels.iter().map(String::as_str).collect();
        let Some(Ok((mt, r))) = self.match_labels(&refs) else {
            return false;
        };
        let tab = &self.tabs[mt];
        mt == t
            && !tab.leaves.is_empty()
            && tab.leaves.iter().all(|l| {
                tab.table.cell_kind(tab.flat[r].row, l.column) == crate::template::CellKind::Text
            })
    }
}
