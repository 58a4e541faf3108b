#!/usr/bin/env bash
# The main job: the conformance gate (ci/conformance.sh: official v1 + v2 suites and
# corpus/regressions in plain, memo, memo-aggressive and wasmi), then a bounded `memowasm fuzz`
# campaign of each generator (differential, memo-hazards, validate), then a summary. Exits
# non-zero when the gate fails or any campaign finds anything but a divergence of wasmi alone
# that wabt settles for memowasm (reported as "wasmi only"); reproducers are written to
# target/fuzz/findings/<target>/. Needs stable Rust (cargo fetches the crates) and Debian's
# wabt, which it installs.
#
# FUZZ_SECONDS (default 30) per campaign, FUZZ_JOBS (default 2) threads, FUZZ_SEED (default 1:
# the same inputs every run, so a failure here replays; set it to explore new ones).
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${FUZZ_SECONDS:-30}
jobs=${FUZZ_JOBS:-2}
seed=${FUZZ_SEED:-1}
out=target/fuzz
bin=target/release/memowasm
start=$SECONDS
status=0

# wabt settles divergences of wasmi alone (oracle/src/tiebreak.rs): the tests of that need
# it, and campaigns use it. Debian's package, installed when missing.
if ! command -v spectest-interp >/dev/null || ! command -v wast2json >/dev/null; then
    sudo=""
    [[ $(id -u) -eq 0 ]] || sudo=sudo
    { $sudo apt-get update -qq && $sudo apt-get install -y -qq wabt; } >/dev/null ||
        { echo "error: cannot install wabt (apt-get install wabt)" >&2; exit 1; }
fi

gate=ok
bash ci/conformance.sh || { gate=FAILED; status=1; }

mkdir -p "$out"
rm -rf "$out/findings"
declare -A result
for target in differential memo-hazards validate; do
    rc=0
    "$bin" fuzz --target "$target" --seconds "$seconds" --jobs "$jobs" --seed "$seed" \
        --findings "$out/findings/$target" | tee "$out/$target.txt" || rc=$?
    if [[ $rc -eq 0 ]]; then
        result[$target]=ok
    else
        result[$target]="FAILED (exit $rc)"
        status=1
    fi
done

echo
echo "== summary ($((SECONDS - start)) s)"
echo "conformance gate: $gate (target/conformance/)"
for target in differential memo-hazards validate; do
    # The campaign's summary line: execs, execs/s, findings, memo hits and hit rate.
    line=$(grep "^fuzz $target: .* execs in" "$out/$target.txt" || echo "no summary")
    echo "fuzz $target: ${result[$target]}: ${line#fuzz $target: }"
done
if [[ $status -ne 0 ]]; then
    echo "FAILED: see above; fuzz reproducers in $out/findings/"
fi
exit "$status"
