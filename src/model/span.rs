//! Instants and half-open time spans in UTC milliseconds.

/// Milliseconds since the Unix epoch, UTC.
pub type TimeMs = i64;

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
/// Taking a function pointer rather than a closure keeps one copy of the sort per item type in
/// the web bundle, instead of one per call site.
pub fn sort_by_time<T>(items: &mut [T], time_ms: fn(&T) -> TimeMs) {
    items.sort_by_key(time_ms);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn union_joins_overlapping_and_touching_spans() {
        let spans = vec![Span::new(5, 7), Span::new(0, 2), Span::new(2, 3), Span::new(6, 9), Span::new(4, 4)];
        assert_eq!(union(spans), vec![Span::new(0, 3), Span::new(5, 9)]);
        assert_eq!(overlap_ms(&Span::new(1, 6), &[Span::new(0, 3), Span::new(5, 9)]), 3);
    }
}
