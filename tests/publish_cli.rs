//! papers.md "The published list" through the binary: `rotaplan publish`
//! to csv, xlsx and html, on a county with Chinese headers (values
//! computed by hand) and on the sample county.

mod common;

use calamine::{Reader, open_workbook_auto};
use common::*;
use std::io::Read;

/// 云溪县: two urban schools, two rural ones (R2 listed before R1), a
/// roster under Chinese headers with 性别 and 骨干教师.
fn county() -> DataDir {
    let dir = DataDir::tables(
        "学校代码,学校名称,城乡类型,区县,学段,纬度,经度\n\
         U1,城关实验小学,城区,云溪县,小学,28.10,113.00\n\
         U2,城关第一初级中学,城区,云溪县,初中,28.11,113.01\n\
         R2,溪口乡初级中学,乡村,云溪县,初中,28.30,113.20\n\
         R1,溪口乡中心小学,乡村,云溪县,小学,28.31,113.21\n",
        "工号,姓名,性别,学校代码,学科,骨干教师,本校任教年限\n\
         T1,李华,女,U1,语文,县级骨干教师,8\nT2,张敏,女,U1,数学,,9\n\
         T3,刘洋,男,U1,语文,,7\nT4,陈静,女,U1,英语,,10\nT5,杨帆,男,U1,数学,,6\n\
         T6,王强,男,U2,数学,,12\nT7,赵丽,女,U2,语文,市级骨干教师,8\n\
         T8,周杰,男,U2,物理,,9\nT9,吴芳,女,U2,数学,,6\nT10,孙伟,男,U2,英语,,15\n",
        "学校代码,学科,需求人数\nR1,语文,1\nR2,数学,1\n",
    );
    // A hand plan: 王强 first, then 李华 (2 of 10 rotate, 1 backbone).
    dir.write("hand.csv", b"teacher,to_school\nT6,R2\nT1,R1\n");
    dir
}

const TITLE: &str = "云溪县2026年义务教育学校教师交流轮岗名单（公示）";
const HEADER: [&str; 9] = [
    "序号",
    "姓名",
    "性别",
    "原单位",
    "交流学校",
    "学段",
    "学科",
    "骨干教师",
    "交流期限",
];
const LI_HUA: [&str; 8] = [
    "李华",
    "女",
    "城关实验小学",
    "溪口乡中心小学",
    "小学",
    "语文",
    "县级",
    "2026.9-2027.8",
];
const WANG_QIANG: [&str; 8] = [
    "王强",
    "男",
    "城关第一初级中学",
    "溪口乡初级中学",
    "初中",
    "数学",
    "",
    "2026.9-2027.8",
];

fn publish(dir: &DataDir, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["publish", ".", "--plan", "hand.csv"];
    args.extend(extra);
    rotaplan_pinned(dir.path(), &args)
}

/// The rows of a CSV the list was written to (after its byte-order mark).
fn csv_rows(dir: &DataDir, name: &str) -> Vec<Vec<String>> {
    let bytes = std::fs::read(dir.file(name)).expect("the list");
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "a byte-order mark");
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(&bytes[3..])
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

fn row(number: &str, cells: &[&str]) -> Vec<String> {
    std::iter::once(number)
        .chain(cells.iter().copied())
        .map(str::to_string)
        .collect()
}

