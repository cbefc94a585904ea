#!/usr/bin/env bash
# Start-up of the editor on a filled report against a bare eframe window with
# the same features (examples/bare_window.rs), side by side in one run under
# Xvfb: the time from launch until the screen first equals its settled
# picture, median of 5 launches each, and their ratio (issue 8.5: ≤ 1.15).
#
#   scripts/startup-ratio.sh [REPORT.ron]     (default: a filled fixture)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
REPORT=${1:-tests/fixtures/sample-gk2021.ron}
[ -f "$REPORT" ] || REPORT=$(ls tests/fixtures/*.ron | head -n 1)
cargo build --release --locked --bin nianbao --example bare_window >/dev/null 2>&1 \
  || cargo build --release --bin nianbao --example bare_window
WORK=$(mktemp -d /tmp/nianbao-startup.XXXXXX)
disp=120
while [ -e /tmp/.X11-unix/X$disp ]; do disp=$((disp + 1)); done
Xvfb :$disp -screen 0 1366x768x24 -nolisten tcp -noreset >/dev/null 2>&1 &
XVFB=$!
PIXEL_BYTES=$((1366 * 768 * 4))
trap 'kill $XVFB 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 100); do [ -e /tmp/.X11-unix/X$disp ] && break; sleep 0.1; done
export DISPLAY=:$disp HOME=$WORK/home XDG_CONFIG_HOME=$WORK/home/.config XDG_DATA_HOME=$WORK/home/.local/share
mkdir -p "$HOME"

# One launch: sample the screen until it has not changed for 1.5 s; the
# answer is the first sample time (ms since launch) showing the final picture.
launch() {
  local start pid now hash last_change=0 samples=() first
  start=$(date +%s%N)
  "$@" >/dev/null 2>&1 &
  pid=$!
  local prev=""
  while :; do
    now=$(( ($(date +%s%N) - start) / 1000000 ))
    # Only the pixels: xwd's colour-map header carries uninitialised bytes
    # that differ between two dumps of the same picture.
    hash=$(xwd -root -silent 2>/dev/null | tail -c "$PIXEL_BYTES" | md5sum | cut -c1-16)
    samples+=("$now:$hash")
    if [ "$hash" != "$prev" ]; then last_change=$now; prev=$hash; fi
    if [ $((now - last_change)) -gt 1500 ] && [ "$now" -gt 2000 ]; then break; fi
    [ "$now" -gt 20000 ] && break
  done
  kill -9 $pid 2>/dev/null; wait $pid 2>/dev/null || true
  for s in "${samples[@]}"; do
    if [ "${s#*:}" = "$prev" ]; then first=${s%%:*}; break; fi
  done
  echo "$first"
}

median() { printf '%s\n' "$@" | sort -n | sed -n "$(( ($# + 1) / 2 ))p"; }

bare=(); app=()
for i in $(seq "$RUNS"); do
  bare+=("$(launch target/release/examples/bare_window)")
  rm -rf "$HOME"; mkdir -p "$HOME"
  app+=("$(launch target/release/nianbao "$REPORT")")
  rm -rf "$HOME"; mkdir -p "$HOME"
done
mb=$(median "${bare[@]}"); ma=$(median "${app[@]}")
echo "bare window: ${bare[*]} ms (median $mb)"
echo "nianbao:     ${app[*]} ms (median $ma)"
awk -v a="$ma" -v b="$mb" 'BEGIN { printf "ratio: %.2f\n", a / b }'
