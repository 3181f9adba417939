//! A small deterministic random source (SplitMix64): the same seed gives the
//! same clicks on every machine and every run.

/// SplitMix64 generator.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator for the given seed.
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    /// A generator seeded from several parts (link seed, day, click ordinal).
    pub fn from_parts(parts: &[u64]) -> Self {
        let mut state = 0x9E37_79B9_7F4A_7C15_u64;
        for part in parts {
            state = Self(state ^ part.wrapping_mul(0xD1B5_4A32_D192_ED03)).next_u64();
        }
        Self(state)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A uniform number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }

    /// A uniform float in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// One of `choices`, weighted by the second element of each pair.
    pub fn weighted<T: Copy>(&mut self, choices: &[(T, u32)]) -> T {
        let total: u64 = choices.iter().map(|(_, w)| u64::from(*w)).sum();
        let mut ticket = self.below(total);
        for (value, weight) in choices {
            let weight = u64::from(*weight);
            if ticket < weight {
                return *value;
            }
            ticket -= weight;
        }
        choices[choices.len() - 1].0
    }

    /// `len` characters drawn from `alphabet`.
    pub fn string_from(&mut self, alphabet: &[u8], len: usize) -> String {
        (0..len)
            .map(|_| alphabet[self.below(alphabet.len() as u64) as usize] as char)
            .collect()
    }
}
