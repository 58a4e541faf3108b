//! Memoization: its configuration, the per-store memo state (cache, recordings, versions of
//! store objects), statistics, and the divergence reports of verify mode.
//!
//! A *memo unit* is a function body or the body of a block, loop or if (see
//! `module::MemoBlock`). When a unit is entered often enough, the interpreter looks
//! its inputs up in the cache; on a hit it replays the recorded effects instead of executing
//! the unit, on a miss it records the execution. The execution side lives in `exec/memo.rs`.

mod cache;
pub(crate) mod fast;

pub(crate) use cache::{Cache, Lookup};
pub(crate) use fast::FastHits;

use std::fmt;

/// Which caching mechanism memo mode uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MemoPolicy {
    /// The baseline design: every block is a unit; threshold before caching, FxHash of the
    /// top stack values and the locals (inputs always compared exactly), per-chunk memory
    /// versions, one LRU. Units are never turned off.
    Seed,
    /// The seed mechanism, getting out of the way where it does not pay: units only where
    /// the code is big enough (or calls out); a unit whose lookups rarely hit is switched
    /// off by patching its probes out of the code, and retried after an exponential
    /// back-off; and when nothing hits, execution drops to the plain loop.
    #[default]
    Adaptive,
}

/// Memo mode's knobs. A plain struct with `Default` and builder setters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemoConfig {
    pub policy: MemoPolicy,
    /// A unit is looked up (and recorded) only after it has executed this many times.
    pub threshold: u32,
    /// At most this many cached entries, evicted least recently used first.
    pub capacity: usize,
    /// Memory is versioned per chunk of this many bytes (a power of two).
    pub chunk_size: u32,
    /// How many operand-stack inputs feed the key hash (all inputs are compared exactly).
    pub stack_depth: u32,
    /// On every hit, execute the unit anyway and compare its effects with the cached ones.
    pub verify: bool,
    /// Bits of the key hash kept (64 = all). Fewer bits force collisions; for tests.
    pub hash_bits: u32,
    /// Bits of the version counter (64 = never wraps). On wrap the cache is flushed; for tests.
    pub version_bits: u32,
    /// Time the memo machinery by phase and each unit's executions (costs two clock reads
    /// per phase; for `memowasm profile`).
    pub profile: bool,
    /// Adaptive: blocks with fewer wasm instructions than this (and no call) are no units.
    pub min_unit_ops: u32,
    /// Adaptive: a unit's hit rate is judged over this many lookups ...
    pub window: u32,
    /// ... and below this percentage the unit is switched off for a while.
    pub min_hit_percent: u32,
}

impl Default for MemoConfig {
    /// The adaptive policy.
    fn default() -> Self {
        MemoConfig {
            policy: MemoPolicy::Adaptive,
            threshold: 2,
            capacity: 5000,
            chunk_size: 4096,
            stack_depth: 8,
            verify: false,
            hash_bits: 64,
            version_bits: 64,
            profile: false,
            min_unit_ops: 8,
            window: 16,
            min_hit_percent: 10,
        }
    }
}

impl MemoConfig {
    /// The seed policy: threshold 10, every block a unit, no back-off.
    pub fn seed() -> Self {
        MemoConfig { policy: MemoPolicy::Seed, threshold: 10, min_unit_ops: 0, ..MemoConfig::default() }
    }

    /// The configuration the conformance suite stresses memo mode with: the seed policy
    /// (every block a unit), cache after one execution, a tiny cache, small chunks, verify on.
    pub fn aggressive() -> Self {
        MemoConfig { threshold: 1, capacity: 4, chunk_size: 64, verify: true, ..MemoConfig::seed() }
    }

    pub fn policy(mut self, policy: MemoPolicy) -> Self {
        let defaults = match policy {
            MemoPolicy::Seed => MemoConfig::seed(),
            MemoPolicy::Adaptive => MemoConfig::default(),
        };
        self.policy = policy;
        self.min_unit_ops = defaults.min_unit_ops;
        self
    }

    pub fn profile(mut self, on: bool) -> Self {
        self.profile = on;
        self
    }

    pub fn min_unit_ops(mut self, n: u32) -> Self {
        self.min_unit_ops = n;
        self
    }

    pub fn window(mut self, n: u32) -> Self {
        self.window = n.max(1);
        self
    }

    pub(crate) fn adaptive(&self) -> bool {
        self.policy == MemoPolicy::Adaptive
    }

    pub fn threshold(mut self, n: u32) -> Self {
        self.threshold = n;
        self
    }

    pub fn capacity(mut self, n: usize) -> Self {
        self.capacity = n;
        self
    }

    /// Rounded up to a power of two, at least 8 bytes.
    pub fn chunk_size(mut self, bytes: u32) -> Self {
        self.chunk_size = bytes.max(8).next_power_of_two();
        self
    }

    pub fn stack_depth(mut self, n: u32) -> Self {
        self.stack_depth = n;
        self
    }

    pub fn verify(mut self, on: bool) -> Self {
        self.verify = on;
        self
    }

    pub fn hash_bits(mut self, bits: u32) -> Self {
        self.hash_bits = bits.clamp(1, 64);
        self
    }

    pub fn version_bits(mut self, bits: u32) -> Self {
        self.version_bits = bits.clamp(2, 64);
        self
    }

    pub(crate) fn chunk_shift(&self) -> u32 {
        self.chunk_size.max(8).next_power_of_two().trailing_zeros()
    }
}

/// Why a lookup did not hit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MissCause {
    /// The unit had not executed `threshold` times yet.
    Cold,
    /// No entry for these inputs.
    Absent,
    /// An entry with the same hash but other inputs.
    Collision,
    /// The entry for these inputs had been evicted.
    Evicted,
    /// The entry's dependency of this kind changed.
    Invalidated(DepKind),
    /// The entry would need more fuel or call depth than is left (execution must trap).
    Limit,
}

