//! A small stable hash (64-bit FNV-1a) for the emulator's made-up identifiers (template ids)
//! and for binding page tokens to the query that produced them.
//!
//! It must not be used for anything secret: it is not a cryptographic hash.

/// FNV-1a over the bytes of `parts`, each followed by a separator, so `["ab", "c"]` and
/// `["a", "bc"]` differ.
pub(crate) fn fnv1a(parts: &[&str]) -> u64 {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let mut hash = OFFSET;
    for part in parts {
        for byte in part.bytes().chain([0x1f]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(PRIME);
        }
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stable_and_separated() {
        assert_eq!(fnv1a(&["a"]), fnv1a(&["a"]));
        assert_ne!(fnv1a(&["ab", "c"]), fnv1a(&["a", "bc"]));
        assert_ne!(fnv1a(&[]), fnv1a(&[""]));
    }
}
