//! The published list (公示名单, papers.md "The published list"): one row
//! per rotating teacher with 序号, 姓名, 性别, 原单位, 交流学校, 学段, 学科,
//! 骨干教师 and 交流期限, under the title
//! `{county}{plan_year}年义务教育学校教师交流轮岗名单（公示）`, grouped by
//! receiving (or sending) school. One home for the list: `rotaplan
//! publish` writes it as xlsx, csv or html, plan.xlsx carries it as the
//! sheet 公示名单 and the report as a section.
//!
//! The list is a Chinese public notice in either language: its title,
//! headers and cells are the catalogue's `published-*` messages, the
//! same words under en and zh, so that a list is the same document
//! whoever printed it, and `audit` reads it back (姓名, 原单位 and 交流学校
//! are aliases of the plan columns). Never an ID number; 工号 only with
//! `--with-id`.

use super::svg::escape;
use crate::domain::{DataSet, Sex};
use crate::messages::{Message, render};
use crate::msg;
use crate::policy::Policy;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, XlsxError};

/// How rows are grouped: by receiving school (`--by to`, the default) or
/// by sending school (`--by from`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum By {
    #[default]
    To,
    From,
}

/// One row of the list, in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    /// The teacher's 工号 (shown only `with_id`).
    pub teacher: String,
    pub name: String,
    /// 男, 女 or empty.
    pub sex: &'static str,
    /// The sending school's name (原单位).
    pub from_school: String,
    /// The receiving school's name (交流学校).
    pub to_school: String,
    /// 小学, 初中, 小学、初中, or empty.
    pub level: &'static str,
    pub subject: String,
    /// The backbone level's words (县级, 市级, ...) when the policy counts
    /// the teacher as backbone, else empty.
    pub backbone: &'static str,
    /// 交流期限: `2027.9-2028.8` for a one-year term from plan year 2027.
    pub term: String,
}

/// One principal's move in the section 校长交流 (principals.md "The
/// plan": `publish` lists them in a section of their own).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrincipalListed {
    /// The principal's 工号 (shown only `with_id`).
    pub teacher: String,
    pub name: String,
    /// 男, 女 or empty.
    pub sex: &'static str,
    pub from_school: String,
    /// 原职务: 校长 or 副校长.
    pub post: &'static str,
    pub to_school: String,
}

/// The list as published: its title line, rows and closing note.
#[derive(Debug, Clone)]
pub struct PublishedList {
    pub title: String,
    pub rows: Vec<Listed>,
    /// The principals' moves, chain by chain (empty without any): the
    /// section 校长交流, after the teachers' rows.
    pub principals: Vec<PrincipalListed>,
    /// The section's title: `{county}{plan_year}年义务教育学校校长交流轮岗名单
    /// （公示）`, or 校长交流 under a title of the user's.
    pub principals_title: String,
    pub note: Option<String>,
    /// Whether 工号 is a column (`--with-id`).
    pub with_id: bool,
}

/// The list of `moves` (teacher, receiving school, in the plan's order):
/// grouped `by` school, schools in schools.csv's order, the plan's order
/// within a school. `title` replaces the whole title line when given.
pub fn list(
    data: &DataSet,
    policy: &Policy,
    moves: &[(usize, usize)],
    by: By,
    title: Option<&str>,
    note: Option<&str>,
    with_id: bool,
) -> PublishedList {
    let mut ordered: Vec<(usize, usize)> = moves.to_vec();
    // A stable sort keeps the plan's order within a school.
    ordered.sort_by_key(|&(t, to)| match by {
        By::To => to,
        By::From => data.teachers[t].school,
    });
    let rows = ordered
        .into_iter()
        .map(|(t, to)| {
            let teacher = &data.teachers[t];
            Listed {
                teacher: teacher.id.clone(),
                name: teacher.name.clone(),
                sex: sex_words(teacher.sex),
                from_school: school_label(data, teacher.school),
                to_school: school_label(data, to),
                level: match data.teacher_levels(teacher).chinese() {
                    "无" => "",
                    words => words,
                },
                subject: teacher.subject.to_string(),
                backbone: if policy.is_backbone(teacher) {
                    teacher.backbone.chinese()
                } else {
                    ""
                },
                term: term(
                    policy.plan_year,
                    match policy.term_of(teacher) {
                        crate::domain::Term::Years(n) => Some(n),
                        crate::domain::Term::Transfer => None,
                    },
                ),
            }
        })
        .collect();
    PublishedList {
        title: title.map_or_else(|| default_title(data, policy), str::to_string),
        rows,
        principals: Vec::new(),
        principals_title: match title {
            Some(_) => render(&msg!("published-principals")),
            None => default_title_of(data, policy, true),
        },
        note: note.map(str::to_string),
        with_id,
    }
}

