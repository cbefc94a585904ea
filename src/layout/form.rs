//! A table as a grid of placed cells with row and column spans — the shape
//! every drawing renderer (plain text, HTML, Word) writes out. Two label
//! styles: the printed form's merged label cells (三、本年度办理结果 spanning
//! the rows of its results, （三）不予公开 beside its eight reasons), and the
//! indented one-label-column style (plain text, the legacy forms).

use super::table::TableLayout;

/// How the row labels are drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LabelStyle {
    /// As on the printed form: a pure group row becomes a merged cell beside
    /// its rows. The legacy forms (with a unit column) print header rows as
    /// rows of their own, so they stay indented even here.
    Official,
    /// One label column, group rows as rows of their own, labels indented.
    Indented,
}

/// What a placed cell is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The top-left header cell (corner label or 表三's caption).
    Corner,
    /// A column header box.
    Head,
    /// The legacy unit column's header.
    UnitHead,
    /// A row label (or a merged group label) at this depth of the row tree.
    Label { depth: usize, group: bool },
    /// A row's unit in the legacy unit column.
    Unit,
    /// A value position: body row `row` of the layout, leaf column `leaf`.
    /// Group rows drawn as rows of their own have value positions too (empty).
    Value { row: usize, leaf: usize },
}

/// One cell of the grid covering `rows` × `cols` positions from (`row`, `col`).
#[derive(Debug, Clone, PartialEq)]
pub struct Placed {
    pub row: usize,
    pub col: usize,
    pub rows: usize,
    pub cols: usize,
    pub text: String,
    pub role: Role,
}

/// The grid of a table: placed cells in reading order (by top row, then
/// column), every position covered exactly once.
#[derive(Debug, Clone, PartialEq)]
pub struct Form {
    pub nrows: usize,
    pub ncols: usize,
    /// Lines of the header (repeated on every page of a printed table).
    pub header_rows: usize,
    /// Columns before the value columns (labels and the legacy unit column).
    pub lead_cols: usize,
    pub cells: Vec<Placed>,
}

impl Form {
    /// The cells starting on grid row `r`, left to right.
    pub fn row(&self, r: usize) -> impl Iterator<Item = &Placed> {
        self.cells.iter().filter(move |c| c.row == r)
    }
}

impl TableLayout {
    /// The table as placed cells. Value cells carry no text: the document's
    /// values are looked up through [`Role::Value`].
    pub fn form(&self, style: LabelStyle) -> Form {
        let merged = style == LabelStyle::Official && !self.legacy_style();
        let lines = self.lines(merged);
        let label_cols = match (self.has_labels(), merged) {
            (false, _) => 0,
            (true, false) => 1,
            (true, true) => lines
                .iter()
                .map(|&i| self.rows[i].depth + 1)
                .max()
                .unwrap_or(1),
        };
        let unit_cols = usize::from(self.unit_header.is_some());
        let lead = label_cols + unit_cols;
        let head = self.header_levels;
        let mut cells = Vec::new();
        if label_cols > 0 {
            cells.push(placed(
                0,
                0,
                head,
                label_cols,
                self.corner_text(),
                Role::Corner,
            ));
        }
        if let Some(unit) = &self.unit_header {
            cells.push(placed(0, label_cols, head, 1, unit, Role::UnitHead));
        }
        for b in &self.header {
            cells.push(placed(
                b.level,
                lead + b.first,
                b.depth,
                b.span,
                &b.text,
                Role::Head,
            ));
        }
        for (k, &i) in lines.iter().enumerate() {
            let r = head + k;
            if label_cols > 0 {
                if merged {
                    self.merged_labels(i, r, &lines, label_cols, &mut cells);
                } else {
                    let row = &self.rows[i];
                    let role = Role::Label {
                        depth: row.depth,
                        group: row.group,
                    };
                    cells.push(placed(r, 0, 1, 1, &row.label, role));
                }
            }
            if unit_cols > 0 {
                cells.push(placed(r, label_cols, 1, 1, &self.rows[i].unit, Role::Unit));
            }
            for leaf in 0..self.leaves.len() {
                cells.push(placed(
                    r,
                    lead + leaf,
                    1,
                    1,
                    "",
                    Role::Value { row: i, leaf },
                ));
            }
        }
        cells.sort_by_key(|c| (c.row, c.col));
        Form {
            nrows: head + lines.len(),
            ncols: lead + self.leaves.len(),
            header_rows: head,
            lead_cols: lead,
            cells,
        }
    }

    /// The body rows that are grid lines: every row, or with merged labels
    /// every row but a pure group that has lines beneath it.
    fn lines(&self, merged: bool) -> Vec<usize> {
        (0..self.rows.len())
            .filter(|&i| !merged || !self.rows[i].group || self.line_count(i) == 0)
            .collect()
    }

