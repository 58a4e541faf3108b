//! Reproducers: every divergence leaves `crash-<sha256>.{wasm,plan.json,config.json,wat,txt}`,
//! and the run configuration (engines, memo and engine limits) that replays it.

use crate::engine::{DiffEngine, EngineConfig};
use crate::lockstep::{Divergence, RunOptions};
use crate::memowasm_engine::{Memo, Plain};
use crate::plan::Plan;
use crate::wasmi_engine::Wasmi;
use memowasm::{MemoConfig, MemoPolicy};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::io;
use std::path::{Path, PathBuf};

/// `MemoConfig`'s fields, serializable. Missing fields read as `MemoConfig::default()`'s;
/// `debug` is the whole config as `Debug` prints it, for people (fields added to `MemoConfig`
/// after this mirror was written show up there).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct MemoConfigRecord {
    /// `seed` or `adaptive`.
    pub policy: String,
    pub threshold: u32,
    pub capacity: usize,
    pub chunk_size: u32,
    pub stack_depth: u32,
    pub verify: bool,
    pub hash_bits: u32,
    pub version_bits: u32,
    pub min_unit_ops: u32,
    pub window: u32,
    pub min_hit_percent: u32,
    /// Informational only: not used by [`MemoConfigRecord::to_config`].
    pub debug: String,
}

impl Default for MemoConfigRecord {
    fn default() -> Self {
        MemoConfigRecord::from(&MemoConfig::default())
    }
}

impl From<&MemoConfig> for MemoConfigRecord {
    fn from(c: &MemoConfig) -> Self {
        MemoConfigRecord {
            policy: match c.policy {
                MemoPolicy::Seed => "seed".into(),
                MemoPolicy::Adaptive => "adaptive".into(),
            },
            threshold: c.threshold,
            capacity: c.capacity,
            chunk_size: c.chunk_size,
            stack_depth: c.stack_depth,
            verify: c.verify,
            hash_bits: c.hash_bits,
            version_bits: c.version_bits,
            min_unit_ops: c.min_unit_ops,
            window: c.window,
            min_hit_percent: c.min_hit_percent,
            debug: format!("{c:?}"),
        }
    }
}

impl MemoConfigRecord {
    pub fn to_config(&self) -> Result<MemoConfig, String> {
        let policy = match self.policy.as_str() {
            "seed" => MemoPolicy::Seed,
            "adaptive" => MemoPolicy::Adaptive,
            other => return Err(format!("unknown memo policy {other:?}")),
        };
        // Fields added to `MemoConfig` after this mirror keep their defaults.
        Ok(MemoConfig {
            policy,
            threshold: self.threshold,
            capacity: self.capacity,
            chunk_size: self.chunk_size,
            stack_depth: self.stack_depth,
            verify: self.verify,
            hash_bits: self.hash_bits,
            version_bits: self.version_bits,
            min_unit_ops: self.min_unit_ops,
            window: self.window,
            min_hit_percent: self.min_hit_percent,
            ..MemoConfig::default()
        })
    }
}

/// One engine of a run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum EngineSpec {
    Plain,
    Memo { name: String, memo: MemoConfigRecord },
    Wasmi,
}

impl EngineSpec {
    /// The engine called `name`: `plain`, `memo` (with `memo`), `memo-aggressive`
    /// ([`MemoConfig::aggressive`]) or `wasmi`.
    pub fn named(name: &str, memo: &MemoConfig) -> Result<EngineSpec, String> {
        Ok(match name {
            "plain" => EngineSpec::Plain,
            "memo" => EngineSpec::Memo { name: name.into(), memo: memo.into() },
            "memo-aggressive" => EngineSpec::Memo { name: name.into(), memo: (&MemoConfig::aggressive()).into() },
            "wasmi" => EngineSpec::Wasmi,
            other => return Err(format!("unknown engine {other:?} (engines: plain, memo, memo-aggressive, wasmi)")),
        })
    }

    pub fn build(&self, config: &EngineConfig) -> Result<Box<dyn DiffEngine>, String> {
        Ok(match self {
            EngineSpec::Plain => Box::new(Plain::new(config.clone())),
            EngineSpec::Memo { name, memo } => Box::new(Memo::new(name.clone(), memo.to_config()?, config.clone())),
            EngineSpec::Wasmi => Box::new(Wasmi::new(config.clone())),
        })
    }
}

/// Everything besides the module and the plan that a run depends on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunConfig {
    pub engine: EngineConfig,
    pub canonical_nans: bool,
    pub engines: Vec<EngineSpec>,
}

impl RunConfig {
    /// The engines named (see [`EngineSpec::named`]), `memo` configured by `memo`.
    pub fn named(names: &[&str], memo: &MemoConfig, engine: EngineConfig) -> Result<RunConfig, String> {
        let engines = names.iter().map(|n| EngineSpec::named(n, memo)).collect::<Result<_, _>>()?;
        Ok(RunConfig { engine, canonical_nans: false, engines })
    }

