//! papers.md through the binary: the language of every text ("Language").

mod common;

use common::*;

/// A teachers.csv whose third line holds a bad 本校任教年限.
fn bad_years() -> DataDir {
    let teachers = "id,name,school,subject,backbone,years_at_school\n\
                    T1,甲,U1,数学,county,8\nT2,乙,U1,数学,none,七\n";
    DataDir::tables(
        "id,name,area,district,lat,lon\nU1,城区小学,urban,大丰,33.2,120.4\nR1,草堰小学,rural,大丰,33.0,120.3\n",
        teachers,
        "school,subject,count\nR1,数学,1\n",
    )
}

fn run(dir: &DataDir, env: &[(&str, &str)], args: &[&str]) -> std::process::Output {
    let mut command = assert_cmd::Command::cargo_bin("rotaplan").unwrap();
    command
        .current_dir(dir.path())
        .env_remove("ROTAPLAN_LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C");
    for (k, v) in env {
        command.env(k, v);
    }
    command.args(pin_plan_year(args)).output().unwrap()
}

/// `--lang`, else `ROTAPLAN_LANG`, else the system locale (`zh*` is
/// Chinese), else English; positions in Chinese keep their meaning
/// (第3行, “years_at_school”列); a language rotaplan lacks is exit 2.
#[test]
fn the_language_comes_from_the_flag_the_variable_or_the_locale() {
    let dir = bad_years();
    let chinese = |o: &std::process::Output| {
        let err = stderr(o);
        assert_eq!(o.status.code(), Some(2), "{err}");
        err.contains("第3行") && err.contains("“years_at_school”列") && err.contains("`七`")
    };
    let english = |o: &std::process::Output| {
        let err = stderr(o);
        assert_eq!(o.status.code(), Some(2), "{err}");
        err.contains("line 3, column `years_at_school`") && err.contains("expected a whole number")
    };
    assert!(english(&run(&dir, &[], &["check", "."])));
    assert!(chinese(&run(&dir, &[], &["check", ".", "--lang", "zh"])));
    assert!(chinese(&run(&dir, &[], &["--lang=zh", "check", "."])));
    assert!(chinese(&run(
        &dir,
        &[("ROTAPLAN_LANG", "zh")],
        &["check", "."]
    )));
    assert!(chinese(&run(
        &dir,
        &[("LANG", "zh_CN.UTF-8")],
        &["check", "."]
    )));
    assert!(english(&run(
        &dir,
        &[("ROTAPLAN_LANG", "zh"), ("LANG", "zh_CN.UTF-8")],
        &["check", ".", "--lang", "en"]
    )));
    assert!(english(&run(
        &dir,
        &[("ROTAPLAN_LANG", "en"), ("LANG", "zh_CN.UTF-8")],
        &["check", "."]
    )));
    let o = run(&dir, &[], &["check", ".", "--lang", "fr"]);
    assert_eq!(o.status.code(), Some(2));
    // The help is in the language too.
    let o = run(&dir, &[], &["plan", "--help", "--lang", "zh"]);
    let help = stdout(&o);
    assert!(help.contains("所有文字的语言"), "{help}");
    assert!(
        help.contains("用法：") && help.contains("选项:") && help.contains("显示帮助"),
        "{help}"
    );
    assert!(
        !help.contains("Options:") && !help.contains("Print help"),
        "{help}"
    );
}

