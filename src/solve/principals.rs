//! The principals' moves of one district (principals.md "The plan"), a
//! model of its own beside the teachers', solved exactly as a minimum-cost
//! flow whose costs are compared in the objective order.
//!
//! The network: the source gives each candidate one unit; a candidate
//! sends it along a move (to another school's post) or along its *stay*
//! arc (a principal to its own post, a vice principal straight to the
//! sink); each post passes at most one unit to the sink. A principal who
//! moves frees their post, which must then be taken by one other: the
//! first cost (below) fills every post that was filled, which the plan
//! where nobody moves already does. The flows of value "every candidate"
//! are then exactly the plans: every candidate moving at most once, every
//! post taken at most once, every post that was filled kept filled, so
//! that the moves form chains from vacant posts, ending with a vice
//! principal, and cycles.
//!
//! Each arc's cost is a vector compared lexicographically, one entry per
//! objective, so one successive-shortest-path run gives the plan that is
//! best in the whole order at once, in whole numbers (no tolerance):
//!
//! - the posts that were filled, filled (every plan has them all);
//! - principals.md objective 1: the fewest overdue principals staying
//!   (each must move), then the fewest overdue vice principals staying.
//!   The spec counts every overdue candidate; rotaplan reads its "must
//!   move" as the 校长's (a 副校长 holds no post another could take, and
//!   can move only to the end of a chain from a vacant post), so an
//!   overdue vice principal moves when any plan lets them, and one who
//!   cannot is listed, not infeasible;
//! - objective 2: the most vacant posts filled;
//! - objective 3: the most posts of receiving schools taken from sending
//!   schools;
//! - objective 4: the fewest moves;
//! - objective 5: the least total distance, in whole metres.
//!
//! Objective 6, then the smallest principal ids moving (by UTF-8 bytes):
//! the sorted list of the moving candidates' ids as small as can be, first
//! id first. All plans best in 1-5 have the same number of moves, so this
//! is: in id order, each candidate moves when some plan best in 1-5 and
//! keeping the choices made for the candidates before does. Such plans
//! differ from the current one by cycles of arcs whose reduced cost is
//! zero under the final potentials, so one search of those arcs per
//! candidate decides it exactly.
//!
//! Then rotaplan's tie-break, so that the order alone decides the plan: in
//! id order, each moving candidate takes the post of the smallest school
//! id (by UTF-8 bytes) it can, keeping the posts chosen before: one search
//! per post tried, as for objective 6.

use super::SolveError;
use crate::model::principals::PrincipalModel;
use std::cmp::Reverse;
use std::collections::{BinaryHeap, VecDeque};

/// What the district's solve found.
#[derive(Debug, Clone, Default)]
pub struct Chosen {
    /// The moves made, indices into `PrincipalModel::moves`, in order.
    pub moves: Vec<usize>,
    /// Overdue principals (indices into `candidates`) who cannot move with
    /// the others: the district is infeasible (principals.md objective 1).
    pub overdue_unmoved: Vec<usize>,
    /// Overdue vice principals (indices into `candidates`) no plan moves
    /// with the others: listed, the plan goes on.
    pub overdue_vices_staying: Vec<usize>,
}

/// An arc's cost, entry by entry in the objective order (see the module).
type Cost = [i64; 7];

fn add(a: Cost, b: Cost) -> Cost {
    std::array::from_fn(|i| a[i] + b[i])
}

fn sub(a: Cost, b: Cost) -> Cost {
    std::array::from_fn(|i| a[i] - b[i])
}

/// An arc of the residual network; arcs come in pairs (`a ^ 1` is the
/// reverse of `a`).
#[derive(Debug, Clone)]
struct Arc {
    to: usize,
    capacity: i32,
    cost: Cost,
}

#[derive(Debug, Default)]
struct Network {
    arcs: Vec<Arc>,
    out: Vec<Vec<usize>>,
}

impl Network {
    fn new(nodes: usize) -> Network {
        Network {
            arcs: Vec::new(),
            out: vec![Vec::new(); nodes],
        }
    }

    /// Adds `from -> to` of capacity 1; returns its index.
    fn arc(&mut self, from: usize, to: usize, cost: Cost) -> usize {
        let a = self.arcs.len();
        self.arcs.push(Arc {
            to,
            capacity: 1,
            cost,
        });
        self.arcs.push(Arc {
            to: from,
            capacity: 0,
            cost: sub([0; 7], cost),
        });
        self.out[from].push(a);
        self.out[to].push(a + 1);
        a
    }

