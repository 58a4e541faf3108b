//! The fast-hit table: entries that the memo loop's threaded chain replays in place,
//! without stopping for the loop's `memo_enter` (no key built, no cache or LRU touched).

use super::{Dep, Entry};
use std::sync::Arc;

/// Slots in the table: `1 << BITS`.
const BITS: u32 = 10;
const SLOTS: usize = 1 << BITS;

#[derive(Debug, Default)]
struct Slot {
    unit: u32,
    hash: u64,
    entry: Option<Arc<Entry>>,
}

/// A direct-mapped table from (unit, hash of its inputs) to an entry that replays with no
/// more than an input comparison, a check of the globals it read and the writes of its
/// cells: one with no effects, whose dependencies are all global values (compared as
/// values, so it never needs invalidating), whose exit leaves only its own unit, and
/// whose hits pay. A second entry for the same slot replaces the first; either stays in
/// the cache, where the loop's lookup finds it.
#[derive(Debug)]
pub(crate) struct FastHits {
    slots: Box<[Slot]>,
}

impl Default for FastHits {
    fn default() -> Self {
        FastHits { slots: (0..SLOTS).map(|_| Slot::default()).collect() }
    }
}

const K: u64 = 0x9e37_79b9_7f4a_7c15;

/// The table's hash of a unit's input values (in the order of `MemoBlock::inputs`): all of
/// them, cheaper than the cache's key (the inputs are compared anyway).
#[inline(always)]
pub(crate) fn hash(values: impl Iterator<Item = u64>) -> u64 {
    values.fold(0, |h, v| (h ^ v).wrapping_mul(K).rotate_left(29))
}

impl FastHits {
    #[inline(always)]
    fn index(unit: u32, hash: u64) -> usize {
        ((hash ^ u64::from(unit)).wrapping_mul(K) >> (64 - BITS)) as usize
    }

    /// The entry for `unit` and inputs whose [`hash`] is `hash`, if one is in the table (its
    /// inputs are still to be compared).
    #[inline(always)]
    pub fn get(&self, unit: u32, hash: u64) -> Option<&Arc<Entry>> {
        let s = &self.slots[Self::index(unit, hash)];
        s.entry.as_ref().filter(|_| s.unit == unit && s.hash == hash)
    }

    /// Puts `e` in the table if it qualifies (see [`FastHits`]); `leaves_only_its_unit`:
    /// its exit leaves no unit around the unit.
    pub fn offer(&mut self, unit: u32, e: &Arc<Entry>, leaves_only_its_unit: bool) {
        let hash = hash(e.inputs.iter().copied());
        let pure = e.effects.is_empty() && e.deps.iter().all(|d| matches!(d, Dep::Global { .. }));
        if pure && leaves_only_its_unit && super::hit_pays(e) {
            self.slots[Self::index(unit, hash)] = Slot { unit, hash, entry: Some(Arc::clone(e)) };
        }
    }

    /// Takes the entry for `unit` and `inputs` out (its dependencies no longer hold).
    pub fn remove(&mut self, unit: u32, inputs: &[u64]) {
        let hash = hash(inputs.iter().copied());
        let s = &mut self.slots[Self::index(unit, hash)];
        if s.unit == unit && s.hash == hash {
            s.entry = None;
        }
    }
}
