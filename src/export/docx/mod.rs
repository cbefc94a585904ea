//! The Word export (导出 Word) for the county office: a `.docx` formatted
//! after GB/T 9704—2012《党政机关公文格式》 — A4, margins top 37 mm / left
//! 28 mm (版心 156 × 225 mm), title 2号小标宋 centred, body 3号仿宋 at 22
//! lines a page, `一、` headings in 黑体, run-in `（一）` headings in 楷体,
//! `— 1 —` page numbers in 4号宋体 at the bottom outside, the signature
//! right-aligned — with the tables as the printed form's grid (`w:gridSpan`,
//! `w:vMerge`) and header rows repeated on every page.
//!
//! Written with `docx-rs`; the package is deterministic (fixed `docProps`
//! dates, paragraph ids numbered in order).

mod package;
mod table;

use docx_rs::{
    AlignmentType, Docx, Footer, LineSpacing, LineSpacingType, PageMargin, Paragraph, Run,
    RunFonts, SpecialIndentType,
};

use crate::layout::{DocumentLayout, Paragraph as Prose, SignoffPlace};

pub use package::DocxError;

/// Twips (1/1440 inch) in a millimetre.
const TWIPS_PER_MM: f64 = 1440.0 / 25.4;

/// A length in millimetres as twips.
fn mm(v: f64) -> i32 {
    (v * TWIPS_PER_MM).round() as i32
}

/// A4 and the 版心: 210 × 297 mm, text area 156 × 225 mm.
const PAGE_W_MM: f64 = 210.0;
const PAGE_H_MM: f64 = 297.0;
const TOP_MM: f64 = 37.0;
const LEFT_MM: f64 = 28.0;
const TEXT_W_MM: f64 = 156.0;
const TEXT_H_MM: f64 = 225.0;
/// Bottom of the page number's line above the paper's edge: the number
/// sits 7 mm under the 版心 (GB/T 9704 7.5), one 4号 line high.
const FOOTER_MM: f64 = 23.0;

/// Font sizes in half-points: 2号 22 pt, 3号 16 pt, 4号 14 pt, 5号 10.5 pt.
const SIZE_TITLE: usize = 44;
const SIZE_BODY: usize = 32;
const SIZE_PAGE_NUMBER: usize = 28;
const SIZE_TABLE: usize = 21;
const SIZE_SMALL: usize = 28;

/// Exact line pitch of the body: 225 mm / 22 lines.
fn body_line() -> i32 {
    mm(TEXT_H_MM / 22.0)
}

/// Two characters of 3号 (first-line indent, signature's right indent).
const TWO_CHARS: i32 = 640;

/// The fonts of the document, by role (East Asian face, Latin face).
#[derive(Clone, Copy)]
enum Face {
    /// 仿宋_GB2312: the body.
    FangSong,
    /// 方正小标宋简体: the title.
    XiaoBiaoSong,
    /// 黑体: first-level headings.
    HeiTi,
    /// 楷体_GB2312: second-level headings.
    KaiTi,
    /// 宋体: page numbers.
    SongTi,
}

impl Face {
    fn fonts(self) -> RunFonts {
        let east = match self {
            Face::FangSong => "仿宋_GB2312",
            Face::XiaoBiaoSong => "方正小标宋简体",
            Face::HeiTi => "黑体",
            Face::KaiTi => "楷体_GB2312",
            Face::SongTi => "宋体",
        };
        RunFonts::new()
            .east_asia(east)
            .ascii("Times New Roman")
            .hi_ansi("Times New Roman")
    }
}

/// Fixed date written into `docProps/core.xml`, so the same report gives the
/// same bytes (Word shows it as 创建时间; the report's own date is inside).
const FIXED_DATE: &str = "2000-01-01T00:00:00Z";

/// Paragraph ids (`w14:paraId`) numbered in document order: docx-rs would
/// otherwise take them from a per-thread counter, so a second export in the
/// same process would differ from the first.
#[derive(Default)]
pub(super) struct Ids(u32);

impl Ids {
    pub(super) fn paragraph(&mut self) -> Paragraph {
        self.0 += 1;
        Paragraph::new().id(format!("{:08X}", self.0))
    }
}

fn run(text: &str, face: Face, size: usize) -> Run {
    Run::new().add_text(text).fonts(face.fonts()).size(size)
}

/// A body paragraph: 3号仿宋, first line indented two characters, exact pitch.
fn body_paragraph(ids: &mut Ids) -> Paragraph {
    ids.paragraph()
        .line_spacing(
            LineSpacing::new()
                .line(body_line())
                .line_rule(LineSpacingType::Exact),
        )
        .indent(
            None,
            Some(SpecialIndentType::FirstLine(TWO_CHARS)),
            None,
            None,
        )
        .align(AlignmentType::Both)
}

fn prose(ids: &mut Ids, p: &Prose) -> Paragraph {
    let para = body_paragraph(ids);
    match &p.lead {
        Some(lead) => para.add_run(run(lead, Face::KaiTi, SIZE_BODY)).add_run(run(
            p.rest(),
            Face::FangSong,
            SIZE_BODY,
        )),
        None => para.add_run(run(&p.text, Face::FangSong, SIZE_BODY)),
    }
}

