//! Display width and line wrapping for the plain-text export.
//!
//! Widths are measured the way a Chinese office font shows them: Hanzi and
//! full-width punctuation take two columns, and so do the East Asian
//! “ambiguous” characters (“ ” — ·), which CJK fonts draw full width.

use unicode_width::UnicodeWidthStr;

/// Display width of `s` in columns (CJK context).
pub fn width(s: &str) -> usize {
    s.width_cjk()
}

fn char_width(c: char) -> usize {
    let mut buf = [0u8; 4];
    width(c.encode_utf8(&mut buf))
}

/// Punctuation that must not begin a line (禁则).
fn no_line_start(token: &str) -> bool {
    token
        .chars()
        .next()
        .is_some_and(|c| "，。、；：？！）》」』】〕”’…—·%,.;:?!)]}".contains(c))
}

/// Punctuation that must not end a line.
fn no_line_end(token: &str) -> bool {
    token
        .chars()
        .next()
        .is_some_and(|c| "（《「『【〔“‘([{".contains(c))
}

/// Split into wrap units: runs of ASCII letters and digits stay whole, every
/// other character is a unit of its own.
fn tokens(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        let word = c.is_ascii_alphanumeric();
        match (start, word) {
            (None, true) => start = Some(i),
            (Some(st), false) => {
                out.push(&s[st..i]);
                start = None;
            }
            _ => {}
        }
        if !word {
            out.push(&s[i..i + c.len_utf8()]);
        }
    }
    if let Some(st) = start {
        out.push(&s[st..]);
    }
    out
}

/// Wrap one line of text to lines of at most `max` columns (at least one line).
pub fn wrap(s: &str, max: usize) -> Vec<String> {
    let max = max.max(2);
    let mut lines: Vec<Vec<&str>> = vec![Vec::new()];
    let mut used = 0;
    for tok in tokens(s) {
        let w = width(tok);
        if used + w <= max {
            push(&mut lines, tok, &mut used, w);
            continue;
        }
        if tok == " " {
            lines.push(Vec::new());
            used = 0;
            continue;
        }
        if w > max {
            for (i, c) in tok.char_indices() {
                let cw = char_width(c);
                if used + cw > max {
                    lines.push(Vec::new());
                    used = 0;
                }
                push(&mut lines, &tok[i..i + c.len_utf8()], &mut used, cw);
            }
            continue;
        }
        let carried = take_carry(&mut lines, tok, max - w);
        lines.push(Vec::new());
        used = 0;
        for c in carried {
            push(&mut lines, c, &mut used, width(c));
        }
        push(&mut lines, tok, &mut used, w);
    }
    lines
        .into_iter()
        .map(|l| l.concat().trim_end().to_string())
        .collect()
}

fn push<'a>(lines: &mut [Vec<&'a str>], tok: &'a str, used: &mut usize, w: usize) {
    if let Some(line) = lines.last_mut() {
        if !(line.is_empty() && tok == " ") {
            line.push(tok);
            *used += w;
        }
    }
}

/// Before breaking ahead of `next`: the tokens to move from the end of the
/// current line onto the new one, so that a closing mark does not start the
/// new line and an opening mark does not end the old one. Moves at most
/// `room` columns and never empties the current line.
fn take_carry<'a>(lines: &mut [Vec<&'a str>], next: &str, room: usize) -> Vec<&'a str> {
    let Some(line) = lines.last_mut() else {
        return Vec::new();
    };
    let mut carry = Vec::new();
    let mut moved = 0;
    let mut want = no_line_start(next);
    while line.len() > 1 {
        let Some(&last) = line.last() else { break };
        if !(want || no_line_end(last)) || moved + width(last) > room {
            break;
        }
        moved += width(last);
        carry.push(last);
        line.pop();
        want = no_line_start(last);
    }
    carry.reverse();
    carry
}

/// `s` padded with spaces to `w` columns: left, right or centred.
pub fn pad(s: &str, w: usize, align: Align) -> String {
    let gap = w.saturating_sub(width(s));
    let (left, right) = match align {
        Align::Left => (0, gap),
        Align::Right => (gap, 0),
        Align::Center => (gap / 2, gap - gap / 2),
    };
    format!("{}{s}{}", " ".repeat(left), " ".repeat(right))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
    Center,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cjk_counts_double_and_quotes_are_wide() {
        assert_eq!(width("规章"), 4);
        assert_eq!(width("a1"), 2);
        assert_eq!(width("“三安全一稳定”"), 16);
    }

    #[test]
    fn wraps_within_width_and_keeps_all_text() {
        let s = "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请";
        for max in [6, 10, 17, 24, 40] {
            let lines = wrap(s, max);
            assert!(lines.iter().all(|l| width(l) <= max), "{max}: {lines:?}");
            assert_eq!(lines.concat(), s);
        }
    }

    #[test]
    fn closing_punctuation_never_starts_a_line() {
        let lines = wrap("甲乙丙，丁戊", 6);
        assert_eq!(lines, vec!["甲乙", "丙，丁", "戊"]);
        let lines = wrap("（二）部分公开", 6);
        assert!(lines.iter().all(|l| !l.starts_with('）')), "{lines:?}");
    }

    #[test]
    fn ascii_words_stay_whole() {
        assert_eq!(wrap("第2025年度", 6), vec!["第2025", "年度"]);
        assert_eq!(wrap("ab cd", 3), vec!["ab", "cd"]);
    }

    #[test]
    fn pads_by_display_width() {
        assert_eq!(pad("规章", 6, Align::Right), "  规章");
        assert_eq!(pad("7", 5, Align::Center), "  7  ");
    }
}
