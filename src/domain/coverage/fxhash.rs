//! A fast, non-cryptographic hasher (the "Fx" hash of rustc and Firefox) for the coverage
//! index's internal maps: keys are ids and interned names of the user's own data, so
//! resistance to crafted collisions buys nothing, while SipHash made building the index
//! for 100k sites about twice as slow.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

#[derive(Debug, Default, Clone, Copy)]
pub struct FxHasher(u64);

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(c);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(word));
        }
    }

    fn write_u8(&mut self, n: u8) {
        self.add(u64::from(n));
    }

    fn write_u32(&mut self, n: u32) {
        self.add(u64::from(n));
    }

    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    /// The multiply leaves the low bits depending only on the inputs' low bits, and the
    /// table indexes by the low bits: ids that differ only in their last digits ("syn-0001",
    /// "syn-0002") would all collide. Rotating the well-mixed high bits down (as
    /// rustc-hash 2 does) fixes that.
    fn finish(&self) -> u64 {
        self.0.rotate_left(26)
    }
}

pub type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_map_with_it_works_like_any_map() {
        let mut m: FxMap<&str, usize> = FxMap::default();
        for (i, k) in ["a", "西樵镇", "nanhai-county-committee-site", ""]
            .iter()
            .enumerate()
        {
            m.insert(k, i);
        }
        assert_eq!(m.get("西樵镇"), Some(&1));
        assert_eq!(m.get(""), Some(&3));
        assert_eq!(m.len(), 4);
        let n: FxMap<u32, u32> = (0..1000).map(|i| (i, i * 2)).collect();
        assert_eq!((n.get(&999), n.get(&1000)), (Some(&1998), None));
    }

    #[test]
    fn ids_differing_in_their_last_digits_spread_over_the_low_bits() {
        use std::hash::{BuildHasher, BuildHasherDefault};
        let build = BuildHasherDefault::<FxHasher>::default();
        let mut low: Vec<u64> = (0..4096)
            .map(|i| build.hash_one(format!("syn-site-{i:06}")) & 1023)
            .collect();
        low.sort_unstable();
        low.dedup();
        // A uniform hash fills ~98 % of 1024 buckets with 4096 keys; without the final
        // rotation these ids fell into a handful.
        assert!(low.len() > 900, "{} of 1024 buckets used", low.len());
    }
}