/// `— 1 —`: the page field between two dashes, 4号宋体, on the outside of
/// the page (odd pages right, even pages left, one character in).
fn page_number_footer(ids: &mut Ids, align: AlignmentType) -> Footer {
    use docx_rs::{FieldCharType, InstrPAGE, InstrText};
    let one_char = 280;
    let (left, right) = match align {
        AlignmentType::Left => (Some(one_char), None),
        _ => (None, Some(one_char)),
    };
    let field = Run::new()
        .fonts(Face::SongTi.fonts())
        .size(SIZE_PAGE_NUMBER)
        .add_field_char(FieldCharType::Begin, false)
        .add_instr_text(InstrText::PAGE(InstrPAGE::new()))
        .add_field_char(FieldCharType::Separate, false)
        .add_text("1")
        .add_field_char(FieldCharType::End, false);
    let para = ids
        .paragraph()
        .align(align)
        .indent(left, None, right, None)
        .add_run(run("— ", Face::SongTi, SIZE_PAGE_NUMBER))
        .add_run(field)
        .add_run(run(" —", Face::SongTi, SIZE_PAGE_NUMBER));
    Footer::new().add_paragraph(para)
}

/// The page: A4, the 版心 margins, footers with page numbers.
fn page(docx: Docx, ids: &mut Ids) -> Docx {
    let right = PAGE_W_MM - LEFT_MM - TEXT_W_MM;
    let bottom = PAGE_H_MM - TOP_MM - TEXT_H_MM;
    docx.page_size(mm(PAGE_W_MM) as u32, mm(PAGE_H_MM) as u32)
        .page_margin(
            PageMargin::new()
                .top(mm(TOP_MM))
                .left(mm(LEFT_MM))
                .right(mm(right))
                .bottom(mm(bottom))
                .header(mm(15.0))
                .footer(mm(FOOTER_MM))
                .gutter(0),
        )
        .footer(page_number_footer(ids, AlignmentType::Right))
        .even_footer(page_number_footer(ids, AlignmentType::Left))
}

/// The report as the bytes of a `.docx` package.
pub fn render(layout: &DocumentLayout) -> Result<Vec<u8>, DocxError> {
    let mut ids = Ids::default();
    let mut docx = Docx::new()
        .default_fonts(Face::FangSong.fonts())
        .default_size(SIZE_BODY)
        .created_at(FIXED_DATE)
        .updated_at(FIXED_DATE);
    docx = page(docx, &mut ids);
    let mut header_rows = Vec::new();
    if !layout.title.is_empty() {
        let title = ids
            .paragraph()
            .align(AlignmentType::Center)
            .line_spacing(LineSpacing::new().after(mm(6.0) as u32))
            .add_run(run(&layout.title, Face::XiaoBiaoSong, SIZE_TITLE));
        docx = docx.add_paragraph(title);
    }
    for p in &layout.opening {
        docx = docx.add_paragraph(prose(&mut ids, p));
    }
    for part in &layout.parts {
        let heading = body_paragraph(&mut ids)
            .outline_lvl(0)
            .keep_next(true)
            .add_run(run(&part.heading, Face::HeiTi, SIZE_BODY));
        docx = docx.add_paragraph(heading);
        for p in &part.paragraphs {
            docx = docx.add_paragraph(prose(&mut ids, p));
        }
        for t in &part.tables {
            let (paragraphs, grid, heads) = table::build(&mut ids, t);
            for p in paragraphs.before {
                docx = docx.add_paragraph(p);
            }
            docx = docx.add_table(grid);
            header_rows.push(heads);
            for p in paragraphs.after {
                docx = docx.add_paragraph(p);
            }
        }
    }
    docx = signoff(docx, &mut ids, layout, SignoffPlace::AfterTables);
    for (i, line) in layout.signature.iter().enumerate() {
        let mut p = ids
            .paragraph()
            .align(AlignmentType::Right)
            .indent(None, None, Some(TWO_CHARS), None)
            .line_spacing(
                LineSpacing::new()
                    .line(body_line())
                    .line_rule(LineSpacingType::Exact),
            )
            .add_run(run(line, Face::FangSong, SIZE_BODY));
        if i == 0 {
            p = p.line_spacing(
                LineSpacing::new()
                    .before(body_line() as u32 * 2)
                    .line(body_line())
                    .line_rule(LineSpacingType::Exact),
            );
        }
        docx = docx.add_paragraph(p);
    }
    docx = signoff(docx, &mut ids, layout, SignoffPlace::AfterSignature);
    package::pack(docx, &header_rows)
}

fn signoff(docx: Docx, ids: &mut Ids, layout: &DocumentLayout, place: SignoffPlace) -> Docx {
    match layout.signoff.as_ref().filter(|s| s.place == place) {
        Some(s) => {
            let p = ids
                .paragraph()
                .line_spacing(
                    LineSpacing::new()
                        .line(body_line())
                        .line_rule(LineSpacingType::Exact),
                )
                .add_run(run(&s.line("\u{3000}\u{3000}"), Face::FangSong, SIZE_SMALL));
            docx.add_paragraph(p)
        }
        None => docx,
    }
}