/// The section 校长交流 of `sequences` (principals.md), move by move in
/// the order of the chains and cycles.
pub fn principals(
    data: &DataSet,
    sequences: &[crate::plan::principals::Sequence],
) -> Vec<PrincipalListed> {
    sequences
        .iter()
        .flat_map(|s| &s.moves)
        .map(|m| {
            let teacher = &data.teachers[m.teacher];
            PrincipalListed {
                teacher: teacher.id.clone(),
                name: teacher.name.clone(),
                sex: sex_words(teacher.sex),
                from_school: school_label(data, m.from_school),
                post: m.post.chinese(),
                to_school: school_label(data, m.to_school),
            }
        })
        .collect()
}

/// 男, 女 or empty.
fn sex_words(sex: Option<Sex>) -> &'static str {
    match sex {
        Some(Sex::Male) => "男",
        Some(Sex::Female) => "女",
        None => "",
    }
}

/// `{county}{plan_year}年义务教育学校教师交流轮岗名单（公示）`, county being
/// the data's district when all schools share one (else left out).
fn default_title(data: &DataSet, policy: &Policy) -> String {
    default_title_of(data, policy, false)
}

/// The teachers' title, or with `principals` the section 校长交流's, with
/// the county and the plan year (`default_title`).
fn default_title_of(data: &DataSet, policy: &Policy, principals: bool) -> String {
    let mut districts = data.schools.iter().map(|s| s.district.as_str());
    let first = districts.next().unwrap_or("");
    let county = if districts.all(|d| d == first) {
        first
    } else {
        ""
    };
    let year = policy.plan_year.to_string();
    render(&if principals {
        msg!("published-principals-title", county = county, year = year)
    } else {
        msg!("published-title", county = county, year = year)
    })
}

/// A school as the list names it: its name, with its id in brackets when
/// another school has the same name (the data set's name index,
/// `DataSet::school_names`, which files naming a school by name use too).
pub fn school_label(data: &DataSet, school: usize) -> String {
    let s = &data.schools[school];
    let repeated = matches!(
        data.school_names.get(crate::domain::key(&s.name).as_ref()),
        Some(crate::domain::Found::Many)
    );
    if repeated {
        format!("{}（{}）", s.name, s.id)
    } else {
        s.name.clone()
    }
}

/// 交流期限 of a rotation from the school year starting in September of
/// `plan_year` lasting `years` school years (programme.md "Terms"):
/// `2027.9-2028.8` for one year; `None` is a transfer (调动).
pub fn term(plan_year: i64, years: Option<u32>) -> String {
    match years {
        Some(n) => format!("{plan_year}.9-{}.8", plan_year + i64::from(n.max(1))),
        None => render(&msg!("published-transfer")),
    }
}

impl PublishedList {
    /// The column headings, in order.
    pub fn header(&self) -> Vec<String> {
        self.headings([
            msg!("published-col-name"),
            msg!("published-col-sex"),
            msg!("published-col-from"),
            msg!("published-col-to"),
            msg!("published-col-level"),
            msg!("published-col-subject"),
            msg!("published-col-backbone"),
            msg!("published-col-term"),
        ])
    }

    /// Each row's cells, 序号 first (from 1), every ID number masked
    /// (a roster without 工号 names its teachers by ID number).
    pub fn cells(&self) -> Vec<Vec<String>> {
        self.numbered(self.rows.iter().map(|r| {
            (
                &r.teacher,
                vec![
                    r.name.clone(),
                    r.sex.to_string(),
                    r.from_school.clone(),
                    r.to_school.clone(),
                    r.level.to_string(),
                    r.subject.clone(),
                    r.backbone.to_string(),
                    r.term.clone(),
                ],
            )
        }))
    }

