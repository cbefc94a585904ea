//! Splitting the text into the template's parts by their headings.
//!
//! Current templates have fixed headings, matched exactly (after folding).
//! Legacy reports worded their headings freely (概述 / 主动公开政府信息情况 …),
//! so a heading-shaped line is mapped to the part whose heading it resembles
//! most, when one clearly wins. A heading that maps to no part stays in the
//! prose as text, so nothing is lost.

use crate::template::Template;

use super::labels::{norm, similarity};
use super::report::Unplaced;
use super::text_tables::{cell_lines_to_rows, looks_like_cell_lines, Block};

/// Least similarity for a free-worded heading to map to a part.
const MIN_SIMILARITY: f64 = 0.4;
/// How much the best part must beat the runner-up.
const MARGIN: f64 = 0.1;

/// A table row with the part it was found under.
#[derive(Debug, Clone)]
pub struct PartRow {
    pub part: Option<usize>,
    pub cells: Vec<String>,
    pub grid: usize,
}

/// The text sorted into parts.
#[derive(Debug, Default)]
pub struct Split {
    /// Text before the first heading.
    pub opening: Vec<String>,
    /// Prose lines per part index.
    pub prose: Vec<Vec<String>>,
    pub rows: Vec<PartRow>,
    pub unplaced: Vec<Unplaced>,
    /// Headings found, with the part each went to (for the report).
    pub headings: Vec<(String, Option<usize>)>,
    /// A first section heading taken as the first part although it names no part.
    pub first_section: Option<String>,
}

fn looks_like_heading(line: &str) -> bool {
    let t = line.trim();
    let n = t.chars().count();
    if !(3..=40).contains(&n) || t.ends_with(['。', '；', ';', '：', ':', '，', ',']) {
        return false;
    }
    let first_numeral = t
        .chars()
        .next()
        .is_some_and(|c| "一二三四五六七八九十".contains(c));
    let head: String = t.chars().take(4).collect();
    first_numeral && (head.contains('、') || head.contains('.') || head.contains('．'))
}

/// The report's first section heading (一、… or 1、…) when it names no part:
/// legacy reports open with their overview, whatever they call it.
fn is_first_section(line: &str) -> bool {
    let t = line.trim();
    let n = t.chars().count();
    (t.starts_with("一、") || t.starts_with("1、") || t.starts_with("一.") || t.starts_with("1."))
        && (3..=40).contains(&n)
        && !t.ends_with(['。', '；', ';', '：', ':', '，', ','])
}

/// Which part a line heads, if any.
pub fn heading_part(template: &Template, line: &str) -> Option<usize> {
    Headings::new(template).part_of(line)
}

/// The template's part headings and row labels, normalised once per import
/// (every line of the input is asked whether it is a heading).
struct Headings<'t> {
    template: &'t Template,
    keys: Vec<String>,
    rows: Vec<super::labels::Key>,
}

