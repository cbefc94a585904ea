//! Word 97–2003 (.doc) and WPS (.wps) binary files as lines and table rows —
//! the blocks the .docx reader makes, so placement is shared.
//!
//! The container is read by `cfb` (a maintained compound-file reader; it
//! checks sector chains, so FAT loops and bad sector numbers come back as
//! errors). No maintained crate reads the Word binary text with bounds we
//! control, so the little needed is here: the FIB gives the piece table
//! (text pieces, 8-bit or UTF-16) and the paragraph properties (which
//! paragraphs are in a table, which mark ends a row). Special characters:
//! `\r` paragraph, `\x07` cell or row end, `\x13 code \x14 result \x15`
//! fields (the result is kept), `\x0b` line break, `\x0c` page break.

use std::io::{Cursor, Read};

use super::grid::{collapse, layout, Cell, MAX_PAGE_CELLS, MAX_SPAN};
use super::text_tables::{clip, Block, MAX_BLOCKS, MAX_CELLS, MAX_LINE_CHARS};

/// Most characters of text read (a report has tens of thousands).
const MAX_CHARS: usize = 16 * 1024 * 1024;
/// Most paragraph-property runs read (one per paragraph or so).
const MAX_RUNS: usize = 1_000_000;
/// Compound files are written in 512-byte sectors.
const SECTOR: usize = 512;

/// Why a compound file could not be read as Word text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DocError {
    /// The compound file itself is broken (cause from `cfb`).
    BadContainer(String),
    /// No `WordDocument` stream: an older WPS format, or not a document.
    NotWord,
    /// The Word structures inside are broken (what was wrong).
    Damaged(String),
    /// The document is password-protected.
    Encrypted,
}

fn damaged(what: impl Into<String>) -> DocError {
    DocError::Damaged(what.into())
}

/// The blocks of a .doc / .wps held in memory.
pub fn blocks_from_doc(bytes: &[u8]) -> Result<Vec<Block>, DocError> {
    let streams = Streams::read(bytes)?;
    let fib = Fib::parse(&streams.word)?;
    let table = match fib.table_1 {
        true => &streams.table1,
        false => &streams.table0,
    };
    let table = table
        .as_deref()
        .ok_or_else(|| damaged("table stream missing"))?;
    let text = read_text(&streams.word, table, &fib)?;
    let data = streams.data.as_deref().unwrap_or_default();
    let runs = para_runs(&streams.word, table, data, &fib);
    Ok(to_blocks(&text, &runs))
}

struct Streams {
    word: Vec<u8>,
    table0: Option<Vec<u8>>,
    table1: Option<Vec<u8>>,
    data: Option<Vec<u8>>,
}

impl Streams {
    /// The streams a document needs. A file WPS wrote can stop short of its
    /// last sector; it is padded to whole sectors before `cfb` reads it.
    fn read(bytes: &[u8]) -> Result<Streams, DocError> {
        let mut padded;
        let bytes = match bytes.len() % SECTOR {
            0 => bytes,
            r => {
                padded = Vec::with_capacity(bytes.len() + SECTOR - r);
                padded.extend_from_slice(bytes);
                padded.resize(bytes.len() + SECTOR - r, 0);
                &padded[..]
            }
        };
        let mut cf = cfb::CompoundFile::open(Cursor::new(bytes))
            .map_err(|e| DocError::BadContainer(e.to_string()))?;
        if cf.exists("/EncryptedPackage") {
            return Err(DocError::Encrypted);
        }
        if !cf.is_stream("/WordDocument") {
            return Err(DocError::NotWord);
        }
        let limit = bytes.len() as u64;
        let mut read = |name: &str| -> Result<Option<Vec<u8>>, DocError> {
            if !cf.is_stream(name) {
                return Ok(None);
            }
            let stream = cf
                .open_stream(name)
                .map_err(|e| DocError::BadContainer(e.to_string()))?;
            let mut out = Vec::new();
            stream
                .take(limit)
                .read_to_end(&mut out)
                .map_err(|e| DocError::BadContainer(e.to_string()))?;
            Ok(Some(out))
        };
        Ok(Streams {
            word: read("/WordDocument")?.unwrap_or_default(),
            table0: read("/0Table")?,
            table1: read("/1Table")?,
            data: read("/Data")?,
        })
    }
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(
        b.get(at..at.checked_add(2)?)?.try_into().ok()?,
    ))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(
        b.get(at..at.checked_add(4)?)?.try_into().ok()?,
    ))
}