    /// The section 校长交流's column headings, in order: 序号, (工号), 姓名,
    /// 性别, 原单位, 交流学校 (where the teachers' list has them, so that a
    /// list reads back as a plan), 原职务, 拟任职务.
    pub fn principal_header(&self) -> Vec<String> {
        self.headings([
            msg!("published-col-name"),
            msg!("published-col-sex"),
            msg!("published-col-from"),
            msg!("published-col-to"),
            msg!("published-col-post-from"),
            msg!("published-col-post-to"),
        ])
    }

    /// The section 校长交流's rows, 序号 first (from 1), every ID number
    /// masked; 拟任职务 is 校长 (a vice principal takes a principal post).
    pub fn principal_cells(&self) -> Vec<Vec<String>> {
        self.numbered(self.principals.iter().map(|r| {
            (
                &r.teacher,
                vec![
                    r.name.clone(),
                    r.sex.to_string(),
                    r.from_school.clone(),
                    r.to_school.clone(),
                    r.post.to_string(),
                    crate::domain::Post::Principal.chinese().to_string(),
                ],
            )
        }))
    }

    /// 序号, 工号 when `with_id`, then `rest`.
    fn headings<const N: usize>(&self, rest: [Message; N]) -> Vec<String> {
        let mut keys: Vec<Message> = vec![msg!("published-col-number")];
        if self.with_id {
            keys.push(msg!("published-col-teacher"));
        }
        keys.extend(rest);
        keys.iter().map(render).collect()
    }

    /// Each (工号, cells) as a row: 序号 from 1, 工号 when `with_id`, the
    /// cells; every ID number masked.
    fn numbered<'r>(
        &self,
        rows: impl Iterator<Item = (&'r String, Vec<String>)>,
    ) -> Vec<Vec<String>> {
        rows.enumerate()
            .map(|(i, (teacher, rest))| {
                let mut cells = vec![(i + 1).to_string()];
                if self.with_id {
                    cells.push(teacher.clone());
                }
                cells.extend(rest);
                cells
                    .into_iter()
                    .map(|c| crate::domain::mask_id_cards(&c).into_owned())
                    .collect()
            })
            .collect()
    }

    /// The list as CSV: the title line, the header, the rows, the note; a
    /// byte-order mark first when `bom`; text cells guarded against
    /// formulas (`text_cell`).
    pub fn write_csv(&self, out: &mut dyn std::io::Write, bom: bool) -> std::io::Result<()> {
        if bom {
            out.write_all(super::BOM)?;
        }
        let header = self.header();
        // The title and the note in the first cell of a row as wide as the
        // table, so that every row has the header's fields.
        let line = |text: &str| {
            let mut row = vec![super::text_cell(text).into_owned()];
            row.resize(header.len(), String::new());
            row
        };
        let mut w = csv::Writer::from_writer(out);
        w.write_record(line(&self.title))?;
        w.write_record(&header)?;
        for row in self.cells() {
            w.write_record(row.iter().map(|c| super::text_cell(c).into_owned()))?;
        }
        if !self.principals.is_empty() {
            // The section 校长交流: its title line, its header and rows, as
            // wide as the list (every row has the header's fields).
            let padded = |cells: Vec<String>| {
                let mut row: Vec<String> = cells
                    .iter()
                    .map(|c| super::text_cell(c).into_owned())
                    .collect();
                row.resize(header.len(), String::new());
                row
            };
            w.write_record(line(&self.principals_title))?;
            w.write_record(padded(self.principal_header()))?;
            for row in self.principal_cells() {
                w.write_record(padded(row))?;
            }
        }
        if let Some(note) = &self.note {
            w.write_record(line(note))?;
        }
        w.flush()
    }

