#!/usr/bin/env bash
# The test job: formatting, lints (warnings are errors) and every test, including the
# conformance gate (spec-tests/tests/spec.rs: official v1 + v2 suites and corpus/regressions
# against spec-tests/expectations.txt). Needs stable Rust with rustfmt and clippy (cargo
# fetches the crates) and Debian's wabt, which it installs.
set -euo pipefail
cd "$(dirname "$0")/.."

# wabt settles divergences of wasmi alone (oracle/src/tiebreak.rs): the tests of that need
# it, and campaigns use it. Debian's package, installed when missing.
if ! command -v spectest-interp >/dev/null || ! command -v wast2json >/dev/null; then
    sudo=""
    [[ $(id -u) -eq 0 ]] || sudo=sudo
    { $sudo apt-get update -qq && $sudo apt-get install -y -qq wabt; } >/dev/null ||
        { echo "error: cannot install wabt (apt-get install wabt)" >&2; exit 1; }
fi

cargo fmt --all -- --check
cargo clippy --workspace --all-targets --release -- -D warnings
cargo test --workspace --release
bash ci/conformance.sh
