//! The time a snapshot's sources cover: a set of spans that may have gaps.
//!
//! Contract: the spans are sorted, disjoint, non-empty and never touch (the canonical form of
//! [`union`]); every constructor keeps that form, so two coverages of the same time are equal.
//! Time outside the set is unknown: a gap (a collector that was down, a source that failed) is
//! never counted as up. One span is the usual case and costs one allocation.

use super::span::{clip, difference, union, Span, TimeMs};

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Coverage {
    spans: Vec<Span>,
}

impl Coverage {
    /// The union of `spans`, in any order, overlapping or empty.
    pub fn new(spans: Vec<Span>) -> Self {
        Coverage { spans: union(spans) }
    }

    /// Sorted, disjoint, non-empty, non-touching.
    pub fn spans(&self) -> &[Span] {
        &self.spans
    }

    /// Whether no time is covered.
    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// From the first covered instant to the last, gaps included; `None` when nothing is covered.
    pub fn hull(&self) -> Option<Span> {
        match (self.spans.first(), self.spans.last()) {
            (Some(first), Some(last)) => Some(Span::new(first.start_ms, last.end_ms)),
            _ => None,
        }
    }

    /// The time covered.
    pub fn total_ms(&self) -> i64 {
        super::span::total_ms(&self.spans)
    }

    pub fn contains(&self, t_ms: TimeMs) -> bool {
        let after = self.spans.partition_point(|s| s.end_ms <= t_ms);
        self.spans.get(after).is_some_and(|s| s.contains(t_ms))
    }

    /// The covered parts of `window`.
    pub fn inside(&self, window: Span) -> Vec<Span> {
        clip(&self.spans, window)
    }

    /// The parts of `window` not covered (the unknown time).
    pub fn gaps_in(&self, window: Span) -> Vec<Span> {
        if window.is_empty() {
            return Vec::new();
        }
        difference(&[window], &self.spans)
    }

    /// The time either covers.
    pub fn union(&self, other: &Coverage) -> Coverage {
        Coverage::new(self.spans.iter().chain(&other.spans).copied().collect())
    }

    /// Two own coverages of one thing (a service's, as two parts of a history give it): the
    /// union of both, or the one either has.
    pub fn union_of_own(older: Option<Coverage>, newer: Option<Coverage>) -> Option<Coverage> {
        match (older, newer) {
            (Some(older), Some(newer)) => Some(older.union(&newer)),
            (older, newer) => newer.or(older),
        }
    }

    /// Adds `span` to the covered time.
    pub fn add(&mut self, span: Span) {
        if !span.is_empty() {
            let mut spans = std::mem::take(&mut self.spans);
            spans.push(span);
            self.spans = union(spans);
        }
    }

    /// Only the covered time inside `window`.
    pub fn clipped(&self, window: Span) -> Coverage {
        Coverage { spans: self.inside(window) }
    }
}

impl From<Span> for Coverage {
    fn from(span: Span) -> Self {
        Coverage { spans: if span.is_empty() { Vec::new() } else { vec![span] } }
    }
}

/// A coverage equals a span when it is exactly that one span (any empty span equals no coverage).
impl PartialEq<Span> for Coverage {
    fn eq(&self, span: &Span) -> bool {
        match self.spans.as_slice() {
            [] => span.is_empty(),
            [only] => only == span,
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::MS_PER_HOUR as H;

    #[test]
    fn a_day_with_a_six_hour_gap() {
        // Covered 00:00–09:00 and 15:00–24:00: 18 h known, 09:00–15:00 unknown.
        let c = Coverage::new(vec![Span::new(15 * H, 24 * H), Span::new(0, 9 * H)]);
        let day = Span::new(0, 24 * H);
        assert_eq!(c.spans(), &[Span::new(0, 9 * H), Span::new(15 * H, 24 * H)], "sorted");
        assert_eq!(c.total_ms(), 18 * H, "covered");
        assert_eq!(c.gaps_in(day), vec![Span::new(9 * H, 15 * H)], "the gap");
        assert_eq!(c.hull(), Some(day), "hull");
        assert_eq!(
            c.inside(Span::new(8 * H, 16 * H)),
            vec![Span::new(8 * H, 9 * H), Span::new(15 * H, 16 * H)]
        );
        assert!(c.contains(0) && !c.contains(9 * H) && !c.contains(14 * H) && c.contains(15 * H), "contains");
        assert!(!c.contains(24 * H) && !c.contains(-1), "outside");
        assert_ne!(c, day, "a coverage with a gap is not its hull");
    }

    #[test]
    fn union_add_and_single_spans() {
        let mut c = Coverage::from(Span::new(0, 10));
        c.add(Span::new(20, 30));
        c.add(Span::new(10, 12));
        c.add(Span::new(5, 5));
        assert_eq!(c.spans(), &[Span::new(0, 12), Span::new(20, 30)]);
        let joined = c.union(&Coverage::from(Span::new(12, 20)));
        assert_eq!(joined, Span::new(0, 30), "touching spans join");
        assert_eq!(Coverage::from(Span::new(7, 7)), Coverage::default(), "an empty span covers nothing");
        assert_eq!(Coverage::default(), Span::new(3, 3), "no coverage equals any empty span");
        assert_eq!(Coverage::default().hull(), None);
        assert_eq!(Coverage::default().gaps_in(Span::new(0, 5)), vec![Span::new(0, 5)]);
        assert_eq!(c.clipped(Span::new(8, 25)).spans(), &[Span::new(8, 12), Span::new(20, 25)]);
    }
}
