//! Instants and half-open time spans in UTC milliseconds.

use std::cmp::Ordering;

/// Milliseconds since the Unix epoch, UTC.
pub type TimeMs = i64;

/// The earliest instant any reader accepts: 0001-01-01T00:00:00Z, the first RFC 3339 can write.
pub const MIN_TIME_MS: TimeMs = -62_135_596_800_000;
/// The latest instant any reader accepts: 9999-12-31T23:59:59.999Z, the last RFC 3339 can write.
/// Times outside `MIN_TIME_MS..=MAX_TIME_MS` are refused as times, so that whatever is read can
/// be written in the native format and read back.
pub const MAX_TIME_MS: TimeMs = 253_402_300_799_999;

pub const MS_PER_MINUTE: i64 = 60_000;
pub const MS_PER_HOUR: i64 = 60 * MS_PER_MINUTE;
pub const MS_PER_DAY: i64 = 24 * MS_PER_HOUR;

/// A half-open span `[start_ms, end_ms)`. Invariant: `start_ms <= end_ms` (an empty span is allowed).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Span {
    pub start_ms: TimeMs,
    pub end_ms: TimeMs,
}

impl Span {
    /// A span from two instants in any order; the result is never negative.
    pub fn new(a_ms: TimeMs, b_ms: TimeMs) -> Self {
        Span { start_ms: a_ms.min(b_ms), end_ms: a_ms.max(b_ms) }
    }

    /// The span of `duration_ms` that ends at `end_ms`.
    pub fn ending_at(end_ms: TimeMs, duration_ms: i64) -> Self {
        Span::new(end_ms.saturating_sub(duration_ms), end_ms)
    }

    pub fn duration_ms(&self) -> i64 {
        self.end_ms - self.start_ms
    }

    pub fn is_empty(&self) -> bool {
        self.end_ms <= self.start_ms
    }

    pub fn contains(&self, t_ms: TimeMs) -> bool {
        self.start_ms <= t_ms && t_ms < self.end_ms
    }

    /// The overlap of two spans, or `None` when they share no time.
    pub fn intersect(&self, other: &Span) -> Option<Span> {
        let start_ms = self.start_ms.max(other.start_ms);
        let end_ms = self.end_ms.min(other.end_ms);
        (start_ms < end_ms).then_some(Span { start_ms, end_ms })
    }
}

/// Sorts `items` by a time, keeping the order of items with equal times (a stable sort).
///
/// One sort serves every item type, and [`sort_with`] too: the indices are sorted stably by the
/// items' times, then the items are moved into that order by swaps. A generic sort would put a
/// copy of the whole sort algorithm into the web bundle for every item type (about 4 KB each).
pub fn sort_by_time<T>(items: &mut [T], time_ms: fn(&T) -> TimeMs) {
    let keys: Vec<TimeMs> = items.iter().map(time_ms).collect();
    permute(items, sorted_order(keys.len(), &|a, b| keys.get(a).cmp(&keys.get(b))));
}

/// The distinct names among `items`, sorted: for the small sets of names the page builds, without
/// a B-tree (whose code the web bundle would carry once more for each element type).
pub fn sorted_unique<'a>(items: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let mut out: Vec<&str> = Vec::new();
    for item in items {
        if let Err(at) = out.binary_search(&item) {
            out.insert(at, item);
        }
    }
    out
}

/// Sorts `items` by `compare`, keeping the order of equal items (a stable sort), for the rare sorts
/// that are not by time. Like [`sort_by_time`], one sort of indices serves every item type.
pub fn sort_with<T>(items: &mut [T], compare: impl Fn(&T, &T) -> Ordering) {
    let source = sorted_order(items.len(), &|a, b| match (items.get(a), items.get(b)) {
        (Some(a), Some(b)) => compare(a, b),
        _ => Ordering::Equal,
    });
    permute(items, source);
}

/// The indices `0..len` sorted stably by `compare` of the items at two indices.
fn sorted_order(len: usize, compare: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_by(|&a, &b| compare(a, b));
    order
}