/// The kinds of state an entry can depend on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DepKind {
    Memory,
    MemorySize,
    Global,
    Table,
    DataSegment,
    ElemSegment,
}

impl fmt::Display for DepKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            DepKind::Memory => "memory",
            DepKind::MemorySize => "memory size",
            DepKind::Global => "global",
            DepKind::Table => "table",
            DepKind::DataSegment => "data segment",
            DepKind::ElemSegment => "element segment",
        })
    }
}

/// Counters of one unit, or of a whole run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counters {
    pub executions: u64,
    pub lookups: u64,
    pub hits: u64,
    pub recordings: u64,
    /// Recordings thrown away: the unit trapped, called the host, or a flush intervened.
    pub discarded: u64,
    pub evictions: u64,
    pub miss_cold: u64,
    pub miss_absent: u64,
    pub miss_collision: u64,
    pub miss_evicted: u64,
    pub miss_limit: u64,
    /// Adaptive: misses among `miss_absent` on inputs the unit had not met before, which
    /// it runs without recording (only inputs met again are worth an entry).
    pub first_sight: u64,
    /// Adaptive: misses among `miss_absent` on inputs met before, which it runs without
    /// recording because its entries keep being lost before they hit ([`LOST_FREE`]).
    pub held_back: u64,
    /// Invalidations, by dependency kind, in [`DepKind`] order.
    pub miss_invalidated: [u64; 6],
    /// Verify mode: hits whose real execution agreed / disagreed with the entry.
    pub verified: u64,
    pub divergences: u64,
    /// Adaptive: times the unit was switched off for hitting too rarely.
    pub switched_off: u64,
    /// Profiling: executions timed from entry to exit (not replayed), and their total
    /// time in ns (nested units and calls included).
    pub timed: u64,
    pub exec_ns: u64,
}

impl Counters {
    pub(crate) fn miss(&mut self, cause: MissCause) {
        match cause {
            MissCause::Cold => self.miss_cold += 1,
            MissCause::Absent => self.miss_absent += 1,
            MissCause::Collision => self.miss_collision += 1,
            MissCause::Evicted => self.miss_evicted += 1,
            MissCause::Limit => self.miss_limit += 1,
            MissCause::Invalidated(k) => self.miss_invalidated[k as usize] += 1,
        }
    }

    pub fn invalidations(&self) -> u64 {
        self.miss_invalidated.iter().sum()
    }

    /// Hits per lookup.
    pub fn hit_rate(&self) -> f64 {
        if self.lookups == 0 {
            0.0
        } else {
            self.hits as f64 / self.lookups as f64
        }
    }

    fn add(&mut self, o: &Counters) {
        self.executions += o.executions;
        self.lookups += o.lookups;
        self.hits += o.hits;
        self.recordings += o.recordings;
        self.discarded += o.discarded;
        self.evictions += o.evictions;
        self.miss_cold += o.miss_cold;
        self.miss_absent += o.miss_absent;
        self.first_sight += o.first_sight;
        self.held_back += o.held_back;
        self.miss_collision += o.miss_collision;
        self.miss_evicted += o.miss_evicted;
        self.miss_limit += o.miss_limit;
        for (a, b) in self.miss_invalidated.iter_mut().zip(&o.miss_invalidated) {
            *a += b;
        }
        self.verified += o.verified;
        self.divergences += o.divergences;
        self.switched_off += o.switched_off;
        self.timed += o.timed;
        self.exec_ns += o.exec_ns;
    }
}

/// Identifies a memo unit in reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitId {
    /// The store function (one per instance and function).
    pub func: crate::Func,
    /// Function index in its module.
    pub func_index: u32,
    /// The unit's number within its function (0 is the body).
    pub block: u32,
    /// Op range `[start_ip, end_ip)` in the function's IR.
    pub start_ip: u32,
    pub end_ip: u32,
    /// Byte offset in the module of the instruction that opens the unit.
    pub offset: u32,
}

impl fmt::Display for UnitId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "func {} block {} (ip {}..{}, offset {:#x})",
            self.func_index, self.block, self.start_ip, self.end_ip, self.offset
        )
    }
}

/// Statistics of one unit.
#[derive(Debug, Clone)]
pub struct UnitStats {
    pub unit: UnitId,
    pub counters: Counters,
}

/// Statistics of a store's memo mode: totals and every unit that executed.
#[derive(Debug, Clone, Default)]
pub struct MemoStats {
    pub totals: Counters,
    pub units: Vec<UnitStats>,
    /// Entries in the cache now.
    pub cached: usize,
    /// Times the version counter wrapped and the cache was flushed.
    pub flushes: u64,
    /// Adaptive: times execution dropped to the plain loop because nothing hit.
    pub plain_switches: u64,
    /// Hits the memo loop's threaded chain replayed in place (counted in `totals.hits`
    /// too; the profile's phases do not time them).
    pub fast_hits: u64,
    /// Adaptive: memo layouts rendered (or copied from a kept one) after units were
    /// switched off or on, and stale ones run instead until that paid (see
    /// [`STALE_STOPS`]).
    pub renders: u64,
    pub stale_renders_skipped: u64,
    /// Units switched off now.
    pub units_off: usize,
    /// Profiling: time spent in the memo machinery, by phase.
    pub profile: Profile,
}

/// Where memo mode's own time goes (with `MemoConfig::profile`), in nanoseconds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Profile {
    /// Reading the unit's input cells and hashing them.
    pub key_ns: u64,
    /// The cache lookup and the exact comparison of inputs.
    pub lookup_ns: u64,
    /// Checking the entry's dependencies against current versions.
    pub validate_ns: u64,
    /// Turning a finished recording into an entry (or comparing it, in verify mode).
    pub record_ns: u64,
    /// LRU upkeep: moving hits to the front, inserting, evicting.
    pub lru_ns: u64,
    /// Applying hits: cells, store effects, leaving units.
    pub replay_ns: u64,
}

