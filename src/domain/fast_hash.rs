//! A fast hasher for maps keyed by the pool's own strings (customer codes, invoice numbers):
//! FxHash, as in rustc. The keys come from the user's own files, not from an attacker, so
//! SipHash's flooding resistance buys nothing here — and hashing was a sixth of building a
//! 100 000-invoice ledger.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

#[derive(Default)]
pub struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(c);
            self.add(u64::from_le_bytes(word));
        }
        for &b in chunks.remainder() {
            self.add(u64::from(b));
        }
    }
    fn write_u8(&mut self, n: u8) {
        self.add(u64::from(n));
    }
    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

pub fn fast_map<K, V>(capacity: usize) -> FastMap<K, V> {
    HashMap::with_capacity_and_hasher(capacity, BuildHasherDefault::default())
}

pub type FastSet<K> = std::collections::HashSet<K, BuildHasherDefault<FxHasher>>;

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::{BuildHasher, Hash};

    fn hash<T: Hash>(t: T) -> u64 {
        BuildHasherDefault::<FxHasher>::default().hash_one(t)
    }

    #[test]
    fn equal_keys_hash_equal_and_near_keys_differ() {
        assert_eq!(hash(("C001", "INV-1")), hash(("C001", "INV-1")));
        assert_ne!(hash(("C001", "INV-1")), hash(("C001", "INV-2")));
        assert_ne!(
            hash(("C00", "1INV-1")),
            hash(("C001", "INV-1")),
            "field ends count"
        );
        assert_ne!(
            hash("ABCDEFGH1"),
            hash("ABCDEFGH2"),
            "the tail past 8 bytes counts"
        );
        let mut m: FastMap<&str, usize> = fast_map(4);
        m.insert("客户", 1);
        assert_eq!(m.get("客户"), Some(&1));
    }
}