/// Moves the item at `source[k]` to position `k`, for every `k`, by swaps.
fn permute<T>(items: &mut [T], mut source: Vec<usize>) {
    // Follow each cycle of the permutation.
    for start in 0..source.len() {
        let mut current = start;
        loop {
            let next = source.get(current).copied().unwrap_or(current);
            if let Some(slot) = source.get_mut(current) {
                *slot = current;
            }
            if next == start || next == current {
                break;
            }
            items.swap(current, next);
            current = next;
        }
    }
}

/// The union of `spans` as sorted, disjoint, non-empty spans (touching spans are joined).
pub fn union(mut spans: Vec<Span>) -> Vec<Span> {
    spans.retain(|s| !s.is_empty());
    sort_by_time(&mut spans, |s| s.start_ms);
    let mut merged: Vec<Span> = Vec::with_capacity(spans.len());
    for span in spans {
        match merged.last_mut() {
            Some(last) if span.start_ms <= last.end_ms => last.end_ms = last.end_ms.max(span.end_ms),
            _ => merged.push(span),
        }
    }
    merged
}

/// How much of `span` lies inside `disjoint` (sorted, disjoint spans, as from [`union`]).
pub fn overlap_ms(span: &Span, disjoint: &[Span]) -> i64 {
    disjoint.iter().filter_map(|d| d.intersect(span)).map(|s| s.duration_ms()).sum()
}

/// The total length of `spans` (for disjoint spans, the time they cover).
pub fn total_ms(spans: &[Span]) -> i64 {
    spans.iter().map(Span::duration_ms).sum()
}

/// The time in both `a` and `b` (each sorted and disjoint, as from [`union`]), sorted and disjoint.
/// A merge walk: O(|a| + |b|).
pub fn intersection(a: &[Span], b: &[Span]) -> Vec<Span> {
    let mut out = Vec::new();
    let (mut i, mut j) = (0, 0);
    while let (Some(x), Some(y)) = (a.get(i), b.get(j)) {
        if let Some(both) = x.intersect(y) {
            out.push(both);
        }
        // Step past whichever ends first; it cannot meet anything further in the other list.
        if x.end_ms <= y.end_ms {
            i += 1;
        } else {
            j += 1;
        }
    }
    out
}

/// The time in `a` but not in `b` (each sorted and disjoint), sorted and disjoint. O(|a| + |b|).
pub fn difference(a: &[Span], b: &[Span]) -> Vec<Span> {
    let mut out = Vec::new();
    let mut j = 0;
    for x in a {
        let mut from_ms = x.start_ms;
        // Spans of `b` that end before this one starts cannot cut it or any later one.
        while b.get(j).is_some_and(|y| y.end_ms <= from_ms) {
            j += 1;
        }
        let mut k = j;
        while let Some(y) = b.get(k).filter(|y| y.start_ms < x.end_ms) {
            if y.start_ms > from_ms {
                out.push(Span::new(from_ms, y.start_ms));
            }
            from_ms = from_ms.max(y.end_ms);
            k += 1;
        }
        if from_ms < x.end_ms {
            out.push(Span::new(from_ms, x.end_ms));
        }
    }
    out
}

/// The parts of `spans` (sorted and disjoint) inside `window`.
pub fn clip(spans: &[Span], window: Span) -> Vec<Span> {
    intersection(spans, &[window])
}

#[cfg(test)]
mod tests {

    #[test]
    fn sorting_by_time_is_the_standard_stable_sort() {
        // Times with many repeats, in a scrambled order; the item keeps its input position, so
        // a tie broken the wrong way shows.
        let mut seed: u64 = 7;
        for len in [0usize, 1, 2, 3, 10, 257] {
            let items: Vec<(TimeMs, usize)> = (0..len)
                .map(|i| {
                    seed =
                        seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
                    (((seed >> 33) % 5) as TimeMs, i)
                })
                .collect();
            let mut want = items.clone();
            want.sort_by_key(|item| item.0);
            let mut got = items.clone();
            sort_by_time(&mut got, |item| item.0);
            assert_eq!(got, want, "{len} items");
            // sort_with is stable too: newest first, equal times in input order.
            let mut want = items.clone();
            want.sort_by_key(|item| std::cmp::Reverse(item.0));
            let mut got = items;
            sort_with(&mut got, |a, b| b.0.cmp(&a.0));
            assert_eq!(got, want, "{len} items, by a comparison");
        }
    }