impl Profile {
    pub fn total_ns(&self) -> u64 {
        self.key_ns + self.lookup_ns + self.validate_ns + self.record_ns + self.lru_ns + self.replay_ns
    }
}

/// What verify mode found: a hit whose cached effects differ from the real execution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemoDivergence {
    pub unit: UnitId,
    /// The unit's input cells and their values at entry.
    pub inputs: Vec<(u32, u64)>,
    /// The dependency that should have invalidated the entry: the first state the real
    /// execution read that the entry did not record, or recorded differently.
    pub missed: String,
    /// The cached effect next to the real one (first difference).
    pub cached: String,
    pub real: String,
}

impl fmt::Display for MemoDivergence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "stale memo entry for {}: inputs [", self.unit)?;
        for (i, (slot, v)) in self.inputs.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "c{slot}={v:#x}")?;
        }
        write!(f, "]; missed dependency: {}; cached: {}; real: {}", self.missed, self.cached, self.real)
    }
}

/// Something a recorded unit read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Dep {
    /// A memory chunk at a version.
    Chunk {
        mem: u32,
        chunk: u32,
        version: u64,
    },
    /// A memory's size in pages.
    Size {
        mem: u32,
        pages: u32,
    },
    /// A global's value: compared as a value (a stack pointer set and restored between
    /// two executions leaves their entries valid).
    Global {
        global: u32,
        value: u64,
    },
    Table {
        table: u32,
        version: u64,
    },
    /// A data segment's length (0 once dropped).
    Data {
        data: u32,
        len: u32,
    },
    Elem {
        elem: u32,
        len: u32,
    },
}

impl Dep {
    pub(crate) fn kind(&self) -> DepKind {
        match self {
            Dep::Chunk { .. } => DepKind::Memory,
            Dep::Size { .. } => DepKind::MemorySize,
            Dep::Global { .. } => DepKind::Global,
            Dep::Table { .. } => DepKind::Table,
            Dep::Data { .. } => DepKind::DataSegment,
            Dep::Elem { .. } => DepKind::ElemSegment,
        }
    }

    /// Identifies the object (and chunk) regardless of version.
    pub(crate) fn object(&self) -> (u8, u32, u32) {
        match *self {
            Dep::Chunk { mem, chunk, .. } => (0, mem, chunk),
            Dep::Size { mem, .. } => (1, mem, 0),
            Dep::Global { global, .. } => (2, global, 0),
            Dep::Table { table, .. } => (3, table, 0),
            Dep::Data { data, .. } => (4, data, 0),
            Dep::Elem { elem, .. } => (5, elem, 0),
        }
    }
}

impl fmt::Display for Dep {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Dep::Chunk { mem, chunk, version } => write!(f, "memory {mem} chunk {chunk} at version {version}"),
            Dep::Size { mem, pages } => write!(f, "memory {mem} size {pages} pages"),
            Dep::Global { global, value } => write!(f, "global {global} holding {value:#x}"),
            Dep::Table { table, version } => write!(f, "table {table} at version {version}"),
            Dep::Data { data, len } => write!(f, "data segment {data} of length {len}"),
            Dep::Elem { elem, len } => write!(f, "element segment {elem} of length {len}"),
        }
    }
}

/// Something a recorded unit did to store state, replayed in order on a hit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Effect {
    Store { mem: u32, ea: u64, len: u8, value: u64 },
    Fill { mem: u32, d: u64, val: u64, n: u64 },
    Copy { mem: u32, d: u64, s: u64, n: u64 },
    Init { mem: u32, data: u32, d: u64, s: u64, n: u64 },
    Grow { mem: u32, delta: u32 },
    GlobalSet { global: u32, value: u64 },
    TableSet { table: u32, index: u32, value: u64 },
    TableGrow { table: u32, init: u64, n: u32 },
    TableFill { table: u32, i: u64, val: u64, n: u64 },
    TableCopy { dst: u32, src: u32, d: u64, s: u64, n: u64 },
    TableInit { table: u32, elem: u32, d: u64, s: u64, n: u64 },
    DataDrop { data: u32 },
    ElemDrop { elem: u32 },
}

/// One entry of the recording log shared by nested recordings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Event {
    Read(Dep),
    Write(Effect),
}

/// A cached execution of a unit.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    pub inputs: Box<[u64]>,
    pub deps: Box<[Dep]>,
    pub effects: Box<[Effect]>,
    /// Exit values of the locals the unit may write (`MemoBlock::writes`).
    pub writes: Box<[u64]>,
    /// The exit taken (`CompiledFunc::memo_exits`), the values of the cells it carries,
    /// and where execution continues.
    pub exit: u32,
    pub exit_values: Box<[u64]>,
    pub exit_ip: u32,
    pub fuel: u64,
    /// Nested work (wasm calls and unit entries) the execution did.
    pub work: u64,
    /// The ops the recorded execution ran, counted (nested calls and the ops of entries
    /// replayed inside it included): the same inputs and dependencies run the same ops.
    /// Never above the bound the code gives, where it gives one (it made no call): without
    /// a loop, it ran forward from the unit's start to its exit; where every loop's body is
    /// a unit, each entry of a nested unit (each iteration among them) ran at most that
    /// unit's length on top of that.
    pub ops: u64,
    /// Extra call depth and value-stack cells the execution needed beyond its entry.
    pub extra_depth: u32,
    pub extra_cells: u64,
}

#[cfg(test)]
impl Entry {
    /// An entry of the tests: these inputs, dependencies and effects, exit 0, nothing else.
    pub(crate) fn of(inputs: &[u64], deps: Vec<Dep>, effects: Vec<Effect>) -> Entry {
        Entry {
            inputs: inputs.into(),
            deps: deps.into(),
            effects: effects.into(),
            writes: Box::new([]),
            exit: 0,
            exit_values: Box::new([]),
            exit_ip: 0,
            fuel: 0,
            work: 0,
            ops: u64::MAX,
            extra_depth: 0,
            extra_cells: 0,
        }
    }
}