    fn from(&self, a: usize) -> usize {
        self.arcs[a ^ 1].to
    }

    fn flow(&self, a: usize) -> i32 {
        self.arcs[a ^ 1].capacity
    }

    fn push(&mut self, a: usize) {
        self.arcs[a].capacity -= 1;
        self.arcs[a ^ 1].capacity += 1;
    }

    fn reduced(&self, a: usize, potential: &[Cost]) -> Cost {
        sub(
            add(self.arcs[a].cost, potential[self.from(a)]),
            potential[self.arcs[a].to],
        )
    }

    /// Shortest distances from `source` over the arcs with capacity, by
    /// Bellman-Ford (the first potentials, when costs may be negative).
    fn bellman_ford(&self, source: usize) -> Vec<Option<Cost>> {
        let mut dist: Vec<Option<Cost>> = vec![None; self.out.len()];
        dist[source] = Some([0; 7]);
        let mut queue = VecDeque::from([source]);
        let mut queued = vec![false; self.out.len()];
        queued[source] = true;
        while let Some(u) = queue.pop_front() {
            queued[u] = false;
            let du = dist[u].expect("queued nodes are reached");
            for &a in &self.out[u] {
                let arc = &self.arcs[a];
                if arc.capacity == 0 {
                    continue;
                }
                let d = add(du, arc.cost);
                if dist[arc.to].is_none_or(|old| d < old) {
                    dist[arc.to] = Some(d);
                    if !queued[arc.to] {
                        queued[arc.to] = true;
                        queue.push_back(arc.to);
                    }
                }
            }
        }
        dist
    }

    /// One unit along a shortest path from `source` to `sink` (Dijkstra on
    /// the reduced costs), the potentials updated so that every arc with
    /// capacity keeps a reduced cost of at least zero. `false` when the
    /// sink cannot be reached.
    fn augment(&mut self, source: usize, sink: usize, potential: &mut [Cost]) -> bool {
        let n = self.out.len();
        let mut dist: Vec<Option<Cost>> = vec![None; n];
        let mut via: Vec<Option<usize>> = vec![None; n];
        let mut done = vec![false; n];
        let mut heap = BinaryHeap::from([Reverse(([0i64; 7], source))]);
        dist[source] = Some([0; 7]);
        while let Some(Reverse((d, u))) = heap.pop() {
            if done[u] {
                continue;
            }
            done[u] = true;
            if u == sink {
                break;
            }
            for &a in &self.out[u] {
                if self.arcs[a].capacity == 0 {
                    continue;
                }
                let to = self.arcs[a].to;
                let next = add(d, self.reduced(a, potential));
                if dist[to].is_none_or(|old| next < old) {
                    dist[to] = Some(next);
                    via[to] = Some(a);
                    heap.push(Reverse((next, to)));
                }
            }
        }
        let Some(to_sink) = dist[sink] else {
            return false;
        };
        // The search stops at the sink: a node not settled before it gains
        // the sink's distance, which keeps every reduced cost at least
        // zero (a settled node's neighbours are at most its distance plus
        // the arc's reduced cost; any other node's distance is at least the
        // sink's).
        for (v, p) in potential.iter_mut().enumerate() {
            let d = dist[v]
                .filter(|_| done[v])
                .map_or(to_sink, |d| d.min(to_sink));
            *p = add(*p, d);
        }
        let mut v = sink;
        while let Some(a) = via[v] {
            self.push(a);
            v = self.from(a);
        }
        true
    }

    /// Whether a unit may go along `a` at no cost: it has capacity, a
    /// reduced cost of zero, and is not `banned`.
    fn tight(&self, a: usize, potential: &[Cost], banned: &[bool]) -> bool {
        !banned[a] && self.arcs[a].capacity > 0 && self.reduced(a, potential) == [0; 7]
    }

    /// A path from `from` to `to` over arcs with capacity, zero reduced
    /// cost and not `banned`: its arcs, in order.
    fn tight_path(
        &self,
        from: usize,
        to: usize,
        potential: &[Cost],
        banned: &[bool],
    ) -> Option<Vec<usize>> {
        let mut via: Vec<Option<usize>> = vec![None; self.out.len()];
        let mut seen = vec![false; self.out.len()];
        seen[from] = true;
        let mut queue = VecDeque::from([from]);
        while let Some(u) = queue.pop_front() {
            if u == to {
                let mut path = Vec::new();
                let mut v = to;
                while let Some(a) = via[v] {
                    path.push(a);
                    v = self.from(a);
                }
                path.reverse();
                return Some(path);
            }
            for &a in &self.out[u] {
                let v = self.arcs[a].to;
                if seen[v] || !self.tight(a, potential, banned) {
                    continue;
                }
                seen[v] = true;
                via[v] = Some(a);
                queue.push_back(v);
            }
        }
        None
    }
}

