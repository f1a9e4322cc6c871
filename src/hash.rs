//! Owns the claim hash: sha256 of the normalized text, its 64-hex form and its 12-hex id.

use std::fmt;
use std::str::FromStr;

use sha2::{Digest, Sha256};

use crate::normalize::normalize_v1;

/// How many hex digits of the sha256 make a claim id.
pub const ID_LEN: usize = 12;

/// A sha256 digest; displays as 64 lowercase hex digits and parses back from them.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Sha256Hash([u8; 32]);

impl Sha256Hash {
    /// Hash raw bytes (snapshots, ledger lines).
    pub fn of_bytes(bytes: &[u8]) -> Self {
        let digest = Sha256::digest(bytes);
        let mut out = [0u8; 32];
        out.copy_from_slice(digest.as_slice());
        Sha256Hash(out)
    }

    /// A digest computed elsewhere (an incremental `Sha256` over several parts).
    pub fn from_digest(digest: [u8; 32]) -> Self {
        Sha256Hash(digest)
    }

    /// The 32 bytes of the digest.
    pub fn digest(&self) -> [u8; 32] {
        self.0
    }

    /// The claim hash of a text: sha256 over its v1-normalized UTF-8 bytes.
    pub fn of_claim_text(text: &str) -> Self {
        Self::of_bytes(normalize_v1(text).as_bytes())
    }

    /// The 12-hex-digit claim id.
    pub fn id(&self) -> String {
        let hex = self.hex();
        String::from_utf8_lossy(&hex[..ID_LEN]).into_owned()
    }

    /// The claim id and hash as a claim holds them (inline, with no string made on the way).
    pub fn claim_id_and_hash(&self) -> (crate::model::ClaimId, crate::model::ClaimHash) {
        let hex = self.hex();
        let id: [u8; ID_LEN] = hex[..ID_LEN]
            .try_into()
            .expect("an id is a prefix of the hex");
        (
            crate::model::Hex::from_digits(id),
            crate::model::Hex::from_digits(hex),
        )
    }

    /// The 64 lowercase hex digits, without the formatter's per-byte cost (every claim's hash
    /// and id is printed: this was 6% of reading a text).
    fn hex(&self) -> [u8; 64] {
        const DIGITS: &[u8; 16] = b"0123456789abcdef";
        let mut out = [0u8; 64];
        for (i, b) in self.0.iter().enumerate() {
            out[2 * i] = DIGITS[usize::from(b >> 4)];
            out[2 * i + 1] = DIGITS[usize::from(b & 0xf)];
        }
        out
    }
}

impl fmt::Display for Sha256Hash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let hex = self.hex();
        f.write_str(std::str::from_utf8(&hex).expect("hex digits are ASCII"))
    }
}

impl fmt::Debug for Sha256Hash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Sha256Hash({self})")
    }
}

/// Why a string is not a sha256 hex digest.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
#[error("expected 64 lowercase hex digits")]
pub struct ParseHashError;

impl FromStr for Sha256Hash {
    type Err = ParseHashError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if s.len() != 64
            || !s
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        {
            return Err(ParseHashError);
        }
        let mut out = [0u8; 32];
        for (i, chunk) in s.as_bytes().chunks(2).enumerate() {
            let hex = std::str::from_utf8(chunk).map_err(|_| ParseHashError)?;
            out[i] = u8::from_str_radix(hex, 16).map_err(|_| ParseHashError)?;
        }
        Ok(Sha256Hash(out))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn vectors() {
        // Published in the README; third parties recompute these.
        assert_eq!(
            Sha256Hash::of_claim_text("").to_string(),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert_eq!(
            Sha256Hash::of_claim_text("abc").to_string(),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        // The README's vectors.
        for (input, sha) in [
            (
                "China\u{2019}s  top leader",
                "bb0ab0fa8d9449ac2666f7987c1fea8c1553b2f5de873ff3e0b54b673224da26",
            ),
            (
                "\u{201C}old friend,\u{201D}",
                "3bc5db2d13bcd28dd87a00608950d0d32c0dc00d768ff2762774d6b7addd570c",
            ),
            (
                "\u{FB01}ve\u{00A0}km",
                "9d4f8231f0720fd7d9a822b3210f77ffe1112c10a9348b716232fe580914ba9c",
            ),
            (
                "U.S.\u{2013}led",
                "2d042740491fa781ba6f0c3b518038e47824703783d34d2cbed6854f2373f683",
            ),
            (
                "  line\nbreak\u{200B} ",
                "b37996f7625b84a7038591cf5d226566a35e3639a282cc89f1bc6faf7a431bbb",
            ),
            (
                "5\u{2033}",
                "22b33920de037704ca60e0dfffca2c404ccf0fc289111728bd166d232e29af72",
            ),
        ] {
            assert_eq!(
                Sha256Hash::of_claim_text(input).to_string(),
                sha,
                "{input:?}"
            );
        }
        let a = Sha256Hash::of_claim_text("China\u{2019}s  top\nleader");
        let b = Sha256Hash::of_claim_text("China's top leader");
        assert_eq!(a, b);
        assert_eq!(a.id().len(), 12);
    }

    #[test]
    fn rejects_bad_hex() {
        assert!("abc".parse::<Sha256Hash>().is_err());
        assert!("G".repeat(64).parse::<Sha256Hash>().is_err());
        assert!("A".repeat(64).parse::<Sha256Hash>().is_err());
    }

    proptest! {
        #[test]
        fn display_parse_round_trip(bytes in proptest::collection::vec(any::<u8>(), 0..64)) {
            let h = Sha256Hash::of_bytes(&bytes);
            prop_assert_eq!(h.to_string().parse::<Sha256Hash>().unwrap(), h);
            let formatted: String = h.0.iter().map(|b| format!("{b:02x}")).collect();
            prop_assert_eq!(h.to_string(), formatted.clone());
            prop_assert_eq!(h.id(), formatted[..ID_LEN].to_string());
        }
    }
}
