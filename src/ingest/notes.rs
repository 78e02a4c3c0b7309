//! The record-level notes every importer keeps while it reads: each [`Issue`] with its JSON path,
//! worded by the kind of adjustment that was made.
//!
//! Contract: an adjustment of one kind reads the same whichever format it comes from, because each
//! kind has exactly one method here and that method is its only wording (the table in the tests
//! lists them all). A message is `what was wrong; what was done`, and what was done is a [`Then`]
//! wherever the kinds share it, so "ignored", "skipped", "dropped" and "read as …" mean the same
//! everywhere. [`Notes::note`] takes free wording, for an adjustment that only one format makes.
//! Values are shown as [`Shown`] writes them: text quoted, numbers bare; instants in RFC 3339 UTC.

use std::fmt;

use serde_json::Value;

use super::Issue;
use crate::model::format::format_rfc3339;
use crate::model::TimeMs;

/// What was done about a value or a record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Then<'a> {
    /// The value is not used; its record is kept.
    Ignored,
    /// The value is taken out of its list; the rest of the list is kept.
    Dropped,
    /// The record is not imported: the one named (`"series"`, `"post"`), or with `""` the one at
    /// the path.
    Skipped(&'a str),
    /// Something else stands in for the value: a level, "no data", a default.
    ReadAs(&'a str),
}

impl fmt::Display for Then<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Then::Ignored => f.write_str("ignored"),
            Then::Dropped => f.write_str("dropped"),
            Then::Skipped("") => f.write_str("skipped"),
            Then::Skipped(what) => write!(f, "{what} skipped"),
            Then::ReadAs(stand_in) => write!(f, "read as {stand_in}"),
        }
    }
}

/// Whether a value is absent or present but empty.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Absent {
    Missing,
    Empty,
}

impl fmt::Display for Absent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Absent::Missing => "missing",
            Absent::Empty => "empty",
        })
    }
}

/// A value as a message shows it: text quoted and escaped (`"2024-05-01 10:00"`), anything else
/// as written (`7`, `null`), so that a JSON string and the same text read from YAML look alike.
pub trait Shown {
    fn shown(&self) -> String;
}

impl Shown for str {
    fn shown(&self) -> String {
        format!("{self:?}")
    }
}

impl Shown for String {
    fn shown(&self) -> String {
        self.as_str().shown()
    }
}

impl Shown for Value {
    fn shown(&self) -> String {
        match self {
            Value::String(text) => text.shown(),
            other => other.to_string(),
        }
    }
}

impl Shown for i64 {
    fn shown(&self) -> String {
        self.to_string()
    }
}

/// The most issues listed for one input; the rest are counted in one last issue.
pub const MAX_ISSUES: usize = 1_000;

/// The issues of one input, in the order they were found: the first [`MAX_ISSUES`], then how
/// many more there were.
#[derive(Debug, Default)]
pub struct Notes {
    issues: Vec<Issue>,
    zoneless: Option<ZonelessOnce>,
    /// Issues found after the first [`MAX_ISSUES`].
    unlisted: usize,
}

/// The one issue [`Notes::zoneless_once`] wrote, whose count is only known at the end.
#[derive(Debug)]
struct ZonelessOnce {
    index: usize,
    text: String,
    count: usize,
}

impl Notes {
    /// The issues so far (a zone-less count from [`Notes::zoneless_once`] is added at the end).
    pub fn issues(&self) -> &[Issue] {
        &self.issues
    }

    /// The issues, finished.
    pub fn into_issues(mut self) -> Vec<Issue> {
        if let Some(ZonelessOnce { index, text, count }) = self.zoneless.take() {
            if let Some(issue) = self.issues.get_mut(index) {
                issue.message = zoneless_message(&text, count);
            }
        }
        if self.unlisted > 0 {
            let message = format!("{} more issues, not listed (the first {MAX_ISSUES} are)", self.unlisted);
            self.issues.push(Issue { path: "the input".into(), message });
        }
        self.issues
    }

    fn push(&mut self, path: impl Into<String>, message: String) {
        if self.issues.len() < MAX_ISSUES {
            self.issues.push(Issue { path: path.into(), message });
        } else {
            self.unlisted += 1;
        }
    }

    /// An adjustment only one format makes, in that importer's own words (`what; what was done`).
    pub fn note(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.push(path, message.into());
    }

    /// A time without a zone or offset, read as UTC.
    pub fn zoneless(&mut self, path: impl Into<String>, text: &str) {
        self.push(path, zoneless_message(text, 1));
    }