/// A recording in progress.
#[derive(Debug)]
pub(crate) struct Recording {
    pub log_start: usize,
    pub inputs: Box<[u64]>,
    pub hash: u64,
    pub fuel_start: u64,
    pub depth_start: usize,
    pub base: usize,
    pub saved_peak_depth: usize,
    pub saved_peak_cells: usize,
    pub poisoned: bool,
    /// `MemoState::work` and `MemoState::call_count` when it started.
    pub work_start: u64,
    pub calls_start: u64,
    /// `MemoState::entered_ops` when it started.
    pub entered_ops_start: u64,
    /// `MemoState::ops_run` when it started.
    pub ops_start: u64,
    /// The lookup found an entry for these inputs whose dependencies had changed.
    pub invalidated: bool,
    /// Verify mode: the cached entry this execution must reproduce.
    pub verify: Option<std::sync::Arc<Entry>>,
}

/// A unit being executed, innermost last.
#[derive(Debug)]
pub(crate) struct Active {
    /// Index of the unit's statistics (and identity) in `MemoState::units`.
    pub unit: u32,
    /// The call depth of the frame that entered it (a recursive function has one unit
    /// active in several frames).
    pub depth: u32,
    pub rec: Option<Box<Recording>>,
    /// Adaptive: the unit met inputs it had not met before, so it runs without recording
    /// (see [`MemoState::sight`]); its exit still counts as an outcome, with the nested work
    /// done since `work` was this.
    pub first_sight: Option<u64>,
    /// ... or it met inputs whose entry was lost, and holds back their recording
    /// ([`LOST_FREE`]): its outcome counts as an invalidation.
    pub lost: bool,
    /// Profiling: when the unit was entered.
    pub since: Option<std::time::Instant>,
}

/// Adaptive policy state of one unit.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Adapt {
    pub off: bool,
    /// How the unit's code bounds the ops an execution runs: see [`Entry::ops`].
    pub shape: Shape,
    /// The unit is a loop's body: a branch inside it goes back to its start.
    pub header: bool,
    /// Outcomes, hits that paid (see [`hit_pays`]), misses whose entry had been
    /// invalidated, and the most nested work one of them covered, in the current window.
    pub lookups: u32,
    pub hits: u32,
    pub invalidated: u32,
    pub work: u64,
    /// Outcomes in the current window whose inputs had been met before (hits and
    /// recordings; a first sight is neither).
    pub met: u32,
    /// Back on after a pause, and no outcome since met inputs seen before: on trial (see
    /// [`TRIAL_OUTCOMES`]).
    pub trial: bool,
    /// Entries lost before they hit (invalidated, or dropped) since its last hit, and
    /// recordings held back since its last (see [`LOST_FREE`]).
    pub lost: u32,
    pub held: u32,
    /// Windows in a row without a hit.
    pub dry: u32,
    /// When switched off: the lookup clock at which to try again, and the next pause.
    pub retry_at: u64,
    pub backoff: u64,
}

impl Adapt {
    /// Counts an outcome into the window: `hit`, a hit that pays; `met`, one whose inputs
    /// were met before (a hit of any kind, or a recording); `invalidated`, a miss whose entry
    /// had been invalidated; `work`, the nested work it covered.
    #[inline(always)]
    pub(crate) fn count(&mut self, hit: bool, met: bool, invalidated: bool, work: u64) {
        self.lookups += 1;
        self.hits += u32::from(hit);
        self.invalidated += u32::from(invalidated);
        self.work = self.work.max(work);
        self.met += u32::from(met);
        self.trial &= self.met == 0;
    }

    /// A window in which half the outcomes found their entry invalidated is stale whatever
    /// its other outcomes: it ends as soon as that is certain (each such outcome was a
    /// recording), or when entries were invalidated `INVALIDATED_STRIKES` times before
    /// anything hit.
    #[inline(always)]
    fn certainly_stale(&self, window: u32) -> bool {
        self.invalidated * 100 >= INVALIDATED_PERCENT * window
            || (self.hits == 0 && self.invalidated >= INVALIDATED_STRIKES)
    }

    #[inline(always)]
    fn failed_trial(&self) -> bool {
        self.trial && self.lookups >= TRIAL_OUTCOMES
    }

    /// Whether the window of `window` outcomes ends with the last one counted: it is full,
    /// certainly stale, or a trial failed.
    #[inline(always)]
    pub(crate) fn window_ends(&self, window: u32) -> bool {
        self.lookups >= window || self.certainly_stale(window) || self.failed_trial()
    }

    /// At the end of a window: whether it switches the unit off. It does when the window is
    /// stale or a trial failed, and when the unit rarely hit (below `min_percent` of its
    /// outcomes) and either covered little work (`CHEAP_WORK`) or has not hit for
    /// `DRY_WINDOWS` windows, this one included.
    #[inline(always)]
    pub(crate) fn ends_off(&self, window: u32, min_percent: u32) -> bool {
        let stale = self.certainly_stale(window) || self.invalidated * 100 >= INVALIDATED_PERCENT * self.lookups;
        let rarely = self.hits * 100 < min_percent * self.lookups;
        let cheap = self.work < CHEAP_WORK;
        let dry = self.hits == 0 && self.dry + 1 >= DRY_WINDOWS;
        stale || self.failed_trial() || rarely && (cheap || dry)
    }

    /// Starts the next window.
    #[inline(always)]
    pub(crate) fn next_window(&mut self) {
        self.dry = if self.hits == 0 { self.dry + 1 } else { 0 };
        self.lookups = 0;
        self.hits = 0;
        self.invalidated = 0;
        self.work = 0;
        self.met = 0;
        self.trial = false;
    }
}

