//! One small deterministic random generator for everything the lab generates: sample
//! documents and images, benchmark scenes, shuffled lists, and the test corpora.
//!
//! [`SplitMix64`] (Steele, Lea & Flood, "Fast splittable pseudorandom number generators",
//! OOPSLA 2014) keeps 64 bits of state and costs one add and a mixing function per
//! number. The same seed gives the same sequence on every platform (no `usize` in the
//! state, no clock), so generated data and failing tests reproduce. Not for
//! cryptography.
//!
//! ```
//! use wasm_playground::lab::rng::SplitMix64;
//!
//! let mut rng = SplitMix64::new(42);
//! let die = 1 + rng.below(6);
//! assert!((1..=6).contains(&die));
//! let mut again = SplitMix64::new(42);
//! assert_eq!(1 + again.below(6), die);
//! ```

/// The SplitMix64 generator. `Clone` gives an independent copy that repeats the same
/// sequence from here.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SplitMix64 {
    state: u64,
}

impl SplitMix64 {
    /// A generator seeded with `seed` (every seed, 0 included, is a good seed).
    pub const fn new(seed: u64) -> SplitMix64 {
        SplitMix64 { state: seed }
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A uniform float in `[0, 1)`: the top 53 bits, which is every value an `f64` of
    /// that range can hold at an even spacing.
    pub fn next_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// A uniform number in `0..bound` (0 when `bound` is 0), without modulo bias:
    /// Lemire's multiply-and-reject, `(x * bound) >> 64` with the rare biased low
    /// products drawn again.
    pub fn below(&mut self, bound: u64) -> u64 {
        if bound == 0 {
            return 0;
        }
        let threshold = bound.wrapping_neg() % bound;
        loop {
            let product = u128::from(self.next_u64()) * u128::from(bound);
            if (product as u64) >= threshold {
                return (product >> 64) as u64;
            }
        }
    }

    /// `next_u64() % bound` (0 when `bound` is 0): one draw per number, with a bias of at
    /// most `bound / 2⁶⁴`, far below anything a sample could show. The sample documents
    /// and the benchmark scenes were generated this way; they keep it so that the same
    /// seed still gives the very same bytes (and benchmark results stay comparable).
    /// New code wants [`SplitMix64::below`].
    pub fn below_by_modulo(&mut self, bound: u64) -> u64 {
        if bound == 0 {
            0
        } else {
            self.next_u64() % bound
        }
    }

    /// A uniform index in `0..len` (0 when `len` is 0).
    pub fn index(&mut self, len: usize) -> usize {
        usize::try_from(self.below(len as u64)).unwrap_or(0)
    }

    /// A uniform element of `items`, `None` when it is empty.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        if items.is_empty() {
            return None;
        }
        items.get(self.index(items.len()))
    }

    /// True with probability `p` (never for `p <= 0` or NaN, always for `p >= 1`).
    pub fn chance(&mut self, p: f64) -> bool {
        self.next_f64() < p
    }

    /// Shuffles in place (Fisher–Yates: every order equally likely).
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.index(i + 1);
            items.swap(i, j);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_published_first_outputs() {
        // The reference implementation's outputs for seed 0 and for seed 1234567.
        let mut zero = SplitMix64::new(0);
        assert_eq!(zero.next_u64(), 0xe220_a839_7b1d_cdaf);
        assert_eq!(zero.next_u64(), 0x6e78_9e6a_a1b9_65f4);
        let mut other = SplitMix64::new(1_234_567);
        assert_eq!(other.next_u64(), 6_457_827_717_110_365_317);
        assert_eq!(other.next_u64(), 3_203_168_211_198_807_973);
    }

    #[test]
    fn below_is_fair_enough_and_zero_bound_is_zero() {
        let mut rng = SplitMix64::new(99);
        assert_eq!(rng.below(0), 0);
        assert_eq!(rng.below_by_modulo(0), 0);
        assert_eq!(rng.index(0), 0);
        let mut counts = [0usize; 6];
        for _ in 0..6_000 {
            counts[rng.index(6)] += 1;
        }
        assert!(
            counts.iter().all(|&c| (800..1200).contains(&c)),
            "{counts:?}"
        );
    }

    #[test]
    fn below_by_modulo_is_the_remainder_of_the_next_draw() {
        let mut a = SplitMix64::new(7);
        let mut b = a.clone();
        for bound in [1, 2, 3, 256, 1_000_000_007] {
            assert_eq!(a.below_by_modulo(bound), b.next_u64() % bound);
        }
    }

    #[test]
    fn pick_chance_and_shuffle() {
        let mut rng = SplitMix64::new(3);
        assert_eq!(rng.pick::<u8>(&[]), None);
        assert_eq!(rng.pick(&["only"]), Some(&"only"));
        assert!(!rng.chance(0.0));
        assert!(!rng.chance(f64::NAN));
        assert!(rng.chance(1.0));
        let mut items: Vec<u32> = (0..50).collect();
        rng.shuffle(&mut items);
        let mut sorted = items.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, (0..50).collect::<Vec<_>>());
        assert_ne!(
            items, sorted,
            "50 items stay in order with odds of 1 in 50!"
        );
    }

    proptest! {
        #[test]
        fn the_same_seed_gives_the_same_sequence(seed in any::<u64>()) {
            let mut a = SplitMix64::new(seed);
            let mut b = SplitMix64::new(seed);
            for _ in 0..8 {
                prop_assert_eq!(a.next_u64(), b.next_u64());
            }
        }

        #[test]
        fn draws_stay_in_their_ranges(seed in any::<u64>(), bound in 1u64..) {
            let mut rng = SplitMix64::new(seed);
            prop_assert!(rng.below(bound) < bound);
            prop_assert!(rng.below_by_modulo(bound) < bound);
            let x = rng.next_f64();
            prop_assert!((0.0..1.0).contains(&x));
        }
    }
}
