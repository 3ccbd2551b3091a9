//! From flows to people: which teachers of a group fill the group's places.
//!
//! The model decides how many of a group go to each rural school; any
//! choice of individuals meets the rules equally. The documented,
//! deterministic rule is:
//!
//! 1. teachers who listed a school get a place there, best rank first;
//! 2. the remaining places go, school by school (in model order), to the
//!    teachers with the most years at their school (unknown years count as
//!    0), ties broken by teacher id (UTF-8 bytes).
//!
//! Ties within step 1 are broken the same way as step 2.

use crate::domain::DataSet;
use crate::model::DistrictModel;
use std::cmp::Reverse;
use std::collections::{BTreeMap, HashMap};

/// One teacher's move.
#[derive(Debug, Clone, PartialEq)]
pub struct Rotation {
    pub teacher: usize,
    pub to_school: usize,
    /// `None` when either school has no location.
    pub distance_km: Option<f64>,
    /// The rank the teacher gave the school, if any.
    pub preference_rank: Option<u32>,
}

/// The rotations the flows of `m` stand for.
pub fn assign(
    data: &DataSet,
    m: &DistrictModel,
    flows: &[u32],
    ranks: &HashMap<(usize, usize), u32>,
) -> Vec<Rotation> {
    // Places per group: (receiving school, count), in arc order.
    let mut places: Vec<Vec<(usize, u32)>> = vec![Vec::new(); m.groups.len()];
    for (arc, &flow) in m.arcs.iter().zip(flows) {
        if flow > 0 {
            places[arc.group].push((m.needs[arc.need].school, flow));
        }
    }
    let mut rotations = Vec::new();
    for (group, mut places) in m.groups.iter().zip(places) {
        if places.is_empty() {
            continue;
        }
        let seniority = |t: usize| {
            let teacher = &data.teachers[t];
            (
                Reverse(teacher.years_at_school.unwrap_or(0)),
                teacher.id.as_str(),
            )
        };
        // Ordered by teacher: the district's distance is summed in this
        // order, and a hash map's order changes from run to run (the
        // last digits of total_distance_km in the JSON did).
        let mut placed: BTreeMap<usize, usize> = BTreeMap::new();
        let mut wishes: Vec<(u32, usize, usize)> = group
            .teachers
            .iter()
            .flat_map(|&t| {
                places
                    .iter()
                    .filter_map(move |&(s, _)| Some((*ranks.get(&(t, s))?, t, s)))
            })
            .collect();
        wishes.sort_by(|a, b| (a.0, seniority(a.1)).cmp(&(b.0, seniority(b.1))));
        for (_, t, s) in wishes {
            if placed.contains_key(&t) {
                continue;
            }
            if let Some(place) = places
                .iter_mut()
                .find(|(school, left)| *school == s && *left > 0)
            {
                place.1 -= 1;
                placed.insert(t, s);
            }
        }
        let mut rest: Vec<usize> = group
            .teachers
            .iter()
            .copied()
            .filter(|t| !placed.contains_key(t))
            .collect();
        rest.sort_by_key(|&t| seniority(t));
        let mut rest = rest.into_iter();
        for (school, left) in places {
            for t in rest.by_ref().take(left as usize) {
                placed.insert(t, school);
            }
        }
        rotations.extend(placed.into_iter().map(|(t, s)| Rotation {
            teacher: t,
            to_school: s,
            distance_km: crate::geo::between(
                data.schools[group.school].location,
                data.schools[s].location,
            ),
            preference_rank: ranks.get(&(t, s)).copied(),
        }));
    }
    rotations
}