impl Default for Adapt {
    fn default() -> Self {
        Adapt {
            off: false,
            shape: Shape::Unbounded,
            header: false,
            lookups: 0,
            hits: 0,
            invalidated: 0,
            work: 0,
            met: 0,
            trial: false,
            lost: 0,
            held: 0,
            dry: 0,
            retry_at: 0,
            backoff: 1024,
        }
    }
}

/// The adaptive policy keeps a unit that rarely hits if one of its executions in the window
/// contained at least this much nested work (wasm calls and unit entries): a miss there
/// costs little next to the execution, and one hit saves a lot. (The largest, not the
/// average: a recursive unit's first outcomes are its leaves.)
pub(crate) const CHEAP_WORK: u64 = 16;

/// ... unless it has not hit at all for this many windows in a row: then its probes and
/// recordings are pure cost, however much they cover (a recursive sort that never sees the
/// same array twice). Long enough for a first pass over a few dozen distinct arguments
/// (collatz: 64), met first (not recorded, see [`SIGHT_BITS`]), then met again and
/// recorded, before they hit.
pub(crate) const DRY_WINDOWS: u32 = 12;

/// A unit whose entries were lost before they hit this many times since its last hit, in
/// windows without hits (invalidated, or dropped on the way to the plain loop because they
/// read memory, whose writes there are not versioned), records only every `2^k`-th time
/// inputs it met before come back, `k` the losses past these; the others run as first
/// sights do. A recording runs in the `match` loop at several times the unit's cost, and
/// sha256's block function, whose input block is rewritten between calls, lost every
/// entry it recorded.
pub(crate) const LOST_FREE: u32 = 2;

/// A unit back on after a pause is on trial: once this many of its outcomes came without
/// one that met inputs seen before (so none hit or recorded), it is switched off again at
/// once, with the next, longer pause, rather than after a whole window (or `DRY_WINDOWS`
/// of them). Each of those outcomes stops the chain and costs the unit's probes; a unit
/// that meets only new inputs (a sort's recursion over ever new ranges) would pay them for
/// a window at every return of the memo loop.
pub(crate) const TRIAL_OUTCOMES: u32 = 4;

/// The cost model of a hit, in ops of the memo loop (deterministic: no clocks, so that runs
/// reproduce). A hit costs a fixed `HIT_OPS` (key hash, table probe, outcome bookkeeping,
/// the jump), plus an op per dependency checked and per effect replayed, and one per
/// `HIT_CELLS_PER_OP` cells compared or written. Measured with callgrind on smith-2041
/// (`memowasm run bench/wasm/smith-2041.wasm --invoke run 7 --repeat 2000 --memo`): a hit of
/// a 12-op block with 2 inputs and 2 dependencies cost about as many instructions as 40
/// ops of the `match` loop. Ops of the threaded memo loop cost a half to a third of those,
/// and the probe stops the chain: at 32, smith-3521's block `f0 b30` (99.99% hits) counted
/// its hits as paying, and `run 7 --repeat 5000 --memo` ran 42,227,928 instructions; at 128
/// it is switched off and runs 32,856,758 (plain 23,036,973).
pub(crate) const HIT_OPS: u64 = 128;
pub(crate) const HIT_CELLS_PER_OP: u64 = 4;

/// What a hit of `e` costs, in ops.
pub(crate) fn hit_cost(e: &Entry) -> u64 {
    let cells = (e.inputs.len() + e.writes.len() + e.exit_values.len()) as u64;
    HIT_OPS + cells / HIT_CELLS_PER_OP + e.deps.len() as u64 + e.effects.len() as u64
}

/// Whether a hit of `e` saves more than it costs: always where the execution's length is
/// not bounded by the code (loops, calls), else when it ran more ops than the hit costs.
pub(crate) fn hit_pays(e: &Entry) -> bool {
    e.ops > hit_cost(e)
}

/// A window in which at least this share (in percent) of the outcomes were misses that
/// found their entry invalidated switches a unit off at once: the same inputs came back,
/// but what they depend on changes between their executions, so that at least every other
/// outcome pays for a recording.
pub(crate) const INVALIDATED_PERCENT: u32 = 50;

/// ... and so does a window in which entries were invalidated this many times before any
/// outcome hit: each of those outcomes paid for a recording (in the `match` loop, several
/// times the cost of running the unit), and the unit has not shown that any will pay back.
pub(crate) const INVALIDATED_STRIKES: u32 = 2;

/// Recordings are abandoned once they have run this much nested work (wasm calls and unit
/// entries) without finishing: an entry that big is unlikely to be reused, and an open
/// recording keeps execution out of the plain loop.
pub(crate) const RECORD_WORK_CAP: u64 = 1 << 20;

/// The adaptive policy checks every this many wasm calls whether anything hit ...
pub(crate) const PROBE_CALLS: u64 = 4096;

/// ... but back from the plain loop, after a fraction of the calls it spent there (at least
/// `MIN_PROBE_CALLS`): when nothing hits, the memo loop's share of the calls stays small.
pub(crate) const PROBE_SHARE: u64 = 64;
pub(crate) const MIN_PROBE_CALLS: u64 = 64;

/// In the plain loop, about every this many calls the callee's arguments are sampled: if
/// the unit that starts at its first op is on and met them before, execution goes back to
/// memoizing at once rather than at the end of its span (collatz: the arguments start to
/// repeat while a span that grew over a stretch of new ones runs). The gaps are drawn at
/// random (from a fixed seed, so runs repeat) between 1 and twice this, so that samples
/// do not fall in step with a cycle of calls and miss its repeats.
pub(crate) const SAMPLE_CALLS: u64 = 64;

