#!/usr/bin/env bash
# Whole-process time of `sdcoach calc EXPR` against the fend CLI on the same
# estimates, measured with hyperfine. Lives in <repo>/scripts/.
#
#   scripts/calc-vs-fend.sh
#
# Builds sdcoach in release mode, finds `fend` on PATH or installs the fend CLI
# (crates.io) into a temporary directory, then runs hyperfine with no shell (-N) so
# only the processes are timed. Each expression is written in each tool's syntax: fend
# has no M/K/B multipliers (500e6, not 500M).
#
# Environment overrides:
#   CALC_CMD  command that evaluates one expression given as its last argument
#             (default: "<repo>/target/release/sdcoach calc"; setting it skips the build)
#   FEND      path of a fend binary to use instead of PATH or a fresh install
#   RUNS      hyperfine --runs (default: hyperfine's own choice)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

if ! command -v hyperfine >/dev/null 2>&1; then
    echo "installing hyperfine" >&2
    apt-get install -y hyperfine >/dev/null || { apt-get update >/dev/null && apt-get install -y hyperfine >/dev/null; }
fi

if [[ -z "${CALC_CMD:-}" ]]; then
    echo "building sdcoach (release)" >&2
    (cd "$repo" && cargo build --release --quiet)
    CALC_CMD="${CARGO_TARGET_DIR:-$repo/target}/release/sdcoach calc"
fi

if [[ -z "${FEND:-}" ]]; then
    if FEND="$(command -v fend)"; then
        :
    else
        echo "installing the fend CLI into $tmp (takes a few minutes)" >&2
        cargo install fend --root "$tmp" --locked --quiet
        FEND="$tmp/bin/fend"
    fi
fi

# Check both answer before timing them.
echo "sdcoach: $CALC_CMD" >&2
echo "fend:    $FEND ($("$FEND" --version 2>/dev/null || echo '?'))" >&2

runs=()
[[ -n "${RUNS:-}" ]] && runs=(--runs "$RUNS")

# Pairs of "sdcoach syntax" "fend syntax" with the same meaning.
pairs=(
    "500M * 2 / day to 1/s" "500e6 * 2 / day to 1/s"
    "1B * 200 bytes * 365 * 5 to TB" "1e9 * 200 bytes * 365 * 5 to TB"
)

for ((i = 0; i < ${#pairs[@]}; i += 2)); do
    ours="${pairs[i]}"
    theirs="${pairs[i + 1]}"
    echo >&2
    echo "== $ours" >&2
    # shellcheck disable=SC2086  # CALC_CMD is a command with arguments
    $CALC_CMD "$ours" | sed 's/^/   sdcoach: /' >&2
    "$FEND" "$theirs" | sed 's/^/   fend:    /' >&2
    hyperfine -N --warmup 10 "${runs[@]}" --export-json "$tmp/$i.json" \
        -n "sdcoach calc '$ours'" "$CALC_CMD '$ours'" \
        -n "fend '$theirs'" "$FEND '$theirs'"
    # hyperfine prints means; medians resist the outliers a busy 2-core box produces.
    if command -v python3 >/dev/null 2>&1; then
        python3 -c 'import json,sys
for r in json.load(open(sys.argv[1]))["results"]:
    print("  median %.2f ms  %s" % (r["median"] * 1e3, r["command"]))' "$tmp/$i.json"
    fi
done
