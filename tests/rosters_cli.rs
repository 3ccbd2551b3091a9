//! Rosters as bureaus keep them (rosters.md "Where the header is",
//! "Separators and encodings", "Sheets"), through the binary: line numbers
//! in messages and audit violations for every line end (LF, CRLF, CR),
//! with or without a BOM and after a quoted cell spanning lines, for every
//! kind of file; title rows above the header in CSV and in a workbook;
//! tab, semicolon and `sep=;` files; UTF-16 ("Unicode 文本"); blank, `,,,,`
//! and totals rows; hidden sheets; zero-padded ids. And the field cases
//! `excel-crlf-error-lines` and `title-row-merged-xlsx` (copied into
//! `tests/cases/`) with the values their READMEs expect.

mod common;

use common::{
    DataDir, data_dir, json, one_district, read_csv_rows, rotaplan, rotaplan_pinned, sample,
    stderr, stdout,
};
use std::path::{Path, PathBuf};

const ENDS: [(&str, &str); 3] = [("LF", "\n"), ("CRLF", "\r\n"), ("CR", "\r")];

/// `lines` joined by `end` (one after the last too), with a UTF-8 BOM
/// when `bom`. A line may hold `{end}` where a quoted cell spans lines.
fn text(lines: &[&str], end: &str, bom: bool) -> Vec<u8> {
    let mut out = String::new();
    if bom {
        out.push('\u{feff}');
    }
    for line in lines {
        out.push_str(&line.replace("{end}", end));
        out.push_str(end);
    }
    out.into_bytes()
}

/// Every (name, line end, BOM) variant.
fn variants() -> Vec<(String, &'static str, bool)> {
    let mut all = Vec::new();
    for (name, end) in ENDS {
        for bom in [false, true] {
            let label = format!("{name}{}", if bom { " + BOM" } else { "" });
            all.push((label, end, bom));
        }
    }
    all
}

const SCHOOLS: &str = "id,name,area,district,lat,lon\nU1,城区小学,urban,大丰,33.2,120.4\nR1,草堰小学,rural,大丰,33.0,120.3\nR2,白驹小学,rural,大丰,33.1,120.2\n";
const NEEDS: &str = "school,subject,count\nR1,数学,2\nR2,数学,1\n";

fn teachers() -> String {
    let mut t = String::from("id,name,school,subject,backbone,years_at_school\n");
    for i in 0..20 {
        let b = if i < 5 { "county" } else { "none" };
        t += &format!("T{i:03},教师{i},U1,数学,{b},{}\n", 6 + i % 10);
    }
    t
}

/// Two urban-to-rural moves' worth of data: U1 with 20 数学 teachers, R1
/// and R2 needing 3 in all.
fn small() -> DataDir {
    data_dir(vec![
        ("schools.csv", SCHOOLS.as_bytes().to_vec()),
        ("teachers.csv", teachers().into_bytes()),
        ("needs.csv", NEEDS.as_bytes().to_vec()),
    ])
}

/// Writes `file` as each variant of `lines`, runs `args` and expects exit
/// 2 naming `file`, `line` and `column`.
fn bad_cell_at(file: &str, lines: &[&str], args: &[&str], line: u64, column: &str) {
    let dir = small();
    for (label, end, bom) in variants() {
        dir.write(file, &text(lines, end, bom));
        let o = rotaplan_pinned(dir.path(), args);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{file} {label}: {err}");
        assert!(
            err.contains(&format!("{file} line {line}, column `{column}`")),
            "{file} {label}: expected line {line}, column {column}: {err}"
        );
    }
}

#[test]
fn schools_bad_cell_line_for_every_line_end() {
    bad_cell_at(
        "schools.csv",
        &[
            "id,name,area,district",
            "U1,\"城区{end}小学\",urban,大丰",
            "R1,草堰小学,rural,大丰",
            "",
            "R2,白驹小学,somewhere,大丰",
        ],
        &["plan", "."],
        6,
        "area",
    );
}

#[test]
fn teachers_bad_cell_line_for_every_line_end() {
    bad_cell_at(
        "teachers.csv",
        &[
            "id,name,school,subject,backbone,years_at_school",
            "T000,\"甲{end}一\",U1,数学,county,8",
            "T001,乙,U1,数学,none,8",
            "",
            ",,,,,",
            "T002,丙,U1,数学,none,x",
        ],
        &["plan", "."],
        7,
        "years_at_school",
    );
}