/// ... and each sample of a callee without a unit at its first op, or with that unit off,
/// doubles the gap, up to this: a sample stops the threaded chain (some hundreds of
/// instructions), which at every 64th call of a call-heavy program whose units are off (a
/// hash table's probes) is about 1% of its run. (A sample of a unit that is on but meets
/// new arguments does not: they may come back, as collatz's do.) Each stay in the plain
/// loop starts at `SAMPLE_CALLS`.
pub(crate) const MAX_SAMPLE_CALLS: u64 = 1024;

/// The longest stay in the plain loop, in calls, before memoizing is tried again.
pub(crate) const MAX_PLAIN_SPAN: u64 = 1 << 20;

/// The adaptive policy records a unit's execution only for inputs it has met before: a
/// table of this many (log2) fingerprints of (unit, inputs) remembers the inputs met once.
/// Each fingerprint has a set of `SIGHT_WAYS` places (so that two inputs met in turn do
/// not keep pushing each other out); one pushed out only delays a recording.
pub(crate) const SIGHT_BITS: u32 = 13;
pub(crate) const SIGHT_WAYS: usize = 4;

/// What [`MemoState::sight`] remembers of a unit's inputs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Sight {
    /// Not met before: not worth recording yet.
    First,
    /// Met once before: worth recording.
    Again,
    /// Met at least twice before, so recorded before: if they miss now, the entry for them
    /// was lost (invalidated, evicted, or dropped when execution left the memo loop).
    Often,
}

/// Recordings stop (are poisoned) once their shared log holds this many events.
pub(crate) const LOG_CAP: usize = 1 << 16;

/// The plain loop's layout of a memo function: its translation with the probes taken out
/// (and a conditional branch over an exit's jump folded into one branch), so that the
/// plain loop runs as many ops as the plain translation. Indices differ from the memo
/// layout's, so frames are moved between the two at each switch.
#[derive(Debug)]
pub(crate) struct PlainLayout {
    pub code: Box<[crate::ir::Op]>,
    /// For every memo ip (and the end): the plain ip that does the same from there on.
    pub to_plain: Box<[u32]>,
    /// For every plain ip: the memo ip of the same op.
    pub to_memo: Box<[u32]>,
    /// `code` as the plain loop runs it, padded to the memo layout's length: the records
    /// that rendering the plain layout copies into the patchable code (built on first use).
    pub records: Box<[crate::exec::Threaded]>,
}

/// A function whose units were switched off keeps running its memo layout with their
/// probes, which stop the chain and are then passed over (a switched-off unit's
/// `MemoEnter` only counts its work), until the stops there reach this share of its ops
/// (one stop per `STALE_OPS_PER_STOP` ops), at least `STALE_STOPS`: then it is rendered.
/// A rendering costs a few hundred instructions per op, a stop about as many as two ops
/// of that, so this pays at most about twice what rendering at once would, and often
/// nothing: the memo loop's stays end in the plain loop, whose layout replaces it, and
/// several units that switch off one after another need one rendering.
pub(crate) const STALE_STOPS: u32 = 8;
pub(crate) const STALE_OPS_PER_STOP: u32 = 2;

/// The memo layouts kept per function, most recently rendered first: units switch off
/// and come back in a few patterns, and copying one is several times cheaper than
/// rendering it.
pub(crate) const KEPT_LAYOUTS: usize = 8;

/// A memo layout as rendered: for each unit, whether it was off and whether it counted
/// iterations, and the records.
#[derive(Debug)]
pub(crate) struct MemoLayout {
    pub states: Box<[(bool, bool)]>,
    pub records: Box<[crate::exec::Threaded]>,
}

/// The memo state of one store.
#[derive(Debug)]
pub(crate) struct MemoState {
    pub config: MemoConfig,
    pub chunk_shift: u32,
    pub cache: Cache,
    pub units: Vec<(UnitId, Counters)>,
    pub adapt: Vec<Adapt>,
    pub active: Vec<Active>,
    /// Recordings in progress that have not been poisoned.
    pub recording: u32,
    pub log: Vec<Event>,
    /// Deepest frame count and highest value-stack cell reached since the innermost
    /// recording started.
    pub peak_depth: usize,
    pub peak_cells: usize,
    epoch: u64,
    epoch_mask: u64,
    pub flushes: u64,
    pub divergences: Vec<MemoDivergence>,
    /// Whether the engine charges fuel (entries then record what they consumed).
    pub consume_fuel: bool,
    /// Whether patchable code takes operands from the accumulator (`Config::accumulator`).
    pub accumulator: bool,
    /// Entries the memo loop's chain replays in place, and whether it may: the adaptive
    /// policy, no verify mode, no fuel (the seed policy keeps its LRU on every hit).
    pub fast: FastHits,
    pub fast_ok: bool,
    pub fast_hits: u64,
    /// Adaptive: lookups so far (the clock of back-offs), hits since the last unit was
    /// switched off, and the earliest clock at which a unit may be switched back on.
    pub clock: u64,
    pub recent_hits: u64,
    pub next_retry: u64,
    /// Adaptive: running the plain loop (probes ignored, writes unversioned) for the
    /// next `plain_span` calls; `plain_calls` counts them.
    pub plain: bool,
    pub plain_calls: u64,
    pub plain_span: u64,
    pub plain_switches: u64,
    /// The plain-loop call (counted by `plain_calls`) to sample next, and the state of the
    /// generator that draws the gaps.
    pub next_sample: u64,
    /// The mean gap between samples now (see [`MAX_SAMPLE_CALLS`]).
    pub sample_gap: u64,
    sample_rng: u64,
    /// The patchable code holds the plain layouts, for the plain loop.
    pub rendered_off: bool,
    /// Plain layouts by store function, built on first use.
    pub layouts: Vec<Option<Box<PlainLayout>>>,
    /// The last memo layouts rendered per store function (up to [`KEPT_LAYOUTS`]), with the
    /// unit states each was rendered from: rendering from the same states again copies it.
    pub memo_layouts: Vec<Vec<MemoLayout>>,
    /// Memo layouts rendered or copied, and stale ones never rendered (see [`MemoStats`]).
    pub renders: u64,
    pub stale_skipped: u64,
    /// Functions whose memo layout is stale, since units of theirs were switched off, with
    /// the stops at their stale probes since (see [`STALE_STOPS`]).
    pub stale: Vec<(u32, u32)>,
    pub profile: Profile,
    /// Adaptive: wasm calls since the last probe, and hits since it; the calls between
    /// probes.
    pub calls: u64,
    pub probe_calls: u64,
    pub probe_hits: u64,
    /// Adaptive: recordings finished since the last probe (inputs met again: hits may follow).
    pub probe_recorded: u64,
    /// Wasm calls and unit entries so far: recordings measure their nested work with it.
    pub work: u64,
    /// Wasm calls so far in the memo loop.
    pub call_count: u64,
    /// The lengths (in ops) of the units entered so far, switched-off loop bodies that
    /// count iterations included: each entry runs at most that many of its own ops.
    pub entered_ops: u64,
    /// Ops the memo loop's `match` ran so far (every op of a recording runs there), plus
    /// those of the entries replayed while recording: recordings measure their ops with it.
    pub ops_run: u64,
    /// Scratch set of the objects a finishing recording read (kept for its capacity).
    pub seen: rustc_hash::FxHashSet<(u8, u32, u32)>,
    /// `work` when the oldest recording in progress started.
    pub record_since: u64,
    /// The memory chunks of the last few reads logged since the innermost recording
    /// started, newest first (`exec::memo`'s `memo_read_mem` skips repeated reads of them).
    pub last_reads: [Option<(u32, u32)>; 4],
    /// Adaptive: fingerprints of the (unit, inputs) met so far (see [`MemoState::sight`]).
    sighted: Box<[u64]>,
}