    /// [`Notes::zoneless`] for sources that write every time without a zone: the first such time
    /// is reported where it is found, and the count of all of them is added to it at the end.
    pub fn zoneless_once(&mut self, path: impl Into<String>, text: &str) {
        match &mut self.zoneless {
            Some(once) => once.count += 1,
            None => {
                self.zoneless =
                    Some(ZonelessOnce { index: self.issues.len(), text: text.to_owned(), count: 1 });
                self.zoneless(path, text);
            }
        }
    }

    /// [`Notes::zoneless`] for the first of `count` times without a zone, reported once.
    pub fn zoneless_counted(&mut self, path: impl Into<String>, text: &str, count: usize) {
        self.push(path, zoneless_message(text, count));
    }

    /// A time that cannot be read.
    pub fn not_a_time(&mut self, path: impl Into<String>, value: &(impl Shown + ?Sized), then: Then) {
        self.bad_value(path, value, "a time", then);
    }

    /// A time that is not RFC 3339, in a format that accepts nothing else.
    pub fn not_rfc3339(&mut self, path: impl Into<String>, text: &str, then: Then) {
        self.bad_value(path, text, "an RFC 3339 time", then);
    }

    /// An end before its start, moved to the start (the record lasts no time).
    pub fn end_clamped(&mut self, path: impl Into<String>, end_ms: TimeMs, start_ms: TimeMs) {
        let (end, start) = (format_rfc3339(end_ms), format_rfc3339(start_ms));
        self.push(path, format!("{end} is before the start {start}; clamped to the start"));
    }

    /// An end before its start, the two taken the other way round (a planned window).
    pub fn end_swapped(&mut self, path: impl Into<String>, end_ms: TimeMs, start_ms: TimeMs) {
        let (end, start) = (format_rfc3339(end_ms), format_rfc3339(start_ms));
        self.push(path, format!("{end} is before the start {start}; start and end swapped"));
    }

    /// A resolved record without an end, closed at `what` (`"its last update"`), `at_ms`.
    pub fn closed_without_end(&mut self, path: impl Into<String>, what: &str, at_ms: TimeMs) {
        let at = format_rfc3339(at_ms);
        self.push(path, format!("missing although resolved; closed at {what} ({at})"));
    }

    /// A list that should be in time order and is not.
    pub fn not_in_time_order(&mut self, path: impl Into<String>) {
        self.push(path, "not in time order; sorted".into());
    }

    /// An input with no time at all.
    pub fn no_timestamps(&mut self, path: impl Into<String>) {
        self.push(path, "no timestamps; as_of set to 0 and coverage empty".into());
    }

    /// A word outside the vocabulary of `what` (`"level"`, `"status"`).
    pub fn unknown(
        &mut self,
        path: impl Into<String>,
        what: &str,
        value: &(impl Shown + ?Sized),
        then: Then,
    ) {
        self.push(path, format!("unknown {what} {}; {then}", value.shown()));
    }

    /// A field that is absent (or null).
    pub fn missing(&mut self, path: impl Into<String>, then: Then) {
        self.push(path, format!("missing; {then}"));
    }

    /// A record whose id an earlier record has (at `first`, when known); the later one is skipped.
    pub fn duplicate_id(&mut self, path: impl Into<String>, id: &str, first: Option<&str>) {
        let first = first.map_or(String::new(), |at| format!(" (first at {at})"));
        self.push(path, format!("duplicate id {}{first}; skipped", id.shown()));
    }

    /// A link that is not http or https (never followed, so never kept).
    pub fn not_http(&mut self, path: impl Into<String>, link: &str) {
        self.push(path, format!("{} is not http(s); {}", link.shown(), Then::Dropped));
    }

    /// One value outside what it can be (`range` as `0..1`, `0..1440`, `1..`).
    pub fn out_of_range(
        &mut self,
        path: impl Into<String>,
        value: impl fmt::Display,
        range: &str,
        then: Then,
    ) {
        self.push(path, format!("{value} is outside {range}; {then}"));
    }

    /// A column of up-ratios with `count` values outside 0..1 (`example` one of them): it is not
    /// an up-ratio, and its series is skipped.
    pub fn not_up_ratio(&mut self, path: impl Into<String>, count: usize, example: impl fmt::Display) {
        let values = if count == 1 { "value" } else { "values" };
        self.push(
            path,
            format!("{count} {values} outside 0..1 (e.g. {example}); not an up-ratio; series skipped"),
        );
    }

