//! Byte scanning of JSON text, eight bytes at a time (SWAR: one `u64` holds eight bytes, and a
//! few integer operations flag the bytes equal to a given one). What the per-entry path uses
//! to skip the ordinary bytes of a string in one go: the one pass over a body before parsing
//! (nesting depth, and whether its text can be printed as is), and the re-layout of
//! `json`/`jsonl`. Owns the list of characters a terminal acts on that JSON allows raw.
//!
//! Pure: no allocation, no I/O.

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// The high bit of each byte of `word` equal to `byte`. The lowest flagged byte is always a
/// true match (a borrow may flag a byte above a match, never one below), so the lowest set bit
/// of several such masks OR-ed together is the first byte equal to any of them.
#[inline(always)]
const fn equal(word: u64, byte: u8) -> u64 {
    let x = word ^ (ONES * byte as u64);
    x.wrapping_sub(ONES) & !x & HIGHS
}

/// The index of the first byte at or after `from` that `stop` holds for (`bytes.len()` when
/// none does; `from` itself when it is at or past the end). `flags` must flag, in the way of
/// [`equal`], exactly the bytes `stop` holds for: it is the eight-at-a-time form of `stop`.
#[inline(always)]
fn find(bytes: &[u8], from: usize, flags: impl Fn(u64) -> u64, stop: impl Fn(u8) -> bool) -> usize {
    let mut i = from;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let word = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        let hits = flags(word);
        if hits != 0 {
            // Little-endian: byte k of the chunk is bits 8k..8k+7.
            return i + (hits.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < bytes.len() && !stop(bytes[i]) {
        i += 1;
    }
    i
}

/// The bytes of `word` a string scan stops at, flagged as [`equal`] flags them: `"`, `\`,
/// DEL, the first bytes of the characters a terminal may act on, and with `controls` the bytes
/// below 0x20 (whose lowest flag is always a true one too).
#[inline(always)]
fn stop_flags(word: u64, controls: bool) -> u64 {
    let mut flags = equal(word, b'"') | equal(word, b'\\') | equal(word, 0x7f);
    if controls {
        flags |= word.wrapping_sub(ONES * 0x20) & !word & HIGHS;
    }
    if word & HIGHS != 0 {
        flags |= equal(word, 0xc2) | equal(word, 0xd8) | equal(word, 0xe2);
    }
    flags
}

/// Inside a string: the first byte at or after `from` that is `"`, `\`, DEL, or the first
/// byte of a character a terminal may act on (`0xc2`: C1 controls; `0xd8`: U+061C; `0xe2`:
/// U+2028-U+202E, U+2066-U+2069, U+200B/E/F). Every other byte is copied as it is.
pub fn string_stop(bytes: &[u8], from: usize) -> usize {
    find(
        bytes,
        from,
        |w| stop_flags(w, false),
        |b| matches!(b, b'"' | b'\\' | 0x7f | 0xc2 | 0xd8 | 0xe2),
    )
}

/// [`string_stop`] for a walk that checks JSON: stops at the control characters JSON forbids
/// raw in a string (below 0x20) too.
#[inline(always)]
pub(crate) fn json_string_stop(bytes: &[u8], from: usize) -> usize {
    find(
        bytes,
        from,
        |w| stop_flags(w, true),
        |b| matches!(b, b'"' | b'\\' | 0x7f | 0xc2 | 0xd8 | 0xe2 | 0x00..=0x1f),
    )
}

/// The character at `bytes[0..]` inside a string when it is one a terminal may act on and
/// JSON allows raw: DEL, the C1 controls, U+061C (ALM), U+200B (zero-width space), U+200E/F
/// (LRM, RLM), U+2028/2029 (separators), U+202A-202E (embeddings, overrides), U+2066-2069
/// (isolates). Its code point and its length in bytes.
pub fn terminal_active(bytes: &[u8]) -> Option<(u32, usize)> {
    match bytes {
        [0x7f, ..] => Some((0x7f, 1)),
        [0xc2, b @ 0x80..=0x9f, ..] => Some((u32::from(*b), 2)),
        [0xe2, 0x80, b @ (0xa8..=0xae | 0x8b | 0x8e | 0x8f), ..] => {
            Some((0x2000 + (u32::from(*b) - 0x80), 3))
        }
        [0xd8, 0x9c, ..] => Some((0x061c, 2)),
        [0xe2, 0x81, b @ 0xa6..=0xa9, ..] => Some((0x2040 + (u32::from(*b) - 0x80), 3)),
        _ => None,
    }
}

/// What one pass over a response body found, before any parser reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BodyScan {
    /// Arrays and objects nest deeper than the limit.
    pub too_deep: bool,
    /// The text is compact (no white space outside strings) and no string holds a
    /// terminal-active character: re-laying any value in it on one line copies it as is.
    pub plain: bool,
}

/// One linear pass over the JSON text `bytes`, aware of strings and their escapes (a `[`
/// inside a string does not count): whether it nests deeper than `max` levels (the top level
/// is 1), and whether it is plain (see [`BodyScan`]). Stops at the first level too deep.
pub fn body(bytes: &[u8], max: usize) -> BodyScan {
    let mut depth = 0usize;
    let mut plain = true;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                // Skip the string: its ordinary bytes eight at a time, an escape as two.
                i += 1;
                loop {
                    i = string_stop(bytes, i);
                    match bytes.get(i) {
                        Some(b'\\') => i += 2,
                        Some(b'"') => break,
                        Some(_) => {
                            plain &= terminal_active(&bytes[i..]).is_none();
                            i += 1;
                        }
                        None => {
                            return BodyScan {
                                too_deep: false,
                                plain: false,
                            };
                        }
                    }
                }
            }
            b'[' | b'{' => {
                depth += 1;
                if depth > max {
                    return BodyScan {
                        too_deep: true,
                        plain: false,
                    };
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            b' ' | b'\t' | b'\n' | b'\r' => plain = false,
            _ => {}
        }
        i += 1;
    }
    BodyScan {
        too_deep: false,
        plain,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn naive(bytes: &[u8], from: usize, stop: impl Fn(u8) -> bool) -> usize {
        (from..bytes.len())
            .find(|&i| stop(bytes[i]))
            .unwrap_or(bytes.len().max(from))
    }

    #[test]
    fn finds_the_first_stop_byte_in_and_after_whole_words() {
        let text = b"abcdefghijklmnop\"qr\\";
        assert_eq!(string_stop(text, 0), 16);
        assert_eq!(string_stop(text, 17), 19);
        assert_eq!(string_stop(text, 20), 20);
        assert_eq!(string_stop(text, 25), 25);
        assert_eq!(string_stop(b"abc", 0), 3);
        // A byte one above a stop byte right after it is not taken for one (the borrow).
        assert_eq!(string_stop(b"\x01\x01\x01\x01\x01\x01\x01\"", 0), 7);
        assert_eq!(string_stop(b"\"\x01\x01\x01\x01\x01\x01\x01", 0), 0);
        assert_eq!(string_stop("aaaaaaaa\u{e9}\u{7f}".as_bytes(), 0), 10);
        assert_eq!(string_stop("aaaaaaaa\u{202e}".as_bytes(), 0), 8);
        assert_eq!(string_stop("\u{4e2d}\u{6587}\u{9b}".as_bytes(), 0), 6);
    }

    #[test]
    fn a_body_is_plain_when_compact_and_free_of_terminal_active_characters() {
        let plain = |text: &str| body(text.as_bytes(), 128).plain;
        assert!(plain(
            "{\"a\":[1,\"x y \\\" \\\\ [\",{}],\"b\":\"\\u2028 \u{e9} \u{4e2d} \u{2192} \u{201c}\"}"
        ));
        assert!(!plain("{\"a\": 1}"));
        assert!(!plain("{\"a\":1}\n"));
        assert!(!plain("{\"a\":\"x\u{202e}\"}"));
        assert!(!plain("{\"a\":\"\u{7f}\"}"));
        assert!(!plain("{\"a\":\"\u{9b}\"}"));
        assert!(!plain("{\"a\":\"unterminated"));
        assert!(body(b"[[]]", 1).too_deep);
        assert!(!body(b"[[]]", 2).too_deep);
    }

    proptest! {
        #[test]
        fn the_same_as_a_byte_at_a_time(
            bytes in prop::collection::vec(
                prop_oneof![Just(b'"'), Just(b'\\'), Just(0x7f), Just(0xc2), Just(0xd8), Just(0xe2), Just(0x01), Just(0x1f), Just(0x20), Just(0x00), Just(0x80), any::<u8>(), b'a'..=b'z'],
                0..80,
            ),
            from in 0usize..82,
        ) {
            prop_assert_eq!(
                string_stop(&bytes, from),
                naive(&bytes, from, |b| matches!(b, b'"' | b'\\' | 0x7f | 0xc2 | 0xd8 | 0xe2))
            );
            prop_assert_eq!(
                json_string_stop(&bytes, from),
                naive(&bytes, from, |b| matches!(b, b'"' | b'\\' | 0x7f | 0xc2 | 0xd8 | 0xe2 | 0x00..=0x1f))
            );
        }
    }
}
