#!/usr/bin/env bash
# Time `sdcoach sessions list` and `sdcoach stats` over 10,000 finished, scored sessions
# and report the list's peak memory. `stats` runs once first to fill its cache.
# Usage: scripts/sessions-list.sh   (needs python3, hyperfine and GNU time)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -q
data=$(mktemp -d)
mkdir -p "$data/sessions"
# One real finished transcript (notes in two steps, scored), copied under 10,000 ids.
cargo run --release -q --example sample_transcript -- --complete > "$data/sample.toml"
python3 - "$data" <<'PY'
import re, sys
d = sys.argv[1]
src = open(f"{d}/sample.toml").read()
for i in range(10000):
    sid = f"2026-01-{1 + i % 28:02d}-{i:06d}-twitter"
    open(f"{d}/sessions/{sid}.toml", "w").write(re.sub(r'^id = ".*"$', f'id = "{sid}"', src, count=1, flags=re.M))
PY
SDCOACH_DATA_DIR=$data ./target/release/sdcoach stats > /dev/null
SDCOACH_DATA_DIR=$data hyperfine -N --warmup 3 -r 20 './target/release/sdcoach sessions list' './target/release/sdcoach sessions list --json' './target/release/sdcoach stats'
SDCOACH_DATA_DIR=$data /usr/bin/time -v ./target/release/sdcoach sessions list 2>&1 >/dev/null | grep -E 'Maximum resident|Elapsed'
rm -rf "$data"
