//! CSV for the charts' tables and exports: RFC 4180 fields and documents, and numbers. Pure
//! functions of their inputs; nothing here panics. Dates, durations and percentages are written
//! by [`crate::model::format`].

/// A CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180).
pub fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// A CSV text field that a spreadsheet will not run: one beginning with `=`, `+`, `-`, `@`, a tab
/// or a carriage return (a formula, in Excel, LibreOffice or Sheets) gets a leading `'`, as OWASP
/// advises, then [`csv_field`] quotes it as needed. For third-party text (service names, titles,
/// ids); numbers go through [`csv_number`], so that a negative one stays a number.
pub fn csv_text(text: &str) -> String {
    csv_field(&formula_safe(text))
}

/// `text` as a spreadsheet shows it and never runs it: a leading `'` when it begins with `=`, `+`,
/// `-`, `@`, a tab or a carriage return; for the cells of a [`csv_document`], which quotes them.
pub fn formula_safe(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

/// A CSV document: `header`, then one line per row, each field passed through [`csv_field`]; lines
/// end with `\n`, as `nines report` writes them.
pub fn csv_document<const N: usize>(header: &str, rows: &[[String; N]]) -> String {
    let mut out = String::with_capacity(header.len() + 2 + rows.len() * 48);
    out.push_str(header);
    out.push('\n');
    for row in rows {
        let fields: Vec<String> = row.iter().map(|f| csv_field(f)).collect();
        out.push_str(&fields.join(","));
        out.push('\n');
    }
    out
}

/// A number for CSV with `decimals` digits, or an empty field for `None` and non-finite values.
pub fn csv_number(value: Option<f64>, decimals: usize) -> String {
    match value.filter(|v| v.is_finite()) {
        // Adding 0.0 turns a negative zero into a positive one, so "-0.000" never appears.
        Some(v) => format!("{:.decimals$}", v + 0.0),
        None => String::new(),
    }
}

/// The longest file name stem [`file_name`] writes, in characters.
const MAX_FILE_STEM_CHARS: usize = 80;

/// A download's file name from `stem`, which may hold text from data (a service id), and
/// `extension`: ASCII letters and digits, `-`, `_` and `.` are kept, every run of anything else
/// (a path separator, markup, a control or direction character, any other script) becomes one
/// `-`; no leading or trailing `-` or `.` (no hidden file, no path); at most
/// [`MAX_FILE_STEM_CHARS`] characters; `nines` when nothing is left.
pub fn file_name(stem: &str, extension: &str) -> String {
    // Only ASCII goes in, so bytes are characters.
    let mut safe = String::new();
    for c in stem.chars() {
        if safe.len() == MAX_FILE_STEM_CHARS {
            break;
        }
        let kept = c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.');
        let last = safe.as_bytes().last().copied();
        if kept && !(last.is_none() && matches!(c, '-' | '.')) {
            safe.push(c);
        } else if !kept && !matches!(last, None | Some(b'-')) {
            safe.push('-');
        }
    }
    while matches!(safe.as_bytes().last(), Some(b'-' | b'.')) {
        safe.pop();
    }
    if safe.is_empty() {
        safe.push_str("nines");
    }
    format!("{safe}.{extension}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_only_when_needed() {
        let cases = [
            ("plain", "Email", "Email"),
            ("comma", "Mail, calendar", "\"Mail, calendar\""),
            ("quote", "the \"send\" button", "\"the \"\"send\"\" button\""),
            ("line break", "one\ntwo", "\"one\ntwo\""),
        ];
        for (label, text, want) in cases {
            assert_eq!(csv_field(text), want, "{label}");
        }
        let rows = [["a".to_string(), "b, c".to_string()]];
        assert_eq!(csv_document("x,y", &rows), "x,y\na,\"b, c\"\n");
        assert_eq!(csv_number(Some(-0.0), 3), "0.000");
        assert_eq!(csv_number(Some(f64::NAN), 3), "");
        assert_eq!(csv_number(None, 3), "");
    }

    #[test]
    fn file_names_hold_no_path_and_no_markup_from_data() {
        let long = "a".repeat(100);
        let cases = [
            ("a plain id", "uptime-email", "uptime-email.csv"),
            (
                "a Prometheus series id",
                r#"uptime-istio-mesh{__name__="istio_request_count",code="404"}"#,
                "uptime-istio-mesh-__name__-istio_request_count-code-404.csv",
            ),
            ("a path", "uptime-../../etc/passwd", "uptime-..-..-etc-passwd.csv"),
            ("a hidden file", ".bashrc", "bashrc.csv"),
            ("Windows' reserved characters", "a<b>c:d\\e|f?g*h", "a-b-c-d-e-f-g-h.csv"),
            ("other scripts", "uptime-Überwachung-監視", "uptime-berwachung.csv"),
            ("a direction override", "invoice\u{202e}gpj.exe", "invoice-gpj.exe.csv"),
            ("control characters and line breaks", "a\u{0}b\r\nc", "a-b-c.csv"),
            ("nothing left", "\"<>\"", "nines.csv"),
            ("too long", long.as_str(), &format!("{}.csv", "a".repeat(80))),
        ];
        for (label, stem, want) in cases {
            assert_eq!(file_name(stem, "csv"), want, "{label}");
        }
    }

    #[test]
    fn csv_text_never_starts_a_formula() {
        let cases = [
            ("plain", "Email", "Email"),
            ("a formula", "=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\""),
            ("plus", "+1", "'+1"),
            ("minus", "-2+3", "'-2+3"),
            ("at", "@SUM(A1)", "'@SUM(A1)"),
            ("tab", "\t=1", "'\t=1"),
            ("carriage return", "\r=1", "\"'\r=1\""),
            ("a formula with a comma", "=1,2", "\"'=1,2\""),
            ("inside is harmless", "a=b", "a=b"),
            ("empty", "", ""),
        ];
        for (label, text, want) in cases {
            assert_eq!(csv_text(text), want, "{label}");
        }
    }
}