#[test]
fn needs_bad_cell_line_for_every_line_end() {
    bad_cell_at(
        "needs.csv",
        &[
            "school,subject,count,备注",
            "R1,数学,1,\"第一行{end}第二行\"",
            "",
            "R2,数学,-1,",
        ],
        &["plan", "."],
        5,
        "count",
    );
}

#[test]
fn history_bad_cell_line_for_every_line_end() {
    bad_cell_at(
        "history.csv",
        &[
            "teacher,year,school,form",
            "T000,2020,R1,\"支教{end}一年\"",
            "T001,2021,R1,",
            "",
            "T002,去年,R1,",
        ],
        &["plan", "."],
        6,
        "year",
    );
}

#[test]
fn plan_bad_cell_line_for_every_line_end() {
    bad_cell_at(
        "plan.csv",
        &[
            "teacher,to_school,备注",
            "T000,R1,\"多{end}行\"",
            "",
            "T001,,",
        ],
        &["audit", ".", "--plan", "plan.csv"],
        5,
        "to_school",
    );
}

#[test]
fn audit_violation_lines_for_every_line_end() {
    let dir = small();
    let lines = [
        "工号,交流学校,备注",
        "T000,R1,\"多{end}行\"",
        "",
        "T001,R1,",
        "T001,R2,",
        "T999,R1,",
    ];
    for (label, end, bom) in variants() {
        dir.write("plan.csv", &text(&lines, end, bom));
        let o = rotaplan_pinned(
            dir.path(),
            &["audit", ".", "--plan", "plan.csv", "--format", "json"],
        );
        assert_eq!(o.status.code(), Some(1), "{label}: {}", stderr(&o));
        let report = json(&o);
        let mut rows: Vec<(String, u64, String)> = report["violations"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|v| v["line"].is_u64())
            .map(|v| {
                (
                    v["rule"].as_str().unwrap().to_string(),
                    v["line"].as_u64().unwrap(),
                    v["teacher"].as_str().unwrap_or_default().to_string(),
                )
            })
            .collect();
        rows.sort_by_key(|r| r.1);
        assert_eq!(
            rows,
            [
                ("duplicate_teacher".to_string(), 6, "T001".to_string()),
                ("unknown_teacher".to_string(), 7, "T999".to_string())
            ],
            "{label}"
        );
    }
}

/// The sample county copied into a fresh folder.
fn sample_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(sample()).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
    }
    dir
}

/// The plan `rotaplan plan DIR` writes (exit 0 expected).
fn plan_of(dir: &Path) -> String {
    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("plan.csv");
    let o = rotaplan_pinned(dir, &["plan", ".", "--out", file.to_str().unwrap()]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}: {}",
        dir.display(),
        stderr(&o)
    );
    std::fs::read_to_string(&file).unwrap()
}

fn baseline() -> String {
    let plan = plan_of(&sample());
    assert!(plan.lines().count() > 100, "{plan}");
    plan
}

/// The sample's teachers.csv as rows of cells.
fn sample_teachers() -> Vec<Vec<String>> {
    read_csv_rows(&sample().join("teachers.csv"))
}

/// `rows` as delimited text (quoted as needed), lines ended by `end`.
fn delimited(rows: &[Vec<String>], delimiter: u8, end: &str) -> String {
    let mut w = csv::WriterBuilder::new()
        .delimiter(delimiter)
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    for row in rows {
        w.write_record(row).unwrap();
    }
    let text = String::from_utf8(w.into_inner().unwrap()).unwrap();
    text.replace('\n', end)
}