    /// Number of non-group descendants of row `i` (the lines a merged group
    /// cell spans).
    fn line_count(&self, i: usize) -> usize {
        let children = (0..self.rows.len()).filter(|&k| self.rows[k].parent == Some(i));
        children
            .map(|k| {
                if self.rows[k].group {
                    self.line_count(k)
                } else {
                    1
                }
            })
            .sum()
    }

    /// Label cells of grid line `r` (body row `i`): its own label spanning the
    /// remaining label columns, preceded by each enclosing group's merged cell
    /// when this line is the group's first.
    fn merged_labels(
        &self,
        i: usize,
        r: usize,
        lines: &[usize],
        label_cols: usize,
        out: &mut Vec<Placed>,
    ) {
        let mut groups = Vec::new();
        let mut at = self.rows[i].parent;
        let first = |g: usize| lines.iter().find(|&&l| self.is_within(l, g)).copied();
        while let Some(g) = at {
            if first(g) == Some(i) {
                groups.push(g);
            }
            at = self.rows[g].parent;
        }
        for g in groups {
            let row = &self.rows[g];
            let role = Role::Label {
                depth: row.depth,
                group: true,
            };
            out.push(placed(
                r,
                row.depth,
                self.line_count(g),
                1,
                &row.label,
                role,
            ));
        }
        let row = &self.rows[i];
        let cols = label_cols.saturating_sub(row.depth).max(1);
        let role = Role::Label {
            depth: row.depth,
            group: row.group,
        };
        out.push(placed(
            r,
            row.depth.min(label_cols - 1),
            1,
            cols,
            &row.label,
            role,
        ));
    }

    /// Whether row `i` lies beneath row `g`.
    fn is_within(&self, i: usize, g: usize) -> bool {
        let mut at = self.rows[i].parent;
        while let Some(p) = at {
            if p == g {
                return true;
            }
            at = self.rows[p].parent;
        }
        false
    }
}

fn placed(row: usize, col: usize, rows: usize, cols: usize, text: &str, role: Role) -> Placed {
    Placed {
        row,
        col,
        rows,
        cols,
        text: text.to_string(),
        role,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layout(template: &str, key: &str) -> TableLayout {
        let table = crate::template::get(template)
            .and_then(|t| t.table(key))
            .expect("table");
        TableLayout::of(table)
    }

    /// Every grid position is covered by exactly one cell.
    fn assert_tiles(form: &Form) {
        let mut seen = vec![vec![0; form.ncols]; form.nrows];
        for c in &form.cells {
            for row in seen.iter_mut().skip(c.row).take(c.rows) {
                for n in row.iter_mut().skip(c.col).take(c.cols) {
                    *n += 1;
                }
            }
        }
        assert!(seen.iter().flatten().all(|&n| n == 1), "{seen:?}");
    }

    fn label<'f>(form: &'f Form, text: &str) -> &'f Placed {
        form.cells
            .iter()
            .find(|c| c.text == text && matches!(c.role, Role::Label { .. }))
            .expect(text)
    }

    #[test]
    fn table3_official_form_merges_the_group_cells() {
        let form = layout("gk2021", "t3").form(LabelStyle::Official);
        assert_tiles(&form);
        assert_eq!((form.header_rows, form.lead_cols, form.ncols), (3, 3, 10));
        let corner = &form.cells[0];
        assert_eq!(
            (corner.role, corner.rows, corner.cols),
            (Role::Corner, 3, 3)
        );
        let results = label(&form, "三、本年度办理结果");
        assert_eq!((results.col, results.rows, results.cols), (0, 22, 1));
        let refused = label(&form, "（三）不予公开");
        assert_eq!((refused.col, refused.rows), (1, 8));
        let public = label(&form, "（一）予以公开");
        assert_eq!((public.col, public.cols), (1, 2));
        let first = label(&form, "一、本年新收政府信息公开申请数量");
        assert_eq!((first.col, first.cols), (0, 3));
        assert_eq!(form.nrows, 3 + 25);
    }

    #[test]
    fn indented_style_keeps_group_rows_as_rows() {
        let form = layout("gk2021", "t3").form(LabelStyle::Indented);
        assert_tiles(&form);
        assert_eq!(form.lead_cols, 1);
        assert_eq!(form.nrows, 3 + 30);
    }

    #[test]
    fn every_template_table_tiles_in_both_styles() {
        for template in crate::template::all() {
            for (_, table) in template.tables() {
                let l = TableLayout::of(table);
                assert_tiles(&l.form(LabelStyle::Official));
                assert_tiles(&l.form(LabelStyle::Indented));
            }
        }
    }

    #[test]
    fn legacy_form_stays_indented_with_a_unit_column() {
        let form = layout("legacy-national", "stat").form(LabelStyle::Official);
        assert_eq!(form.lead_cols, 2);
        assert!(form
            .cells
            .iter()
            .any(|c| c.role == Role::UnitHead && c.text == "单位"));
    }
}
