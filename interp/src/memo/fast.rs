//! The fast-hit table: entries that the memo loop's threaded chain replays in place,
//! without stopping for the loop's `memo_enter` (no key built, no cache or LRU touched).

use super::{Dep, Effect, Entry};
use std::sync::Arc;

/// Slots in the table: `1 << BITS`.
const BITS: u32 = 10;
const SLOTS: usize = 1 << BITS;

#[derive(Debug, Default)]
struct Slot {
    unit: u32,
    /// [`hit_pays`] of the entry.
    pays: bool,
    /// The one memory its chunk dependencies and stores are of ([`NO_MEMORY`] if none), and
    /// where its stores end at the most.
    mem: u32,
    end: u64,
    hash: u64,
    entry: Option<Arc<Entry>>,
}

/// [`Fast::mem`] of an entry that neither reads nor writes memory.
pub(crate) const NO_MEMORY: u32 = u32::MAX;

/// An entry of the table, with what [`FastHits::offer`] found out about it once.
pub(crate) struct Fast<'a> {
    pub entry: &'a Arc<Entry>,
    /// [`hit_pays`].
    pub pays: bool,
    /// The one memory its chunk dependencies and stores are of, or [`NO_MEMORY`].
    pub mem: u32,
    /// The end of its last-ending store (0 without stores): it replays in a memory at least
    /// this long.
    pub end: u64,
}

/// A direct-mapped table from (unit, hash of its inputs) to an entry that the chain can
/// replay: one that is [`eligible`] (with whether its hits pay at the chain's cost,
/// [`hit_pays`]: the policy counts one that does not as no hit).
/// (The chain replays it only where its chunks and stores are the default memory's.)
/// A second entry for the same slot replaces the first; either stays in the cache, where
/// the loop's lookup finds it. Entries that depend on chunk versions leave the table when
/// they leave the cache for good: after the plain loop and when versions wrap.
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

/// What a hit replayed by the chain costs, in ops besides its dependencies, effects and
/// cells (see `HIT_OPS`, the loop's): measured with callgrind on collatz (`memowasm run
/// bench/wat/collatz.wat --invoke run 40000 --memo`, run 80000 minus run 40000), the probe
/// handler, the table probe, the checks and the bookkeeping take about 290 instructions
/// per hit, as many as about 40 threaded ops (sumsq's loop runs about 7 per op).
pub(crate) const FAST_HIT_OPS: u64 = 40;

/// Whether the chain can replay `e`: its dependencies are global values and memory chunk
/// versions, its effects stores (of 1, 2, 4 or 8 bytes) and global sets, and its exit
/// leaves no unit around its own (`leaves_only_its_unit`).
pub(crate) fn eligible(e: &Entry, leaves_only_its_unit: bool) -> bool {
    leaves_only_its_unit
        && e.effects.iter().all(|f| match *f {
            Effect::Store { len, .. } => matches!(len, 1 | 2 | 4 | 8),
            Effect::GlobalSet { .. } => true,
            _ => false,
        })
        && e.deps.iter().all(|d| matches!(d, Dep::Global { .. } | Dep::Chunk { .. }))
}

/// Whether a hit of `e` replayed by the chain saves more than it costs: as
/// [`super::hit_pays`], at the chain's cost.
pub(crate) fn hit_pays(e: &Entry) -> bool {
    e.ops > super::hit_cost(e) - super::HIT_OPS + FAST_HIT_OPS
}

impl FastHits {
    #[inline(always)]
    fn index(unit: u32, hash: u64) -> usize {
        ((hash ^ u64::from(unit)).wrapping_mul(K) >> (64 - BITS)) as usize
    }