/// Under zh the plan's tables are Chinese, and plan.csv keeps its machine
/// header (the form `audit` reads in either language).
#[test]
fn plan_csv_keeps_its_header_in_chinese() {
    let dir = bad_years();
    dir.write(
        "teachers.csv",
        "id,name,school,subject,backbone,years_at_school\nT1,甲,U1,数学,county,8\nT2,乙,U1,数学,none,9\n"
            .as_bytes(),
    );
    let o = run(
        &dir,
        &[],
        &["plan", ".", "--lang", "zh", "--out", "plan.csv"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("区县"), "{}", stdout(&o));
    let plan = std::fs::read_to_string(dir.file("plan.csv")).unwrap();
    assert!(
        plan.trim_start_matches('\u{feff}')
            .starts_with("teacher,name,subject,backbone,from_school,to_school"),
        "{plan}"
    );
    let o = run(
        &dir,
        &[],
        &["audit", ".", "--plan", "plan.csv", "--lang", "zh"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

/// Every CSV rotaplan writes starts with a UTF-8 byte-order mark, for
/// Excel and WPS; `--bom false` leaves it out (papers.md "CSV for Excel
/// and WPS"); either reads back.
#[test]
fn csv_starts_with_a_byte_order_mark_unless_told_not_to() {
    let dir = bad_years();
    dir.write(
        "teachers.csv",
        "id,name,school,subject,backbone,years_at_school\nT1,甲,U1,数学,county,8\nT2,乙,U1,数学,none,9\n"
            .as_bytes(),
    );
    for (flag, bom) in [(None, true), (Some("true"), true), (Some("false"), false)] {
        let mut args = vec!["plan", ".", "--out", "plan.csv"];
        if let Some(flag) = flag {
            args.extend(["--bom", flag]);
        }
        let o = run(&dir, &[], &args);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let bytes = std::fs::read(dir.file("plan.csv")).unwrap();
        assert_eq!(bytes.starts_with(b"\xEF\xBB\xBFteacher,"), bom, "{flag:?}");
        assert_eq!(bytes.starts_with(b"teacher,"), !bom, "{flag:?}");
        let o = run(&dir, &[], &["audit", ".", "--plan", "plan.csv"]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let mut args = vec![
            "compare",
            ".",
            "--sweep",
            "min_rotation_ratio=0.1,0.2",
            "--format",
            "csv",
        ];
        if let Some(flag) = flag {
            args.extend(["--bom", flag]);
        }
        let o = run(&dir, &[], &args);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        assert_eq!(
            o.stdout.starts_with(b"\xEF\xBB\xBFscenario,"),
            bom,
            "{flag:?}"
        );
    }
}

/// `plan` says where it wrote and whether it replaced a file, in every
/// format: a line on stderr, and JSON `out` and `replaced` (papers.md
/// "Writing files").
#[test]
fn plan_says_where_it_wrote_and_whether_it_replaced_a_file() {
    let dir = bad_years();
    dir.write(
        "teachers.csv",
        "id,name,school,subject,backbone,years_at_school\nT1,甲,U1,数学,county,8\nT2,乙,U1,数学,none,9\n"
            .as_bytes(),
    );
    let o = run(&dir, &[], &["plan", "."]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stderr(&o).trim(), "plan.csv: 1 rotation written");
    assert!(dir.file("plan.csv").exists());
    let o = run(&dir, &[], &["plan", ".", "--format", "json"]);
    assert_eq!(
        stderr(&o).trim(),
        "plan.csv: 1 rotation written, replacing the file that was there"
    );
    let v = json(&o);
    assert_eq!(
        (&v["out"], &v["replaced"]),
        (&"plan.csv".into(), &true.into())
    );
    let o = run(&dir, &[], &["plan", ".", "--lang", "zh", "--out", "新.csv"]);
    assert_eq!(stderr(&o).trim(), "新.csv：已写入1条交流记录");
}

/// papers.md "Language": under zh the command line's own errors and the
/// help's hints are Chinese too; under en they stay clap's. Exit 2.
#[test]
fn command_line_errors_and_hints_are_in_the_language() {
    let dir = bad_years();
    let cases: [(&[&str], &str, &str); 5] = [
        (
            &["plan", ".", "--fromat", "json"],
            "无法识别的参数“--fromat”（是否要用“--format”？）",
            "unexpected argument '--fromat'",
        ),
        (
            &["plan", ".", "--format", "xml"],
            "“--format <FORMAT>”的取值“xml”无效：可选值为 table、json",
            "invalid value 'xml'",
        ),
        (
            &["publish", ".", "--plan", "p.csv"],
            "缺少：--out <LIST>",
            "the following required arguments were not provided",
        ),
        (
            &["plna", "."],
            "没有“plna”这个命令",
            "unrecognized subcommand 'plna'",
        ),
        (
            &["plan", ".", "--ratio"],
            "“--ratio <RATIO>”后缺少取值",
            "a value is required for '--ratio <RATIO>'",
        ),
    ];
    for (args, zh, en) in cases {
        let mut with_zh = args.to_vec();
        with_zh.extend(["--lang", "zh"]);
        let o = run(&dir, &[], &with_zh);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(stderr(&o).contains(zh), "{args:?}: {}", stderr(&o));
        let o = run(&dir, &[], args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(stderr(&o).contains(en), "{args:?}: {}", stderr(&o));
    }
    let help = stdout(&run(&dir, &[], &["plan", "--help", "--lang", "zh"]));
    assert!(
        help.contains("[默认：plan.csv]") && help.contains("[可选值：table, json]"),
        "{help}"
    );
    assert!(
        !help.contains("possible values") && !help.contains("[default"),
        "{help}"
    );
    let help = stdout(&run(&dir, &[], &["plan", "--help"]));
    assert!(
        help.contains("[default: plan.csv]") && help.contains("[possible values: table, json]")
    );
}
