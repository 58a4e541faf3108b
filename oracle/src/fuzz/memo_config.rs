//! The fuzzed memo configuration: either policy, and every knob over its useful range
//! (threshold 1-10, capacity 1-5000, chunk 64 B-4 KiB, stack depth, verify, adaptive's unit
//! size and window), plus the test knobs that force hash collisions and version wraparound.

use arbitrary::{Result, Unstructured};
use memowasm::{MemoConfig, MemoPolicy};

/// A memo configuration drawn from `u`. Small values are favoured where they stress the cache:
/// capacities of a few entries (evictions), small chunks (straddling accesses), and one input in
/// eight each gets a narrow key hash (collisions) or a narrow version counter (wraparound).
pub fn memo_config(u: &mut Unstructured<'_>) -> Result<MemoConfig> {
    let policy = if u.arbitrary()? { MemoPolicy::Seed } else { MemoPolicy::Adaptive };
    let mut c = match policy {
        MemoPolicy::Seed => MemoConfig::seed(),
        MemoPolicy::Adaptive => MemoConfig::default(),
    };
    c.threshold = u.int_in_range(1..=10)?;
    c.capacity = match u.int_in_range(0..=3)? {
        0 => u.int_in_range(1..=4)?,
        1 => u.int_in_range(5..=64)?,
        _ => u.int_in_range(1..=5000)?,
    };
    c.chunk_size = 64 << u.int_in_range(0..=6)?;
    c.stack_depth = u.int_in_range(0..=12)?;
    c.verify = u.arbitrary()?;
    if policy == MemoPolicy::Adaptive {
        // Tiny blocks become units only below the default of 8.
        c.min_unit_ops = *u.choose(&[0, 0, 1, 2, 4, 8, 8, 16])?;
        c.window = u.int_in_range(1..=32)?;
        c.min_hit_percent = u.int_in_range(0..=60)?;
    }
    if u.ratio(1, 8)? {
        c.hash_bits = u.int_in_range(1..=8)?;
    }
    if u.ratio(1, 8)? {
        c.version_bits = u.int_in_range(2..=10)?;
    }
    Ok(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_and_determinism() {
        let mut seen_seed = false;
        let mut seen_adaptive = false;
        for i in 0..300u32 {
            let bytes: Vec<u8> = (0..64).map(|j| (i.wrapping_mul(2654435761) >> (j % 24)) as u8 ^ j as u8).collect();
            let c = memo_config(&mut Unstructured::new(&bytes)).unwrap();
            assert_eq!(c, memo_config(&mut Unstructured::new(&bytes)).unwrap());
            assert!((1..=10).contains(&c.threshold) && (1..=5000).contains(&c.capacity));
            assert!(c.chunk_size.is_power_of_two() && (64..=4096).contains(&c.chunk_size));
            seen_seed |= c.policy == MemoPolicy::Seed;
            seen_adaptive |= c.policy == MemoPolicy::Adaptive;
        }
        assert!(seen_seed && seen_adaptive);
    }
}
