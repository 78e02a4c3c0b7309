//! What a published status folder offers besides the dashboard, generated from the same figures:
//! the monthly availability report ([`monthly`]), the Atom feed of incidents ([`feed`]) and
//! shields-style SVG badges ([`badge`]).
//!
//! Contract: pure functions of a history (a [`crate::model::Snapshot`]), an as-of instant and the
//! weights, returning text; no clock, no I/O, nothing here panics. The same inputs give the same
//! bytes, so that a collector rewrites a file only when what it says changed. Every text that
//! comes from a source (titles, names, ids, update texts) is escaped for the format it lands in:
//! XML for Atom and SVG, CSV cells that cannot start a formula, Markdown table cells.

pub mod badge;
pub mod feed;
pub mod monthly;

/// `text` escaped for XML character data and attribute values (`&`, `<`, `>`, `"`, `'`), with
/// the characters XML 1.0 forbids (C0 controls other than tab, line feed and carriage return)
/// dropped.
pub fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_escape_leaves_no_markup() {
        assert_eq!(
            xml_escape("<script>alert(\"x\") & 'y'</script>"),
            "&lt;script&gt;alert(&quot;x&quot;) &amp; &apos;y&apos;&lt;/script&gt;"
        );
        assert_eq!(xml_escape("a\u{0}b\u{1b}c\nd"), "abc\nd", "controls XML forbids are dropped");
        assert_eq!(xml_escape("Zürich ✓"), "Zürich ✓");
    }
}
