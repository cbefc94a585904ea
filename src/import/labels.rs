//! Tolerant label normalization (标签归一化) and matching.
//!
//! Published reports spell the official labels loosely: full- or half-width
//! brackets and punctuation, spaces and line breaks inside a label (PDF
//! extraction), missing or different leading numbering, 计/记 typos, a
//! parenthetical repeated or dropped. Matching folds all of those but never
//! guesses: a label that fits two candidates equally well is ambiguous.

/// Longest label we bother normalizing; longer text is no label (bounds work).
const MAX_LABEL_CHARS: usize = 400;

/// Fold one character: full-width ASCII to ASCII, ideographic space to space,
/// curly quotes to straight ones, and the frequent 记→计 typo.
fn fold_char(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' | '\u{00A0}' => ' ',
        '“' | '”' | '\u{201E}' | '″' => '"',
        '‘' | '’' | '′' => '\'',
        '〔' | '【' => '[',
        '〕' | '】' => ']',
        '记' => '计',
        '—' | '–' | '─' => '-',
        _ => c,
    }
}

/// This module's character folding (`fold_char`), for other stages that
/// must compare text the same way while keeping each character's position
/// (run-together tables).
pub fn fold(c: char) -> char {
    match fold_char(c) {
        '、' | '．' => '.',
        f => f,
    }
}

fn is_cn_numeral(c: char) -> bool {
    matches!(
        c,
        '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十' | '〇' | '零'
    )
}

/// Strip one leading numbering: `一、` `（一）` `(一).` `1.` `1、` `(1)` `①`.
fn strip_numbering(s: &str) -> &str {
    let chars: Vec<(usize, char)> = s.char_indices().take(8).collect();
    let at = |i: usize| chars.get(i).map(|&(_, c)| c);
    let rest_from = |i: usize| chars.get(i).map_or(s.len(), |&(b, _)| b);
    let mut i = 0;
    let mut bracket = false;
    if at(0) == Some('(') {
        bracket = true;
        i = 1;
    }
    let start = i;
    let numeral_cn = at(i).is_some_and(is_cn_numeral);
    while at(i).is_some_and(|c| {
        if numeral_cn {
            is_cn_numeral(c)
        } else {
            c.is_ascii_digit()
        }
    }) {
        i += 1;
    }
    if i == start {
        return match at(0) {
            Some('\u{2460}'..='\u{2473}') => &s[rest_from(1)..],
            _ => s,
        };
    }
    if bracket {
        if at(i) != Some(')') {
            return s;
        }
        i += 1;
        if matches!(at(i), Some('.' | '、' | ',')) {
            i += 1;
        }
        return &s[rest_from(i)..];
    }
    match at(i) {
        Some('、') => &s[rest_from(i + 1)..],
        Some('.') if !numeral_cn && !at(i + 1).is_some_and(|c| c.is_ascii_digit()) => {
            &s[rest_from(i + 1)..]
        }
        Some(')') if !numeral_cn => &s[rest_from(i + 1)..],
        // "7." alone, or "3" alone as a label: numbering with nothing after it.
        None if !numeral_cn && s.chars().count() == i => "",
        _ => s,
    }
}

/// The comparison key of a label: folded, without whitespace, without the
/// leading numbering.
pub fn norm(label: &str) -> String {
    let folded: String = label
        .chars()
        .take(MAX_LABEL_CHARS)
        .map(fold_char)
        // Quote marks carry no meaning in a label, and PDF text moves them
        // (3.“”危及三安全一稳定).
        .filter(|c| !c.is_whitespace() && !matches!(c, '*' | '“' | '”' | '"' | '‘' | '’'))
        .collect();
    strip_numbering(&folded).to_string()
}

