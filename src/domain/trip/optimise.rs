//! Orders a trip's stops to shorten it: nearest neighbour from a fixed start, then 2-opt
//! (reverse a run of stops while that shortens the path) alternating with Or-opt (move a run
//! of 1-3 stops elsewhere, either way round) until neither helps. An open
//! path, not a tour: it starts at `start` and, if given, ends at `end`. Distances are
//! great-circle metres; every mode's detour factor is a constant multiple, so the best order
//! is the same for all modes.
//!
//! Heuristic, not exact: measured against brute force on random cases in the tests below.
//! Plain maths on positions; depends only on `geo`.

use crate::domain::geo::{distance_m, LonLat};

/// Most 2-opt passes; each pass that changes nothing ends the search earlier.
const MAX_PASSES: usize = 64;

/// A visiting order (indices into `points`) beginning at `start` and ending at `end` when
/// given. Out-of-range `start` becomes 0; an `end` equal to `start` or out of range is ignored.
pub fn optimise_order(points: &[LonLat], start: usize, end: Option<usize>) -> Vec<usize> {
    let n = points.len();
    if n == 0 {
        return Vec::new();
    }
    let start = if start < n { start } else { 0 };
    let end = end.filter(|&e| e < n && e != start);
    let d = matrix(points);
    let mut order = nearest_neighbour(&d, start, end);
    for _ in 0..MAX_PASSES {
        two_opt(&d, &mut order, end.is_some());
        if !or_opt(&d, &mut order, end.is_some()) {
            break;
        }
    }
    order
}

/// Great-circle length of the path through `points` in `order`, metres.
pub fn path_length(points: &[LonLat], order: &[usize]) -> f64 {
    order
        .windows(2)
        .filter_map(|w| Some((*points.get(w[0])?, *points.get(w[1])?)))
        .filter(|(a, b)| a.is_finite() && b.is_finite())
        .map(|(a, b)| distance_m(a, b))
        .sum()
}

fn matrix(points: &[LonLat]) -> Vec<Vec<f64>> {
    points
        .iter()
        .map(|&a| {
            points
                .iter()
                .map(|&b| {
                    if a.is_finite() && b.is_finite() {
                        distance_m(a, b)
                    } else {
                        0.0
                    }
                })
                .collect()
        })
        .collect()
}

fn nearest_neighbour(d: &[Vec<f64>], start: usize, end: Option<usize>) -> Vec<usize> {
    let mut left: Vec<usize> = (0..d.len())
        .filter(|&i| i != start && Some(i) != end)
        .collect();
    let mut order = vec![start];
    while !left.is_empty() {
        let last = order[order.len() - 1];
        let (k, _) = left
            .iter()
            .enumerate()
            .fold((0, f64::INFINITY), |best, (k, &i)| {
                if d[last][i] < best.1 {
                    (k, d[last][i])
                } else {
                    best
                }
            });
        order.push(left.remove(k));
    }
    order.extend(end);
    order
}

/// Reverses `order[i..=k]` while that shortens the path. The first stop never moves, nor the
/// last when the end is fixed; with a free end the tail may be reversed.
fn two_opt(d: &[Vec<f64>], order: &mut [usize], fixed_end: bool) {
    let n = order.len();
    let last_movable = if fixed_end {
        n.saturating_sub(2)
    } else {
        n.saturating_sub(1)
    };
    for _ in 0..MAX_PASSES {
        let mut improved = false;
        for i in 1..=last_movable {
            for k in i + 1..=last_movable {
                let (a, b, c) = (order[i - 1], order[i], order[k]);
                let mut delta = d[a][c] - d[a][b];
                if let Some(&e) = order.get(k + 1) {
                    delta += d[b][e] - d[c][e];
                }
                if delta < -1e-6 {
                    order[i..=k].reverse();
                    improved = true;
                }
            }
        }
        if !improved {
            break;
        }
    }
}

fn cost(d: &[Vec<f64>], order: &[usize]) -> f64 {
    order.windows(2).map(|w| d[w[0]][w[1]]).sum()
}

/// Moves a run of 1-3 stops to another place in the path (as it is or reversed) when that
/// shortens it; true if anything moved. The ends stay as in `two_opt`. Plainly recomputes
/// each candidate's length: O(n³) candidates of O(n), fine for a day's stops (≤ 40).
fn or_opt(d: &[Vec<f64>], order: &mut Vec<usize>, fixed_end: bool) -> bool {
    let n = order.len();
    let last_movable = if fixed_end {
        n.saturating_sub(2)
    } else {
        n.saturating_sub(1)
    };
    let mut best = cost(d, order);
    let mut improved = false;
    for len in 1..=3 {
        let mut i = 1;
        while i + len <= last_movable + 1 {
            let segment: Vec<usize> = order[i..i + len].to_vec();
            let rest: Vec<usize> = order[..i]
                .iter()
                .chain(&order[i + len..])
                .copied()
                .collect();
            let max_p = if fixed_end {
                rest.len().saturating_sub(2)
            } else {
                rest.len().saturating_sub(1)
            };
            let reversed: Vec<usize> = segment.iter().rev().copied().collect();
            'search: for p in 0..=max_p {
                for seg in [&segment, &reversed] {
                    let mut candidate = rest.clone();
                    candidate.splice(p + 1..p + 1, seg.iter().copied());
                    let c = cost(d, &candidate);
                    if c < best - 1e-6 {
                        *order = candidate;
                        best = c;
                        improved = true;
                        break 'search;
                    }
                }
            }
            i += 1;
        }
    }
    improved
}