impl MemoState {
    pub fn new(config: MemoConfig, consume_fuel: bool, accumulator: bool) -> Self {
        let epoch_mask = if config.version_bits >= 64 { u64::MAX } else { (1u64 << config.version_bits) - 1 };
        let fast_ok = config.adaptive() && !config.verify && !consume_fuel;
        MemoState {
            chunk_shift: config.chunk_shift(),
            cache: Cache::new(config.capacity, config.hash_bits),
            config,
            units: Vec::new(),
            active: Vec::new(),
            recording: 0,
            log: Vec::new(),
            peak_depth: 0,
            peak_cells: 0,
            epoch: 0,
            epoch_mask,
            flushes: 0,
            divergences: Vec::new(),
            fast_ok,
            fast_hits: 0,
            fast: FastHits::default(),
            consume_fuel,
            accumulator,
            adapt: Vec::new(),
            clock: 0,
            recent_hits: 0,
            next_retry: u64::MAX,
            plain: false,
            plain_calls: 0,
            plain_span: 1,
            plain_switches: 0,
            next_sample: SAMPLE_CALLS,
            sample_gap: SAMPLE_CALLS,
            sample_rng: 0x9e37_79b9_7f4a_7c15,
            rendered_off: false,
            layouts: Vec::new(),
            memo_layouts: Vec::new(),
            stale: Vec::new(),
            renders: 0,
            stale_skipped: 0,
            profile: Profile::default(),
            calls: 0,
            probe_calls: PROBE_CALLS,
            probe_hits: 0,
            probe_recorded: 0,
            work: 0,
            call_count: 0,
            entered_ops: 0,
            ops_run: 0,
            seen: Default::default(),
            record_since: 0,
            last_reads: Default::default(),
            sighted: vec![0; 1 << SIGHT_BITS].into_boxed_slice(),
        }
    }

    /// A fresh version number. Versions never repeat (a 64-bit counter); where a narrower
    /// counter is configured, each time it would wrap the cache is flushed, which is what a
    /// wrapping counter must do to stay sound.
    pub fn next_version(&mut self) -> u64 {
        self.epoch += 1;
        if self.epoch & self.epoch_mask == 0 {
            self.flush();
        }
        self.epoch
    }

    /// Forgets every entry and poisons running recordings.
    pub fn flush(&mut self) {
        self.cache.clear();
        self.fast.clear();
        self.flushes += 1;
        self.poison_all();
    }

    /// Stops every recording in progress: none of them can be cached.
    pub fn poison_all(&mut self) {
        for a in &mut self.active {
            if let Some(r) = &mut a.rec {
                if !r.poisoned {
                    r.poisoned = true;
                    self.recording -= 1;
                }
            }
        }
        if self.recording == 0 {
            self.log.clear();
        }
    }

    /// Appends to the recording log, poisoning everything if it grows past `LOG_CAP`.
    /// How often `unit` met inputs hashing to `hash` before, as far as the fingerprint table
    /// remembers (see [`Sight`]); counts this time.
    pub fn sight(&mut self, unit: u32, hash: u64) -> Sight {
        self.sight_as(unit, hash, true)
    }

    /// Whether `unit` met inputs hashing to `hash` before; a sample in the plain loop. New
    /// inputs are remembered as met once; others keep their count (the unit itself has not
    /// met them again).
    pub fn sample(&mut self, unit: u32, hash: u64) -> bool {
        self.sight_as(unit, hash, false) != Sight::First
    }

    fn sight_as(&mut self, unit: u32, hash: u64, count: bool) -> Sight {
        // The low two bits of a slot hold the count (1 or 2); 0 is an empty slot.
        let fingerprint = (hash ^ u64::from(unit).wrapping_add(1).wrapping_mul(0x9e37_79b9_7f4a_7c15)) & !3;
        let set = (fingerprint.wrapping_mul(0x2545_f491_4f6c_dd1d) >> (64 - SIGHT_BITS)) as usize & !(SIGHT_WAYS - 1);
        let ways = &mut self.sighted[set..set + SIGHT_WAYS];
        if let Some(slot) = ways.iter_mut().find(|s| **s != 0 && **s & !3 == fingerprint) {
            let before = *slot & 3;
            if count {
                *slot = fingerprint | 2;
            }
            return if before == 1 { Sight::Again } else { Sight::Often };
        }
        // Newest first: the oldest falls out.
        ways.rotate_right(1);
        ways[0] = fingerprint | 1;
        Sight::First
    }