/// The parts of the File Information Block read here.
struct Fib {
    table_1: bool,
    ccp_text: usize,
    clx: (usize, usize),
    bte_papx: (usize, usize),
}

impl Fib {
    fn parse(word: &[u8]) -> Result<Fib, DocError> {
        let short = || damaged("FIB truncated");
        if u16_at(word, 0).ok_or_else(short)? != 0xA5EC {
            return Err(DocError::NotWord);
        }
        let flags = u16_at(word, 0x0A).ok_or_else(short)?;
        if flags & 0x0100 != 0 {
            return Err(DocError::Encrypted);
        }
        let csw = usize::from(u16_at(word, 32).ok_or_else(short)?);
        let lw = 34 + csw * 2;
        let cslw = usize::from(u16_at(word, lw).ok_or_else(short)?);
        let fclcb = lw + 2 + cslw * 4 + 2;
        let pair = |i: usize| -> Result<(usize, usize), DocError> {
            let fc = u32_at(word, fclcb + i * 8).ok_or_else(short)?;
            let lcb = u32_at(word, fclcb + i * 8 + 4).ok_or_else(short)?;
            Ok((fc as usize, lcb as usize))
        };
        Ok(Fib {
            table_1: flags & 0x0200 != 0,
            ccp_text: u32_at(word, lw + 2 + 12).ok_or_else(short)? as usize,
            clx: pair(33)?,
            bte_papx: pair(13)?,
        })
    }
}

/// A table-stream slice named by an (offset, length) pair of the FIB.
fn slice<'a>(table: &'a [u8], (fc, lcb): (usize, usize), what: &str) -> Result<&'a [u8], DocError> {
    fc.checked_add(lcb)
        .and_then(|end| table.get(fc..end))
        .ok_or_else(|| damaged(format!("{what} at {fc}+{lcb} outside table stream")))
}

/// The main text with, for each `\r` / `\x07`, its file offset (FC), by
/// which its paragraph properties are found.
struct Text {
    chars: Vec<char>,
    marks: Vec<(usize, u32)>,
}

/// The main document's text, piece by piece.
fn read_text(word: &[u8], table: &[u8], fib: &Fib) -> Result<Text, DocError> {
    let mut clx = slice(table, fib.clx, "CLX")?;
    // Skip the Prc entries (formatting) to the Pcdt (the piece table).
    let plc = loop {
        match clx.first() {
            Some(1) => {
                let cb = u16_at(clx, 1).ok_or_else(|| damaged("Prc truncated"))? as usize;
                clx = clx.get(3 + cb..).ok_or_else(|| damaged("Prc truncated"))?;
            }
            Some(2) => {
                let lcb = u32_at(clx, 1).ok_or_else(|| damaged("Pcdt truncated"))? as usize;
                break clx
                    .get(5..5usize.saturating_add(lcb))
                    .ok_or_else(|| damaged("Pcdt truncated"))?;
            }
            _ => return Err(damaged("no piece table in CLX")),
        }
    };
    let n = plc.len().saturating_sub(4) / 12;
    let limit = fib.ccp_text.min(MAX_CHARS);
    let mut text = Text {
        chars: Vec::new(),
        marks: Vec::new(),
    };
    for i in 0..n {
        let cp = |k: usize| u32_at(plc, k * 4).map(|v| v as usize);
        let (Some(start), Some(end)) = (cp(i), cp(i + 1)) else {
            break;
        };
        // Pieces follow one another; overlapping ones (a hostile table
        // repeating one range) would multiply the text read.
        if end < start || start >= limit || start < text.chars.len() {
            break;
        }
        let count = end.min(limit) - start;
        let pcd = u32_at(plc, (n + 1) * 4 + i * 8 + 2).ok_or_else(|| damaged("Pcd truncated"))?;
        let compressed = pcd & 0x4000_0000 != 0;
        let fc = (pcd & 0x3FFF_FFFF) as usize;
        let (at, width) = match compressed {
            true => (fc / 2, 1),
            false => (fc, 2),
        };
        let bytes = count
            .checked_mul(width)
            .and_then(|len| word.get(at..at.checked_add(len)?))
            .ok_or_else(|| damaged(format!("piece {i} at {at}+{count} outside WordDocument")))?;
        for (k, unit) in bytes.chunks_exact(width).enumerate() {
            let c = match compressed {
                true => char::from(unit[0]),
                false => char::from_u32(u32::from(u16::from_le_bytes([unit[0], unit[1]])))
                    .unwrap_or(char::REPLACEMENT_CHARACTER),
            };
            if c == '\r' || c == '\x07' {
                text.marks.push((text.chars.len(), (at + k * width) as u32));
            }
            text.chars.push(c);
        }
    }
    Ok(text)
}

