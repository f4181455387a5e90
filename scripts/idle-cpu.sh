#!/usr/bin/env bash
# Measure the CPU an idle practice session uses while its clocks tick.
# Usage: scripts/idle-cpu.sh [SECONDS]   (needs tmux; builds the release binary)
set -euo pipefail
secs=${1:-30}
cd "$(dirname "$0")/.."
cargo build --release -q
data=$(mktemp -d)
tmux new-session -d -s sdcoach-idle -x 200 -y 50 "SDCOACH_DATA_DIR=$data ./target/release/sdcoach practice twitter"
sleep 2
pid=$(pgrep -f "release/sdcoach practice twitter" | head -1)
tck=$(getconf CLK_TCK)
a=$(awk '{print $14+$15}' "/proc/$pid/stat")
sleep "$secs"
b=$(awk '{print $14+$15}' "/proc/$pid/stat")
tmux send-keys -t sdcoach-idle C-q
sleep 1
rm -rf "$data"
python3 -c "print(f'idle practice session: {($b-$a)/$tck:.2f} s of CPU in $secs s = {($b-$a)/$tck/$secs*100:.2f}% of a core')"
