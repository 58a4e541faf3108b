#!/usr/bin/env bash
# The conformance gate: the official v1 and v2 suites and corpus/regressions/*.wast, each in
# all four engines (plain, memo, memo-aggressive, wasmi), through the release CLI. Writes
# target/conformance/{v1,v2,regressions}.json (the `memowasm spec --json` summary) and
# target/conformance/{v1,v2,regressions}.xml (JUnit). Fails when any run has an unexpected
# failure, an unexpected pass (against spec-tests/expectations.txt) or a divergence between
# engines; every run happens first, so all reports are written. About 5 s after the build.
set -euo pipefail
cd "$(dirname "$0")/.."

out=target/conformance
engines=plain,memo,memo-aggressive,wasmi
bin=target/release/memowasm
mkdir -p "$out"
cargo build --release -p memowasm-cli
status=0

# run NAME ARGS...: one `memowasm spec` run; on failure, the table's failures and divergences.
run() {
    local name=$1
    shift
    local start=$SECONDS rc=0
    "$bin" spec --engines "$engines" --json --junit "$out/$name.xml" "$@" >"$out/$name.json" || rc=$?
    # The "overall" object of the summary, on one line.
    local overall
    overall=$(sed -n '/^  "overall": {/,/^  }/p' "$out/$name.json" | sed '1d;$d' | tr -d ' \n')
    if [[ $rc -eq 0 ]]; then
        echo "conformance $name: ok in $((SECONDS - start)) s: $overall"
    else
        echo "conformance $name: FAILED (exit $rc) in $((SECONDS - start)) s: $overall"
        echo "  details: $out/$name.json, $out/$name.xml"
        "$bin" spec --engines "$engines" "$@" | sed -n '/^failures:$/,$p' || true
        status=1
    fi
}

run v1 --suite v1
run v2 --suite v2
run regressions corpus/regressions/*.wast
exit "$status"