    /// The entry for `unit` and inputs whose [`hash`] is `hash`, if one is in the table (its
    /// inputs are still to be compared).
    #[inline(always)]
    pub fn get(&self, unit: u32, hash: u64) -> Option<Fast<'_>> {
        let s = &self.slots[Self::index(unit, hash)];
        let entry = s.entry.as_ref().filter(|_| s.unit == unit && s.hash == hash)?;
        Some(Fast { entry, pays: s.pays, mem: s.mem, end: s.end })
    }

    /// Puts `e` (which is [`eligible`]) in the table for `unit`, unless its chunk
    /// dependencies and stores are of more than one memory.
    pub fn offer(&mut self, unit: u32, e: &Arc<Entry>) {
        let mut mems = e.deps.iter().filter_map(|d| match *d {
            Dep::Chunk { mem, .. } => Some(mem),
            _ => None,
        });
        let stores = e.effects.iter().filter_map(|f| match *f {
            Effect::Store { mem, ea, len, .. } => Some((mem, ea + u64::from(len))),
            _ => None,
        });
        let mut mem = mems.next().unwrap_or(NO_MEMORY);
        if mems.any(|m| m != mem) {
            return;
        }
        let mut end = 0;
        for (m, e) in stores {
            if mem == NO_MEMORY {
                mem = m;
            }
            if m != mem {
                return;
            }
            end = end.max(e);
        }
        let hash = hash(e.inputs.iter().copied());
        self.slots[Self::index(unit, hash)] =
            Slot { unit, pays: hit_pays(e), mem, end, hash, entry: Some(Arc::clone(e)) };
    }

    /// Takes the entry for `unit` and `inputs` out (its dependencies no longer hold).
    pub fn remove(&mut self, unit: u32, inputs: &[u64]) {
        let hash = hash(inputs.iter().copied());
        let s = &mut self.slots[Self::index(unit, hash)];
        if s.unit == unit && s.hash == hash {
            s.entry = None;
        }
    }

    /// Drops the entries that depend on chunk versions (see `MemoState::leave_plain`).
    pub fn drop_chunk_dependents(&mut self) {
        for s in self.slots.iter_mut() {
            if s.entry.as_ref().is_some_and(|e| e.deps.iter().any(|d| matches!(d, Dep::Chunk { .. }))) {
                s.entry = None;
            }
        }
    }

    /// Drops every entry.
    pub fn clear(&mut self) {
        self.slots.iter_mut().for_each(|s| s.entry = None);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(deps: Vec<Dep>, effects: Vec<Effect>) -> Arc<Entry> {
        Arc::new(Entry::of(&[7], deps, effects))
    }

    fn store(mem: u32, ea: u64, len: u8) -> Effect {
        Effect::Store { mem, ea, len, value: 0 }
    }

    fn chunk(mem: u32) -> Dep {
        Dep::Chunk { mem, chunk: 0, version: 1 }
    }

    /// The table notes the one memory an entry touches and where its stores end, and takes
    /// no entry that touches two memories (the chain versions one memory).
    #[test]
    fn offered_entries_touch_one_memory() {
        let mut t = FastHits::default();
        let h = hash([7].into_iter());
        let get = |t: &FastHits| t.get(3, h).map(|f| (f.mem, f.end, f.pays));

        t.offer(3, &entry(vec![Dep::Global { global: 0, value: 1 }], vec![Effect::GlobalSet { global: 1, value: 2 }]));
        assert_eq!(get(&t), Some((NO_MEMORY, 0, true)));
        t.offer(3, &entry(vec![chunk(2)], vec![store(2, 100, 4), store(2, 40, 8)]));
        assert_eq!(get(&t), Some((2, 104, true)));
        t.offer(3, &entry(vec![], vec![store(1, 8, 1)]));
        assert_eq!(get(&t), Some((1, 9, true)));

        t.clear();
        t.offer(3, &entry(vec![chunk(0), chunk(1)], vec![]));
        assert_eq!(get(&t), None);
        t.offer(3, &entry(vec![chunk(0)], vec![store(1, 0, 1)]));
        assert_eq!(get(&t), None);
        t.offer(3, &entry(vec![], vec![store(0, 0, 1), store(1, 0, 1)]));
        assert_eq!(get(&t), None);
    }
}
