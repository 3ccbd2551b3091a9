//! Excel in and out: workbooks as inputs (alone or mixed with CSV), a bad
//! cell named by sheet, row and cell, `plan --out plan.xlsx` audited back,
//! and text that looks like a formula kept as text.

mod common;

use calamine::{Data, Reader};
use common::{
    csv_folder_as_xlsx, data_dir, one_district, rotaplan_pinned, sample, sheet_header, stderr,
    stdout, write_xlsx,
};

#[test]
fn the_sample_as_xlsx_plans_to_the_same_plan_as_from_csv() {
    let dir = tempfile::tempdir().unwrap();
    let books = dir.path().join("books");
    std::fs::create_dir(&books).unwrap();
    // Sheets named in Chinese; numbers stored as numbers, as Excel does.
    csv_folder_as_xlsx(&sample(), &books, &|stem| match stem {
        "teachers" => "教师".to_string(),
        "schools" => "学校".to_string(),
        other => other.to_string(),
    });
    let csv_out = dir.path().join("from-csv.csv");
    let xlsx_out = dir.path().join("from-xlsx.csv");
    let o = rotaplan_pinned(
        dir.path(),
        &[
            "plan",
            sample().to_str().unwrap(),
            "--out",
            csv_out.to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = rotaplan_pinned(
        dir.path(),
        &["plan", "books", "--out", xlsx_out.to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let a = std::fs::read(&csv_out).unwrap();
    let b = std::fs::read(&xlsx_out).unwrap();
    assert!(a.len() > 1000);
    assert!(a == b, "the plans differ");
}

#[test]
fn a_folder_may_mix_csv_and_xlsx() {
    let dir = data_dir(one_district(20, 5, 3));
    let rows = common::read_csv_rows(&dir.file("teachers.csv"));
    std::fs::remove_file(dir.file("teachers.csv")).unwrap();
    write_xlsx(&dir.file("teachers.xlsx"), "Sheet1", &rows);
    let o = rotaplan_pinned(dir.path(), &["plan", "."]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("3 rotations written"), "{}", stderr(&o));
}

#[test]
fn a_bad_cell_in_a_workbook_names_sheet_row_and_cell() {
    let dir = data_dir(one_district(20, 5, 3));
    std::fs::remove_file(dir.file("teachers.csv")).unwrap();
    let rows = vec![
        vec![
            "工号",
            "姓名",
            "学校代码",
            "学科",
            "骨干教师",
            "本校任教年限",
        ],
        vec!["T1", "甲", "U1", "数学", "县级", "8"],
        vec!["T2", "乙", "U1", "数学", "maybe", "8"],
    ];
    let rows: Vec<Vec<String>> = rows
        .into_iter()
        .map(|r| r.into_iter().map(str::to_string).collect())
        .collect();
    write_xlsx(&dir.file("teachers.xlsx"), "教师", &rows);
    let o = rotaplan_pinned(dir.path(), &["plan", "."]);
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    let err = stderr(&o);
    for part in [
        "teachers.xlsx",
        "sheet `教师`",
        "row 3",
        "column `backbone`",
        "cell E3",
        "found `maybe`",
    ] {
        assert!(err.contains(part), "{part} missing from: {err}");
    }
    // A missing required column names the sheet and its header row.
    let rows: Vec<Vec<String>> = vec![
        vec!["工号".into(), "学科".into()],
        vec!["T1".into(), "数学".into()],
    ];
    write_xlsx(&dir.file("teachers.xlsx"), "教师", &rows);
    let o = rotaplan_pinned(dir.path(), &["plan", "."]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("sheet `教师` row 1"), "{err}");
    assert!(err.contains("missing required column `school`"), "{err}");
}

#[test]
fn a_workbook_that_is_not_one_is_bad_input() {
    let dir = data_dir(one_district(20, 5, 3));
    std::fs::write(dir.file("bad.xlsx"), b"id,name\n1,2\n").unwrap();
    let o = rotaplan_pinned(dir.path(), &["plan", ".", "--teachers", "bad.xlsx"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("bad.xlsx"), "{}", stderr(&o));
    assert!(stderr(&o).contains("could not be read"), "{}", stderr(&o));
}

#[test]
fn a_plan_written_as_xlsx_audits_and_keeps_formula_like_text() {
    let mut files = one_district(20, 5, 3);
    // Every teacher is called `=1+1`: whoever rotates carries the name.
    for (name, bytes) in files.iter_mut() {
        if *name == "teachers.csv" {
            let text = String::from_utf8(bytes.clone()).unwrap();
            let renamed: Vec<String> = text
                .lines()
                .enumerate()
                .map(|(i, line)| {
                    if i == 0 {
                        return line.to_string();
                    }
                    let mut cells: Vec<&str> = line.split(',').collect();
                    cells[1] = "=1+1";
                    cells.join(",")
                })
                .collect();
            *bytes = (renamed.join("\n") + "\n").into_bytes();
        }
    }
    let dir = data_dir(files);
    let o = rotaplan_pinned(dir.path(), &["plan", ".", "--out", "plan.xlsx"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = rotaplan_pinned(dir.path(), &["audit", ".", "--plan", "plan.xlsx"]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert!(
        stdout(&o).contains("OK: the plan meets every rule"),
        "{}",
        stdout(&o)
    );

    let mut book: calamine::Xlsx<_> = calamine::open_workbook(dir.file("plan.xlsx")).unwrap();
    assert_eq!(
        book.sheet_names(),
        [
            "plan",
            "summary",
            "balance",
            "not eligible",
            "policy",
            "公示名单"
        ]
    );
    let plan = book.worksheet_range("plan").unwrap();
    let header = sheet_header(&plan);
    assert_eq!(header[0], "teacher");
    assert_eq!(header[1], "name");
    assert_eq!(plan.height(), 4, "header and 3 rotations");
    for row in plan.rows().skip(1) {
        assert_eq!(row[1], Data::String("=1+1".to_string()));
    }
    // No formula anywhere in the plan sheet.
    let formulas = book.worksheet_formula("plan").unwrap();
    assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()));
    let summary = book.worksheet_range("summary").unwrap();
    let header = sheet_header(&summary);
    let at = |name: &str| header.iter().position(|h| h == name).unwrap();
    let row = summary.rows().nth(1).unwrap();
    assert_eq!(row[at("result")], Data::String("pass".to_string()));
    assert_eq!(row[at("status")], Data::String("optimal".to_string()));
    // No CV to keep under `balance = "report"`: no harm stage.
    assert_eq!(row[at("harm_status")], Data::Empty);
}

#[test]
fn a_stray_cell_at_the_far_corner_of_a_sheet_is_harmless() {
    let dir = data_dir(one_district(20, 5, 3));
    let rows = common::read_csv_rows(&dir.file("teachers.csv"));
    std::fs::remove_file(dir.file("teachers.csv")).unwrap();
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            ws.write_string(r as u32, c as u16, cell).unwrap();
        }
    }
    // XFD1048576: laid out densely, the sheet would be 17 billion cells.
    ws.write_string(1_048_575, 16_383, "stray").unwrap();
    book.save(dir.file("teachers.xlsx")).unwrap();
    let o = rotaplan_pinned(dir.path(), &["plan", "."]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("3 rotations written"), "{}", stderr(&o));
    // A stray value under the table is a row, named by its Excel row.
    let ws = book.worksheet_from_index(0).unwrap();
    ws.write_string(99_999, 0, "T999").unwrap();
    book.save(dir.file("teachers.xlsx")).unwrap();
    let o = rotaplan_pinned(dir.path(), &["plan", "."]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("row 100000"), "{err}");
    assert!(err.contains("column `school` (cell C100000)"), "{err}");
}

/// The sample's teachers as a web system downloads "Excel": `teachers.xls`
/// holding an HTML table (a title row over a colspan, GB18030 as a
/// Chinese page declares), SpreadsheetML 2003, tab-separated text, or an
/// .xlsx under the old name (rosters.md "Web exports named .xls"). Each
/// plans as the CSV does, and `check` names what the file was.
#[test]
fn web_exports_named_xls_read_as_what_they_are() {
    let rows = common::read_csv_rows(&sample().join("teachers.csv"));
    let escape = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;");
    let mut html = String::from(
        "<html><head><meta charset=\"gbk\"><title>教师名单</title></head><body>\
         <table border=1><tr><th colspan=10>示范县教师名单 &nbsp;导出</th></tr>\n",
    );
    let mut xml = String::from(
        "<?xml version=\"1.0\"?>\n<?mso-application progid=\"Excel.Sheet\"?>\n\
         <Workbook xmlns=\"urn:schemas-microsoft-com:office:spreadsheet\" \
         xmlns:ss=\"urn:schemas-microsoft-com:office:spreadsheet\">\n\
         <Worksheet ss:Name=\"教师\"><Table>\n",
    );
    let mut tsv = String::new();
    for row in &rows {
        html.push_str("<tr>");
        xml.push_str("<Row>");
        for cell in row {
            html.push_str(&format!("<td>{}</td>", escape(cell)));
            let kind = if cell.parse::<f64>().is_ok() {
                "Number"
            } else {
                "String"
            };
            xml.push_str(&format!(
                "<Cell><Data ss:Type=\"{kind}\">{}</Data></Cell>",
                escape(cell)
            ));
        }
        html.push_str("</tr>\n");
        xml.push_str("</Row>\n");
        tsv.push_str(&(row.join("\t") + "\r\n"));
    }
    html.push_str("</table></body></html>");
    xml.push_str("</Table></Worksheet></Workbook>\n");
    let (gbk, _, _) = encoding_rs::GB18030.encode(&html);

    let dir = tempfile::tempdir().unwrap();
    let xlsx = dir.path().join("t.xlsx");
    write_xlsx(&xlsx, "教师", &rows);
    let plan_of = |name: &str, teachers: &[u8]| -> (Vec<u8>, serde_json::Value) {
        let data = dir.path().join(name);
        common::sample_but_teachers(&data);
        std::fs::write(data.join("teachers.xls"), teachers).unwrap();
        let out = dir.path().join(format!("{name}.csv"));
        let o = rotaplan_pinned(dir.path(), &["plan", name, "--out", out.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(0), "{name}: {}", stderr(&o));
        let o = rotaplan_pinned(dir.path(), &["check", name, "--format", "json"]);
        assert_eq!(o.status.code(), Some(0), "{name}: {}", stderr(&o));
        let check = common::json(&o);
        let teachers = check["files"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["file"].as_str().unwrap().ends_with("teachers.xls"))
            .unwrap()
            .clone();
        let o = rotaplan_pinned(dir.path(), &["check", name]);
        assert!(
            stdout(&o).contains("not an Excel 97-2003 workbook but"),
            "{}",
            stdout(&o)
        );
        (std::fs::read(out).unwrap(), teachers)
    };
    let expected = common::sample_plan(dir.path());
    let shapes: [(&str, Vec<u8>, &str, u64); 4] = [
        ("html", gbk.into_owned(), "html", 2),
        ("xml", xml.into_bytes(), "spreadsheetml", 1),
        ("tsv", tsv.into_bytes(), "text", 1),
        ("xlsx", std::fs::read(&xlsx).unwrap(), "xlsx", 1),
    ];
    for (name, bytes, content, header_row) in shapes {
        let (plan, info) = plan_of(name, &bytes);
        assert!(plan == expected, "{name}: the plans differ");
        assert_eq!(info["content"], content, "{name}: {info}");
        assert_eq!(info["header_row"], header_row, "{name}: {info}");
        assert_eq!(info["rows"], rows.len() as u64 - 1, "{name}: {info}");
    }
}

/// The sample's teachers under a grouped two-row header (rosters.md "Two
/// header rows"): `工号` merged down from the upper row (in the workbook)
/// or standing above an empty cell (the CSV exported from it), group
/// titles `基本信息` and `任职信息` merged over the lower row's names. Both
/// plan as the one-row header does, with the lower row as the header row.
#[test]
fn a_grouped_two_row_header_reads_each_column_by_its_lower_cell() {
    let rows = common::read_csv_rows(&sample().join("teachers.csv"));
    let width = rows[0].len();
    let mut upper = vec![String::new(); width];
    upper[0] = "工号".into();
    upper[1] = "基本信息".into();
    upper[3] = "任职信息".into();
    let mut lower = rows[0].clone();
    lower[0] = String::new();
    let dir = tempfile::tempdir().unwrap();
    let copy_sample = |name: &str| {
        let data = dir.path().join(name);
        common::sample_but_teachers(&data);
        data
    };
    // The workbook: a title, then the two header rows with merges.
    let data = copy_sample("book");
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    let plain = rust_xlsxwriter::Format::new();
    ws.merge_range(0, 0, 0, width as u16 - 1, "示范县教师信息表", &plain)
        .unwrap();
    ws.merge_range(1, 0, 2, 0, "工号", &plain).unwrap();
    ws.merge_range(1, 1, 1, 2, "基本信息", &plain).unwrap();
    ws.merge_range(1, 3, 1, width as u16 - 1, "任职信息", &plain)
        .unwrap();
    for (c, name) in lower.iter().enumerate().skip(1) {
        ws.write_string(2, c as u16, name).unwrap();
    }
    for (r, row) in rows.iter().enumerate().skip(1) {
        for (c, cell) in row.iter().enumerate() {
            if !cell.is_empty() {
                ws.write_string(r as u32 + 2, c as u16, cell).unwrap();
            }
        }
    }
    book.save(data.join("teachers.xlsx")).unwrap();
    // The CSV: the same rows, no merges.
    let data = copy_sample("csv");
    let mut csv = csv::Writer::from_path(data.join("teachers.csv")).unwrap();
    csv.write_record(&upper).unwrap();
    csv.write_record(&lower).unwrap();
    for row in &rows[1..] {
        csv.write_record(row).unwrap();
    }
    csv.flush().unwrap();

    let plan = |data: &str| {
        let out = dir.path().join(format!("{data}.csv"));
        let o = rotaplan_pinned(dir.path(), &["plan", data, "--out", out.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(0), "{data}: {}", stderr(&o));
        std::fs::read(out).unwrap()
    };
    let expected = common::sample_plan(dir.path());
    for (data, header_row, title) in [("book", 3, 2), ("csv", 2, 1)] {
        assert!(plan(data) == expected, "{data}: the plans differ");
        let o = rotaplan_pinned(dir.path(), &["check", data, "--format", "json"]);
        let check = common::json(&o);
        let info = check["files"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["file"].as_str().unwrap().contains("teachers"))
            .unwrap();
        assert_eq!(info["header_row"], header_row, "{data}: {info}");
        assert_eq!(info["skipped"]["title"], title, "{data}: {info}");
        assert_eq!(info["columns"]["工号"], "id", "{data}: {info}");
        assert_eq!(info["rows"], rows.len() as u64 - 1, "{data}: {info}");
    }
}

/// The sample's teachers as one sheet per school (rosters.md "One sheet
/// per school"): a notes sheet first, then a sheet per school (one with
/// its columns in another order and a title row), and a hidden sheet
/// holding an old list. Read sheet by sheet, it plans as the CSV does;
/// `check` lists the sheets read and those not read, with why; an error
/// on a later sheet names that sheet and cell; a sheet lacking a column
/// the first has is bad input naming both.
#[test]
fn one_sheet_per_school_reads_as_one_table() {
    let rows = common::read_csv_rows(&sample().join("teachers.csv"));
    let header = &rows[0];
    let school = header.iter().position(|h| h == "school").unwrap();
    let mut schools: Vec<&str> = rows[1..].iter().map(|r| r[school].as_str()).collect();
    schools.dedup();
    let dir = tempfile::tempdir().unwrap();
    let write = |data: &std::path::Path, bad: Option<(&str, &str)>, drop_column: bool| {
        common::sample_but_teachers(data);
        let mut book = rust_xlsxwriter::Workbook::new();
        let notes = book.add_worksheet();
        notes.set_name("说明").unwrap();
        notes
            .write_string(0, 0, "每校一张表，请勿改动表头")
            .unwrap();
        for (k, id) in schools.iter().enumerate() {
            let ws = book.add_worksheet();
            ws.set_name(*id).unwrap();
            let mut order: Vec<usize> = (0..header.len()).collect();
            let mut top = 0;
            if k == 2 {
                order.reverse(); // another order, under a title
                ws.write_string(0, 0, format!("{id} 教师名单")).unwrap();
                top = 1;
            }
            if drop_column && k == 3 {
                order.retain(|&c| header[c] != "age");
            }
            for (c, &from) in order.iter().enumerate() {
                ws.write_string(top, c as u16, &header[from]).unwrap();
            }
            let own = rows[1..].iter().filter(|row| row[school] == *id);
            for (r, row) in (top + 1..).zip(own) {
                for (c, &from) in order.iter().enumerate() {
                    let mut cell = row[from].as_str();
                    if let Some((teacher, value)) = bad
                        && row[0] == teacher
                        && header[from] == "years_at_school"
                    {
                        cell = value;
                    }
                    if !cell.is_empty() {
                        ws.write_string(r, c as u16, cell).unwrap();
                    }
                }
            }
        }
        let old = book.add_worksheet();
        old.set_name("旧名单").unwrap();
        old.set_hidden(true);
        for (c, h) in header.iter().enumerate() {
            old.write_string(0, c as u16, h).unwrap();
        }
        book.save(data.join("teachers.xlsx")).unwrap();
    };
    let data = dir.path().join("book");
    write(&data, None, false);
    let out = dir.path().join("book.csv");
    let o = rotaplan_pinned(
        dir.path(),
        &["plan", "book", "--out", out.to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        std::fs::read(&out).unwrap() == common::sample_plan(dir.path()),
        "the plans differ"
    );

    let o = rotaplan_pinned(dir.path(), &["check", "book", "--format", "json"]);
    let check = common::json(&o);
    let info = check["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["file"].as_str().unwrap().contains("teachers"))
        .unwrap();
    assert_eq!(info["rows"], rows.len() as u64 - 1, "{info}");
    let sheets = info["sheets"].as_array().expect("sheets listed");
    assert_eq!(sheets.len(), schools.len() + 2);
    assert_eq!(sheets[0]["name"], "说明");
    assert_eq!(sheets[0]["why"], "no_header");
    assert_eq!(
        sheets[3]["header_row"], 2,
        "the title row above: {}",
        sheets[3]
    );
    let last = &sheets[schools.len() + 1];
    assert_eq!(
        (&last["name"], &last["why"]),
        (&"旧名单".into(), &"hidden".into())
    );
    let read_rows: u64 = sheets.iter().map(|s| s["rows"].as_u64().unwrap()).sum();
    assert_eq!(read_rows, rows.len() as u64 - 1);
    let o = rotaplan_pinned(dir.path(), &["check", "book"]);
    let text = stdout(&o);
    assert!(
        text.contains("sheets not read: `说明` (no row holds the required columns)"),
        "{text}"
    );

    // A bad cell on the third school's sheet (columns reversed) is named
    // by that sheet and its own cell.
    let teacher = rows[1..].iter().find(|r| r[school] == schools[2]).unwrap()[0].clone();
    write(&dir.path().join("bad"), Some((&teacher, "七年")), false);
    let o = rotaplan_pinned(dir.path(), &["check", "bad"]);
    assert_eq!(o.status.code(), Some(2));
    let years = header.len() - 1 - header.iter().position(|h| h == "years_at_school").unwrap();
    let letter = (b'A' + years as u8) as char;
    assert!(
        stderr(&o).contains(&format!("sheet `{}` row 3", schools[2]))
            && stderr(&o).contains(&format!("(cell {letter}3)")),
        "{}",
        stderr(&o)
    );

    write(&dir.path().join("differ"), None, true);
    let o = rotaplan_pinned(dir.path(), &["check", "differ"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains(&format!(
            "sheet `{}` has the column `age` and sheet `{}` has not",
            schools[0], schools[3]
        )),
        "{}",
        stderr(&o)
    );
}

/// papers.md "The workbook" under zh: sheets and headers in Chinese, the
/// plan sheet still read by `audit` (its Chinese headers are aliases),
/// booleans 是/否, shares as percentages, CVs to three decimals, distances
/// to 0.1 km, A4 landscape one page wide with the header repeated, the
/// policy in force with its sources, and the published list.
#[test]
fn the_workbook_under_zh_is_in_chinese_formatted_and_print_ready() {
    let dir = data_dir(one_district(20, 5, 3));
    dir.write("policy.toml", b"min_years_at_school = 5\n");
    let args = [
        "plan",
        ".",
        "--out",
        "plan.xlsx",
        "--lang",
        "zh",
        "--policy",
        "policy.toml",
        "--ratio",
        "0.15",
    ];
    let o = rotaplan_pinned(dir.path(), &args);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let path = dir.file("plan.xlsx");
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&path).unwrap();
    assert_eq!(
        book.sheet_names(),
        [
            "交流名单",
            "汇总",
            "优质均衡",
            "不符合条件",
            "政策",
            "公示名单"
        ]
    );
    let plan = book.worksheet_range("交流名单").unwrap();
    let header = sheet_header(&plan);
    assert_eq!(
        header[..6],
        [
            "工号",
            "姓名",
            "学科",
            "是否骨干教师",
            "原单位代码",
            "交流学校代码"
        ]
    );
    let backbone: Vec<String> = plan.rows().skip(1).map(|r| r[3].to_string()).collect();
    assert!(
        !backbone.is_empty() && backbone.iter().all(|b| b == "是" || b == "否"),
        "{backbone:?}"
    );
    // The policy in force: the file's key, the flag's, a default, the year.
    let policy = book.worksheet_range("政策").unwrap();
    let rows: Vec<Vec<String>> = policy
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    assert_eq!(rows[0], ["配置项", "取值", "来源"]);
    let find = |key: &str| rows.iter().find(|r| r[0] == key).unwrap().clone();
    assert_eq!(
        find("min_years_at_school"),
        ["min_years_at_school", "5", "政策文件"]
    );
    assert_eq!(
        find("min_rotation_ratio"),
        ["min_rotation_ratio", "15%", "命令行"]
    );
    assert_eq!(find("scope"), ["scope", "district", "默认值"]);
    assert_eq!(find("plan_year")[1], "2026");
    assert_eq!(find("as_of")[1], "2026-08-31");
    assert_eq!(find("rotaplan")[1], env!("CARGO_PKG_VERSION"));
    let list = book.worksheet_range("公示名单").unwrap();
    assert_eq!(list.height(), 2 + 3, "title, header and 3 rotations");
    // Formats and print setup, as the file holds them.
    let styles = zipped(&path, "xl/styles.xml");
    // (No CV here: the county has no student counts.)
    for format in ["0.0%", "0.0"] {
        assert!(
            styles.contains(&format!("formatCode=\"{format}\"")),
            "{format}: {styles}"
        );
    }
    for n in 1..=5 {
        let sheet = zipped(&path, &format!("xl/worksheets/sheet{n}.xml"));
        assert!(sheet.contains("paperSize=\"9\""), "sheet {n}: {sheet}");
        assert!(sheet.contains("orientation=\"landscape\""), "sheet {n}");
        assert!(
            sheet.contains("fitToHeight=\"0\""),
            "sheet {n} one page wide"
        );
        assert!(
            sheet.contains("<pane ySplit=\"1\""),
            "sheet {n} header frozen"
        );
        assert!(sheet.contains("<autoFilter"), "sheet {n} filtered");
    }
    let workbook = zipped(&path, "xl/workbook.xml");
    assert_eq!(
        workbook.matches("_xlnm.Print_Titles").count(),
        6,
        "{workbook}"
    );
    // audit reads it back, in either language.
    for lang in ["zh", "en"] {
        let o = rotaplan_pinned(
            dir.path(),
            &[
                "audit",
                ".",
                "--plan",
                "plan.xlsx",
                "--policy",
                "policy.toml",
                "--ratio",
                "0.15",
                "--lang",
                lang,
            ],
        );
        assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    }
}

/// The text of a part of a zip file (an xlsx's XML).
fn zipped(path: &std::path::Path, name: &str) -> String {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut text = String::new();
    zip.by_name(name)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}
