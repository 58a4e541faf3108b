//! The corpus: seeds stored in a form that survives changes of the generators (modules and
//! plans, not raw fuzzer bytes), and their replay through the same library functions.
//!
//! `corpus/<target>/` holds, per seed `NAME`:
//! - lockstep seeds (`differential`, `memo-hazards`): `NAME.wat`, `NAME.plan.json` and
//!   `NAME.config.json` (the reproducer format: `memowasm diff NAME.wat --plan NAME.plan.json
//!   --config NAME.config.json` replays one);
//! - two-instance scenarios (`memo-hazards`): `NAME.wast`, replayed by the spec runner;
//! - `validate`: `NAME.wasm`, a module valid or not, checked as wasmparser checks it (and a
//!   libFuzzer seed as it is).

use super::{linked, run_case, validate, Case, Exec, Finding, Target};
use crate::plan::Plan;
use crate::repro::RunConfig;
use std::io;
use std::path::{Path, PathBuf};

/// One seed.
#[derive(Debug, Clone)]
pub enum Seed {
    Case(Case),
    Script(String),
    Module(Vec<u8>),
}

/// Writes a lockstep case as `NAME.wat`, `NAME.plan.json` and `NAME.config.json`.
pub fn save_case(dir: &Path, name: &str, case: &Case) -> io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let wat = wasmprinter::print_bytes(&case.wasm).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?;
    std::fs::write(dir.join(format!("{name}.wat")), wat)?;
    std::fs::write(dir.join(format!("{name}.plan.json")), case.plan.to_json())?;
    std::fs::write(dir.join(format!("{name}.config.json")), case.config.to_json() + "\n")
}

/// Decodes a fuzzer input of `target` and writes what it runs as a seed `NAME`.
pub fn save_input(target: Target, dir: &Path, name: &str, data: &[u8]) -> io::Result<()> {
    let bad = |e: arbitrary::Error| io::Error::new(io::ErrorKind::InvalidData, e.to_string());
    match target {
        Target::Differential => save_case(dir, name, &super::differential::decode(data).map_err(bad)?),
        Target::MemoHazards => match super::hazards::decode(data).map_err(bad)? {
            super::hazards::Decoded::Module(case) => save_case(dir, name, &case),
            super::hazards::Decoded::Script(text) => {
                std::fs::create_dir_all(dir)?;
                std::fs::write(dir.join(format!("{name}.wast")), text)
            }
        },
        Target::Validate => {
            std::fs::create_dir_all(dir)?;
            std::fs::write(dir.join(format!("{name}.wasm")), validate::decode(data).map_err(bad)?.0)
        }
    }
}

/// Every seed in `dir`, by name, sorted.
pub fn load(dir: &Path) -> io::Result<Vec<(String, Seed)>> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)?.map(|e| e.map(|e| e.path())).collect::<io::Result<_>>()?;
    paths.sort();
    let mut seeds = Vec::new();
    for path in paths {
        let file = path.file_name().map(|f| f.to_string_lossy().into_owned()).unwrap_or_default();
        let invalid = |what: String| io::Error::new(io::ErrorKind::InvalidData, format!("{}: {what}", path.display()));
        if let Some(name) = file.strip_suffix(".wat") {
            let wasm = wat::parse_file(&path).map_err(|e| invalid(e.to_string()))?;
            let plan_text = std::fs::read_to_string(dir.join(format!("{name}.plan.json")))?;
            let plan = Plan::from_json(&plan_text).map_err(|e| invalid(e.to_string()))?;
            let config_text = std::fs::read_to_string(dir.join(format!("{name}.config.json")))?;
            let config = RunConfig::from_json(&config_text).map_err(|e| invalid(e.to_string()))?;
            seeds.push((name.to_string(), Seed::Case(Case { wasm, plan, config })));
        } else if let Some(name) = file.strip_suffix(".wast") {
            seeds.push((name.to_string(), Seed::Script(std::fs::read_to_string(&path)?)));
        } else if let Some(name) = file.strip_suffix(".wasm") {
            seeds.push((name.to_string(), Seed::Module(std::fs::read(&path)?)));
        }
    }
    Ok(seeds)
}

/// Replays a seed: a lockstep case in its engines, a script in the spec runner's four engines,
/// a module through the validator comparison (with and without memo units).
pub fn replay(seed: &Seed) -> Exec {
    match seed {
        Seed::Case(case) => run_case(case.clone()),
        Seed::Script(text) => linked::run_script(text.clone()),
        Seed::Module(bytes) => {
            for memo in [false, true] {
                if let Some(report) = validate::check(bytes, memowasm_spec::supported_features(), memo) {
                    return Exec::Found(Box::new(Finding::Validate { bytes: bytes.clone(), report }));
                }
            }
            Exec::Ran(super::Ran { steps: 1, ..super::Ran::default() })
        }
    }
}