    /// A record that is not `what` (`"a Gatus event"`), with the reader's reason; it is skipped.
    pub fn unreadable(&mut self, path: impl Into<String>, what: &str, reason: impl fmt::Display) {
        self.push(path, format!("not {what} ({reason}); skipped"));
    }

    /// A value of the wrong type, not shown (a list, an object): `expected` is `"a list"`.
    pub fn wrong_type(&mut self, path: impl Into<String>, expected: &str, then: Then) {
        self.push(path, format!("not {expected}; {then}"));
    }

    /// A value that is not `expected` (`"a number of minutes"`), shown.
    pub fn bad_value(
        &mut self,
        path: impl Into<String>,
        value: &(impl Shown + ?Sized),
        expected: &str,
        then: Then,
    ) {
        self.push(path, format!("{} is not {expected}; {then}", value.shown()));
    }

    /// A record that names no service, so it affects none.
    pub fn names_no_service(&mut self, path: impl Into<String>, absent: Absent) {
        self.push(path, format!("{absent}; the record names no service"));
    }
}

fn zoneless_message(text: &str, count: usize) -> String {
    let all = if count > 1 { format!(" ({count} times without a zone in the file)") } else { String::new() };
    format!("{} has no time zone; read as UTC{all}", text.shown())
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    /// 2024-05-01T10:00:00Z and an hour later.
    const T_MS: TimeMs = 1_714_557_600_000;
    const HOUR_MS: TimeMs = 3_600_000;

    type Write = fn(&mut Notes);

    /// Every kind with its exact wording: changing one is changing this table.
    const KINDS: [(&str, Write, &str); 22] = [
        ("note", |n| n.note("p", "free words; kept"), "free words; kept"),
        (
            "zoneless",
            |n| n.zoneless("p", "2024-05-01 10:00"),
            "\"2024-05-01 10:00\" has no time zone; read as UTC",
        ),
        (
            "zoneless_once",
            |n| {
                n.zoneless_once("p", "2024-05-01 10:00");
                n.zoneless_once("q", "2024-05-01 11:00");
            },
            "\"2024-05-01 10:00\" has no time zone; read as UTC (2 times without a zone in the file)",
        ),
        (
            "zoneless_counted",
            |n| n.zoneless_counted("p", "2024-05-01 10:00", 3),
            "\"2024-05-01 10:00\" has no time zone; read as UTC (3 times without a zone in the file)",
        ),
        (
            "not_a_time",
            |n| n.not_a_time("p", "soon", Then::Skipped("record")),
            "\"soon\" is not a time; record skipped",
        ),
        (
            "not_rfc3339",
            |n| n.not_rfc3339("p", "noon", Then::Skipped("record")),
            "\"noon\" is not an RFC 3339 time; record skipped",
        ),
        (
            "end_clamped",
            |n| n.end_clamped("p", T_MS - HOUR_MS, T_MS),
            "2024-05-01T09:00:00Z is before the start 2024-05-01T10:00:00Z; clamped to the start",
        ),
        (
            "end_swapped",
            |n| n.end_swapped("p", T_MS - HOUR_MS, T_MS),
            "2024-05-01T09:00:00Z is before the start 2024-05-01T10:00:00Z; start and end swapped",
        ),
        (
            "closed_without_end",
            |n| n.closed_without_end("p", "its last update", T_MS),
            "missing although resolved; closed at its last update (2024-05-01T10:00:00Z)",
        ),
        ("not_in_time_order", |n| n.not_in_time_order("p"), "not in time order; sorted"),
        ("no_timestamps", |n| n.no_timestamps("p"), "no timestamps; as_of set to 0 and coverage empty"),
        (
            "unknown",
            |n| n.unknown("p", "level", "catastrophic", Then::ReadAs("unknown")),
            "unknown level \"catastrophic\"; read as unknown",
        ),
        ("missing", |n| n.missing("p", Then::ReadAs("no data")), "missing; read as no data"),
        ("duplicate_id", |n| n.duplicate_id("p", "a", None), "duplicate id \"a\"; skipped"),
        ("not_http", |n| n.not_http("p", "javascript:x"), "\"javascript:x\" is not http(s); dropped"),
        (
            "out_of_range",
            |n| n.out_of_range("p", "-3 minutes", "0..1440", Then::ReadAs("no downtime")),
            "-3 minutes is outside 0..1440; read as no downtime",
        ),
        (
            "not_up_ratio",
            |n| n.not_up_ratio("p", 4, 1.5),
            "4 values outside 0..1 (e.g. 1.5); not an up-ratio; series skipped",
        ),
        (
            "unreadable",
            |n| n.unreadable("p", "a Gatus event", "missing field `type`"),
            "not a Gatus event (missing field `type`); skipped",
        ),
        ("wrong_type", |n| n.wrong_type("p", "a list", Then::Ignored), "not a list; ignored"),
        (
            "bad_value",
            |n| n.bad_value("p", &Value::from("x"), "a number of minutes", Then::ReadAs("no data")),
            "\"x\" is not a number of minutes; read as no data",
        ),
        (
            "names_no_service",
            |n| n.names_no_service("p", Absent::Missing),
            "missing; the record names no service",
        ),
        (
            "names_no_service, empty",
            |n| n.names_no_service("p", Absent::Empty),
            "empty; the record names no service",
        ),
    ];

    #[test]
    fn every_kind_has_one_wording() {
        for (label, write, want) in KINDS {
            let mut notes = Notes::default();
            write(&mut notes);
            let got = notes.into_issues();
            assert_eq!(got.first().map(|i| i.message.as_str()), Some(want), "{label}");
            assert_eq!(got.first().map(|i| i.path.as_str()), Some("p"), "{label}: path");
        }
    }

    #[test]
    fn after_a_thousand_issues_the_rest_are_counted_not_listed() {
        let mut notes = Notes::default();
        for i in 0..MAX_ISSUES {
            notes.note(format!("records[{i}]"), "odd; skipped");
        }
        assert_eq!(notes.issues().len(), 1_000, "all listed");
        let mut more = Notes::default();
        for i in 0..MAX_ISSUES + 2_500 {
            more.note(format!("records[{i}]"), "odd; skipped");
        }
        let issues = more.into_issues();
        assert_eq!(issues.len(), 1_001, "a thousand and the count");
        assert_eq!(issues.get(999).map(ToString::to_string).as_deref(), Some("records[999]: odd; skipped"));
        assert_eq!(
            issues.last().map(ToString::to_string).as_deref(),
            Some("the input: 2500 more issues, not listed (the first 1000 are)")
        );
    }

    /// A method added to [`Notes`] without a row in [`KINDS`] fails here, so that every wording
    /// is in the table.
    #[test]
    fn the_table_lists_every_method() {
        let source = include_str!("notes.rs");
        let methods: BTreeSet<&str> = source
            .lines()
            .filter_map(|line| line.strip_prefix("    pub fn "))
            .filter_map(|rest| rest.split(['(', '<']).next())
            .filter(|name| !["issues", "into_issues"].contains(name))
            .collect();
        let listed: BTreeSet<&str> =
            KINDS.iter().filter_map(|(label, _, _)| label.split(',').next()).collect();
        assert_eq!(listed, methods);
    }

    #[test]
    fn consequences_and_values_read_alike_everywhere() {
        let cases = [
            (Then::Ignored.to_string(), "ignored"),
            (Then::Dropped.to_string(), "dropped"),
            (Then::Skipped("").to_string(), "skipped"),
            (Then::Skipped("series").to_string(), "series skipped"),
            (Then::ReadAs("no data").to_string(), "read as no data"),
            ("a\"b".shown(), "\"a\\\"b\""),
            (Value::from("a\"b").shown(), "\"a\\\"b\""),
            (Value::from(7).shown(), "7"),
            (Value::Null.shown(), "null"),
            (7i64.shown(), "7"),
        ];
        for (got, want) in cases {
            assert_eq!(got, want, "{want}");
        }
    }

    #[test]
    fn one_zoneless_report_per_file_stays_where_it_was_found() {
        let mut notes = Notes::default();
        notes.zoneless_once("a", "2024-05-01 10:00");
        notes.note("b", "other");
        notes.zoneless_once("c", "2024-05-01 11:00");
        let got: Vec<String> = notes.into_issues().iter().map(ToString::to_string).collect();
        let want = [
            "a: \"2024-05-01 10:00\" has no time zone; read as UTC (2 times without a zone in the file)",
            "b: other",
        ];
        assert_eq!(got, want);
        let mut single = Notes::default();
        single.zoneless_once("a", "2024-05-01 10:00");
        assert_eq!(single.into_issues()[0].message, "\"2024-05-01 10:00\" has no time zone; read as UTC");
    }
}
