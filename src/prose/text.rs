//! Small text helpers shared by the prose checks and the editor: character
//! offsets, how a part is named in findings, heading-shaped lines.

use crate::template::{Part, Template};

/// Byte offset → character offset (editors select by character).
pub fn char_offset(text: &str, byte: usize) -> usize {
    text.get(..byte).map_or(0, |s| s.chars().count())
}

/// How findings name a part: 第一部分 (from its heading's numeral), or the heading.
pub fn part_name(part: &Part) -> String {
    match part.heading.split_once('、') {
        Some((numeral, _)) if numeral.chars().count() <= 2 => format!("第{numeral}部分"),
        _ => part.heading.clone(),
    }
}

/// The numeral of a part's heading (`一`), if it has one.
pub fn heading_numeral(heading: &str) -> Option<&str> {
    heading
        .split_once('、')
        .map(|(n, _)| n)
        .filter(|n| !n.is_empty() && n.chars().all(is_numeral))
}

fn is_numeral(c: char) -> bool {
    "一二三四五六七八九十".contains(c)
}

/// A line shaped like a top-level heading (`五、存在的问题及改进措施`):
/// a Chinese numeral and `、`, short, not ending like a sentence.
pub fn top_heading(line: &str) -> Option<(&str, &str)> {
    let t = line.trim_matches([' ', '\u{3000}', '\t', '\r']);
    let n = t.chars().count();
    if !(3..=40).contains(&n) || t.ends_with(['。', '；', ';', '：', ':', '，', ',', '！', '？'])
    {
        return None;
    }
    let (numeral, rest) = t.split_once(['、', '．'])?;
    if numeral.is_empty() || numeral.chars().count() > 2 || !numeral.chars().all(is_numeral) {
        return None;
    }
    Some((numeral, rest))
}

/// The prose parts of a template, in order.
pub fn prose_parts(template: &Template) -> impl Iterator<Item = &Part> {
    template.parts.iter().filter(|p| p.prose)
}

/// Characters that carry meaning (letters, digits, CJK), for “how long is it”.
pub fn meaningful_chars(text: &str) -> usize {
    text.chars().filter(|c| c.is_alphanumeric()).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_and_offsets() {
        assert_eq!(
            top_heading("五、存在的问题及改进措施"),
            Some(("五", "存在的问题及改进措施"))
        );
        assert_eq!(top_heading("一是建立健全制度。"), None);
        assert_eq!(top_heading("（一）加强组织领导"), None);
        assert_eq!(char_offset("予以公开5件", "予以公开".len()), 4);
        assert_eq!(heading_numeral("六、其他需要报告的事项"), Some("六"));
    }
}
