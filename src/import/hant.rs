//! Traditional Chinese (mirror sites re-host reports in it) to Simplified,
//! and pinyin annotations (`规(guī)章`) removed, before any label is matched.
//!
//! The table is OpenCC's `TSCharacters.txt` (assets/zh, Apache-2.0), read once;
//! conversion is per character, which is all official labels need (no
//! phrase ever changes a label's meaning). Digits are never touched.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::text_tables::Block;

const TABLE: &str = include_str!("../../assets/zh/TSCharacters.txt");

fn table() -> &'static HashMap<char, char> {
    static MAP: OnceLock<HashMap<char, char>> = OnceLock::new();
    MAP.get_or_init(|| {
        TABLE
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| {
                let (from, to) = l.split_once('\t')?;
                let mut f = from.chars();
                let from = f.next().filter(|_| f.next().is_none())?;
                let to = to.split(' ').next()?.chars().next()?;
                (from != to).then_some((from, to))
            })
            .collect()
    })
}

/// Tone-marked vowels of Hanyu Pinyin.
fn is_pinyin_letter(c: char) -> bool {
    c.is_ascii_lowercase() || "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü".contains(c)
}

fn has_tone(s: &str) -> bool {
    s.chars().any(|c| !c.is_ascii() && is_pinyin_letter(c))
}

fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}')
}

/// `s` in Simplified characters, without pinyin in brackets after a
/// character; `None` when nothing changed (the common case costs no copy).
pub fn simplify(s: &str) -> Option<String> {
    let map = table();
    let needs = s.chars().any(|c| map.contains_key(&c))
        || (s.contains(['(', '（']) && s.chars().any(|c| !c.is_ascii() && is_pinyin_letter(c)));
    if !needs {
        return None;
    }
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if matches!(c, '(' | '（') && i > 0 && is_han(chars[i - 1]) {
            let close = chars[i + 1..]
                .iter()
                .take(8)
                .position(|&d| matches!(d, ')' | '）'));
            if let Some(n) = close {
                let inner: String = chars[i + 1..i + 1 + n].iter().collect();
                let inner = inner.trim();
                if !inner.is_empty() && inner.chars().all(is_pinyin_letter) && has_tone(inner) {
                    i += n + 2;
                    continue;
                }
            }
        }
        out.push(*map.get(&c).unwrap_or(&c));
        i += 1;
    }
    Some(out)
}

/// Convert every line and cell; true when anything was Traditional or annotated.
pub fn simplify_blocks(blocks: &mut [Block]) -> bool {
    let mut changed = false;
    let mut fix = |s: &mut String| {
        if let Some(t) = simplify(s) {
            changed |= t != *s;
            *s = t;
        }
    };
    for b in blocks {
        match b {
            Block::Line(l) => fix(l),
            Block::Row { cells, .. } => cells.iter_mut().for_each(&mut fix),
        }
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traditional_labels_become_simplified() {
        // Traditional characters written as escapes: the source stays in GB2312.
        assert_eq!(
            simplify("行政\u{5F37}\u{88FD}").as_deref(),
            Some("行政强制")
        );
        assert_eq!(simplify("\u{96BB}计").as_deref(), Some("只计"));
        assert_eq!(simplify("规章 12"), None);
    }

    #[test]
    fn pinyin_after_characters_is_dropped() {
        assert_eq!(simplify("\u{898F}(guī)章").as_deref(), Some("规章"));
        assert_eq!(simplify("规（guī）章").as_deref(), Some("规章"));
        // Brackets that are not pinyin stay.
        assert_eq!(simplify("（一）予以公开"), None);
    }
}