/// The district's moves (see the module's order); `ids` are the
/// candidates' ids, in the order of `m.candidates`, and `post_ids` the
/// ids of the posts' schools, in the order of `m.posts`.
///
/// Errors: `SolveError::Infeasible` if the flow cannot give every
/// candidate a place (never: staying is always one).
pub fn solve(m: &PrincipalModel, ids: &[&str], post_ids: &[&str]) -> Result<Chosen, SolveError> {
    let (source, sink) = (0, 1);
    let candidate = |c: usize| 2 + c;
    let post = |p: usize| 2 + m.candidates.len() + p;
    let mut net = Network::new(2 + m.candidates.len() + m.posts.len());
    for c in 0..m.candidates.len() {
        net.arc(source, candidate(c), [0; 7]);
    }
    for (p, node) in m.posts.iter().enumerate() {
        let filled = i64::from(!node.vacant);
        net.arc(post(p), sink, [-filled, 0, 0, 0, 0, 0, 0]);
    }
    let stays: Vec<usize> = m
        .candidates
        .iter()
        .enumerate()
        .map(|(c, cand)| {
            let to = cand.holds.map_or(sink, post);
            let principal = cand.holds.is_some();
            let cost = [
                0,
                i64::from(cand.overdue && principal),
                i64::from(cand.overdue && !principal),
                0,
                0,
                0,
                0,
            ];
            net.arc(candidate(c), to, cost)
        })
        .collect();
    let moves: Vec<usize> = m
        .moves
        .iter()
        .map(|mv| {
            let (cand, node) = (&m.candidates[mv.candidate], &m.posts[mv.post]);
            let cost = [
                0,
                0,
                0,
                -i64::from(node.vacant),
                -i64::from(node.receiving && cand.from_sending),
                1,
                // Whole metres: the sum is exact and the same on every run.
                (mv.distance_km * 1000.0).round() as i64,
            ];
            net.arc(candidate(mv.candidate), post(mv.post), cost)
        })
        .collect();

    // The first potentials: the network has no cycle yet, so Bellman-Ford
    // ends. Every node is reached but a vacant post nobody may take: it
    // gains the largest distance, and its arc to the sink, which costs
    // nothing, keeps a reduced cost of at least zero (a filled post is
    // always reached, by its holder's stay).
    let first = net.bellman_ford(source);
    let far = first.iter().flatten().copied().max().unwrap_or([0; 7]);
    let mut potential: Vec<Cost> = first.iter().map(|d| d.unwrap_or(far)).collect();
    for _ in 0..m.candidates.len() {
        if !net.augment(source, sink, &mut potential) {
            return Err(SolveError::Infeasible);
        }
    }

    let staying = |net: &Network, principal: bool| -> Vec<usize> {
        (0..m.candidates.len())
            .filter(|&c| {
                let cand = &m.candidates[c];
                cand.overdue && cand.holds.is_some() == principal && net.flow(stays[c]) == 1
            })
            .collect()
    };
    let overdue_unmoved = staying(&net, true);
    if !overdue_unmoved.is_empty() {
        return Ok(Chosen {
            moves: Vec::new(),
            overdue_unmoved,
            overdue_vices_staying: Vec::new(),
        });
    }

    // Objective 6: in id order, each candidate moves when a cycle of tight arcs
    // through the reverse of its stay arc exists, the choices made for the
    // candidates before held by banning arcs.
    let mut by_id: Vec<usize> = (0..m.candidates.len()).collect();
    by_id.sort_by(|&a, &b| ids[a].as_bytes().cmp(ids[b].as_bytes()));
    let mut banned = vec![false; net.arcs.len()];
    for &c in &by_id {
        let stay = stays[c];
        if net.flow(stay) == 1 {
            let head = net.arcs[stay].to;
            let path = net
                .tight(stay ^ 1, &potential, &banned)
                .then(|| net.tight_path(candidate(c), head, &potential, &banned))
                .flatten();
            match path {
                Some(path) => {
                    for a in path {
                        net.push(a);
                    }
                    net.push(stay ^ 1);
                }
                None => {
                    // Stays: its stay arc keeps its unit.
                    banned[stay ^ 1] = true;
                    continue;
                }
            }
        }
        // Moves: its stay arc stays empty.
        banned[stay] = true;
    }

    // The tie-break: in id order, each moving candidate takes the post of the
    // smallest school id it can, the posts chosen before held.
    for c in by_id {
        if net.flow(stays[c]) == 1 {
            continue;
        }
        let mut options: Vec<usize> = (0..m.moves.len())
            .filter(|&k| m.moves[k].candidate == c)
            .collect();
        options.sort_by(|&a, &b| {
            let id = |k: usize| post_ids[m.moves[k].post].as_bytes();
            id(a).cmp(id(b))
        });
        let now = *options
            .iter()
            .find(|&&k| net.flow(moves[k]) == 1)
            .expect("a moving candidate takes one post");
        for &k in &options {
            if k == now {
                break;
            }
            if !net.tight(moves[k], &potential, &banned)
                || !net.tight(moves[now] ^ 1, &potential, &banned)
            {
                continue;
            }
            let (to, from) = (net.arcs[moves[k]].to, net.arcs[moves[now]].to);
            if let Some(path) = net.tight_path(to, from, &potential, &banned) {
                net.push(moves[k]);
                for a in path {
                    net.push(a);
                }
                net.push(moves[now] ^ 1);
                break;
            }
        }
        for &k in &options {
            if net.flow(moves[k]) == 1 {
                banned[moves[k] ^ 1] = true;
            } else {
                banned[moves[k]] = true;
            }
        }
    }

    Ok(Chosen {
        moves: (0..m.moves.len())
            .filter(|&k| net.flow(moves[k]) == 1)
            .collect(),
        overdue_unmoved: Vec::new(),
        overdue_vices_staying: staying(&net, false),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Post;
    use crate::model::principals::{Candidate, Move, PostNode};

    fn principal(holds: usize, overdue: bool) -> Candidate {
        Candidate {
            teacher: 0,
            post: Post::Principal,
            years: if overdue { 12 } else { 7 },
            overdue,
            from_sending: true,
            holds: Some(holds),
        }
    }

    fn post(vacant: bool) -> PostNode {
        PostNode {
            school: 0,
            vacant,
            receiving: true,
        }
    }

    fn mv(candidate: usize, post: usize, km: f64) -> Move {
        Move {
            candidate,
            post,
            distance_km: km,
        }
    }

    /// Two principals who may swap, one overdue: they swap (objective 1
    /// before the fewest moves).
    #[test]
    fn an_overdue_principal_swaps() {
        let m = PrincipalModel {
            candidates: vec![principal(0, true), principal(1, false)],
            posts: vec![post(false), post(false)],
            moves: vec![mv(0, 1, 3.0), mv(1, 0, 3.0)],
            ..PrincipalModel::default()
        };
        let chosen = solve(&m, &["A", "B"], &["S0", "S1"]).unwrap();
        assert_eq!(chosen.moves, vec![0, 1]);
        assert!(chosen.overdue_unmoved.is_empty());
    }

    /// An overdue principal whose post nobody can take stays, and is named.
    #[test]
    fn an_overdue_principal_nobody_can_replace_is_named() {
        let m = PrincipalModel {
            candidates: vec![principal(0, true), principal(1, false)],
            posts: vec![post(false), post(false)],
            moves: vec![mv(0, 1, 3.0)],
            ..PrincipalModel::default()
        };
        let chosen = solve(&m, &["A", "B"], &["S0", "S1"]).unwrap();
        assert_eq!(chosen.overdue_unmoved, vec![0]);
        assert!(chosen.moves.is_empty());
    }

    /// A vacant post is filled by the chain that moves least far; with
    /// the distances equal, by the smaller id.
    #[test]
    fn a_vacant_post_by_distance_then_id() {
        let vice = |from_sending| Candidate {
            teacher: 0,
            post: Post::VicePrincipal,
            years: 4,
            overdue: false,
            from_sending,
            holds: None,
        };
        let m = |km_b: f64| PrincipalModel {
            candidates: vec![vice(true), vice(true)],
            posts: vec![post(true)],
            moves: vec![mv(0, 0, 5.0), mv(1, 0, km_b)],
            ..PrincipalModel::default()
        };
        assert_eq!(solve(&m(4.0), &["B", "A"], &["S0"]).unwrap().moves, vec![1]);
        assert_eq!(solve(&m(5.0), &["B", "A"], &["S0"]).unwrap().moves, vec![1]);
        assert_eq!(solve(&m(5.0), &["A", "B"], &["S0"]).unwrap().moves, vec![0]);
        assert_eq!(solve(&m(6.0), &["B", "A"], &["S0"]).unwrap().moves, vec![0]);
    }
}