#[test]
fn the_list_is_grouped_by_receiving_school_with_every_column_by_hand() {
    let dir = county();
    let o = publish(&dir, &["--out", "list.csv"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("list.csv: published list of 2 teachers written"));
    let rows = csv_rows(&dir, "list.csv");
    let mut title = vec![TITLE.to_string()];
    title.resize(9, String::new());
    assert_eq!(rows[0], title);
    assert_eq!(rows[1], HEADER);
    // By receiving school in schools.csv's order: R2 (王强) before R1.
    assert_eq!(rows[2], row("1", &WANG_QIANG));
    assert_eq!(rows[3], row("2", &LI_HUA));
    assert_eq!(rows.len(), 4);
    // The list reads back as a plan.
    let o = rotaplan_pinned(dir.path(), &["audit", ".", "--plan", "list.csv"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
}

#[test]
fn by_sending_school_with_ids_title_and_note() {
    let dir = county();
    let o = publish(
        &dir,
        &[
            "--out",
            "list.csv",
            "--by",
            "from",
            "--with-id",
            "--title",
            "云溪县教育局关于2026年教师交流轮岗人员的公示",
            "--note",
            "公示期：5个工作日。联系电话：0731-1234567",
            "--bom",
            "true",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let rows = csv_rows(&dir, "list.csv");
    assert_eq!(rows[0][0], "云溪县教育局关于2026年教师交流轮岗人员的公示");
    assert_eq!(rows[1][..2], ["序号", "工号"]);
    assert_eq!(rows[1][2..], HEADER[1..]);
    // By sending school: U1 (李华) before U2.
    let mut li = row("1", &LI_HUA);
    li.insert(1, "T1".into());
    assert_eq!(rows[2], li);
    assert_eq!(rows[3][..3], ["2", "T6", "王强"]);
    assert_eq!(rows[4][0], "公示期：5个工作日。联系电话：0731-1234567");
    assert_eq!(rows.len(), 5);
}

#[test]
fn no_id_number_and_no_id_unless_asked() {
    // A roster that names its teachers by ID number only.
    let dir = DataDir::tables(
        "id,name,area,district\nU1,城关小学,urban,云溪县\nR1,溪口小学,rural,云溪县\n",
        "身份证件号,姓名,学校代码,学科,本校任教年限\n\
         430102198001011233,李华,U1,语文,8\n430102198102021238,张敏,U1,数学,8\n",
        "school,subject,count\nR1,语文,1\n",
    );
    dir.write("hand.csv", b"id_card,to_school\n430102198001011233,R1\n");
    for extra in [&[][..], &["--with-id"][..]] {
        for out in ["list.csv", "list.html", "list.xlsx"] {
            let mut args = vec!["--out", out, "--backbone-share", "0"];
            args.extend(extra);
            let o = publish(&dir, &args);
            assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
            let text = if out.ends_with("xlsx") {
                sheet_text(&dir.file(out))
            } else {
                String::from_utf8(std::fs::read(dir.file(out)).unwrap()).unwrap()
            };
            assert!(text.contains("李华"), "{text}");
            assert!(!text.contains("198001011234"), "an ID number shown: {text}");
        }
    }
}

/// Every cell of a workbook's sheets, as text, and its sheet XML (the
/// print setup).
fn sheet_text(path: &std::path::Path) -> String {
    let mut book = open_workbook_auto(path).expect("a workbook");
    let mut text = String::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).expect("a sheet");
        for row in range.rows() {
            for cell in row {
                text += &format!("{cell}\t");
            }
            text += "\n";
        }
    }
    text
}

/// The XML of a part of an xlsx.
fn part(path: &std::path::Path, name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut xml = String::new();
    zip.by_name(name)
        .expect("the part")
        .read_to_string(&mut xml)
        .unwrap();
    xml
}

#[test]
fn the_workbook_prints_on_a4_portrait_one_page_wide_with_title_and_header_repeated() {
    let dir = county();
    let o = publish(&dir, &["--out", "公示名单.xlsx", "--note", "公示期五天"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let path = dir.file("公示名单.xlsx");
    let mut book = open_workbook_auto(&path).unwrap();
    assert_eq!(book.sheet_names(), ["公示名单"]);
    let range = book.worksheet_range("公示名单").unwrap();
    let rows: Vec<Vec<String>> = range
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    assert_eq!(rows[0][0], TITLE);
    assert_eq!(rows[1], HEADER);
    assert_eq!(rows[2], row("1", &WANG_QIANG));
    assert_eq!(rows[3], row("2", &LI_HUA));
    assert_eq!(rows[5][0], "公示期五天");
    let sheet = part(&path, "xl/worksheets/sheet1.xml");
    assert!(sheet.contains("paperSize=\"9\""), "A4: {sheet}");
    assert!(sheet.contains("orientation=\"portrait\""), "{sheet}");
    assert!(sheet.contains("fitToWidth=\"1\"") || !sheet.contains("fitToWidth"));
    assert!(
        sheet.contains("fitToHeight=\"0\""),
        "one page wide: {sheet}"
    );
    assert!(sheet.contains("<mergeCell ref=\"A1:I1\"/>"), "{sheet}");
    let workbook = part(&path, "xl/workbook.xml");
    assert!(
        workbook.contains("_xlnm.Print_Titles") && workbook.contains("$1:$2"),
        "title and header repeated: {workbook}"
    );
}

#[test]
fn the_page_prints_on_a4_with_the_title_in_the_repeated_header() {
    let dir = county();
    let o = publish(&dir, &["--out", "list.html", "--note", "<公示期>"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let page = std::fs::read_to_string(dir.file("list.html")).unwrap();
    assert!(page.contains("size:A4 portrait"));
    let head = &page[page.find("<thead>").unwrap()..page.find("</thead>").unwrap()];
    assert!(
        head.contains(TITLE) && head.contains("<th>交流期限</th>"),
        "{head}"
    );
    let body = &page[page.find("<tbody>").unwrap()..];
    assert!(body.find("王强").unwrap() < body.find("李华").unwrap());
    assert!(page.contains("&lt;公示期&gt;"), "the note escaped");
}

#[test]
fn a_plan_that_breaks_a_rule_is_refused_and_nothing_is_written() {
    let dir = county();
    // 李华 twice: a row that breaks a rule.
    dir.write("hand.csv", b"teacher,to_school\nT1,R1\nT1,R2\n");
    dir.write("list.csv", b"the old list");
    for out in ["list.csv", "new.xlsx", "new.html"] {
        let o = publish(&dir, &["--out", out]);
        assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
        assert!(stdout(&o).contains("duplicate"), "{}", stdout(&o));
        assert!(stderr(&o).contains("not written"), "{}", stderr(&o));
    }
    assert_eq!(
        std::fs::read(dir.file("list.csv")).unwrap(),
        b"the old list"
    );
    assert!(!dir.file("new.xlsx").exists() && !dir.file("new.html").exists());
    let leftovers = std::fs::read_dir(dir.path())
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .ends_with(".tmp")
        })
        .count();
    assert_eq!(leftovers, 0);
}

#[test]
fn an_output_that_is_not_xlsx_csv_or_html_is_bad_input() {
    let dir = county();
    let o = publish(&dir, &["--out", "list.pdf"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains(".xlsx, .csv or .html"),
        "{}",
        stderr(&o)
    );
    let o = publish(&dir, &["--out", "list.pdf", "--lang", "zh"]);
    assert!(stderr(&o).contains("只能写成"), "{}", stderr(&o));
}

#[test]
fn the_sample_county_publishes_every_rotation_of_its_plan() {
    let dir = tempfile::tempdir().unwrap();
    let plan = sample_plan(dir.path());
    let planned = plan
        .split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .count()
        - 1;
    let sample = sample();
    for out in ["list.csv", "list.xlsx", "list.html"] {
        let o = rotaplan_pinned(
            dir.path(),
            &[
                "publish",
                sample.to_str().unwrap(),
                "--plan",
                "sample-plan.csv",
                "--out",
                out,
            ],
        );
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    }
    let rows = read_csv_rows(&dir.path().join("list.csv"));
    assert!(rows[0][0].ends_with("大丰区2026年义务教育学校教师交流轮岗名单（公示）"));
    assert_eq!(rows.len() - 2, planned);
    let numbers: Vec<String> = rows[2..].iter().map(|r| r[0].clone()).collect();
    let expected: Vec<String> = (1..=planned).map(|i| i.to_string()).collect();
    assert_eq!(numbers, expected);
    // Each receiving school's rows come together.
    let mut seen: Vec<&str> = Vec::new();
    for r in &rows[2..] {
        if seen.last() != Some(&r[4].as_str()) {
            assert!(!seen.contains(&r[4].as_str()), "{} in two places", r[4]);
            seen.push(&r[4]);
        }
    }
    let o = rotaplan_pinned(
        dir.path(),
        &["audit", sample.to_str().unwrap(), "--plan", "list.csv"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let o = rotaplan_pinned(
        dir.path(),
        &["audit", sample.to_str().unwrap(), "--plan", "list.xlsx"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
}