impl<'t> Headings<'t> {
    fn new(template: &'t Template) -> Headings<'t> {
        Headings {
            template,
            keys: template.parts.iter().map(|p| norm(&p.heading)).collect(),
            rows: template
                .tables()
                .flat_map(|(_, table)| table.flat_rows())
                .map(|f| super::labels::Key::new(&f.row.label))
                .collect(),
        }
    }

    fn part_of(&self, line: &str) -> Option<usize> {
        heading_part_keyed(self, line)
    }

    fn numbered(&self, line: &str, current: Option<usize>) -> Option<usize> {
        numbered_part(self, line, current)
    }

    /// Whether `line` is a row label of one of the template's tables
    /// (二、上年结转政府信息公开申请数量 looks like a heading but is 表三's row).
    fn is_row_label(&self, line: &str) -> bool {
        let key = super::labels::Key::new(line);
        self.rows.iter().any(|r| r.quality(&key).is_some())
    }
}

fn heading_part_keyed(h: &Headings<'_>, line: &str) -> Option<usize> {
    let (template, keys) = (h.template, &h.keys);
    if line.chars().count() > 80 {
        return None; // a paragraph, not a heading
    }
    let key = norm(line);
    if key.is_empty() {
        return None;
    }
    if let Some(i) = keys.iter().position(|k| *k == key) {
        return Some(i);
    }
    if !looks_like_heading(line) || h.is_row_label(line) {
        return None;
    }
    let mut scored: Vec<(f64, usize)> = template
        .parts
        .iter()
        .enumerate()
        .map(|(i, p)| (similarity(line, &p.heading), i))
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    let best = scored.first()?;
    let second = scored.get(1).map_or(0.0, |s| s.0);
    (best.0 >= MIN_SIMILARITY && best.0 - second >= MARGIN).then_some(best.1)
}

/// The value of a leading Chinese numeral heading (`四、…` → 4).
fn leading_numeral(line: &str) -> Option<usize> {
    const DIGITS: &str = "一二三四五六七八九十";
    let t = line.trim_start();
    let mut cs = t.chars();
    let first = cs.next()?;
    let n = DIGITS.chars().position(|d| d == first)? + 1;
    matches!(cs.next(), Some('、' | '.' | '．')).then_some(n)
}

/// A renamed heading (一、工作基本情况 for 一、总体情况) goes to the part of its
/// numeral when that part comes later than the current one, its official
/// heading has the same numeral, and the line is no table row
/// (四、结转下年度继续办理 sits right before 四、…行政复议… in flat text).
fn numbered_part(h: &Headings<'_>, line: &str, current: Option<usize>) -> Option<usize> {
    let template = h.template;
    if !looks_like_heading(line) {
        return None;
    }
    let p = leading_numeral(line)? - 1;
    let part = template.parts.get(p)?;
    if current.is_some_and(|c| p <= c) || leading_numeral(&part.heading) != Some(p + 1) {
        return None;
    }
    (!h.is_row_label(line)).then_some(p)
}

/// Sort blocks into opening, parts and table rows.
pub fn split(template: &Template, blocks: Vec<Block>) -> Split {
    let mut out = Split {
        prose: vec![Vec::new(); template.parts.len()],
        ..Split::default()
    };
    let mut current: Option<usize> = None;
    let mut pending: Vec<String> = Vec::new();
    let mut extra_grid = 1_000_000usize;
    let headings = Headings::new(template);
    for block in blocks {
        match block {
            Block::Line(line) => {
                let found = headings
                    .part_of(&line)
                    .or_else(|| headings.numbered(&line, current));
                if let Some(p) = found {
                    flush_lines(template, current, &mut pending, &mut out, &mut extra_grid);
                    out.headings.push((line.clone(), Some(p)));
                    current = Some(p);
                    if !out.prose[p].is_empty() {
                        // A second report heading for the same part: keep it as text.
                        pending.push(line);
                    }
                } else if current.is_none()
                    && out.headings.is_empty()
                    && !template.parts.is_empty()
                    && is_first_section(&line)
                {
                    flush_lines(template, current, &mut pending, &mut out, &mut extra_grid);
                    out.headings.push((line.clone(), Some(0)));
                    current = Some(0);
                    out.first_section = Some(line.clone());
                    if !out.prose[0].is_empty() {
                        pending.push(line);
                    }
                } else {
                    if looks_like_heading(&line) {
                        out.headings.push((line.clone(), None));
                    }
                    pending.push(line);
                }
            }
            Block::Row { cells, grid } => {
                flush_lines(template, current, &mut pending, &mut out, &mut extra_grid);
                out.rows.push(PartRow {
                    part: current,
                    cells,
                    grid,
                });
            }
        }
    }
    flush_lines(template, current, &mut pending, &mut out, &mut extra_grid);
    out
}

/// Put a run of text lines where it belongs: the opening, a part's prose, or
/// (in a part with tables) rows of a table copied one cell per line.
fn flush_lines(
    template: &Template,
    part: Option<usize>,
    pending: &mut Vec<String>,
    out: &mut Split,
    extra_grid: &mut usize,
) {
    if pending.is_empty() {
        return;
    }
    let lines = std::mem::take(pending);
    let Some(p) = part else {
        out.opening.extend(lines);
        return;
    };
    let def = &template.parts[p];
    let has_tables = !def.tables.is_empty();
    if has_tables && (!def.prose || looks_like_cell_lines(&lines)) && looks_like_cell_lines(&lines)
    {
        *extra_grid += 1;
        for b in cell_lines_to_rows(&lines, *extra_grid) {
            if let Block::Row { cells, grid } = b {
                out.rows.push(PartRow {
                    part: Some(p),
                    cells,
                    grid,
                });
            }
        }
        return;
    }
    let lines = if def.prose {
        // In a part with both prose and tables (四), the tables' unit note
        // and titles are table furniture, not the clerk's text.
        let (furniture, text): (Vec<String>, Vec<String>) = lines
            .into_iter()
            .partition(|l| has_tables && is_table_furniture(def, l));
        out.prose[p].extend(text);
        if furniture.is_empty() {
            return;
        }
        furniture
    } else {
        lines
    };
    if has_tables {
        // Table titles and header lines of a table copied one cell per line
        // carry no number; anything else in a table-only part is reported.
        *extra_grid += 1;
        for line in lines {
            out.rows.push(PartRow {
                part: Some(p),
                cells: vec![line],
                grid: *extra_grid,
            });
        }
        return;
    }
    for line in lines {
        out.unplaced.push(Unplaced::text(
            &line,
            &def.heading,
            "该部分在模板中没有正文，这段文字未导入",
        ));
    }
}

/// A line printed around a part's tables rather than written by the clerk:
/// `单位：件`, or a table's title or name.
fn is_table_furniture(def: &crate::template::Part, line: &str) -> bool {
    let l = norm(line);
    let short_unit = (l.starts_with("单位:") || l.starts_with("单位：")) && l.chars().count() <= 8;
    short_unit
        || def
            .tables
            .iter()
            .any(|t| t.title.as_deref().is_some_and(|x| norm(x) == l) || norm(&t.name) == l)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_headings_split_parts() {
        let t = crate::template::get("gk2021").expect("gk2021");
        let blocks = vec![
            Block::Line("开头。".into()),
            Block::Line("一、总体情况".into()),
            Block::Line("正文一。".into()),
            Block::Line("五、存在的主要问题及改进情况".into()),
            Block::Line("正文五。".into()),
        ];
        let s = split(t, blocks);
        assert_eq!(s.opening, vec!["开头。"]);
        assert_eq!(s.prose[0], vec!["正文一。"]);
        assert_eq!(s.prose[4], vec!["正文五。"]);
    }

    #[test]
    fn free_headings_need_a_clear_winner() {
        let t = crate::template::get("gk2021").expect("gk2021");
        assert_eq!(
            heading_part(t, "八、政府信息公开工作存在的主要问题及改进情况"),
            Some(4)
        );
        assert_eq!(heading_part(t, "一、概述"), None);
        assert_eq!(heading_part(t, "一是建立健全信息公开工作制度。"), None);
    }

    #[test]
    fn renamed_headings_go_by_numeral_but_rows_do_not() {
        let t = crate::template::get("gk2021").expect("gk2021");
        let h = Headings::new(t);
        assert_eq!(h.numbered("一、工作基本情况", None), Some(0));
        assert_eq!(h.numbered("六、其他报告的事项", Some(4)), Some(5));
        assert_eq!(h.numbered("四、结转下年度继续办理", Some(2)), None);
        assert_eq!(h.numbered("一、加强组织领导", Some(4)), None);
    }
}
