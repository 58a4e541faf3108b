//! Memo statistics as a text table: the run's totals, then the busiest units.

use memowasm::memo::{Counters, DepKind, MemoStats};
use std::fmt::Write;

const KINDS: [DepKind; 6] =
    [DepKind::Memory, DepKind::MemorySize, DepKind::Global, DepKind::Table, DepKind::DataSegment, DepKind::ElemSegment];

fn pct(part: u64, whole: u64) -> String {
    if whole == 0 {
        "-".into()
    } else {
        format!("{:.1}%", 100.0 * part as f64 / whole as f64)
    }
}

/// Invalidations by dependency kind, e.g. `memory 3, global 1`, or `-`.
fn invalidations(c: &Counters) -> String {
    let parts: Vec<String> =
        KINDS.iter().zip(c.miss_invalidated).filter(|(_, n)| *n > 0).map(|(k, n)| format!("{k} {n}")).collect();
    if parts.is_empty() {
        "-".into()
    } else {
        parts.join(", ")
    }
}

/// The totals and the `top` units with the most executions.
pub fn table(stats: &MemoStats, top: usize) -> String {
    let t = &stats.totals;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "memo: {} unit executions, {} lookups, {} hits ({} of lookups)",
        t.executions,
        t.lookups,
        t.hits,
        pct(t.hits, t.lookups)
    );
    let _ = writeln!(
        out,
        "      {} recorded, {} discarded, {} evicted, {} cached now, {} flushes",
        t.recordings, t.discarded, t.evictions, stats.cached, stats.flushes
    );
    if stats.plain_switches + stats.fast_hits + stats.renders > 0 {
        let _ = writeln!(
            out,
            "      adaptive: {} hits replayed in the threaded chain, {} drops to the plain loop, {} units off now, {} memo layouts rendered",
            stats.fast_hits, stats.plain_switches, stats.units_off, stats.renders
        );
    }
    let _ = writeln!(
        out,
        "      misses: cold {}, absent {} ({} met for the first time, not recorded; {} met before, held back), collision {}, evicted {}, over limit {}, invalidated {} ({})",
        t.miss_cold,
        t.miss_absent,
        t.first_sight,
        t.held_back,
        t.miss_collision,
        t.miss_evicted,
        t.miss_limit,
        t.invalidations(),
        invalidations(t)
    );
    if t.verified + t.divergences > 0 {
        let _ = writeln!(out, "      verify: {} hits re-executed and matched, {} diverged", t.verified, t.divergences);
    }
    let mut units: Vec<_> = stats.units.iter().collect();
    units.sort_by(|a, b| b.counters.executions.cmp(&a.counters.executions).then(a.unit.offset.cmp(&b.unit.offset)));
    let _ = writeln!(
        out,
        "{:<34} {:>10} {:>10} {:>10} {:>7} {:>8} {:>7} {:>8}  invalidated",
        "unit", "execs", "lookups", "hits", "hit%", "recorded", "evicted", "absent"
    );
    for u in units.iter().take(top) {
        let c = &u.counters;
        let name = format!(
            "f{} b{} @{:#x} ip {}..{}",
            u.unit.func_index, u.unit.block, u.unit.offset, u.unit.start_ip, u.unit.end_ip
        );
        let _ = writeln!(
            out,
            "{:<34} {:>10} {:>10} {:>10} {:>7} {:>8} {:>7} {:>8}  {}",
            name,
            c.executions,
            c.lookups,
            c.hits,
            pct(c.hits, c.lookups),
            c.recordings,
            c.evictions,
            c.miss_absent + c.miss_collision + c.miss_evicted,
            invalidations(c)
        );
    }
    if units.len() > top {
        let _ = writeln!(out, "({} more units)", units.len() - top);
    }
    out
}