/// The paragraph properties of a run of text (FC `start..end`).
#[derive(Debug, Clone, Default)]
struct Run {
    start: u32,
    end: u32,
    in_table: bool,
    /// The mark ends a table row.
    ttp: bool,
    /// On a row end: the cell edges (`rgdxaCenter` of `sprmTDefTable`), by
    /// which a merged (wider) cell is given its column span.
    edges: Vec<i16>,
    /// On a row end: which cells continue a vertical merge from the row above.
    merged: Vec<bool>,
}

/// Paragraph property runs, sorted by FC. Unreadable properties give no
/// runs, and the 0x07 convention alone is used.
fn para_runs(word: &[u8], table: &[u8], data: &[u8], fib: &Fib) -> Vec<Run> {
    let Ok(plc) = slice(table, fib.bte_papx, "PlcBtePapx") else {
        return Vec::new();
    };
    let n = plc.len().saturating_sub(4) / 8;
    let mut runs = Vec::new();
    for i in 0..n {
        let Some(pn) = u32_at(plc, (n + 1) * 4 + i * 4) else {
            break;
        };
        let base = (pn & 0x3F_FFFF) as usize * SECTOR;
        let Some(fkp) = word.get(base..base + SECTOR) else {
            continue;
        };
        let crun = usize::from(fkp[SECTOR - 1]);
        for r in 0..crun {
            let (Some(start), Some(end)) = (u32_at(fkp, r * 4), u32_at(fkp, r * 4 + 4)) else {
                break;
            };
            let off = fkp
                .get((crun + 1) * 4 + r * 13)
                .map_or(0, |b| usize::from(*b) * 2);
            if runs.len() < MAX_RUNS {
                runs.push(Run {
                    start,
                    end,
                    ..papx(fkp, off, data)
                });
            }
        }
    }
    runs.sort_unstable_by_key(|r| r.start);
    runs
}

/// `fInTable` (sprm 0x2416), `fTtp` (0x2417) and the cell edges
/// (0xD608) of a PapxInFkp at `off`.
fn papx(fkp: &[u8], off: usize, data: &[u8]) -> Run {
    let mut run = Run::default();
    if off == 0 {
        return run;
    }
    let Some(&cb) = fkp.get(off) else {
        return run;
    };
    let (start, len) = match cb {
        0 => (off + 2, fkp.get(off + 1).map_or(0, |b| usize::from(*b) * 2)),
        _ => (off + 1, usize::from(cb) * 2 - 1),
    };
    let Some(grp) = fkp.get(start..(start + len).min(fkp.len())) else {
        return run;
    };
    sprms(grp.get(2..).unwrap_or_default(), data, &mut run, true);
    run
}

