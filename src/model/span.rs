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
