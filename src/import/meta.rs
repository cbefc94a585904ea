//! The cover of an imported report: title → unit and year, the unit's level,
//! the closing signature, the legacy sign-off block (单位负责人 … 填报日期).
//! Whatever is taken from the text is removed from the blocks, so it does not
//! end up in the prose as well.

use super::notes::ImportNote;
use crate::document::{MetaField, UnitLevel};

use super::labels::norm_keep_numbering;
use super::text_tables::Block;

/// How many leading lines may hold the title.
const TITLE_WINDOW: usize = 8;

/// What the cover told us.
#[derive(Debug, Default, Clone)]
pub struct Cover {
    /// The title as printed (whitespace removed: PDF text scatters spaces).
    pub title: Option<String>,
    pub unit: Option<String>,
    pub year: Option<u16>,
    /// Lines of the opening paragraph(s): between the title and the first heading
    /// (filled by the part splitter).
    pub signature_unit: Option<String>,
    pub signature_date: Option<String>,
    pub signoff: Vec<(MetaField, String)>,
    /// Anything inferred rather than read.
    pub notes: Vec<ImportNote>,
    /// Lines before the title (site navigation of a saved page), not imported.
    pub dropped: Vec<String>,
    /// Lines after the signature of a web page (site footer), not imported.
    pub dropped_after: Vec<String>,
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// First four-digit year (1990–2099) followed by 年 in `s`, with its byte span.
pub fn find_year(s: &str) -> Option<(u16, usize, usize)> {
    let cs: Vec<(usize, char)> = s.char_indices().collect();
    for i in 0..cs.len() {
        let digits: String = cs[i..].iter().take(4).map(|&(_, c)| c).collect();
        if digits.len() == 4 && digits.chars().all(|c| c.is_ascii_digit()) {
            if i > 0 && cs[i - 1].1.is_ascii_digit() {
                continue;
            }
            let mut j = i + 4;
            while cs.get(j).is_some_and(|&(_, c)| c == ' ') {
                j += 1;
            }
            if cs.get(j).is_some_and(|&(_, c)| c == '年') {
                let y: u16 = digits.parse().ok()?;
                if (1990..2100).contains(&y) {
                    let end = cs.get(j + 1).map_or(s.len(), |&(b, _)| b);
                    return Some((y, cs[i].0, end));
                }
            }
        }
    }
    None
}

/// Whether a line reads like a report title.
pub fn is_title(line: &str) -> bool {
    let s = squeeze(line);
    s.chars().count() <= 60
        && s.contains("公开")
        && (s.contains("年度报告") || s.contains("年报") || scrambled_title(&s))
}

/// A title whose characters a PDF put out of order (政府信息公开工作告年度报):
/// every character of 工作年度报告 is there, in a short line.
fn scrambled_title(s: &str) -> bool {
    s.contains("政府信息公开") && "工作年度报告".chars().all(|c| s.contains(c))
}

/// A page shows its CMS fields with their names (`标题: …`, `文章标题：…`);
/// the name is no part of the title or of the unit.
fn without_field_name(title: &str) -> &str {
    for name in ["文章标题", "信息名称", "标题", "名称"] {
        if let Some(rest) = title.strip_prefix(name) {
            if let Some(r) = rest.strip_prefix([':', '：']) {
                return r.trim_start();
            }
        }
    }
    title
}

/// Unit name inside a title: before the year, or between the year and 信息公开.
fn unit_from_title(title: &str) -> Option<String> {
    let (_, start, end) = find_year(title)?;
    let before = title[..start].trim_matches(|c: char| c.is_whitespace() || "，,：:".contains(c));
    if !before.is_empty() {
        return Some(before.to_string());
    }
    let after = &title[end..];
    let after = after.strip_prefix('度').unwrap_or(after);
    let cut = ["政府信息公开", "政务公开", "信息公开"]
        .iter()
        .filter_map(|k| after.find(k))
        .min()?;
    let unit = after[..cut].trim();
    (!unit.is_empty()).then(|| unit.to_string())
}

/// The administrative level of a unit, from its name; 未知 when unsure.
pub fn level_from_unit(unit: &str) -> UnitLevel {
    let u = squeeze(unit);
    let core = u
        .trim_end_matches("人民政府")
        .trim_end_matches("政府")
        .trim_end_matches("党政办公室");
    if u.contains("街道") {
        UnitLevel::Subdistrict
    } else if core.ends_with('镇') || core.ends_with('乡') {
        UnitLevel::Township
    } else if u.ends_with("省人民政府") || u.ends_with("自治区人民政府") {
        UnitLevel::Province
    } else if u.ends_with("市人民政府") {
        UnitLevel::City
    } else if u.ends_with("县人民政府") || u.ends_with("旗人民政府") || u.ends_with("区人民政府")
    {
        UnitLevel::County
    } else {
        UnitLevel::Unknown
    }
}

fn is_date_line(line: &str) -> bool {
    let s = squeeze(line);
    let Some((_, _, end)) = find_year(&s) else {
        return false;
    };
    s.starts_with(|c: char| c.is_ascii_digit())
        && s[end..].ends_with('日')
        && s[end..]
            .chars()
            .all(|c| c.is_ascii_digit() || c == '月' || c == '日')
}

fn is_unit_line(line: &str) -> bool {
    let s = squeeze(line);
    s.chars().count() <= 30
        && [
            "人民政府",
            "政府",
            "办事处",
            "镇",
            "乡",
            "街道",
            "委员会",
            "办公室",
        ]
        .iter()
        .any(|k| s.ends_with(k))
}

/// A township-like name inside prose (…，齐都镇认真…), when there is no title.
fn unit_in_prose(line: &str) -> Option<String> {
    let cs: Vec<char> = line.chars().take(2000).collect();
    for (i, &c) in cs.iter().enumerate() {
        if c != '镇' && c != '乡' {
            continue;
        }
        let mut j = i;
        while j > 0 && i - j < 4 && is_cjk(cs[j - 1]) {
            j -= 1;
        }
        let name: String = cs[j..=i].iter().collect();
        let at_start = j == 0 || !is_cjk(cs[j - 1]);
        let len = i - j;
        if at_start && (2..=3).contains(&len) && !"我本全各该乡城村在对的和与".contains(cs[j])
        {
            return Some(name);
        }
    }
    None
}

fn is_cjk(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// `单位负责人：梁迈 审核人：吕永红` → the sign-off fields found in one line.
fn signoff_pairs(line: &str) -> Vec<(MetaField, String)> {
    let fields: Vec<MetaField> = MetaField::ALL
        .into_iter()
        .filter(|f| f.is_signoff())
        .collect();
    let mut hits: Vec<(usize, usize, MetaField)> = Vec::new();
    for f in fields {
        let label = f.label();
        let mut from = 0;
        while let Some(pos) = line[from..].find(label) {
            let at = from + pos;
            let after = at + label.len();
            let rest = &line[after..];
            // 填报人 is also the start of 填报日期 / 填报单位: require the colon.
            if let Some(colon) = rest.strip_prefix('：').or_else(|| rest.strip_prefix(':')) {
                hits.push((at, line.len() - colon.len(), f));
            }
            from = after;
        }
    }
    hits.sort_by_key(|h| h.0);
    let mut out = Vec::new();
    for (k, &(_, value_start, field)) in hits.iter().enumerate() {
        let end = hits.get(k + 1).map_or(line.len(), |h| h.0);
        if value_start <= end {
            out.push((field, line[value_start..end].trim().to_string()));
        }
    }
    out
}

/// Lines printed around the statistics table that belong to no prose:
/// 附件：, (2017 年度), 填报单位：….
pub fn is_table_furniture(line: &str) -> bool {
    let s = norm_keep_numbering(line);
    s.chars().count() <= 30
        && (s == "附件:"
            || s == "附件"
            || s.starts_with("填报单位:")
            || (s.starts_with('(') && s.ends_with("年度)")))
}

/// A table's own title line (2018年度政府信息公开工作情况统计表) right above it;
/// a numbered line (（二）…统计表) or 附件：… is the report's own text.
fn is_table_caption(line: &str, next: Option<&Block>) -> bool {
    let s = norm_keep_numbering(line);
    matches!(next, Some(Block::Row { .. }))
        && s.chars().count() <= 30
        && s.ends_with("统计表")
        && !s.starts_with("附件")
        && !super::text_tables::starts_item(line)
}

/// Read the cover from the blocks, removing the lines used.
/// `page`: the text comes from a web page, whose lines after the signature
/// are the site's footer.
pub fn extract(blocks: &mut Vec<Block>, page: bool) -> Cover {
    let mut cover = Cover::default();
    take_title(blocks, &mut cover);
    take_signoff(blocks, &mut cover);
    take_signature(blocks, &mut cover, page);
    let mut filler_unit = None;
    blocks.retain(|b| match b {
        Block::Line(l) if is_table_furniture(l) => {
            if let Some(u) = norm_keep_numbering(l).strip_prefix("填报单位:") {
                filler_unit.get_or_insert_with(|| u.to_string());
            }
            false
        }
        _ => true,
    });
    let captions: Vec<usize> = (0..blocks.len())
        .filter(|&i| matches!(&blocks[i], Block::Line(l) if is_table_caption(l, blocks.get(i + 1))))
        .collect();
    for i in captions.into_iter().rev() {
        blocks.remove(i);
    }
    if cover.unit.is_none() {
        let from_prose = || {
            blocks.iter().take(20).find_map(|b| match b {
                Block::Line(l) => unit_in_prose(l),
                _ => None,
            })
        };
        if let Some(u) = filler_unit.or(cover.signature_unit.clone()) {
            cover
                .notes
                .push(ImportNote::UnitFromSignature { unit: u.clone() });
            cover.unit = Some(u);
        } else if let Some(u) = from_prose() {
            cover
                .notes
                .push(ImportNote::UnitFromProse { unit: u.clone() });
            cover.unit = Some(u);
        } else {
            cover.notes.push(ImportNote::UnitMissing);
        }
    }
    if cover.year.is_none() {
        let found = blocks.iter().find_map(|b| match b {
            Block::Line(l) => find_year(l).map(|y| y.0),
            Block::Row { cells, .. } => cells.iter().find_map(|c| find_year(c).map(|y| y.0)),
        });
        match found {
            Some(y) => {
                cover.notes.push(ImportNote::YearFromProse { year: y });
                cover.year = Some(y);
            }
            None => cover.notes.push(ImportNote::YearMissing),
        }
    }
    cover
}

fn take_title(blocks: &mut Vec<Block>, cover: &mut Cover) {
    let lines: Vec<(usize, String)> = blocks
        .iter()
        .enumerate()
        .take_while(|(_, b)| matches!(b, Block::Line(_)))
        .take(TITLE_WINDOW)
        .filter_map(|(i, b)| match b {
            Block::Line(l) => Some((i, l.clone())),
            _ => None,
        })
        .collect();
    let Some(pos) = lines.iter().position(|(_, l)| is_title(l)) else {
        return;
    };
    let mut first = pos;
    let mut title = without_field_name(&squeeze(&lines[pos].1)).to_string();
    // 平罗县崇岗镇人民政府 / 2017 年政府信息公开工作年度报告: the unit on its own line.
    if find_year(&title).is_some_and(|(_, s, _)| s == 0)
        && pos > 0
        && is_unit_line(&lines[pos - 1].1)
    {
        first = pos - 1;
        title = format!("{}{}", squeeze(&lines[pos - 1].1), title);
    }
    cover.year = find_year(&title).map(|y| y.0);
    cover.unit = unit_from_title(&title);
    // A scrambled or year-less title is not kept as the report's own title:
    // the template's (unit + year + 政府信息公开工作年度报告) reads right.
    if !title.contains("年度报告") && !title.contains("年报") {
        cover.notes.push(ImportNote::TitleScrambled {
            title: title.clone(),
        });
    } else if cover.year.is_some() {
        cover.title = Some(title);
    }
    cover.dropped = lines[..first].iter().map(|(_, l)| l.clone()).collect();
    let end = lines[pos].0;
    blocks.drain(..=end);
}

fn take_signoff(blocks: &mut Vec<Block>, cover: &mut Cover) {
    blocks.retain(|b| {
        let Block::Line(l) = b else { return true };
        let pairs = signoff_pairs(l);
        let starts = pairs
            .first()
            .is_some_and(|(f, _)| l.trim_start().starts_with(f.label()));
        if starts {
            cover.signoff.extend(pairs);
            false
        } else {
            true
        }
    });
}

fn take_signature(blocks: &mut Vec<Block>, cover: &mut Cover, page: bool) {
    let found = (1..blocks.len())
        .rev()
        .find(|&i| match (&blocks[i - 1], &blocks[i]) {
            (Block::Line(u), Block::Line(d)) => is_unit_line(u) && is_date_line(d),
            _ => false,
        });
    if let Some(i) = found {
        if let (Block::Line(u), Block::Line(d)) = (&blocks[i - 1], &blocks[i]) {
            cover.signature_unit = Some(u.trim().to_string());
            cover.signature_date = Some(squeeze(d));
        }
        blocks.drain(i - 1..=i);
        if page {
            let tail = blocks.split_off(i - 1);
            for b in tail {
                match b {
                    Block::Line(l) => cover.dropped_after.push(l),
                    row => blocks.push(row),
                }
            }
        }
        return;
    }
    // A signature without a date: the unit's name alone on the last line.
    if let Some(Block::Line(u)) = blocks.last() {
        if is_unit_line(u) && !u.trim().ends_with('。') {
            cover.signature_unit = Some(u.trim().to_string());
            blocks.pop();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(v: &[&str]) -> Vec<Block> {
        v.iter().map(|s| Block::Line(s.to_string())).collect()
    }

    #[test]
    fn a_cms_field_name_is_no_part_of_the_title() {
        assert_eq!(
            without_field_name("标题:平潭综合实验区2023年度政府信息公开工作年度报告"),
            "平潭综合实验区2023年度政府信息公开工作年度报告"
        );
        assert_eq!(without_field_name("标题：某镇2022年报"), "某镇2022年报");
        assert_eq!(without_field_name("标题党2022年报"), "标题党2022年报");
    }

    #[test]
    fn titles_give_unit_and_year() {
        for (lines_in, unit, year) in [
            (
                vec!["桦川县悦来镇 2020 年政府信息公开 工作年度报告"],
                "桦川县悦来镇",
                2020,
            ),
            (
                vec!["平罗县崇岗镇人民政府", "2017 年政府信息公开工作年度报告"],
                "平罗县崇岗镇人民政府",
                2017,
            ),
            (vec![" 2017年新合镇信息公开工作年度报告"], "新合镇", 2017),
            (vec!["观水镇 2017 年政府信息公开年度报告"], "观水镇", 2017),
        ] {
            let mut b = lines(&lines_in);
            b.push(Block::Line("一、概述".into()));
            let c = extract(&mut b, false);
            assert_eq!(c.unit.as_deref(), Some(unit));
            assert_eq!(c.year, Some(year));
            assert_eq!(b, lines(&["一、概述"]));
        }
    }

    #[test]
    fn levels_from_names() {
        assert_eq!(level_from_unit("桦川县悦来镇"), UnitLevel::Township);
        assert_eq!(level_from_unit("平罗县崇岗镇人民政府"), UnitLevel::Township);
        assert_eq!(level_from_unit("某某街道办事处"), UnitLevel::Subdistrict);
        assert_eq!(level_from_unit("某某县人民政府"), UnitLevel::County);
        assert_eq!(level_from_unit("某某市人民政府"), UnitLevel::City);
        assert_eq!(level_from_unit("某某省人民政府"), UnitLevel::Province);
        assert_eq!(level_from_unit("某某县教育局"), UnitLevel::Unknown);
    }

    #[test]
    fn signature_and_signoff() {
        let mut b = lines(&[
            "正文。",
            "平罗县崇岗镇人民政府",
            "2018年1月3日",
            "单位负责人：梁迈 审核人：吕永红 填报人：张玉玲",
            "联系电话：0952-6680456 填报日期：2018年1月3日",
        ]);
        let c = extract(&mut b, false);
        assert_eq!(c.signature_unit.as_deref(), Some("平罗县崇岗镇人民政府"));
        assert_eq!(c.signature_date.as_deref(), Some("2018年1月3日"));
        assert!(c.signoff.contains(&(MetaField::Reviewer, "吕永红".into())));
        assert!(c
            .signoff
            .contains(&(MetaField::FillDate, "2018年1月3日".into())));
        assert!(c
            .signoff
            .contains(&(MetaField::Phone, "0952-6680456".into())));
        assert_eq!(b, lines(&["正文。"]));
    }

    #[test]
    fn unit_from_prose_without_title() {
        let mut b = lines(&["2018年以来，在区委的领导下，齐都镇认真贯彻落实条例。"]);
        let c = extract(&mut b, false);
        assert_eq!(c.unit.as_deref(), Some("齐都镇"));
        assert_eq!(c.year, Some(2018));
        assert_eq!(c.notes.len(), 2);
    }
}
