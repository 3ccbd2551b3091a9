//! The principals' model of one district (principals.md "The plan"): who
//! may move (the candidates), the posts a move can take (the vacant posts
//! and the posts of principals who may move), and each possible move.
//! Planned apart from the teachers' rotation, after it; neither changes
//! the other.

use crate::domain::{DataSet, Levels, PastRotation, Post};
use crate::policy::{Policy, retirement};

/// A principal or vice principal who may move.
#[derive(Debug, Clone)]
pub struct Candidate {
    /// Index into `DataSet::teachers`.
    pub teacher: usize,
    pub post: Post,
    /// Years in the post at `as_of`.
    pub years: u32,
    /// At or past `principal_max_years`: must move.
    pub overdue: bool,
    /// At a sending school (objective 3).
    pub from_sending: bool,
    /// The index in `posts` of the candidate's own post, for a principal.
    pub holds: Option<usize>,
}

/// A principal post a move can take.
#[derive(Debug, Clone)]
pub struct PostNode {
    /// Index into `DataSet::schools`.
    pub school: usize,
    /// Vacant: nobody is 校长 there, or the 校长 is retiring.
    pub vacant: bool,
    /// The school receives teachers (objective 3).
    pub receiving: bool,
}

/// A possible move: candidate `candidate` takes post `post`.
#[derive(Debug, Clone)]
pub struct Move {
    pub candidate: usize,
    pub post: usize,
    /// Between the schools, 0 when either has no location.
    pub distance_km: f64,
}

/// Why a principal at or past `principal_max_years` may not move: listed,
/// and the plan goes on (principals.md "The plan", objective 1).
#[derive(Debug, Clone)]
pub struct Stuck {
    pub teacher: usize,
    /// `retiring`, `pinned`, or an eligibility reason's code.
    pub reason: String,
}

/// One district's principals' model.
#[derive(Debug, Clone, Default)]
pub struct PrincipalModel {
    pub district: String,
    pub candidates: Vec<Candidate>,
    pub posts: Vec<PostNode>,
    pub moves: Vec<Move>,
    /// Overdue principals who are not candidates.
    pub stuck: Vec<Stuck>,
}

/// Whole years in the post at the policy's `as_of`: from `post_start`
/// when given (the date wins), else `post_years`; `None` unknown.
pub fn post_years(data: &DataSet, policy: &Policy, t: usize) -> Option<u32> {
    let teacher = &data.teachers[t];
    teacher
        .post_start()
        .map(|d| retirement::completed_years(d, policy.as_of()))
        .or(teacher.post_years())
}

