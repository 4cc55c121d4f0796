//! Terminal safety: untrusted text (log content, error messages from the service) is made
//! inert before it reaches a terminal.
//!
//! Owns the escape rules of DESIGN §6: control characters (C0, DEL, C1), the line and
//! paragraph separators (U+2028, U+2029), the Unicode bidirectional embeddings, overrides,
//! isolates and marks (LRM, RLM, ALM), and the invisible zero-width space, word joiner and
//! byte-order mark are written as visible escapes (`\e`, `\r`, `\x07`, `\u{2028}`...), never
//! raw. Log content (`escape_content`) also has its backslashes doubled, so a message holding
//! the text `\e[31m` reads `\\e[31m` and is told apart from an escaped ESC; the escaping is
//! then reversible. (The zero-width joiner and non-joiner stay: emoji and several scripts need
//! them, and they cannot reorder or hide text.) It must not decide colours or layout.

use std::borrow::Cow;

/// What to do with `\n`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Newlines {
    /// Keep real newlines (a table cell may span lines).
    Keep,
    /// Write `\n`, so one entry stays one line.
    Escape,
}

fn needs_escape(c: char, newlines: Newlines) -> bool {
    match c {
        '\n' => newlines == Newlines::Escape,
        '\0'..='\x1f' | '\x7f'..='\u{9f}' => true,
        // Line and paragraph separators end a line for some terminals and viewers.
        '\u{2028}' | '\u{2029}' => true,
        // Bidirectional embeddings, overrides, isolates and marks can reorder what a reader
        // sees.
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => true,
        '\u{200e}' | '\u{200f}' | '\u{061c}' => true,
        // Invisible: a zero-width space, a word joiner, a byte-order mark.
        '\u{200b}' | '\u{2060}' | '\u{feff}' => true,
        _ => false,
    }
}

/// `s` with every control character escaped; borrowed when nothing needed escaping.
pub fn escape_controls(s: &str, newlines: Newlines) -> Cow<'_, str> {
    escape(s, newlines, false)
}

/// Log content for a terminal (table, plain, the CI formats): `escape_controls`, and every
/// backslash doubled, so that what is shown can be read back exactly (`unescape`).
pub fn escape_content(s: &str, newlines: Newlines) -> Cow<'_, str> {
    escape(s, newlines, true)
}

fn escape(s: &str, newlines: Newlines, backslashes: bool) -> Cow<'_, str> {
    let Some(first) = s.find(|c| needs_escape(c, newlines) || (backslashes && c == '\\')) else {
        return Cow::Borrowed(s);
    };
    let mut out = String::with_capacity(s.len() + 16);
    out.push_str(&s[..first]);
    for c in s[first..].chars() {
        if backslashes && c == '\\' {
            out.push_str("\\\\");
            continue;
        }
        if !needs_escape(c, newlines) {
            out.push(c);
            continue;
        }
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\x1b' => out.push_str("\\e"),
            '\x07' => out.push_str("\\a"),
            '\x08' => out.push_str("\\b"),
            '\x0b' => out.push_str("\\v"),
            '\x0c' => out.push_str("\\f"),
            '\0' => out.push_str("\\0"),
            c if (c as u32) < 0x80 => out.push_str(&format!("\\x{:02x}", c as u32)),
            c => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
        }
    }
    Cow::Owned(out)
}