    /// The list as a sheet `name` of `book`: the title merged across the
    /// columns, the header, the rows with borders, the section 校长交流
    /// below them when principals move, the note; printed on A4 portrait,
    /// one page wide, the title and header repeated on each page.
    pub fn add_sheet(&self, book: &mut Workbook, name: &str) -> Result<(), XlsxError> {
        let mut blocks = vec![Block {
            title: &self.title,
            header: self.header(),
            cells: self.cells(),
        }];
        if !self.principals.is_empty() {
            blocks.push(Block {
                title: &self.principals_title,
                header: self.principal_header(),
                cells: self.principal_cells(),
            });
        }
        sheet(book, name, &blocks, self.note.as_deref())
    }

    /// The list as a workbook of one sheet (`rotaplan publish --out
    /// LIST.xlsx`).
    pub fn workbook(&self) -> Result<Vec<u8>, XlsxError> {
        let mut book = Workbook::new();
        self.add_sheet(&mut book, &render(&msg!("published-sheet")))?;
        book.save_to_buffer()
    }
}

/// Column `c`'s width in characters: its widest cell, header `h`
/// included, and 2 more, between 4 and 40.
fn column_width(h: &str, cells: &[Vec<String>], c: usize) -> usize {
    let widest = std::iter::once(h)
        .chain(cells.iter().map(|r| r[c].as_str()))
        .map(unicode_width::UnicodeWidthStr::width)
        .max()
        .unwrap_or(0);
    (widest + 2).clamp(4, 40)
}

/// A table of a sheet: its title line, its header and its rows.
struct Block<'a> {
    title: &'a str,
    header: Vec<String>,
    cells: Vec<Vec<String>>,
}

/// A sheet `name` of `book`: each block's title merged across the columns,
/// its header and rows with borders, a blank row between blocks, then the
/// `note`; printed on A4 portrait, one page wide, the first block's title
/// and header repeated on each page.
fn sheet(
    book: &mut Workbook,
    name: &str,
    blocks: &[Block],
    note: Option<&str>,
) -> Result<(), XlsxError> {
    let width = blocks.iter().map(|b| b.header.len()).max().unwrap_or(1);
    let last = width as u16 - 1;
    let ws = book.add_worksheet();
    ws.set_name(name)?;
    let title = Format::new()
        .set_bold()
        .set_font_size(16)
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_text_wrap();
    let head = Format::new()
        .set_bold()
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::Center)
        .set_background_color("#F2F2F2");
    let body = Format::new()
        .set_border(FormatBorder::Thin)
        .set_text_wrap()
        .set_align(FormatAlign::VerticalCenter);
    let number = body.clone().set_align(FormatAlign::Center);
    // Each column as wide as its widest cell in any block.
    let widths: Vec<usize> = (0..width)
        .map(|c| {
            blocks
                .iter()
                .filter(|b| c < b.header.len())
                .map(|b| column_width(&b.header[c], &b.cells, c))
                .max()
                .unwrap_or(4)
        })
        .collect();
    let mut row = 0u32;
    for block in blocks {
        ws.merge_range(row, 0, row, last, block.title, &title)?;
        // One line of 16 pt is about 1.5 of the columns' characters: a
        // title wider than the table wraps onto a second line, not cut.
        let title_width = unicode_width::UnicodeWidthStr::width(block.title) * 3 / 2;
        let columns: usize = widths.iter().sum();
        ws.set_row_height(row, if title_width > columns { 48 } else { 30 })?;
        for (c, h) in block.header.iter().enumerate() {
            ws.write_string_with_format(row + 1, c as u16, h, &head)?;
        }
        for (r, cells) in block.cells.iter().enumerate() {
            let at = row + 2 + r as u32;
            for (c, cell) in cells.iter().enumerate() {
                // 序号 as a number (no "number stored as text" mark).
                match cell.parse::<u32>() {
                    Ok(n) if c == 0 => ws.write_number_with_format(at, 0, n, &number)?,
                    _ => ws.write_string_with_format(at, c as u16, cell, &body)?,
                };
            }
        }
        row += 2 + block.cells.len() as u32 + 1;
    }
    if let Some(note) = note {
        ws.merge_range(row, 0, row, last, note, &Format::new().set_text_wrap())?;
        // Room for a note of a few lines.
        let lines = note.chars().count() / 60 + 1;
        ws.set_row_height(row, 15.0 * lines.min(8) as f64)?;
    }
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, *w as f64)?;
    }
    ws.set_freeze_panes(2, 0)?;
    ws.set_paper_size(9); // A4
    ws.set_portrait();
    ws.set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(0, 1)?;
    ws.set_print_center_horizontally(true);
    ws.set_margins(0.5, 0.5, 0.6, 0.6, 0.3, 0.3);
    ws.set_footer(render(&msg!("published-footer")));
    Ok(())
}