    pub fn build(&self) -> Result<Vec<Box<dyn DiffEngine>>, String> {
        self.engines.iter().map(|s| s.build(&self.engine)).collect()
    }

    pub fn options(&self) -> RunOptions {
        RunOptions { canonical_nans: self.canonical_nans }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a config always serializes")
    }

    pub fn from_json(text: &str) -> Result<RunConfig, serde_json::Error> {
        serde_json::from_str(text)
    }
}

/// A reproducer read back from disk.
#[derive(Debug, Clone)]
pub struct Reproducer {
    /// The common path without extension: `dir/crash-<sha256>`.
    pub stem: PathBuf,
    pub wasm: Vec<u8>,
    pub plan: Plan,
    /// `None` when the `.config.json` is missing.
    pub config: Option<RunConfig>,
}

/// Hex sha256 of the module: the reproducer's name.
pub fn module_hash(wasm: &[u8]) -> String {
    Sha256::digest(wasm).iter().map(|b| format!("{b:02x}")).collect()
}

const SUFFIXES: [&str; 5] = [".wasm", ".plan.json", ".config.json", ".wat", ".txt"];

fn with_suffix(stem: &Path, suffix: &str) -> PathBuf {
    let mut s = stem.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

/// Writes the reproducer of `divergence` into `dir` (created if needed) and returns the path
/// of its `.wasm`. The `.wasm` and `.plan.json` are written first, so they exist even if
/// something after them fails; then `.config.json`, `.wat` (wasmprinter's text, or its error
/// as a comment) and `.txt` (the divergence report and the command that replays it).
pub fn write_reproducer(
    dir: &Path,
    wasm: &[u8],
    plan: &Plan,
    config: &RunConfig,
    divergence: &Divergence,
) -> io::Result<PathBuf> {
    std::fs::create_dir_all(dir)?;
    let stem = dir.join(format!("crash-{}", module_hash(wasm)));
    let wasm_path = with_suffix(&stem, ".wasm");
    std::fs::write(&wasm_path, wasm)?;
    std::fs::write(with_suffix(&stem, ".plan.json"), plan.to_json())?;
    std::fs::write(with_suffix(&stem, ".config.json"), config.to_json())?;
    let wat = match wasmprinter::print_bytes(wasm) {
        Ok(text) => text,
        Err(e) => format!(";; wasmprinter could not print this module: {e}\n"),
    };
    std::fs::write(with_suffix(&stem, ".wat"), wat)?;
    let names: Vec<&str> = config
        .engines
        .iter()
        .map(|e| match e {
            EngineSpec::Plain => "plain",
            EngineSpec::Memo { name, .. } => name,
            EngineSpec::Wasmi => "wasmi",
        })
        .collect();
    let file = |suffix| with_suffix(&stem, suffix).display().to_string();
    let report = format!(
        "{divergence}\nengines: {}\nreplay: memowasm diff {} --plan {} --config {}\n",
        names.join(", "),
        file(".wasm"),
        file(".plan.json"),
        file(".config.json"),
    );
    std::fs::write(with_suffix(&stem, ".txt"), report)?;
    Ok(wasm_path)
}

/// Reads a reproducer back, given any of its files or their common stem.
pub fn load_reproducer(path: &Path) -> io::Result<Reproducer> {
    let text = path.as_os_str().to_string_lossy();
    let stem = SUFFIXES.iter().find_map(|s| text.strip_suffix(s)).map_or_else(|| path.to_path_buf(), PathBuf::from);
    let wasm = std::fs::read(with_suffix(&stem, ".wasm"))?;
    let plan_text = std::fs::read_to_string(with_suffix(&stem, ".plan.json"))?;
    let plan = Plan::from_json(&plan_text).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?;
    let config = match std::fs::read_to_string(with_suffix(&stem, ".config.json")) {
        Ok(text) => Some(serde_json::from_str(&text).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?),
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(e),
    };
    Ok(Reproducer { stem, wasm, plan, config })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memo_config_round_trips() {
        for c in [MemoConfig::default(), MemoConfig::seed(), MemoConfig::aggressive().hash_bits(3).version_bits(5)] {
            let record = MemoConfigRecord::from(&c);
            let text = serde_json::to_string(&record).unwrap();
            let back: MemoConfigRecord = serde_json::from_str(&text).unwrap();
            assert_eq!(back.to_config().unwrap(), c);
            assert!(record.debug.starts_with("MemoConfig {"));
        }
    }

    #[test]
    fn run_config_names_and_json() {
        let c = RunConfig::named(
            &["plain", "memo", "memo-aggressive", "wasmi"],
            &MemoConfig::default(),
            EngineConfig::default(),
        )
        .unwrap();
        let back: RunConfig = serde_json::from_str(&c.to_json()).unwrap();
        assert_eq!(back, c);
        let names: Vec<String> = back.build().unwrap().iter().map(|e| e.name().to_string()).collect();
        assert_eq!(names, ["plain", "memo", "memo-aggressive", "wasmi"]);
        assert!(RunConfig::named(&["v8"], &MemoConfig::default(), EngineConfig::default()).is_err());
    }
}