    use super::*;

    #[test]
    fn union_joins_overlapping_and_touching_spans() {
        let spans = vec![Span::new(5, 7), Span::new(0, 2), Span::new(2, 3), Span::new(6, 9), Span::new(4, 4)];
        assert_eq!(union(spans), vec![Span::new(0, 3), Span::new(5, 9)]);
        assert_eq!(overlap_ms(&Span::new(1, 6), &[Span::new(0, 3), Span::new(5, 9)]), 3);
    }
}

/// The laws of the algebra, checked on random span lists against a pointwise definition.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod laws {
    use super::*;
    use proptest::prelude::*;

    /// Up to 12 spans, possibly empty or overlapping, inside [-50, 150).
    fn spans() -> impl Strategy<Value = Vec<Span>> {
        proptest::collection::vec((-50i64..150, 0i64..40).prop_map(|(s, d)| Span::new(s, s + d)), 0..12)
    }

    fn member(set: &[Span], t: TimeMs) -> bool {
        set.iter().any(|s| s.contains(t))
    }

    /// Sorted, disjoint, non-touching and non-empty: the canonical form every operation returns.
    fn canonical(set: &[Span]) -> bool {
        set.iter().all(|s| !s.is_empty()) && set.windows(2).all(|w| w[0].end_ms < w[1].start_ms)
    }

    /// Sorted and disjoint (intersection and difference may return touching pieces).
    fn disjoint(set: &[Span]) -> bool {
        set.iter().all(|s| !s.is_empty()) && set.windows(2).all(|w| w[0].end_ms <= w[1].start_ms)
    }

    proptest! {
        #[test]
        fn union_is_pointwise_or_and_canonical(a in spans(), b in spans()) {
            let both: Vec<Span> = a.iter().chain(&b).copied().collect();
            let u = union(both);
            prop_assert!(canonical(&u));
            for t in -60..200 {
                prop_assert_eq!(member(&u, t), member(&a, t) || member(&b, t), "t={}", t);
            }
            // Idempotent and commutative.
            prop_assert_eq!(union(u.clone()), u.clone());
            let swapped: Vec<Span> = b.iter().chain(&a).copied().collect();
            prop_assert_eq!(union(swapped), u);
        }

        #[test]
        fn intersection_difference_and_clip_are_pointwise(a in spans(), b in spans(), w in (-60i64..160, 0i64..120)) {
            let (a, b) = (union(a), union(b));
            let window = Span::new(w.0, w.0 + w.1);
            let both = intersection(&a, &b);
            let only_a = difference(&a, &b);
            let clipped = clip(&a, window);
            prop_assert!(disjoint(&both) && disjoint(&only_a) && disjoint(&clipped));
            for t in -60..200 {
                prop_assert_eq!(member(&both, t), member(&a, t) && member(&b, t), "∩ at t={}", t);
                prop_assert_eq!(member(&only_a, t), member(&a, t) && !member(&b, t), "− at t={}", t);
                prop_assert_eq!(member(&clipped, t), member(&a, t) && window.contains(t), "clip at t={}", t);
            }
            // |A ∪ B| + |A ∩ B| = |A| + |B|, and A = (A − B) ∪ (A ∩ B) with the parts disjoint.
            let u = union(a.iter().chain(&b).copied().collect());
            prop_assert_eq!(total_ms(&u) + total_ms(&both), total_ms(&a) + total_ms(&b));
            prop_assert_eq!(total_ms(&only_a) + total_ms(&both), total_ms(&a));
            prop_assert_eq!(union(only_a.iter().chain(&both).copied().collect()), a.clone());
            prop_assert_eq!(intersection(&a, &b), intersection(&b, &a));
            prop_assert_eq!(overlap_ms(&window, &a), total_ms(&clipped));
        }
    }
}