/// Reads back what `escape_content` wrote (for tests and tools that parse `plain`).
pub fn unescape(s: &str) -> Option<String> {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next()? {
            '\\' => out.push('\\'),
            'n' => out.push('\n'),
            'r' => out.push('\r'),
            't' => out.push('\t'),
            'e' => out.push('\x1b'),
            'a' => out.push('\x07'),
            'b' => out.push('\x08'),
            'v' => out.push('\x0b'),
            'f' => out.push('\x0c'),
            '0' => out.push('\0'),
            'x' => {
                let hex: String = chars.by_ref().take(2).collect();
                out.push(char::from(u8::from_str_radix(&hex, 16).ok()?));
            }
            'u' => {
                if chars.next()? != '{' {
                    return None;
                }
                let hex: String = chars.by_ref().take_while(|&c| c != '}').collect();
                out.push(char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?);
            }
            _ => return None,
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separators_marks_and_invisibles_are_escaped() {
        let text = "a\u{2028}b\u{2029}c\u{85}d\u{200e}\u{200f}\u{61c}e\u{200b}\u{2060}\u{feff}f";
        assert_eq!(
            escape_controls(text, Newlines::Keep),
            "a\\u{2028}b\\u{2029}c\\u{85}d\\u{200e}\\u{200f}\\u{61c}e\\u{200b}\\u{2060}\\u{feff}f"
        );
        // Joiners stay: emoji sequences need them.
        assert_eq!(
            escape_controls("👩\u{200d}💻", Newlines::Keep),
            "👩\u{200d}💻"
        );
    }

    #[test]
    fn content_backslashes_are_doubled_and_reversible() {
        let text = "C:\\dir and the text \\e[31m and a real \x1b[31m";
        let shown = escape_content(text, Newlines::Escape);
        assert_eq!(shown, "C:\\\\dir and the text \\\\e[31m and a real \\e[31m");
        assert_eq!(unescape(&shown).as_deref(), Some(text));
        assert_eq!(
            escape_controls("a\\b", Newlines::Keep),
            "a\\b",
            "error texts keep them"
        );
    }

    #[test]
    fn plain_text_is_borrowed() {
        assert!(matches!(
            escape_controls("hello 世界 🚀", Newlines::Escape),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn escapes_ansi_osc_cr_bel_backspace() {
        let hostile = "\x1b[31mred\x1b[0m \x1b]0;title\x07 a\rb\x08c\x7f";
        let out = escape_controls(hostile, Newlines::Escape);
        assert_eq!(out, "\\e[31mred\\e[0m \\e]0;title\\a a\\rb\\bc\\x7f");
        assert!(!out.chars().any(|c| c.is_control()));
    }

    #[test]
    fn c1_and_bidi_are_escaped() {
        assert_eq!(escape_controls("a\u{9b}31m", Newlines::Keep), "a\\u{9b}31m");
        assert_eq!(
            escape_controls("x\u{202e}y\u{2066}", Newlines::Keep),
            "x\\u{202e}y\\u{2066}"
        );
    }

    #[test]
    fn newlines_kept_or_escaped() {
        assert_eq!(escape_controls("a\nb\tc", Newlines::Keep), "a\nb\\tc");
        assert_eq!(escape_controls("a\nb\tc", Newlines::Escape), "a\\nb\\tc");
    }

    mod properties {
        use super::super::*;
        use proptest::prelude::*;

        /// Strings rich in what the sanitiser must catch.
        fn hostile_text() -> impl Strategy<Value = String> {
            let pieces = prop::collection::vec(
                prop_oneof![
                    any::<char>().prop_map(String::from),
                    Just("\x1b[31m".to_owned()),
                    Just("\\e[31m".to_owned()),
                    Just("\\".to_owned()),
                    Just("\r\n".to_owned()),
                    Just("\u{2028}\u{2029}\u{85}".to_owned()),
                    Just("\u{202e}\u{2066}\u{200e}\u{200f}\u{61c}".to_owned()),
                    Just("\u{200b}\u{2060}\u{feff}\u{200d}".to_owned()),
                    "[a-z ]{0,8}",
                ],
                0..24,
            );
            pieces.prop_map(|p| p.concat())
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(2000))]

            #[test]
            fn nothing_active_survives_and_the_escaping_reads_back(text in hostile_text()) {
                for newlines in [Newlines::Escape, Newlines::Keep] {
                    let shown = escape_content(&text, newlines);
                    for c in shown.chars() {
                        prop_assert!(c == '\n' && newlines == Newlines::Keep || !needs_escape(c, Newlines::Escape),
                            "{c:?} survived in {shown:?}");
                    }
                    let back = unescape(&shown);
                    prop_assert_eq!(back.as_deref(), Some(text.as_str()));
                }
            }
        }
    }
}
