//! A policy file's text: parsed over the defaults, each ratio shown and
//! read back, and a policy that passes its checks used to audit the small
//! valid data set.

#![no_main]

use libfuzzer_sys::fuzz_target;
use rotaplan::policy::{Policy, Ratio};
use rotaplan_fuzz::{exercise, valid_data};

/// A ratio is a fraction in lowest terms in [0, 1], and its percentage
/// reads back as the same ratio when it is shown exactly.
fn check_ratio(r: Ratio) {
    assert!(
        r.den() > 0 && r.num() <= r.den(),
        "ratio out of range: {r:?}"
    );
    let shown = r.to_string();
    let decimals = shown
        .trim_end_matches('%')
        .split_once('.')
        .map_or(0, |(_, d)| d.len());
    if decimals < 6 {
        assert_eq!(
            Ratio::parse(&shown),
            Ok(r),
            "`{shown}` reads back another ratio"
        );
    }
}

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    for line in text.lines().take(16) {
        if let Ok(r) = Ratio::parse(line) {
            check_ratio(r);
        }
    }
    let from_file = Policy::from_toml("policy.toml", text);
    let overlaid = Policy::default().overlay_toml("policy.toml", text);
    match (&from_file, &overlaid) {
        (Ok(p), Ok((q, _))) => assert_eq!(p, q, "from_toml and overlay_toml differ"),
        (Ok(_), Err(e)) => panic!("from_toml accepts what overlay_toml refuses: {e}"),
        _ => {}
    }
    let Ok((policy, _name)) = overlaid else {
        return;
    };
    check_ratio(policy.min_rotation_ratio);
    check_ratio(policy.min_backbone_share);
    policy
        .max_rotation_ratio
        .into_iter()
        .chain(policy.max_subject_share)
        .for_each(check_ratio);
    assert!(policy.time_limit_seconds.is_finite() && policy.time_limit_seconds > 0.0);
    // A second layer (a scenario over a policy file) parses the same way.
    if let Ok((twice, _)) = policy.overlay_toml("scenario", text) {
        assert_eq!(
            twice, policy,
            "laying the same keys on twice changes the policy"
        );
    }
    if let Ok(policy) = policy.checked("policy.toml") {
        assert!(from_file.is_ok(), "checked accepts what from_toml refuses");
        exercise(valid_data(), &policy);
    }
});