#[test]
fn title_rows_above_the_header_in_csv() {
    let expected = baseline();
    let rows = sample_teachers();
    let width = rows[0].len();
    for (label, end) in ENDS {
        let dir = sample_copy();
        let mut t = format!("示范县2026年教师交流轮岗名单{}{end}", ",".repeat(width - 1));
        t += &format!("填报单位：示范县教育局,,,,,填报日期：2026年3月{end}{end}");
        t += &delimited(&rows, b',', end);
        std::fs::write(dir.path().join("teachers.csv"), &t).unwrap();
        assert_eq!(plan_of(dir.path()), expected, "{label}");
        // Line numbers stay the file's own: the header is line 4.
        let mut bad = rows.clone();
        bad[10][5] = "ten".into(); // years_at_school of the 10th teacher
        let mut t = format!("示范县2026年教师交流轮岗名单{end}填报日期：2026年3月{end}{end}");
        t += &delimited(&bad, b',', end);
        std::fs::write(dir.path().join("teachers.csv"), &t).unwrap();
        let o = rotaplan_pinned(dir.path(), &["plan", "."]);
        assert_eq!(o.status.code(), Some(2), "{label}");
        let err = stderr(&o);
        assert!(
            err.contains("teachers.csv line 14, column `years_at_school`"),
            "{label}: {err}"
        );
    }
}

/// Writes `rows` as one sheet `name` of `path` under `title` rows (the
/// first merged across the table), numbers as numbers.
fn write_titled_xlsx(path: &Path, name: &str, title: &[&str], rows: &[Vec<String>]) {
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name(name).unwrap();
    let width = rows[0].len() as u16;
    let bold = rust_xlsxwriter::Format::new().set_bold();
    for (r, line) in title.iter().enumerate() {
        if r == 0 {
            ws.merge_range(0, 0, 0, width - 1, line, &bold).unwrap();
        } else {
            ws.write_string(r as u32, 0, *line).unwrap();
        }
    }
    let top = title.len() as u32;
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let (r, c) = (top + r as u32, c as u16);
            match cell.parse::<f64>() {
                Ok(n) if r > top => {
                    ws.write_number(r, c, n).unwrap();
                }
                _ if cell.is_empty() => {}
                _ => {
                    ws.write_string(r, c, cell).unwrap();
                }
            }
        }
    }
    book.save(path).unwrap();
}

#[test]
fn title_rows_above_the_header_in_a_workbook() {
    let expected = baseline();
    let rows = sample_teachers();
    let dir = sample_copy();
    std::fs::remove_file(dir.path().join("teachers.csv")).unwrap();
    let xlsx = dir.path().join("teachers.xlsx");
    let title = [
        "示范县2026年义务教育学校教师花名册",
        "填报单位：示范县教育局",
    ];
    write_titled_xlsx(&xlsx, "教师", &title, &rows);
    assert_eq!(plan_of(dir.path()), expected);
    // A bad cell is named by its row as Excel numbers it.
    let mut bad = rows.clone();
    bad[10][4] = "maybe".into(); // backbone, column E
    write_titled_xlsx(&xlsx, "教师", &title, &bad);
    let o = rotaplan_pinned(dir.path(), &["plan", "."]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("sheet `教师` row 13"), "{err}");
    assert!(err.contains("cell E13"), "{err}");
}

#[test]
fn tab_semicolon_and_sep_lines() {
    let expected = baseline();
    let rows = sample_teachers();
    let variants = [
        ("tab", delimited(&rows, b'\t', "\r\n")),
        ("semicolon", delimited(&rows, b';', "\n")),
        (
            "sep=;",
            format!("sep=;\r\n{}", delimited(&rows, b';', "\r\n")),
        ),
        (
            "title then tab",
            format!("教师名单\r\n{}", delimited(&rows, b'\t', "\r\n")),
        ),
    ];
    for (label, t) in variants {
        let dir = sample_copy();
        std::fs::write(dir.path().join("teachers.csv"), t).unwrap();
        assert_eq!(plan_of(dir.path()), expected, "{label}");
    }
    // A bad cell in a `sep=;` file: the sep line is line 1.
    let mut bad = rows.clone();
    bad[3][6] = "-4".into(); // age
    let dir = sample_copy();
    let t = format!("sep=;\n{}", delimited(&bad, b';', "\n"));
    std::fs::write(dir.path().join("teachers.csv"), t).unwrap();
    let o = rotaplan_pinned(dir.path(), &["plan", "."]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("teachers.csv line 5, column `age`"),
        "{}",
        stderr(&o)
    );
}

fn utf16le(text: &str) -> Vec<u8> {
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    bytes
}

