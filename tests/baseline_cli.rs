//! papers.md "Objections and changes" through the binary: `plan
//! --baseline` after an objection on the sample county changes exactly
//! the rows the rules force, and says why.

mod common;

use common::*;

/// The (teacher, to_school) rows of a plan.csv, as a set.
fn rows_set(path: &std::path::Path) -> std::collections::BTreeSet<(String, String)> {
    plan_rows(path).into_iter().collect()
}

#[test]
fn an_objection_on_the_sample_changes_only_the_rows_the_rules_force() {
    let dir = tempfile::tempdir().unwrap();
    sample_plan(dir.path());
    let base = dir.path().join("sample-plan.csv");
    let before = rows_set(&base);
    let (objector, school) = before.iter().next().unwrap().clone();
    let obj = sample_with(dir.path(), &objector, "exempt", "大病");
    let obj = obj.to_str().unwrap();

    // The ratio has room: the objector's row goes, nothing else changes.
    let o = rotaplan_pinned(
        dir.path(),
        &[
            "plan",
            obj,
            "--baseline",
            "sample-plan.csv",
            "--out",
            "new.csv",
            "--format",
            "json",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let after = rows_set(&dir.path().join("new.csv"));
    let dropped: Vec<_> = before.difference(&after).collect();
    assert_eq!(dropped, [&(objector.clone(), school.clone())]);
    assert_eq!(after.difference(&before).count(), 0);
    let json = json(&o);
    let changes = json["changes"].as_array().unwrap();
    assert_eq!(changes.len(), 1, "{changes:?}");
    assert_eq!(changes[0]["teacher"], objector.as_str());
    assert_eq!(changes[0]["before"], school.as_str());
    assert!(changes[0]["after"].is_null());
    assert_eq!(changes[0]["reason"], "exempt");

    // A ratio the baseline meets exactly (276 of 1,959 eligible, 1,958
    // after the objection: ceil(14.05% x 1958) = 276): one replacement,
    // whose reason is the rules.
    let ratio = ["--ratio", "0.1405"];
    let o = rotaplan_pinned(
        dir.path(),
        &[
            "audit",
            sample().to_str().unwrap(),
            "--plan",
            "sample-plan.csv",
            ratio[0],
            ratio[1],
        ],
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "the baseline meets the ratio: {}",
        stdout(&o)
    );
    let o = rotaplan_pinned(
        dir.path(),
        &[
            "plan",
            obj,
            "--baseline",
            "sample-plan.csv",
            "--out",
            "new.csv",
            ratio[0],
            ratio[1],
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let after = rows_set(&dir.path().join("new.csv"));
    assert_eq!(before.difference(&after).count(), 1);
    let added: Vec<_> = after.difference(&before).collect();
    assert_eq!(added.len(), 1, "exactly one replacement");
    let table = stdout(&o);
    assert!(
        table.contains("Changes against the baseline sample-plan.csv: 2"),
        "{table}"
    );
    assert!(table.contains("may no longer rotate (exempt)"), "{table}");
    assert!(table.contains("the rules require it"), "{table}");
    // The new plan audits under the data as they are now.
    let o = rotaplan_pinned(
        dir.path(),
        &["audit", obj, "--plan", "new.csv", ratio[0], ratio[1]],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    // The report lists the same two changes, with their reasons in words.
    for (lang, heading, intro, exempt, rules) in [
        (
            "en",
            "Changes against the published plan",
            "Against sample-plan.csv: 2 teachers",
            "may no longer rotate (exempt)",
            "the rules require it",
        ),
        (
            "zh",
            "与公示方案相比的变动",
            "共2名教师",
            "已不符合交流条件（exempt）",
            "为满足交流规则所必需",
        ),
    ] {
        let o = rotaplan_pinned(
            dir.path(),
            &[
                "report",
                obj,
                "--plan",
                "new.csv",
                "--baseline",
                "sample-plan.csv",
                "--out",
                "r.html",
                ratio[0],
                ratio[1],
                "--lang",
                lang,
            ],
        );
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let page = std::fs::read_to_string(dir.path().join("r.html")).unwrap();
        for words in [heading, intro, exempt, rules, objector.as_str()] {
            assert!(page.contains(words), "{lang}: {words} not on the page");
        }
    }
}

#[test]
fn baseline_rows_that_cannot_stand_are_changes_with_their_reason() {
    // U1 has four eligible 数学 teachers; R1 needs 1 数学 (and once
    // needed 语文 too); the baseline sends T1 to R1 for 语文 (the need is
    // gone), T2 (now exempt) and a teacher the roster no longer has.
    let dir = DataDir::tables(
        "id,name,area,district\nU1,城关小学,urban,云溪\nR1,溪口小学,rural,云溪\n",
        "id,name,school,subject,backbone,years_at_school,exempt\n\
         T1,甲,U1,语文,county,8,\nT2,乙,U1,数学,county,8,病假\n\
         T3,丙,U1,数学,county,8,\nT4,丁,U1,数学,none,8,\n",
        "school,subject,count\nR1,数学,1\n",
    );
    dir.write(
        "base.csv",
        b"teacher,name,to_school\nT1,\xe7\x94\xb2,R1\nT2,\xe4\xb9\x99,R1\nT9,\xe5\xb7\xb2\xe8\xb0\x83\xe8\xb5\xb0,R1\n",
    );
    let o = rotaplan_pinned(
        dir.path(),
        &["plan", ".", "--baseline", "base.csv", "--format", "json"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let json = json(&o);
    let reasons: Vec<(String, String)> = json["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["teacher"].as_str().unwrap().to_string(),
                c["reason"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    // 3 of 3 eligible must rotate at 10%: 1; T1's need is gone, T2 is
    // exempt, T9 is not in the roster; one 数学 teacher (backbone, for the
    // 20%) is added: T3.
    assert_eq!(
        reasons,
        [
            ("T1".to_string(), "need_gone".to_string()),
            ("T2".to_string(), "exempt".to_string()),
            ("T3".to_string(), "rules".to_string()),
            ("T9".to_string(), "unknown_teacher".to_string()),
        ]
    );
}
