//! Nothing harmful in or out (papers.md "CSV for Excel and WPS", "Writing
//! files", "What a message may hold"; rosters.md "Text guards on ids"),
//! through the binary.

mod common;
use common::*;

const SCHOOLS: &str = "id,name,area,district\n\
U1,城区实验小学,urban,大丰\n\
R1,草堰小学,rural,大丰\n";

/// Ten teachers of 数学 at U1 with 8 years, T0 backbone; `name0` is T0's
/// name. One place at R1.
fn county(name0: &str) -> DataDir {
    let mut t = String::from("id,name,school,subject,backbone,years_at_school\n");
    for i in 0..10 {
        let name = if i == 0 {
            name0.to_string()
        } else {
            format!("教师{i}")
        };
        let backbone = if i == 0 { "county" } else { "none" };
        t += &format!("T{i},{name},U1,数学,{backbone},8\n");
    }
    DataDir::tables(SCHOOLS, &t, "school,subject,count\nR1,数学,1\n")
}

/// A name that a spreadsheet would run as a formula is written with a
/// leading apostrophe, and `audit` reads the plan back as written.
#[test]
fn plan_csv_guards_formula_text_and_audit_reads_it_back() {
    let dir = county("\"=HYPERLINK(\"\"http://x\"\",\"\"click\"\")\"");
    let out = rotaplan_pinned(dir.path(), &["plan", ".", "--out", "plan.csv"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let rows = read_csv_rows(&dir.file("plan.csv"));
    assert_eq!(rows.len(), 2, "one rotation: {rows:?}");
    assert_eq!(rows[1][0], "T0");
    assert_eq!(rows[1][1], "'=HYPERLINK(\"http://x\",\"click\")");
    let out = rotaplan_pinned(dir.path(), &["audit", ".", "--plan", "plan.csv"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

/// `="000101"` (a web export's guard on an id's zeros) is the text
/// `000101`: a plan typed with the plain id matches it.
#[test]
fn text_guarded_ids_are_their_text() {
    let mut t = String::from("id,name,school,subject,backbone,years_at_school\n");
    for i in 0..10 {
        let backbone = if i == 0 { "county" } else { "none" };
        t += &format!("\"=\"\"00010{i}\"\"\",教师{i},U1,数学,{backbone},8\n");
    }
    let dir = DataDir::tables(SCHOOLS, &t, "school,subject,count\nR1,数学,1\n");
    dir.write(
        "hand.csv",
        "teacher,from_school,to_school\n000100,U1,R1\n".as_bytes(),
    );
    let out = rotaplan_pinned(dir.path(), &["audit", ".", "--plan", "hand.csv"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = rotaplan_pinned(dir.path(), &["plan", ".", "--out", "plan.csv"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(read_csv_rows(&dir.file("plan.csv"))[1][0], "000100");
}

/// An output path that is a folder or a FIFO is bad input before any
/// work, and stays what it was; a symbolic link there is replaced, and
/// the file it pointed to is unchanged.
#[test]
fn outputs_that_are_not_files_are_refused_and_links_replaced() {
    let dir = county("教师0");
    std::fs::create_dir(dir.file("folder")).unwrap();
    let out = rotaplan_pinned(dir.path(), &["plan", ".", "--out", "folder"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("it is a folder"), "{}", stderr(&out));
    assert!(dir.file("folder").is_dir());

    let fifo = dir.file("fifo");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if made.is_ok_and(|s| s.success()) {
        let out = rotaplan_pinned(dir.path(), &["plan", ".", "--out", "fifo"]);
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        assert!(stderr(&out).contains("a device, a pipe or a socket"));
        use std::os::unix::fs::FileTypeExt;
        assert!(
            std::fs::symlink_metadata(&fifo)
                .unwrap()
                .file_type()
                .is_fifo()
        );
    }

    dir.write("kept.txt", b"not a plan\n");
    std::os::unix::fs::symlink(dir.file("kept.txt"), dir.file("link.csv")).unwrap();
    let out = rotaplan_pinned(dir.path(), &["plan", ".", "--out", "link.csv"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        std::fs::read(dir.file("kept.txt")).unwrap(),
        b"not a plan\n"
    );
    let meta = std::fs::symlink_metadata(dir.file("link.csv")).unwrap();
    assert!(meta.file_type().is_file(), "the link itself was replaced");
    assert_eq!(read_csv_rows(&dir.file("link.csv"))[1][0], "T0");
}

/// Two scenarios whose plan files would have the same name are bad input
/// naming both, before any file is written.
#[test]
fn compare_refuses_scenarios_writing_the_same_file() {
    let dir = county("教师0");
    dir.write("s1.toml", b"name = \"a/b\"\n");
    dir.write("s2.toml", b"name = \"A:b\"\nmin_rotation_ratio = 0.2\n");
    let args = ["compare", ".", "s1.toml", "s2.toml", "--out-dir", "plans"];
    let out = rotaplan_pinned(dir.path(), &args);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("\"a/b\"") && err.contains("\"A:b\""), "{err}");
    assert!(!dir.file("plans").exists());
    dir.write("s2.toml", b"name = \"c\"\n");
    let out = rotaplan_pinned(dir.path(), &args);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let mut files: Vec<String> = std::fs::read_dir(dir.file("plans"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(files, ["a_b.csv", "baseline.csv", "c.csv"]);
}

/// `generate --out` never overwrites a data set by accident, writes
/// through no link, and with `--force` replaces the files.
#[test]
fn generate_refuses_a_folder_with_data_unless_forced() {
    let dir = county("教师0");
    let before = std::fs::read(dir.file("teachers.csv")).unwrap();
    let out = rotaplan(dir.path(), &["generate", "--out", "."]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("--force"), "{}", stderr(&out));
    assert_eq!(std::fs::read(dir.file("teachers.csv")).unwrap(), before);

    let fresh = tempfile::tempdir().unwrap();
    dir.write("elsewhere.csv", b"mine\n");
    std::os::unix::fs::symlink(dir.file("elsewhere.csv"), fresh.path().join("needs.csv")).unwrap();
    let out = rotaplan(fresh.path(), &["generate", "--out", ".", "--force"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(std::fs::read(dir.file("elsewhere.csv")).unwrap(), b"mine\n");
    let needs = std::fs::symlink_metadata(fresh.path().join("needs.csv")).unwrap();
    assert!(needs.file_type().is_file());
}

/// Interrupted while writing (SIGINT), `generate` leaves no temporary
/// file and puts all of its files in place or none. Whether the signal comes
/// before the end depends on the machine; either outcome is checked.
#[test]
fn an_interrupted_write_leaves_no_temporary_file() {
    let fresh = tempfile::tempdir().unwrap();
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("rotaplan"))
        .current_dir(fresh.path())
        .args(["generate", "--size", "province", "--out", "."])
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(300));
    let _ = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status();
    let status = child.wait().unwrap();
    let names: Vec<String> = std::fs::read_dir(fresh.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        names.iter().all(|n| !n.ends_with(".tmp")),
        "temporary files left: {names:?}"
    );
    // Interrupted while renaming, the renames finish first.
    match status.code() {
        Some(130) => assert!(names.is_empty() || names.len() == 5, "{names:?}"),
        Some(0) => assert_eq!(names.len(), 5, "{names:?}"),
        other => panic!("exit {other:?}"),
    }
}

/// The longest run of ASCII digits in `text`.
fn longest_digit_run(text: &str) -> usize {
    text.split(|c: char| !c.is_ascii_digit())
        .map(str::len)
        .max()
        .unwrap_or(0)
}

/// An ID number in a long bad cell, or glued to letters, never reaches a
/// message whole nor ten of its digits in a row: it is masked before the
/// cell is cut.
#[test]
fn id_numbers_are_masked_before_messages_cut_them() {
    for cell in [
        format!("{}110101199003077777", "年".repeat(30)),
        "ID110101199003077777X".to_string(),
        "110101900307777".to_string(),
    ] {
        let mut t = String::from("id,name,school,subject,backbone,years_at_school\n");
        t += &format!("T0,教师0,U1,数学,county,{cell}\n");
        let dir = DataDir::tables(SCHOOLS, &t, "school,subject,count\nR1,数学,1\n");
        let out = rotaplan_pinned(dir.path(), &["check", "."]);
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        let err = stderr(&out);
        assert!(err.contains("years_at_school"), "{err}");
        assert!(longest_digit_run(&err) < 10, "{err}");
    }
}

/// Control characters from the data are shown escaped in messages.
#[test]
fn control_characters_in_messages_are_escaped() {
    let dir = county("教师0");
    dir.write(
        "needs.csv",
        "school,subject,count\nR1\u{1b}[2J\u{1b}]0;title\u{7},数学,1\n".as_bytes(),
    );
    let out = rotaplan_pinned(dir.path(), &["check", "."]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(!err.contains('\u{1b}') && !err.contains('\u{7}'), "{err:?}");
    assert!(err.contains("R1\\u{1b}[2J\\u{1b}]0;title\\u{7}"), "{err}");
}

/// Policy parse errors say what was typed wrong in plain words, quote at
/// most 200 characters of a value, and a plan year beyond 9999 is bad
/// input.
#[test]
fn policy_mistakes_are_said_in_plain_words() {
    let dir = county("教师0");
    let cases: [(&str, &str); 5] = [
        (
            "min_rotation_ratio = 10%\n",
            "write min_rotation_ratio = \"10%\" or min_rotation_ratio = 0.10",
        ),
        ("min_rotation_ratio ＝ 0.1\n", "`＝` is a full-width sign"),
        (
            "balance = keep\n",
            "the word `keep` needs quotes: write balance = \"keep\"",
        ),
        (
            "plan_year = 20226\n",
            "expected a year from 1900 to 9999, found 20226",
        ),
        (
            "level_match = \"sometimes\"\n",
            "expected \"same\", \"qualified\" or \"any\"",
        ),
    ];
    for (text, said) in cases {
        dir.write("policy.toml", text.as_bytes());
        let out = rotaplan(dir.path(), &["check", ".", "--policy", "policy.toml"]);
        assert_eq!(out.status.code(), Some(2), "{text}: {}", stderr(&out));
        assert!(stderr(&out).contains(said), "{text}: {}", stderr(&out));
        assert!(stderr(&out).contains("line 1"), "{text}: {}", stderr(&out));
    }
    dir.write(
        "policy.toml",
        format!("{} = 1\n", "k".repeat(100_000)).as_bytes(),
    );
    let out = rotaplan(dir.path(), &["check", ".", "--policy", "policy.toml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).len() < 400, "{}", stderr(&out));
}

/// A month typed `2020.10` in a General cell is stored as 2020.1, as
/// January is: in a workbook's date column `2020.1` is bad input naming
/// the cell and both readings; `2020.12` is December (rosters.md "Dotted
/// months typed as numbers").
#[test]
fn a_dotted_month_stored_as_yyyy_1_is_ambiguous_in_a_workbook() {
    let dir = county("教师0");
    let header = [
        "id",
        "name",
        "school",
        "subject",
        "backbone",
        "school_entry",
    ];
    let rows = |t0_entry: &str| -> Vec<Vec<String>> {
        let mut rows = vec![header.iter().map(|h| h.to_string()).collect::<Vec<_>>()];
        for i in 0..10 {
            let entry = if i == 0 { t0_entry } else { "2015.3" };
            let backbone = if i == 0 { "county" } else { "none" };
            rows.push(
                [&format!("T{i}"), "教师", "U1", "数学", backbone, entry]
                    .iter()
                    .map(|c| c.to_string())
                    .collect(),
            );
        }
        rows
    };
    std::fs::remove_file(dir.file("teachers.csv")).unwrap();
    write_xlsx(&dir.file("teachers.xlsx"), "teachers", &rows("2020.1"));
    let out = rotaplan_pinned(dir.path(), &["check", "."]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("cell F2"), "{err}");
    assert!(err.contains("January 2020 or October 2020"), "{err}");
    write_xlsx(&dir.file("teachers.xlsx"), "teachers", &rows("2020.12"));
    let out = rotaplan_pinned(dir.path(), &["check", ".", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

/// A plan row whose 工号 lost its leading zeros in Excel (`100` for
/// `000100`) names the one teacher it matches without them, with a
/// warning; ids that stay ambiguous stay unknown (rosters.md "Ids without
/// their zeros in plan files").
#[test]
fn plan_ids_without_their_zeros_name_their_teacher_with_a_warning() {
    let mut t = String::from("id,name,school,subject,backbone,years_at_school\n");
    for i in 0..10 {
        let backbone = if i == 0 { "county" } else { "none" };
        t += &format!("00010{i},教师{i},U1,数学,{backbone},8\n");
    }
    let dir = DataDir::tables(SCHOOLS, &t, "school,subject,count\nR1,数学,1\n");
    dir.write("hand.csv", b"teacher,from_school,to_school\n100,U1,R1\n");
    let out = rotaplan_pinned(dir.path(), &["audit", ".", "--plan", "hand.csv"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("`100` names teacher 000100"),
        "{}",
        stderr(&out)
    );
    let out = rotaplan_pinned(
        dir.path(),
        &["audit", ".", "--plan", "hand.csv", "--format", "json"],
    );
    let warnings = json(&out)["warnings"].clone();
    assert!(
        warnings
            .as_array()
            .unwrap()
            .iter()
            .any(|w| w["code"] == "plan_id_without_zeros" && w["line"] == 2),
        "{warnings}"
    );
}

/// A workbook with a cell far beyond the rows a roster has (row
/// 5,000,000 of a hand-edited sheet) is refused naming the limit, before
/// its memory is spent (rosters.md "Limits").
#[test]
fn a_cell_beyond_the_row_limit_is_refused() {
    use std::io::{Read, Write};
    let dir = county("教师0");
    let rows: Vec<Vec<String>> = read_csv_rows(&dir.file("teachers.csv"));
    std::fs::remove_file(dir.file("teachers.csv")).unwrap();
    let plain = dir.file("plain.xlsx");
    write_xlsx(&plain, "teachers", &rows);
    // The same workbook with one more cell, at A5000000.
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&plain).unwrap()).unwrap();
    let out = std::fs::File::create(dir.file("teachers.xlsx")).unwrap();
    let mut far = zip::ZipWriter::new(out);
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).unwrap();
        let name = part.name().unwrap().to_string();
        let mut text = Vec::new();
        part.read_to_end(&mut text).unwrap();
        if name == "xl/worksheets/sheet1.xml" {
            let xml = String::from_utf8(text).unwrap().replace(
                "</sheetData>",
                "<row r=\"5000000\"><c r=\"A5000000\" t=\"inlineStr\"><is><t>x</t></is></c></row></sheetData>",
            );
            text = xml.into_bytes();
        }
        far.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        far.write_all(&text).unwrap();
    }
    far.finish().unwrap();
    std::fs::remove_file(&plain).unwrap();
    let out = rotaplan_pinned(dir.path(), &["check", "."]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("beyond 2000000 rows or 16384 columns"),
        "{}",
        stderr(&out)
    );
}

/// Zipped workbooks that would unpack into gigabytes from a few kilobytes
/// (rosters.md "Limits"): each is refused with exit 2 naming the limit,
/// before calamine lays out its cells: a shared string and an inline
/// string of 10 MB (a cell holds at most 32,767 characters), an .ods with
/// one cell far off (rows and columns repeated), and an .ods whose rows
/// repeat a row with values a million times.
#[test]
fn workbook_bombs_are_refused_naming_the_limit() {
    use std::io::Write;
    let dir = county("教师0");
    std::fs::remove_file(dir.file("teachers.csv")).unwrap();
    let zipped = |name: &str, parts: &[(&str, Vec<u8>)]| {
        let mut z = zip::ZipWriter::new(std::fs::File::create(dir.file(name)).unwrap());
        for (part, bytes) in parts {
            z.start_file(*part, zip::write::SimpleFileOptions::default())
                .unwrap();
            z.write_all(bytes).unwrap();
        }
        z.finish().unwrap();
        std::fs::metadata(dir.file(name)).unwrap().len()
    };
    let long = "A".repeat(10 << 20);
    let xlsx = |sheet: String, shared: Option<String>| {
        let mut parts = vec![
            (
                "xl/workbook.xml",
                br#"<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="teachers" sheetId="1" r:id="rId1"/></sheets></workbook>"#.to_vec(),
            ),
            (
                "xl/_rels/workbook.xml.rels",
                br#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#.to_vec(),
            ),
            (
                "_rels/.rels",
                br#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.to_vec(),
            ),
            ("xl/worksheets/sheet1.xml", sheet.into_bytes()),
        ];
        if let Some(shared) = shared {
            parts.push(("xl/sharedStrings.xml", shared.into_bytes()));
        }
        parts
    };
    let sheet = |cell: &str| {
        format!(
            r#"<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">{cell}</row></sheetData></worksheet>"#
        )
    };
    let ods = |rows: &str| {
        let content = format!(
            r#"<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet><table:table table:name="teachers">{rows}</table:table></office:spreadsheet></office:body></office:document-content>"#
        );
        vec![
            (
                "mimetype",
                b"application/vnd.oasis.opendocument.spreadsheet".to_vec(),
            ),
            ("content.xml", content.into_bytes()),
        ]
    };
    let value =
        r#"<table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell>"#;
    let bombs = [
        (
            "shared.xlsx",
            xlsx(
                sheet(r#"<c r="A1" t="s"><v>0</v></c>"#),
                Some(format!(
                    r#"<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>{long}</t></si></sst>"#
                )),
            ),
            "a cell holds more than 32767 characters",
        ),
        (
            "inline.xlsx",
            xlsx(
                sheet(&format!(
                    r#"<c r="A1" t="inlineStr"><is><t>{long}</t></is></c>"#
                )),
                None,
            ),
            "a cell holds more than 32767 characters",
        ),
        (
            "far.ods",
            ods(&format!(
                r#"<table:table-row>{value}</table:table-row><table:table-row table:number-rows-repeated="1000000"><table:table-cell/></table:table-row><table:table-row><table:table-cell table:number-columns-repeated="16000"/>{value}</table:table-row>"#
            )),
            "would lay out more than 20000000 cells",
        ),
        (
            "repeated.ods",
            ods(&format!(
                r#"<table:table-row table:number-rows-repeated="1000000">{value}{value}{value}</table:table-row>"#
            )),
            "would lay out more than 20000000 cells or repeat more than 1000000 cells with a value",
        ),
    ];
    for (name, parts, limit) in bombs {
        let size = zipped(name, &parts);
        assert!(size < 100_000, "{name}: {size} bytes");
        let out = rotaplan_pinned(dir.path(), &["check", ".", "--teachers", name]);
        assert_eq!(out.status.code(), Some(2), "{name}: {}", stderr(&out));
        assert!(stderr(&out).contains(name), "{name}: {}", stderr(&out));
        assert!(stderr(&out).contains(limit), "{name}: {}", stderr(&out));
    }
}

/// CSV files beyond the limits (rosters.md "Limits"): more than 2,000,000
/// data rows, more than 1,000 named columns, a cell of more than 32,767
/// characters; each is exit 2 naming the limit, the file and the line.
#[test]
fn csv_beyond_the_limits_is_refused_naming_the_limit() {
    let dir = county("教师0");
    let schools = std::fs::read_to_string(dir.file("schools.csv")).unwrap();
    let mut long = String::from("id,area\nU1,urban\nR1,rural\n");
    long.reserve(2_000_000 * 14);
    for i in 0..2_000_000 {
        long.push_str(&format!("Z{i},rural\n"));
    }
    let (header, rows) = schools.split_once('\n').unwrap();
    let columns: Vec<String> = (0..1001).map(|i| format!("c{i}")).collect();
    let wide = format!("{},{}\n{rows}", header, columns.join(","));
    let first = rows.lines().next().unwrap();
    let (id, rest) = first.split_once(',').unwrap();
    let cell = format!("{header}\n{id}{},{rest}\n", "长".repeat(32_768));
    let cases = [
        (long, "line 2000002", "more than 2000000 rows"),
        (wide, "line 1", "more than 1000 columns"),
        (cell, "line 2", "more than 32767 characters"),
    ];
    for (text, line, limit) in cases {
        assert!(text.len() < 50 << 20);
        dir.write("schools.csv", text.as_bytes());
        let out = rotaplan_pinned(dir.path(), &["check", "."]);
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        let err = stderr(&out);
        assert!(
            err.contains("schools.csv") && err.contains(line) && err.contains(limit),
            "{err}"
        );
    }
}

/// A plan 工号 that two teachers could be without their zeros (`0101` and
/// `00101` for `101`) names neither: `unknown_teacher`, with both
/// candidates in the message (rosters.md "Ids without their zeros").
#[test]
fn plan_ids_two_teachers_could_be_list_the_candidates() {
    let mut t = String::from("id,name,school,subject,backbone,years_at_school\n");
    for (i, id) in ["0101", "00101", "0102"].iter().enumerate() {
        let backbone = if i == 0 { "county" } else { "none" };
        t += &format!("{id},教师{i},U1,数学,{backbone},8\n");
    }
    let dir = DataDir::tables(SCHOOLS, &t, "school,subject,count\nR1,数学,1\n");
    dir.write("hand.csv", b"teacher,from_school,to_school\n101,U1,R1\n");
    let out = rotaplan_pinned(
        dir.path(),
        &["audit", ".", "--plan", "hand.csv", "--format", "json"],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let v = json(&out);
    let unknown = v["violations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["rule"] == "unknown_teacher")
        .unwrap_or_else(|| panic!("{v}"))
        .clone();
    let message = unknown["message"].as_str().unwrap();
    assert!(message.contains("could be any of 0101, 00101"), "{message}");
}

proptest::proptest! {
    #![proptest_config(proptest::test_runner::Config { cases: 24, ..Default::default() })]

    /// No message shows ten characters in a row of an ID number (papers.md
    /// "What a message may hold"), whatever stands around it in a bad
    /// cell: an 18- or 15-character number, whole or cut to 15 or more,
    /// glued to letters or digits, embedded in Chinese text, in a cell
    /// long enough for the message to cut it, in a column whose message
    /// quotes the cell.
    #[test]
    fn no_message_shows_ten_characters_of_an_id_number(
        digits in proptest::collection::vec(0u8..10, 17),
        last in proptest::sample::select(vec!['0', '5', 'X', 'x']),
        first_generation in proptest::bool::ANY,
        cut in 0usize..4,
        before in proptest::sample::select(vec!["", "ID", "T", "身份证", "9", "号码：", "长"]),
        after in proptest::sample::select(vec!["", "X", "abc", "号", "7", " 备注"]),
        padding in 0usize..40,
        column in proptest::sample::select(vec!["school", "years_at_school"]),
    ) {
        let mut id: String = digits.iter().map(|d| char::from(b'0' + d)).collect();
        if first_generation {
            id.truncate(15);
        } else {
            id.push(last);
        }
        id.truncate(id.len() - cut.min(id.len() - 15));
        let cell = format!("{}{before}{id}{after}", "年".repeat(padding));
        let mut t = String::from("id,name,school,subject,backbone,years_at_school\n");
        if column == "school" {
            t += &format!("T0,教师0,{cell},数学,county,8\n");
        } else {
            t += &format!("T0,教师0,U1,数学,county,{cell}\n");
        }
        let dir = DataDir::tables(SCHOOLS, &t, "school,subject,count\nR1,数学,1\n");
        let out = rotaplan_pinned(dir.path(), &["check", "."]);
        proptest::prop_assert_eq!(out.status.code(), Some(2));
        let shown = format!("{}{}", stdout(&out), stderr(&out));
        proptest::prop_assert!(shown.contains(column), "{}", shown);
        let chars: Vec<char> = id.chars().collect();
        for window in chars.windows(10) {
            let part: String = window.iter().collect();
            proptest::prop_assert!(!shown.contains(&part), "{} shows {}", shown, part);
        }
    }
}