#[test]
fn utf16_unicode_text_with_a_byte_order_mark() {
    let expected = baseline();
    let rows = sample_teachers();
    let dir = sample_copy();
    let t = delimited(&rows, b'\t', "\r\n");
    std::fs::write(dir.path().join("teachers.csv"), utf16le(&t)).unwrap();
    // schools.csv as UTF-16BE too.
    let schools = std::fs::read_to_string(sample().join("schools.csv")).unwrap();
    let mut be = vec![0xFE, 0xFF];
    be.extend(schools.encode_utf16().flat_map(u16::to_be_bytes));
    std::fs::write(dir.path().join("schools.csv"), be).unwrap();
    assert_eq!(plan_of(dir.path()), expected);
    let mut bad = rows.clone();
    bad[7][4] = "sometimes".into(); // backbone
    let t = format!("教师名单\r\n{}", delimited(&bad, b'\t', "\r\n"));
    std::fs::write(dir.path().join("teachers.csv"), utf16le(&t)).unwrap();
    let o = rotaplan_pinned(dir.path(), &["plan", "."]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("teachers.csv line 9, column `backbone`"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn blank_and_separator_only_rows_are_skipped() {
    let expected = baseline();
    let rows = sample_teachers();
    let width = rows[0].len();
    let empty = vec![String::new(); width];
    let mut with_blanks = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        with_blanks.push(row.clone());
        if i % 500 == 1 {
            with_blanks.push(empty.clone());
        }
    }
    let mut t = delimited(&with_blanks, b',', "\r\n");
    // Truly empty lines and a short `,,,` line too.
    t = t.replacen("\r\nT0000010,", "\r\n\r\n,,,\r\nT0000010,", 1);
    let dir = sample_copy();
    std::fs::write(dir.path().join("teachers.csv"), &t).unwrap();
    assert_eq!(plan_of(dir.path()), expected);
    // A bad cell below them is on its own line.
    let t = t.replacen(
        "\r\nT0000020,",
        "\r\nT0000020,,,,,,,,,,,,,,\r\nT0000021,",
        1,
    );
    std::fs::write(dir.path().join("teachers.csv"), &t).unwrap();
    let o = rotaplan_pinned(dir.path(), &["plan", "."]);
    assert_eq!(o.status.code(), Some(2));
    // T0000020 is record 21: line 21 + 1 (`,,,,`) + 2 (empty, `,,,`).
    assert!(
        stderr(&o).contains("teachers.csv line 24") && stderr(&o).contains("ragged"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn totals_rows_are_skipped() {
    let expected = baseline();
    let dir = sample_copy();
    let rows = sample_teachers();
    let width = rows[0].len();
    let mut total = vec![String::new(); width];
    total[0] = "合 计".into();
    total[1] = format!("{}人", rows.len() - 1);
    let mut all = rows.clone();
    all.push(total);
    std::fs::write(
        dir.path().join("teachers.csv"),
        delimited(&all, b',', "\r\n"),
    )
    .unwrap();
    let needs = std::fs::read_to_string(sample().join("needs.csv")).unwrap();
    std::fs::write(
        dir.path().join("needs.csv"),
        format!("{needs}Total,,999\n小计,,1\n"),
    )
    .unwrap();
    assert_eq!(plan_of(dir.path()), expected);
}

#[test]
fn a_hidden_first_sheet_is_never_read_unasked() {
    let expected = baseline();
    let rows = sample_teachers();
    let dir = sample_copy();
    std::fs::remove_file(dir.path().join("teachers.csv")).unwrap();
    let write = |old_name: &str| {
        let mut book = rust_xlsxwriter::Workbook::new();
        let old = book.add_worksheet();
        old.set_name(old_name).unwrap();
        old.write_string(0, 0, "工号").unwrap();
        old.write_string(0, 1, "学校代码").unwrap();
        old.write_string(0, 2, "学科").unwrap();
        old.write_string(1, 0, "OLD1").unwrap();
        old.write_string(1, 1, "NOWHERE").unwrap();
        old.write_string(1, 2, "数学").unwrap();
        old.set_hidden(true);
        let ws = book.add_worksheet();
        ws.set_name("Sheet2").unwrap();
        ws.set_active(true);
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                if !cell.is_empty() {
                    ws.write_string(r as u32, c as u16, cell).unwrap();
                }
            }
        }
        book.save(dir.path().join("teachers.xlsx")).unwrap();
    };
    write("旧名单");
    assert_eq!(plan_of(dir.path()), expected);
    // Named `教师`, the hidden sheet is read, and the message says it is
    // hidden.
    write("教师");
    let o = rotaplan_pinned(dir.path(), &["plan", "."]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("sheet `教师` row 2"), "{err}");
    assert!(err.contains("unknown school `NOWHERE`"), "{err}");
    assert!(err.contains("sheet `教师` is hidden"), "{err}");
}

#[test]
fn zero_padded_school_codes_in_a_workbook() {
    let dir = small();
    std::fs::remove_file(dir.file("schools.csv")).unwrap();
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    let padded = rust_xlsxwriter::Format::new().set_num_format("000000");
    for (c, h) in ["学校代码", "学校名称", "城乡类型", "区县"]
        .iter()
        .enumerate()
    {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for (r, (code, name, area)) in [
        (101, "城区小学", "城区"),
        (201, "草堰小学", "农村"),
        (202, "白驹小学", "农村"),
    ]
    .into_iter()
    .enumerate()
    {
        let r = r as u32 + 1;
        ws.write_number_with_format(r, 0, code, &padded).unwrap();
        ws.write_string(r, 1, name).unwrap();
        ws.write_string(r, 2, area).unwrap();
        ws.write_string(r, 3, "大丰").unwrap();
    }
    book.save(dir.file("schools.xlsx")).unwrap();
    let t = teachers().replace(",U1,", ",000101,");
    dir.write("teachers.csv", t.as_bytes());
    dir.write(
        "needs.csv",
        "school,subject,count\n000201,数学,2\n000202,数学,1\n".as_bytes(),
    );
    let o = rotaplan_pinned(dir.path(), &["plan", ".", "--out", "plan.csv"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let plan = std::fs::read_to_string(dir.file("plan.csv")).unwrap();
    assert!(plan.contains(",000101,000201,"), "{plan}");
    assert!(plan.contains(",000101,000202,"), "{plan}");
}

// The field cases, as their READMEs expect.

fn case(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/cases")
        .join(name)
}

#[test]
fn case_excel_crlf_error_lines() {
    let dir = case("excel-crlf-error-lines");
    for plan in ["hand-plan-crlf.csv", "hand-plan-lf.csv"] {
        let o = rotaplan_pinned(&dir, &["audit", ".", "--plan", plan, "--format", "json"]);
        assert_eq!(o.status.code(), Some(1), "{plan}: {}", stderr(&o));
        let report = json(&o);
        let mut rows: Vec<(&str, u64, &str)> = report["violations"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|v| v["line"].is_u64())
            .map(|v| {
                (
                    v["rule"].as_str().unwrap(),
                    v["line"].as_u64().unwrap(),
                    v["teacher"].as_str().unwrap(),
                )
            })
            .collect();
        rows.sort_by_key(|r| r.1);
        // And, under fit.md's default `level_match = "same"`, line 4 sends
        // T013 (of X02, a 初中) to N03 (a 小学): level_mismatch.
        assert_eq!(
            rows,
            [
                ("unknown_teacher", 3, "T0099"),
                ("level_mismatch", 4, "T013"),
                ("duplicate_teacher", 5, "T001")
            ],
            "{plan}"
        );
        let dup = report["violations"]
            .as_array()
            .unwrap()
            .iter()
            .find(|v| v["rule"] == "duplicate_teacher")
            .unwrap();
        assert!(
            dup["message"].as_str().unwrap().contains("line 2"),
            "the first listing is on line 2: {dup}"
        );
    }
    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("plan.csv");
    let o = rotaplan_pinned(
        &dir,
        &["plan", "bad-needs", "--out", file.to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    let err = stderr(&o);
    assert!(err.contains("needs.csv line 4"), "{err}");
    assert!(
        err.contains("column `count`") && err.contains("需求人数"),
        "{err}"
    );
    assert!(!file.exists(), "no plan on bad input");
}

#[test]
fn case_title_row_merged_xlsx() {
    let dir = case("title-row-merged-xlsx");
    let control = plan_of(&dir.join("control"));
    assert!(control.lines().count() > 1, "{control}");
    assert_eq!(plan_of(&dir), control, "the workbook with a title");
    assert_eq!(plan_of(&dir.join("csv-variant")), control, "its CSV export");
}

#[test]
fn the_data_set_records_how_each_file_was_read() {
    use rotaplan::domain::DataSet;
    use rotaplan::domain::info::{Encoding, Separator, Skipped};
    use rotaplan::read::DataPaths;
    let dir = small();
    // teachers: GBK, CRLF, tab separated, a title, a blank row, a totals row.
    let mut t = String::from("教师名单\r\n\r\n序号\t工号\t姓名\t学校代码\t学科\r\n");
    for i in 0..4 {
        t += &format!("{}\tT{i:03}\t教师{i}\tU1\t数学\r\n", i + 1);
    }
    t += "\t\t\t\t\r\n合计\t4人\t\t\t\r\n";
    let (gbk, _, _) = encoding_rs::GBK.encode(&t);
    dir.write("teachers.csv", &gbk);
    dir.write(
        "needs.csv",
        "sep=;\nschool;subject;count\nR1;数学;1\n".as_bytes(),
    );
    let paths = DataPaths::resolve(Some(dir.path()), None, None, None, None, None).unwrap();
    let data = DataSet::load(&paths).unwrap();
    assert_eq!(data.teachers.len(), 4);
    assert_eq!(data.teachers[3].line, 7);
    let [schools, teachers, needs] = &data.files[..] else {
        panic!("{:?}", data.files);
    };
    assert!(schools.file.ends_with("schools.csv"));
    assert_eq!(
        (
            schools.encoding,
            schools.separator,
            schools.header_row,
            schools.rows
        ),
        (Encoding::Utf8, Some(Separator::Comma), 1, 3)
    );
    assert_eq!(teachers.encoding, Encoding::Gb18030);
    assert_eq!(teachers.separator, Some(Separator::Tab));
    assert_eq!((teachers.header_row, teachers.rows), (3, 4));
    assert_eq!(
        teachers.skipped,
        Skipped {
            title: 1,
            blank: 2,
            totals: 1
        }
    );
    let columns: Vec<(&str, &str)> = teachers
        .columns
        .iter()
        .map(|c| (c.header.as_str(), c.field.as_str()))
        .collect();
    assert_eq!(
        columns,
        [
            ("工号", "id"),
            ("姓名", "name"),
            ("学校代码", "school"),
            ("学科", "subject")
        ]
    );
    assert_eq!(teachers.ignored, ["序号"]);
    assert_eq!(
        (needs.separator, needs.separator_line, needs.header_row),
        (Some(Separator::Semicolon), true, 2)
    );
    let value = serde_json::to_value(teachers).unwrap();
    assert_eq!(value["encoding"], "gb18030");
    assert_eq!(value["separator"], "tab");
    assert_eq!(value["columns"]["工号"], "id");
    assert_eq!(value["skipped"]["totals"], 1);
}

/// rosters.md "Values": numbers may carry thousands separators (`"1,500"`,
/// `1，500`); a decimal comma is refused, naming the line and column.
#[test]
fn thousands_separators_in_numbers() {
    let dir = data_dir(one_district(20, 5, 3));
    dir.write(
        "schools.csv",
        "id,name,area,district,level,students\nU1,城区实验小学,urban,大丰,小学,\"1,500\"\nR1,草堰小学,rural,大丰,小学,1，200\n"
            .as_bytes(),
    );
    let o = rotaplan(
        dir.path(),
        &["check", ".", "--plan-year", "2026", "--format", "json"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = rotaplan(
        dir.path(),
        &["indicators", ".", "--plan-year", "2026", "--format", "json"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let students: Vec<u64> = json(&o)["schools"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|s| s["students"].as_u64())
        .collect();
    assert_eq!(students, [1500, 1200]);
    dir.write(
        "schools.csv",
        "id,name,area,district,students\nU1,城区实验小学,urban,大丰,\"1,5\"\nR1,草堰小学,rural,大丰,300\n"
            .as_bytes(),
    );
    let o = rotaplan(dir.path(), &["check", ".", "--plan-year", "2026"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("line 2") && err.contains("students"), "{err}");
}
