//! Terminal safety: untrusted text (log content, error messages from the service) is made
//! inert before it reaches a terminal.
//!
//! Owns the escape rules of DESIGN §6: control characters (C0, DEL, C1) and the Unicode
//! bidirectional overrides are written as visible escapes (`\e`, `\r`, `\x07`...), never raw.
//! It must not decide colours or layout.

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
        // Bidirectional embeddings, overrides and isolates can reorder what a reader sees.
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => true,
        _ => false,
    }
}

/// `s` with every control character escaped; borrowed when nothing needed escaping.
pub fn escape_controls(s: &str, newlines: Newlines) -> Cow<'_, str> {
    let Some(first) = s.find(|c| needs_escape(c, newlines)) else {
        return Cow::Borrowed(s);
    };
    let mut out = String::with_capacity(s.len() + 16);
    out.push_str(&s[..first]);
    for c in s[first..].chars() {
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