/// The principals' model of every district, in the order of the
/// districts' names (principals.md "Candidates", "The plan").
pub fn build(data: &DataSet, policy: &Policy) -> Vec<PrincipalModel> {
    // One pass over the roster: the principal of each school, whether it
    // has teachers at all, and who holds a post.
    let mut principal: Vec<Option<usize>> = vec![None; data.schools.len()];
    let mut staffed = vec![false; data.schools.len()];
    let mut holders: Vec<usize> = Vec::new();
    for (t, teacher) in data.teachers.iter().enumerate() {
        staffed[teacher.school] = true;
        if let Some(post) = teacher.post() {
            holders.push(t);
            if post == Post::Principal {
                principal[teacher.school] = Some(t);
            }
        }
    }
    // The districts by name; each with its schools and its post holders,
    // in the data's order.
    let mut districts: Vec<&str> = data.schools.iter().map(|s| s.district.as_str()).collect();
    districts.sort_unstable();
    districts.dedup();
    let index = |school: usize| {
        districts
            .binary_search(&data.schools[school].district.as_str())
            .expect("every school's district is listed")
    };
    let mut schools_of: Vec<Vec<usize>> = vec![Vec::new(); districts.len()];
    for s in 0..data.schools.len() {
        schools_of[index(s)].push(s);
    }
    let mut holders_of: Vec<Vec<usize>> = vec![Vec::new(); districts.len()];
    let mut history_of: std::collections::HashMap<usize, Vec<&PastRotation>> = holders
        .iter()
        .map(|&t| {
            holders_of[index(data.teachers[t].school)].push(t);
            (t, Vec::new())
        })
        .collect();
    for past in &data.history {
        if let Some(h) = history_of.get_mut(&past.teacher) {
            h.push(past);
        }
    }
    let next_as_of = policy.as_of_after(1);
    let retiring = |t: usize| {
        crate::eligibility::retires_on(&data.teachers[t], policy).is_some_and(|d| d <= next_as_of)
    };
    districts
        .iter()
        .enumerate()
        .map(|(d, district)| {
            let mut m = PrincipalModel {
                district: district.to_string(),
                ..PrincipalModel::default()
            };
            // The vacant posts first, in school order.
            for &s in &schools_of[d] {
                let vacant = staffed[s] && principal[s].is_none_or(retiring);
                if vacant {
                    m.posts.push(PostNode {
                        school: s,
                        vacant: true,
                        receiving: policy.is_receiving(&data.schools[s]),
                    });
                }
            }
            for &t in &holders_of[d] {
                let teacher = &data.teachers[t];
                let Some(post) = teacher.post() else { continue };
                // Years unknown (no post_start, no post_years): the rules
                // on them do not apply (rules.md: a rule needing a value
                // the teacher lacks is not applied to that teacher).
                let known = post_years(data, policy, t);
                let years = known.unwrap_or(0);
                let overdue = known.is_some_and(|y| y >= policy.principal_max_years);
                let min = match post {
                    Post::Principal => policy.principal_min_years,
                    Post::VicePrincipal => policy.vice_min_years,
                };
                let history = history_of[&t].iter().copied();
                let why_not: Option<String> = if retiring(t) {
                    Some("retiring".into())
                } else if teacher.assign_to.is_some() || teacher.must_rotate {
                    Some("pinned".into())
                } else if let Some(reason) =
                    crate::eligibility::candidate_reason(teacher, policy, history)
                {
                    Some(reason.code().into())
                } else if known.is_some_and(|y| y < min) {
                    Some("too_few_post_years".into())
                } else {
                    None
                };
                if let Some(reason) = why_not {
                    if overdue && post == Post::Principal && reason != "too_few_post_years" {
                        m.stuck.push(Stuck { teacher: t, reason });
                    }
                    continue;
                }
                let holds = (post == Post::Principal).then(|| {
                    m.posts.push(PostNode {
                        school: teacher.school,
                        vacant: false,
                        receiving: policy.is_receiving(&data.schools[teacher.school]),
                    });
                    m.posts.len() - 1
                });
                m.candidates.push(Candidate {
                    teacher: t,
                    post,
                    years,
                    overdue,
                    from_sending: policy.is_sending(&data.schools[teacher.school]),
                    holds,
                });
            }
            for (c, cand) in m.candidates.iter().enumerate() {
                let teacher = &data.teachers[cand.teacher];
                let reach = policy.level_reach(data, teacher);
                for (p, post) in m.posts.iter().enumerate() {
                    let school = &data.schools[post.school];
                    if post.school == teacher.school
                        || !Levels::of_school(school.level).meets(reach)
                        || (cand.post == Post::VicePrincipal && !post.receiving)
                    {
                        continue;
                    }
                    let from = &data.schools[teacher.school];
                    let distance_km = match (from.location, school.location) {
                        (Some(a), Some(b)) => crate::geo::great_circle_km(a, b),
                        _ => 0.0,
                    };
                    m.moves.push(Move {
                        candidate: c,
                        post: p,
                        distance_km,
                    });
                }
            }
            m
        })
        .filter(|m| !m.candidates.is_empty() || !m.stuck.is_empty())
        .collect()
}