/// A looser key: [`norm`] without any parenthesized remark, so a remark that
/// is repeated, dropped or moved still matches.
pub fn loose(label: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    for c in norm(label).chars() {
        match c {
            '(' => depth += 1,
            ')' if depth > 0 => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// How well a found label matches an official one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Quality {
    /// The found text is the start of the official label (PDF cut it off).
    Prefix = 1,
    /// Equal once parenthesized remarks are ignored.
    Loose = 2,
    /// Equal after folding.
    Exact = 3,
}

/// Pre-computed keys of one official label.
#[derive(Debug, Clone)]
pub struct Key {
    pub norm: String,
    pub loose: String,
}

impl Key {
    pub fn new(label: &str) -> Key {
        Key {
            norm: norm(label),
            loose: loose(label),
        }
    }

    /// How `found` (already a [`Key`]) matches this official label, if at all.
    pub fn quality(&self, found: &Key) -> Option<Quality> {
        if found.norm.is_empty() || self.norm.is_empty() {
            return None;
        }
        if found.norm == self.norm {
            return Some(Quality::Exact);
        }
        if !found.loose.is_empty() && found.loose == self.loose {
            return Some(Quality::Loose);
        }
        // A cut-off label must keep enough characters to mean something.
        if found.norm.chars().count() >= 4 && self.norm.starts_with(&found.norm) {
            return Some(Quality::Prefix);
        }
        None
    }
}

/// Join a label cut in two by a PDF line break; the second piece sometimes
/// repeats the last characters of the first (其他对外管 + 管理服务事项).
pub fn join_broken(first: &str, second: &str) -> Vec<String> {
    let a = norm_keep_numbering(first);
    let b = norm_keep_numbering(second);
    let mut out = vec![format!("{a}{b}")];
    let max = a.chars().count().min(b.chars().count()).min(4);
    for k in (1..=max).rev() {
        let tail: String = a
            .chars()
            .rev()
            .take(k)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        if b.starts_with(&tail) {
            out.push(format!("{a}{}", &b[tail.len()..]));
            break;
        }
    }
    out
}

/// Folded, whitespace-free text with its numbering kept (for joining pieces).
pub fn norm_keep_numbering(label: &str) -> String {
    label
        .chars()
        .take(MAX_LABEL_CHARS)
        .map(fold_char)
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// Similarity of two headings (Dice coefficient over character bigrams),
/// used only to map legacy part headings, whose wording varied by region.
pub fn similarity(a: &str, b: &str) -> f64 {
    // One heading holding the other whole (收费及减免 in 政府信息公开的收费及减免情况)
    // is as strong a sign as there is.
    let (la, lb) = (loose(a), loose(b));
    if la.chars().count() >= 2 && lb.chars().count() >= 2 && (la.contains(&lb) || lb.contains(&la))
    {
        return 0.9;
    }
    let bigrams = |s: &str| -> Vec<(char, char)> {
        let cs: Vec<char> = loose(s).chars().take(MAX_LABEL_CHARS).collect();
        cs.windows(2).map(|w| (w[0], w[1])).collect()
    };
    // A short heading whose characters all appear, in order, in the other
    // (存在问题 in 存在的主要问题及改进情况).
    let (ca, cb): (Vec<char>, Vec<char>) =
        (la.chars().take(60).collect(), lb.chars().take(60).collect());
    let shorter = ca.len().min(cb.len());
    if shorter >= 4 && lcs(&ca, &cb) == shorter {
        return 0.8;
    }
    let (x, y) = (bigrams(a), bigrams(b));
    if x.is_empty() || y.is_empty() {
        return 0.0;
    }
    let mut used = vec![false; y.len()];
    let mut common = 0usize;
    for g in &x {
        if let Some(i) = (0..y.len()).find(|&i| !used[i] && y[i] == *g) {
            used[i] = true;
            common += 1;
        }
    }
    (2 * common) as f64 / (x.len() + y.len()) as f64
}

/// Length of the longest common subsequence (inputs are short headings).
fn lcs(a: &[char], b: &[char]) -> usize {
    let mut prev = vec![0usize; b.len() + 1];
    for &x in a {
        let mut cur = vec![0usize; b.len() + 1];
        for (j, &y) in b.iter().enumerate() {
            cur[j + 1] = if x == y {
                prev[j] + 1
            } else {
                prev[j + 1].max(cur[j])
            };
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_width_spaces_numbering_and_typos() {
        assert_eq!(
            norm("（二）部分公开（区分处理的，只记这一情形）"),
            norm("(二) 部分公开(区分处理的,只计这一情形)")
        );
        assert_eq!(
            norm("3. 危及 “三安 全一 稳定”"),
            norm("3.危及“三安全一稳定”")
        );
        assert_eq!(norm("1.属于国家秘密"), "属于国家秘密");
        assert_eq!(
            norm("十三、政府信息公开会议和培训情况"),
            "政府信息公开会议和培训情况"
        );
        assert_eq!(norm("（一）.建立"), "建立");
        assert_eq!(norm("7."), "");
        assert_eq!(norm("自 然人"), "自然人");
        assert_eq!(norm("本年增/减"), "本年增/减");
    }

    #[test]
    fn loose_ignores_remarks() {
        let official = Key::new("（一）主动公开政府信息数（不同渠道和方式公开相同信息计1条）");
        let found = Key::new("(一) 主动公开政府信息数(不同渠道和方式公开相同信息计1条) (不同渠道和方式公开相同信息计1条)");
        assert_eq!(official.quality(&found), Some(Quality::Loose));
    }

    #[test]
    fn prefix_needs_four_characters() {
        let official = Key::new("其他对外管理服务事项");
        assert_eq!(
            official.quality(&Key::new("其他对外管")),
            Some(Quality::Prefix)
        );
        assert_eq!(official.quality(&Key::new("其他")), None);
    }

    #[test]
    fn joins_broken_labels_with_overlap() {
        let joined = join_broken("其他对外管", "管理服务事项");
        assert!(joined.contains(&"其他对外管理服务事项".to_string()));
        assert_eq!(
            join_broken("4. 无正", "当理由大量反复申请")[0],
            "4.无正当理由大量反复申请"
        );
    }

    #[test]
    fn similarity_ranks_headings() {
        assert!(
            similarity(
                "五、存在的主要问题及改进情况",
                "八、政府信息公开工作存在的主要问题及改进情况"
            ) > 0.6
        );
        assert!(similarity("一、概述", "五、存在的主要问题及改进情况") < 0.2);
    }
}