/// Read the sprms of interest into `run`. A paragraph too big for its page
/// (a wide table's row end) keeps its sprms in the `Data` stream, named by
/// `sprmPHugePapx` (0x6646); that indirection is followed once.
fn sprms(grp: &[u8], data: &[u8], run: &mut Run, follow: bool) {
    let mut at = 0;
    while let Some(sprm) = u16_at(grp, at) {
        let operand = at + 2;
        let size = match sprm >> 13 {
            // sprmTDefTable: a two-byte length, counting itself less one.
            _ if sprm == 0xD608 => 1 + u16_at(grp, operand).map_or(0, usize::from),
            0 | 1 => 1,
            2 | 4 | 5 => 2,
            3 => 4,
            7 => 3,
            _ => 1 + grp.get(operand).map_or(0, |b| usize::from(*b)),
        };
        let on = grp.get(operand).is_some_and(|b| *b != 0);
        match sprm {
            0x2416 => run.in_table = on,
            0x2417 => run.ttp = on,
            0xD608 => {
                let op = grp.get(operand + 2..).unwrap_or_default();
                (run.edges, run.merged) = table_def(op);
            }
            0x6646 if follow => {
                let huge = u32_at(grp, operand).map_or(usize::MAX, |v| v as usize);
                let cb = u16_at(data, huge).map_or(0, usize::from);
                let inner = huge
                    .checked_add(2)
                    .and_then(|a| data.get(a..a.checked_add(cb)?));
                sprms(inner.unwrap_or_default(), data, run, false);
            }
            _ => {}
        }
        at = operand + size;
    }
}

/// A TDefTableOperand (after its length): `itcMac`, `itcMac` + 1 cell
/// edges, then a 20-byte TC80 per cell whose `fVertMerge` (0x20) without
/// `fVertRestart` (0x40) marks the lower part of a vertical merge.
fn table_def(op: &[u8]) -> (Vec<i16>, Vec<bool>) {
    let n = op.first().map_or(0, |n| usize::from(*n).min(MAX_CELLS));
    let edges = (0..=n)
        .map_while(|i| u16_at(op, 1 + i * 2).map(|v| v as i16))
        .collect();
    let tcs = 1 + (n + 1) * 2;
    let merged = (0..n)
        .map(|i| u16_at(op, tcs + i * 20).is_some_and(|f| f & 0x60 == 0x20))
        .collect();
    (edges, merged)
}

/// The properties of the paragraph whose mark is at `fc`.
fn props(runs: &[Run], fc: u32) -> Option<&Run> {
    let i = runs.partition_point(|r| r.start <= fc).checked_sub(1)?;
    runs.get(i).filter(|r| fc < r.end)
}

/// Lines and table rows from the text and its paragraph properties.
fn to_blocks(text: &Text, runs: &[Run]) -> Vec<Block> {
    let mut b = Builder::default();
    let mut marks = text.marks.iter().peekable();
    // Open fields: `true` while still in the code part.
    let mut fields: Vec<bool> = Vec::new();
    for (i, &c) in text.chars.iter().enumerate() {
        let fc = match marks.peek() {
            Some(&&(at, fc)) if at == i => {
                marks.next();
                Some(fc)
            }
            _ => None,
        };
        match c {
            '\x13' => {
                if fields.len() < 64 {
                    fields.push(true);
                }
            }
            '\x14' => {
                if let Some(f) = fields.last_mut() {
                    *f = false;
                }
            }
            '\x15' => {
                fields.pop();
            }
            _ if fields.iter().any(|&code| code) && c != '\r' && c != '\x07' => {}
            '\r' => {
                let in_table = fc.and_then(|fc| props(runs, fc)).map(|p| p.in_table);
                b.paragraph(in_table.unwrap_or(!b.cells.is_empty()));
            }
            '\x07' => {
                let run = fc.and_then(|fc| props(runs, fc));
                // Without properties: an empty mark right after a cell ends the row.
                let guess = b.para.is_empty() && b.cell.is_empty() && b.after_cell;
                match run {
                    Some(r) if r.ttp => b.row_end(&r.edges, &r.merged),
                    Some(_) => b.cell_end(),
                    None if guess => b.row_end(&[], &[]),
                    None => b.cell_end(),
                }
            }
            '\x0b' | '\x0c' | '\x0e' => b.para.push(' '),
            '\t' => b.para.push('\t'),
            c if (c as u32) < 0x20 => {}
            c => {
                if b.para.len() < 4 * MAX_LINE_CHARS {
                    b.para.push(c);
                }
            }
        }
        if b.out.len() >= MAX_BLOCKS {
            break;
        }
    }
    b.paragraph(false);
    b.end_table();
    b.out
}

