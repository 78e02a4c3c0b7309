//! The query string as text: splitting `a=1&b=2` into decoded pairs and writing values back.
//!
//! Decoding follows `application/x-www-form-urlencoded` as browsers read it: `+` is a space,
//! `%XX` is a byte, the bytes are UTF-8 (invalid sequences become U+FFFD), and a `%` not followed
//! by two hex digits stays as it is. Encoding writes a space as `+` and percent-encodes every byte
//! except ASCII letters, digits and `-._~:/@,`, which keeps timestamps (`2026-11-19T12:00:00Z`)
//! and source addresses (`https://example.com/status.json`) readable.

/// The `(key, value)` pairs of `query` (with or without its leading `?`), decoded, in order.
/// Empty pieces (`a=1&&b=2`) are skipped; a piece without `=` has an empty value.
pub fn pairs(query: &str) -> Vec<(String, String)> {
    let query = query.strip_prefix('?').unwrap_or(query);
    query
        .split('&')
        .filter(|piece| !piece.is_empty())
        .map(|piece| {
            let (key, value) = piece.split_once('=').unwrap_or((piece, ""));
            (decode(key), decode(value))
        })
        .collect()
}

/// One key or value, decoded.
pub fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&byte) = bytes.get(i) {
        let escaped = match (byte, bytes.get(i + 1).and_then(hex_value), bytes.get(i + 2).and_then(hex_value))
        {
            (b'%', Some(high), Some(low)) => Some(high * 16 + low),
            _ => None,
        };
        match (escaped, byte) {
            (Some(decoded), _) => {
                out.push(decoded);
                i += 3;
            }
            (None, b'+') => {
                out.push(b' ');
                i += 1;
            }
            (None, other) => {
                out.push(other);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex_value(byte: &u8) -> Option<u8> {
    char::from(*byte).to_digit(16).and_then(|d| u8::try_from(d).ok())
}

/// One value, encoded for a query string.
pub fn encode(text: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        match byte {
            b'a'..=b'z'
            | b'A'..=b'Z'
            | b'0'..=b'9'
            | b'-'
            | b'.'
            | b'_'
            | b'~'
            | b':'
            | b'/'
            | b'@'
            | b',' => out.push(char::from(byte)),
            b' ' => out.push('+'),
            _ => {
                out.push('%');
                for nibble in [byte >> 4, byte & 0x0F] {
                    out.push(HEX.get(usize::from(nibble)).map_or('0', |&h| char::from(h)));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decoding_reads_plus_percent_and_utf8() {
        let cases = [
            ("plain", "email", "email"),
            ("plus is a space", "dns+outage", "dns outage"),
            ("percent escapes", "a%26b%3Dc", "a&b=c"),
            ("lower-case hex", "%2b", "+"),
            ("utf-8 bytes", "Z%C3%BCrich", "Zürich"),
            ("lone percent kept", "100%", "100%"),
            ("bad hex kept", "%zz1", "%zz1"),
            ("invalid utf-8 replaced", "%FF", "\u{FFFD}"),
        ];
        for (label, text, want) in cases {
            assert_eq!(decode(text), want, "{label}");
        }
    }

    #[test]
    fn encoding_keeps_readable_characters() {
        let cases = [
            ("timestamp", "2026-11-19T12:00:00Z", "2026-11-19T12:00:00Z"),
            ("address", "https://x.org/s.json?a=1&b", "https://x.org/s.json%3Fa%3D1%26b"),
            ("space and plus", "a b+c", "a+b%2Bc"),
            ("custom weights", "major=1,partial=0.5", "major%3D1,partial%3D0.5"),
            ("utf-8", "Zürich", "Z%C3%BCrich"),
            ("hash and percent", "#5%", "%235%25"),
        ];
        for (label, text, want) in cases {
            assert_eq!(encode(text), want, "{label}");
            assert_eq!(decode(&encode(text)), text, "{label} decodes back");
        }
    }

    #[test]
    fn pairs_split_on_ampersand_and_the_first_equals() {
        let want: Vec<(String, String)> =
            [("view", "service"), ("q", "a=b"), ("embed", ""), ("source", "x y")]
                .into_iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect();
        assert_eq!(pairs("?view=service&&q=a%3Db&embed&source=x+y"), want, "with a leading ?");
        assert_eq!(pairs("view=service&q=a=b&embed=&source=x%20y"), want, "raw = inside a value");
        assert!(pairs("").is_empty() && pairs("?").is_empty(), "empty query");
    }
}