#[cfg(test)]
mod tests {
    use super::*;

    /// xorshift64*: deterministic test positions without a dependency.
    struct Rng(u64);
    impl Rng {
        fn next_f64(&mut self) -> f64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 11) as f64 / (1u64 << 53) as f64
        }
        /// A point within ~0.5° of Foshan, like a district's sites.
        fn point(&mut self) -> LonLat {
            LonLat::new(113.0 + self.next_f64() * 0.5, 23.0 + self.next_f64() * 0.5)
        }
    }

    fn brute_force(points: &[LonLat], start: usize, end: Option<usize>) -> f64 {
        let middle: Vec<usize> = (0..points.len())
            .filter(|&i| i != start && Some(i) != end)
            .collect();
        let mut best = f64::INFINITY;
        permute(&mut middle.clone(), 0, &mut |perm| {
            let order: Vec<usize> = std::iter::once(start)
                .chain(perm.iter().copied())
                .chain(end)
                .collect();
            best = best.min(path_length(points, &order));
        });
        best
    }

    fn permute(items: &mut Vec<usize>, k: usize, visit: &mut dyn FnMut(&[usize])) {
        if k == items.len() {
            return visit(items);
        }
        for i in k..items.len() {
            items.swap(k, i);
            permute(items, k + 1, visit);
            items.swap(k, i);
        }
    }

    fn is_permutation(order: &[usize], n: usize) -> bool {
        let mut sorted = order.to_vec();
        sorted.sort_unstable();
        sorted == (0..n).collect::<Vec<_>>()
    }

    /// (mean ratio, worst ratio, share of cases optimal) over random cases of n ≤ 8 stops.
    fn quality(fixed_end: bool) -> (f64, f64, f64) {
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        let (mut sum, mut worst, mut optimal, mut cases) = (0.0, 1.0f64, 0, 0);
        for n in 3..=8 {
            for _ in 0..60 {
                let points: Vec<LonLat> = (0..n).map(|_| rng.point()).collect();
                let end = fixed_end.then_some(n - 1);
                let order = optimise_order(&points, 0, end);
                assert!(is_permutation(&order, n) && order[0] == 0);
                assert!(end.is_none() || order.last() == end.as_ref());
                let ratio = path_length(&points, &order) / brute_force(&points, 0, end);
                assert!(ratio > 1.0 - 1e-9, "better than brute force is impossible");
                sum += ratio;
                worst = worst.max(ratio);
                optimal += usize::from(ratio < 1.0 + 1e-9);
                cases += 1;
            }
        }
        (sum / cases as f64, worst, optimal as f64 / cases as f64)
    }

    #[test]
    fn close_to_brute_force_with_a_free_end() {
        let (mean, worst, optimal) = quality(false);
        println!("free end: mean {mean:.4} worst {worst:.4} optimal {optimal:.3}");
        assert!(
            mean < 1.01 && worst < 1.15 && optimal > 0.9,
            "{mean} {worst} {optimal}"
        );
    }

    #[test]
    fn close_to_brute_force_with_a_fixed_end() {
        let (mean, worst, optimal) = quality(true);
        println!("fixed end: mean {mean:.4} worst {worst:.4} optimal {optimal:.3}");
        assert!(
            mean < 1.01 && worst < 1.15 && optimal > 0.9,
            "{mean} {worst} {optimal}"
        );
    }

    #[test]
    fn points_on_a_line_come_out_in_line_order() {
        let xs = [0.3, 0.0, 0.4, 0.1, 0.2];
        let points: Vec<LonLat> = xs.iter().map(|&x| LonLat::new(113.0 + x, 23.0)).collect();
        assert_eq!(optimise_order(&points, 1, None), [1, 3, 4, 0, 2]);
        let to_end = optimise_order(&points, 1, Some(4));
        assert_eq!((&to_end[..2], to_end[4]), (&[1, 3][..], 4));
        let best = brute_force(&points, 1, Some(4));
        assert!((path_length(&points, &to_end) - best).abs() < 1e-6);
    }

    #[test]
    fn degenerate_inputs() {
        assert!(optimise_order(&[], 0, None).is_empty());
        let p = LonLat::new(113.0, 23.0);
        assert_eq!(optimise_order(&[p], 5, Some(0)), [0]);
        assert_eq!(optimise_order(&[p, p, p], 1, Some(1)).len(), 3);
        let nan = LonLat::new(f64::NAN, 23.0);
        assert!(is_permutation(&optimise_order(&[p, nan, p], 0, None), 3));
    }
}