#[derive(Default)]
struct Builder {
    out: Vec<Block>,
    para: String,
    /// Paragraphs of the cell being read.
    cell: String,
    cells: Vec<String>,
    /// The last mark was a cell end (for the 0x07 convention).
    after_cell: bool,
    /// Rows of the table being read, with their cell edges and merges.
    rows: Vec<(Vec<String>, Vec<i16>, Vec<bool>)>,
    grid: usize,
    budget: usize,
}

impl Builder {
    fn paragraph(&mut self, in_table: bool) {
        let para = std::mem::take(&mut self.para);
        self.after_cell = false;
        if in_table {
            self.cell.push_str(&para);
            self.cell.push(' ');
            return;
        }
        let text = collapse(&para);
        if !text.is_empty() {
            self.end_table();
            if self.out.len() < MAX_BLOCKS {
                self.out.push(Block::Line(clip(&text).to_string()));
            }
        }
    }

    fn cell_end(&mut self) {
        let mut cell = std::mem::take(&mut self.cell);
        cell.push_str(&std::mem::take(&mut self.para));
        if self.cells.len() < MAX_CELLS {
            self.cells.push(clip(&collapse(&cell)).to_string());
        }
        self.after_cell = true;
    }

    fn row_end(&mut self, edges: &[i16], merged: &[bool]) {
        self.para.clear();
        self.cell.clear();
        self.after_cell = false;
        let cells = std::mem::take(&mut self.cells);
        // A one-cell row (a caption such as 第二十条第（五）项) starts a new table:
        // Word joins tables with nothing between them.
        if cells.len() == 1 {
            self.end_table();
        }
        if self.rows.len() < MAX_BLOCKS {
            self.rows.push((cells, edges.to_vec(), merged.to_vec()));
        }
    }

    /// The table's rows on one grid: the column edges of all rows together,
    /// a cell spanning the columns between its own edges (a merged cell's
    /// text repeated, as the .docx reader does).
    fn end_table(&mut self) {
        let rows = std::mem::take(&mut self.rows);
        if rows.is_empty() {
            return;
        }
        let mut all: Vec<i16> = rows.iter().flat_map(|r| r.1.iter().copied()).collect();
        all.sort_unstable();
        all.dedup();
        // Grid (column, span) of each cell continuing a vertical merge, by row.
        let mut continued: Vec<Vec<(usize, usize)>> = Vec::new();
        let grid_rows = rows
            .into_iter()
            .map(|(cells, edges, merged)| {
                let span = |i: usize| match (edges.get(i), edges.get(i + 1)) {
                    (Some(&a), Some(&b)) if b > a => all
                        .iter()
                        .filter(|&&x| x > a && x <= b)
                        .count()
                        .clamp(1, MAX_SPAN),
                    _ => 1,
                };
                let mut col = 0;
                let mut here = Vec::new();
                let row = cells
                    .into_iter()
                    .enumerate()
                    .map(|(i, text)| {
                        let colspan = span(i);
                        if merged.get(i) == Some(&true) && text.is_empty() {
                            here.push((col, colspan));
                        }
                        col += colspan;
                        Cell {
                            text,
                            rowspan: 1,
                            colspan,
                        }
                    })
                    .collect();
                continued.push(here);
                row
            })
            .collect();
        self.grid += 1;
        let grid = self.grid;
        if self.budget == 0 {
            self.budget = MAX_PAGE_CELLS;
        }
        let mut laid = layout(grid_rows, &mut self.budget);
        // The lower parts of a vertical merge repeat the text above, as a
        // rowspan does in the .docx reader.
        for r in 1..laid.len() {
            for &(col, span) in continued.get(r).map_or(&[][..], |v| v) {
                for c in col..col + span {
                    let above = laid[r - 1].get(c).cloned().unwrap_or_default();
                    if let Some(cell) = laid[r].get_mut(c) {
                        *cell = above;
                    }
                }
            }
        }
        for cells in laid {
            if cells.iter().any(|c| !c.is_empty()) && self.out.len() < MAX_BLOCKS {
                self.out.push(Block::Row { cells, grid });
            }
        }
    }
}

#[cfg(test)]
mod tests;