    /// Draws the plain-loop call at which to sample next (see [`SAMPLE_CALLS`]).
    pub fn schedule_sample(&mut self) {
        // xorshift64
        let mut x = self.sample_rng;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.sample_rng = x;
        self.next_sample = self.plain_calls + 1 + x % (2 * self.sample_gap);
    }

    pub fn log(&mut self, ev: Event) {
        if self.recording > 0 {
            if self.log.len() >= LOG_CAP {
                self.poison_all();
            } else {
                self.log.push(ev);
            }
        }
    }

    /// Drops to the plain loop: recordings are discarded, probes ignored until
    /// [`MemoState::leave_plain`].
    pub fn enter_plain(&mut self) {
        self.abort();
        self.plain = true;
        self.plain_calls = 0;
        self.plain_switches += 1;
        self.sample_gap = SAMPLE_CALLS;
        self.schedule_sample();
        self.calls = 0;
        self.probe_hits = 0;
        self.probe_recorded = 0;
    }

    /// Back from the plain loop. Writes there bumped no versions, so entries that depend
    /// on versioned state are dropped; entries that depend on nothing (or on sizes and
    /// segment lengths, which are compared as values) stay.
    pub fn leave_plain(&mut self) {
        self.plain = false;
        self.probe_calls = (self.plain_span / PROBE_SHARE).clamp(MIN_PROBE_CALLS, PROBE_CALLS);
        self.plain_span = (self.plain_span * 2).min(MAX_PLAIN_SPAN);
        self.cache.retain(|e| e.deps.iter().all(|d| !matches!(d, Dep::Chunk { .. } | Dep::Table { .. })));
        self.fast.drop_chunk_dependents();
    }

    /// Registers the units of a new store function; returns the index of its first unit.
    pub fn register(&mut self, func: crate::Func, code: &crate::module::CompiledFunc) -> u32 {
        let base = self.units.len() as u32;
        self.adapt.extend(code.memo_blocks.iter().map(|b| Adapt {
            shape: shape(code, b),
            header: is_header(code, b),
            ..Adapt::default()
        }));
        for (i, b) in code.memo_blocks.iter().enumerate() {
            let unit = UnitId {
                func,
                func_index: code.index,
                block: i as u32,
                start_ip: b.start,
                end_ip: b.end,
                offset: b.offset,
            };
            self.units.push((unit, Counters::default()));
        }
        base
    }

    /// Drops all execution state after a trap: recordings are discarded.
    pub fn abort(&mut self) {
        for a in self.active.drain(..) {
            if a.rec.is_some() {
                self.units[a.unit as usize].1.discarded += 1;
            }
        }
        self.recording = 0;
        self.log.clear();
    }

    /// Starts timing a phase, if profiling.
    pub fn tick(&self) -> Option<std::time::Instant> {
        self.config.profile.then(std::time::Instant::now)
    }

    pub fn stats(&self) -> MemoStats {
        let mut totals = Counters::default();
        let mut units = Vec::new();
        for (id, c) in &self.units {
            totals.add(c);
            if c.executions > 0 {
                units.push(UnitStats { unit: id.clone(), counters: *c });
            }
        }
        MemoStats {
            totals,
            units,
            cached: self.cache.len(),
            flushes: self.flushes,
            plain_switches: self.plain_switches,
            fast_hits: self.fast_hits,
            renders: self.renders,
            stale_renders_skipped: self.stale_skipped,
            units_off: self.adapt.iter().filter(|a| a.off).count(),
            profile: self.profile,
        }
    }
}

/// How a unit's code bounds the ops of an execution that makes no call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    /// No branch back to an op inside it: each op runs at most once.
    LoopFree,
    /// Every branch back inside it goes to a unit's `MemoEnter` (a loop whose body is a
    /// unit), which counts each iteration as nested work, also while that unit is off (see
    /// `exec::memo::render`).
    Counted,
    /// A loop whose iterations go uncounted.
    Unbounded,
}

fn is_header(code: &crate::module::CompiledFunc, b: &crate::module::MemoBlock) -> bool {
    let end = (b.end as usize).min(code.code.len());
    code.code[b.start as usize + 1..end].iter().any(|&op| {
        let mut op = op;
        op.branch_target_mut().is_some_and(|t| *t == b.start)
    })
}

fn shape(code: &crate::module::CompiledFunc, b: &crate::module::MemoBlock) -> Shape {
    let (start, end) = (b.start as usize, (b.end as usize).min(code.code.len()));
    let mut shape = Shape::LoopFree;
    for i in start..end {
        let mut op = code.code[i];
        let Some(&mut t) = op.branch_target_mut() else { continue };
        let t = t as usize;
        if t <= i && t >= start {
            if !matches!(code.code[t], crate::ir::Op::MemoEnter { .. }) {
                return Shape::Unbounded;
            }
            shape = Shape::Counted;
        }
    }
    shape
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_counter_wrap_flushes_and_never_reuses() {
        let mut m = MemoState::new(MemoConfig::default().version_bits(2), false, true);
        let versions: Vec<u64> = (0..8).map(|_| m.next_version()).collect();
        assert_eq!(versions, [1, 2, 3, 4, 5, 6, 7, 8]);
        assert_eq!(m.flushes, 2);
    }

    #[test]
    fn chunk_size_is_a_power_of_two() {
        assert_eq!(MemoConfig::default().chunk_size(100).chunk_size, 128);
        assert_eq!(MemoConfig::default().chunk_size(64).chunk_shift(), 6);
    }
}