impl PublishedList {
    /// The list as HTML (a section of the report, or the body of the page
    /// `publish` writes): the teachers' table, the section 校长交流's when
    /// principals move, the note; each table's title repeats with its
    /// header on each printed page.
    pub fn html_table(&self) -> String {
        let mut h = html_table(
            &self.title,
            &self.header(),
            &self.cells(),
            if self.with_id { [4, 5] } else { [3, 4] },
        );
        if !self.principals.is_empty() {
            h += &html_table(
                &self.principals_title,
                &self.principal_header(),
                &self.principal_cells(),
                if self.with_id { [4, 5] } else { [3, 4] },
            );
        }
        if let Some(note) = &self.note {
            h += &format!("<p class=\"published-note\">{}</p>", escape(note));
        }
        h
    }

    /// The list as a page of its own, printed on A4 portrait.
    pub fn html_page(&self) -> String {
        format!(
            "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">\
             <meta name=\"viewport\" content=\"width=device-width\"><title>{}</title>\
             <style>{PAGE_STYLE}{STYLE}</style></head><body>{}</body></html>\n",
            escape(&self.title),
            self.html_table()
        )
    }
}

/// A table of the list: `title` above `header`, repeated with it on each
/// printed page; the cells in the columns `schools` may wrap.
fn html_table(
    title: &str,
    header: &[String],
    cells: &[Vec<String>],
    schools: [usize; 2],
) -> String {
    let mut h = format!(
        "<table class=\"published\"><thead><tr><th class=\"title\" colspan=\"{}\">{}</th></tr><tr>",
        header.len(),
        escape(title)
    );
    for c in header {
        h += &format!("<th>{}</th>", escape(c));
    }
    h += "</tr></thead><tbody>";
    // The school names may wrap (never cut); the other cells keep
    // whole (a name, a term). No class on those: a province lists
    // 40,000 teachers, and the report carries the list.
    for row in cells {
        h += "<tr>";
        for (i, c) in row.iter().enumerate() {
            if schools.contains(&i) {
                h += "<td class=\"school\">";
            } else {
                h += "<td>";
            }
            h += &escape(c);
            h += "</td>";
        }
        h += "</tr>";
    }
    h += "</tbody></table>";
    h
}

// catalogue: not a message (CSS)
const PAGE_STYLE: &str = "@page{size:A4 portrait;margin:15mm 12mm}body{font-family:'Noto Sans CJK SC',\
'Microsoft YaHei','PingFang SC','SimSun',sans-serif;margin:1em auto;max-width:190mm;color:#000}";

/// The list's CSS, shared with the report: borders, the title above the
/// header, header and title repeated on each printed page, rows never
/// split across pages.
// catalogue: not a message (CSS)
pub const STYLE: &str = "table.published{border-collapse:collapse;width:calc(100% - 2px);font-size:10pt;margin-bottom:1.5em}\
table.published th,table.published td{border:1px solid #000;padding:.2em .3em;text-align:center}\
table.published td,table.published th{white-space:nowrap}table.published td.school{white-space:normal;min-width:6em}table.published th{background:#f2f2f2}\
table.published th.title{background:none;border:none;font-size:16pt;padding:.4em 0 .6em}\
table.published thead{display:table-header-group}table.published tr{break-inside:avoid}\
.published-note{margin-top:1em;white-space:pre-wrap}";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_term_runs_from_september_to_august() {
        assert_eq!(term(2027, Some(1)), "2027.9-2028.8");
        assert_eq!(term(2026, Some(3)), "2026.9-2029.8");
    }
}
