//! The seed policy's cache: one hash map from (function, unit, input hash) to entries,
//! with least-recently-used eviction through an intrusive list over a slab.

use super::Entry;
use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::Arc;

/// `(store function, unit, input hash)`.
pub(crate) type Key = (u32, u32, u64);

const NIL: u32 = u32::MAX;

#[derive(Debug)]
struct Slot {
    key: Key,
    /// Shared, so that a hit takes the entry out of the cache without copying it.
    entry: Arc<Entry>,
    prev: u32,
    next: u32,
}

/// What a lookup found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lookup {
    Found(u32),
    Absent { evicted: bool },
}

#[derive(Debug)]
pub(crate) struct Cache {
    capacity: usize,
    hash_mask: u64,
    map: FxHashMap<Key, u32>,
    slots: Vec<Slot>,
    free: Vec<u32>,
    /// Most recently used first.
    head: u32,
    tail: u32,
    /// Keys evicted lately, to tell "evicted" misses from "absent" ones (bounded).
    evicted: FxHashSet<Key>,
}

impl Cache {
    pub fn new(capacity: usize, hash_bits: u32) -> Self {
        Cache {
            capacity: capacity.max(1),
            hash_mask: if hash_bits >= 64 { u64::MAX } else { (1u64 << hash_bits) - 1 },
            map: FxHashMap::default(),
            slots: Vec::new(),
            free: Vec::new(),
            head: NIL,
            tail: NIL,
            evicted: FxHashSet::default(),
        }
    }

    /// Applies the configured hash width to a full hash.
    pub fn key_hash(&self, h: u64) -> u64 {
        h & self.hash_mask
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn lookup(&self, key: Key) -> Lookup {
        match self.map.get(&key) {
            Some(&s) => Lookup::Found(s),
            None => Lookup::Absent { evicted: self.evicted.contains(&key) },
        }
    }

    pub fn entry(&self, slot: u32) -> &Arc<Entry> {
        &self.slots[slot as usize].entry
    }

    fn unlink(&mut self, s: u32) {
        let (prev, next) = (self.slots[s as usize].prev, self.slots[s as usize].next);
        if prev == NIL {
            self.head = next;
        } else {
            self.slots[prev as usize].next = next;
        }
        if next == NIL {
            self.tail = prev;
        } else {
            self.slots[next as usize].prev = prev;
        }
    }

    fn push_front(&mut self, s: u32) {
        self.slots[s as usize].prev = NIL;
        self.slots[s as usize].next = self.head;
        if self.head != NIL {
            self.slots[self.head as usize].prev = s;
        }
        self.head = s;
        if self.tail == NIL {
            self.tail = s;
        }
    }

    /// Marks the entry most recently used.
    pub fn touch(&mut self, s: u32) {
        if self.head != s {
            self.unlink(s);
            self.push_front(s);
        }
    }

    pub fn remove(&mut self, key: Key) {
        if let Some(s) = self.map.remove(&key) {
            self.unlink(s);
            self.free.push(s);
        }
    }

    /// Inserts or replaces; returns the key evicted to make room, if any.
    pub fn insert(&mut self, key: Key, entry: Entry) -> Option<Key> {
        let entry = Arc::new(entry);
        if let Some(&s) = self.map.get(&key) {
            self.slots[s as usize].entry = entry;
            self.touch(s);
            return None;
        }
        let mut evicted = None;
        if self.map.len() >= self.capacity {
            let victim = self.tail;
            let vkey = self.slots[victim as usize].key;
            self.remove(vkey);
            if self.evicted.len() >= 4 * self.capacity.max(1024) {
                self.evicted.clear();
            }
            self.evicted.insert(vkey);
            evicted = Some(vkey);
        }
        self.evicted.remove(&key);
        let slot = Slot { key, entry, prev: NIL, next: NIL };
        let s = match self.free.pop() {
            Some(s) => {
                self.slots[s as usize] = slot;
                s
            }
            None => {
                self.slots.push(slot);
                self.slots.len() as u32 - 1
            }
        };
        self.map.insert(key, s);
        self.push_front(s);
        evicted
    }

    /// Keeps only the entries for which `keep` holds.
    pub fn retain(&mut self, mut keep: impl FnMut(&Entry) -> bool) {
        let doomed: Vec<Key> =
            self.map.iter().filter(|(_, &s)| !keep(&self.slots[s as usize].entry)).map(|(k, _)| *k).collect();
        for k in doomed {
            self.remove(k);
        }
    }

    pub fn clear(&mut self) {
        self.map.clear();
        self.slots.clear();
        self.free.clear();
        self.evicted.clear();
        self.head = NIL;
        self.tail = NIL;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(tag: u64) -> Entry {
        Entry::of(&[tag], vec![], vec![])
    }

    #[test]
    fn least_recently_used_is_evicted() {
        let mut c = Cache::new(2, 64);
        assert_eq!(c.insert((0, 0, 1), entry(1)), None);
        assert_eq!(c.insert((0, 0, 2), entry(2)), None);
        let Lookup::Found(s) = c.lookup((0, 0, 1)) else { panic!("entry 1 is cached") };
        c.touch(s);
        assert_eq!(c.insert((0, 0, 3), entry(3)), Some((0, 0, 2)));
        assert_eq!(c.lookup((0, 0, 2)), Lookup::Absent { evicted: true });
        assert!(matches!(c.lookup((0, 0, 1)), Lookup::Found(_)));
        assert_eq!(c.len(), 2);
        c.remove((0, 0, 1));
        assert_eq!(c.lookup((0, 0, 1)), Lookup::Absent { evicted: false });
        assert_eq!(c.insert((0, 0, 4), entry(4)), None);
        assert_eq!(c.len(), 2);
    }

    #[test]
    fn weakened_hash_keeps_few_bits() {
        let c = Cache::new(2, 1);
        assert_eq!(c.key_hash(0xffff), 1);
    }
}
