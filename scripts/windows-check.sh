#!/usr/bin/env bash
# The Windows build, tested on this Linux machine under Wine (issue 20.4):
#   a. cross-builds the headless test binary and nianbao.exe (debug, mingw-w64);
#   b. runs the headless tests under Wine, in a fresh Wine prefix;
#   c. starts nianbao.exe on a copy of a fixture (in a folder with a Chinese
#      name and a space) in Xvfb, waits for the window titled with the report's
#      unit, types a number into 表三, saves with Ctrl+S and reads the file back.
#
#   scripts/windows-check.sh               all of it
#   WINDOWS_CHECK=tests|editor scripts/windows-check.sh    one half (after a build)
#   KEEP=1 scripts/windows-check.sh        keep the work directory (prefix, screenshots, logs)
#
# Target dir: $WINDOWS_TARGET_DIR, else target/windows in CI (CI=true), else
# /work/target-windows. As root with apt-get it installs what it needs.
#
# Debian's Wine 8.0 has no bcryptprimitives.dll, whose ProcessPrng Rust's std
# imports; scripts/wine/ holds a stand-in (forwarding to RtlGenRandom) that is
# built here and put into the throwaway prefix only. Real Windows 10/11 has it.
set -euo pipefail
cd "$(dirname "$0")/.."

TARGET=x86_64-pc-windows-gnu
if [ -n "${WINDOWS_TARGET_DIR:-}" ]; then TDIR=$WINDOWS_TARGET_DIR
elif [ "${CI:-}" = true ]; then TDIR=target/windows
else TDIR=/work/target-windows; fi
export CARGO_TARGET_DIR=$TDIR
EXE_DIR=$TDIR/$TARGET/debug
WORK=$(mktemp -d /tmp/nianbao-windows-check.XXXXXX)
WHAT=${WINDOWS_CHECK:-all}
STEP=setup
XVFB_PID=""
APP_PID=""

say() { printf '[windows-check] %s\n' "$*"; }
fail() {
  say "FAILED in step $STEP: $*"
  shot "failure"
  [ -f "$WORK/app.log" ] && tail -n 20 "$WORK/app.log" >&2 || true
  KEEP=1
  exit 1
}
shot() { command -v import >/dev/null && [ -n "${DISPLAY:-}" ] && import -window root "$WORK/$1.png" 2>/dev/null || true; }
cleanup() {
  [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null || true
  # Only this script's own prefix: its wineserver and whatever runs in it.
  [ -d "${WINEPREFIX:-/nonexistent}" ] && wineserver -k 2>/dev/null || true
  [ -n "$XVFB_PID" ] && kill "$XVFB_PID" 2>/dev/null || true
  if [ "${KEEP:-}" = 1 ]; then say "work directory kept: $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

phase_start=$SECONDS
timing() { say "$1: $((SECONDS - phase_start)) s"; phase_start=$SECONDS; }

# ---- tools
if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  # `wine` is the launcher (/usr/bin/wine); `wine64` the 64-bit loader it runs.
  pkgs=(gcc-mingw-w64-x86-64 wine wine64 xvfb xdotool libgl1 libgl1-mesa-dri)
  installed=$(dpkg-query -W -f '${db:Status-Abbrev}\n' "${pkgs[@]}" 2>/dev/null | grep -c '^ii ' || true)
  if [ "$installed" != "${#pkgs[@]}" ]; then
    apt-get install -y -qq --no-install-recommends "${pkgs[@]}" >/dev/null 2>&1 \
      || { apt-get update -qq >/dev/null; apt-get install -y -qq --no-install-recommends "${pkgs[@]}" >/dev/null; }
  fi
fi
rustup target list --installed | grep -qx "$TARGET" || rustup target add "$TARGET"
for tool in x86_64-w64-mingw32-gcc wine wineserver Xvfb xdotool; do
  command -v "$tool" >/dev/null || fail "$tool is not installed (apt-get install gcc-mingw-w64-x86-64 wine wine64 xvfb xdotool)"
done
timing "tools"

# ---- a. the Windows build: one cargo call builds the test binary and, for
# its CARGO_BIN_EXE_* paths, nianbao.exe and nianbao-cli.exe.
STEP="a: cross-build"
if [ "$WHAT" = all ]; then
  cargo test --locked --no-run --target "$TARGET" --test headless
fi
[ -f "$EXE_DIR/nianbao.exe" ] || fail "no $EXE_DIR/nianbao.exe (build first)"
timing "cross-build (cargo test --no-run --target $TARGET --test headless)"

# ---- the X server (Wine wants one even for console programs: its explorer)
# and a fresh Wine prefix with the stand-in DLL.
STEP="b: Xvfb and the Wine prefix"
source scripts/lib/xvfb.sh
start_xvfb 120

# No Mono / Gecko download offers (mscoree, mshtml), no debug chatter.
export WINEPREFIX=$WORK/prefix WINEDEBUG=-all WINEDLLOVERRIDES="mscoree=;mshtml="
export WINEARCH=win64 LIBGL_ALWAYS_SOFTWARE=1
wineboot -i >"$WORK/wineboot.log" 2>&1 || fail "wineboot failed (see $WORK/wineboot.log)"
wineserver -w
x86_64-w64-mingw32-gcc -shared -O2 -Wall -static-libgcc -o "$WORK/bcryptprimitives.dll" \
  scripts/wine/bcryptprimitives.c scripts/wine/bcryptprimitives.def -ladvapi32
cp "$WORK/bcryptprimitives.dll" "$WINEPREFIX/drive_c/windows/system32/"
timing "Wine prefix and stub DLL"

# ---- b/c. the headless tests under Wine, run by cargo through its runner.
if [ "$WHAT" != editor ]; then
  STEP="b: headless tests under Wine"
  rc=0
  # The runner as --config, not CARGO_TARGET_*_RUNNER: assert_cmd reads that
  # variable in the test process and would start `wine nianbao.exe` inside Wine.
  cargo test --locked --config "target.$TARGET.runner = 'wine'" --target "$TARGET" --test headless 2>&1 | tee "$WORK/tests.log" || rc=$?
  result=$(grep -a '^test result:' "$WORK/tests.log" | tail -n 1 || true)
  passed=$(sed -n 's/.* \([0-9]*\) passed.*/\1/p' <<<"$result")
  failed=$(sed -n 's/.* \([0-9]*\) failed.*/\1/p' <<<"$result")
  # Wine's CreateProcess now and then fails under load ("Internal error",
  # os error 1359) in a test that spawns nianbao.exe: failed tests get one
  # more run, alone, and the rerun is what counts.
  if [ "$rc" != 0 ] && [ -n "$result" ]; then
    mapfile -t again < <(sed -n 's/^test \(.*\) \.\.\. FAILED$/\1/p' "$WORK/tests.log")
    say "rerunning ${#again[@]} failed test(s) once: ${again[*]}"
    rc=0
    cargo test --locked --config "target.$TARGET.runner = 'wine'" --target "$TARGET" --test headless \
      -- --exact --test-threads=1 "${again[@]}" 2>&1 | tee "$WORK/rerun.log" || rc=$?
    still=$(grep -a '^test result:' "$WORK/rerun.log" | sed -n 's/.* \([0-9]*\) failed.*/\1/p')
    passed=$((passed + ${#again[@]} - ${still:-${#again[@]}})); failed=${still:-$failed}
  fi
  timing "headless tests under Wine"
  echo "${passed:-0} passed, ${failed:-?} failed"
  [ "$rc" = 0 ] && [ -n "$result" ] || fail "the headless tests failed under Wine (exit $rc)"
fi
[ "$WHAT" = tests ] && exit 0

# ---- d. the editor: window title, a typed 表三 cell, Ctrl+S, the file.
STEP="d: nianbao.exe in Xvfb"
if [ -x "${NIANBAO_BIN:-target/debug/nianbao}" ]; then
  host_get() { "${NIANBAO_BIN:-target/debug/nianbao}" get "$@"; }
else # no host build: the Windows command line reads it back, under Wine
  host_get() { wine "$EXE_DIR/nianbao-cli.exe" get "$(winepath -w "$1")" "$2" | tr -d '\r'; }
fi
DIR="$WORK/年报 文件"
mkdir -p "$DIR"
REPORT="$DIR/云溪镇 2024.ron"
cp tests/fixtures/sample-gk2021.ron "$REPORT"
UNIT=$(host_get "$REPORT" meta.unit)
[ -n "$UNIT" ] || fail "the fixture names no unit"
WIN_REPORT=$(winepath -w "$REPORT")

# One editor run: open the report, type WANT into the first 表三 cell, Ctrl+S,
# and find it in the file. Run with eframe's OpenGL (Wine's opengl32 over
# Mesa), then with the CPU renderer (softbuffer over GDI, issue 20.3).
editor_run() { # label want [VAR=value …]
  local label=$1 want=$2
  shift 2
  STEP="d: nianbao.exe in Xvfb ($label)"
  say "opening $WIN_REPORT ($label)"
  env "$@" wine "$EXE_DIR/nianbao.exe" "$WIN_REPORT" >"$WORK/app-$label.log" 2>&1 &
  APP_PID=$!
  WIN=""
  for _ in $(seq 600); do # a cold Wine and Mesa's llvmpipe: up to 60 s
    WIN=$(xdotool search --name "$UNIT" 2>/dev/null | tail -n 1 || true)
    [ -n "$WIN" ] && break
    kill -0 "$APP_PID" 2>/dev/null || fail "nianbao.exe exited at start"
    sleep 0.1
  done
  [ -n "$WIN" ] || fail "no window titled with '$UNIT' after 60 s"
  say "window: $(xdotool getwindowname "$WIN")"
  timing "editor window up ($label)"
  sleep 2
  shot "started-$label"

  # Clicks are relative to the window (Wine maximizes it to the 1366×768
  # screen): 三、收到和处理… in the fixture's outline (its prose is longer
  # than a new report's, so lower than in scripts/desktop-check.sh), then the
  # first 表三 cell (t3.new.natural).
  click "${T3_OUTLINE_X:-90}" "${T3_OUTLINE_Y:-200}"
  sleep 1
  shot "t3-$label"
  click "${T3_CELL_X:-595}" "${T3_CELL_Y:-232}"
  [ "$(host_get "$REPORT" t3.new.natural)" != "$want" ] || fail "the fixture already holds $want"
  xdotool type --delay 80 "$want"
  key Return
  key ctrl+s
  local got=""
  for _ in $(seq 100); do
    got=$(host_get "$REPORT" t3.new.natural 2>/dev/null || true)
    [ "$got" = "$want" ] && break
    sleep 0.1
  done
  shot "saved-$label"
  [ "$got" = "$want" ] || fail "t3.new.natural is '$got' after typing $want and Ctrl+S ($label)"
  timing "typed into 表三 and saved ($label)"
  kill "$APP_PID" 2>/dev/null || true
  wait "$APP_PID" 2>/dev/null || true
  wineserver -k 2>/dev/null || true
  APP_PID=""
}
click() { xdotool mousemove --window "$WIN" "$1" "$2" click 1; sleep 0.6; }
key() { for k in "$@"; do xdotool key --window "$WIN" "$k" 2>/dev/null || xdotool key "$k"; sleep 0.3; done; }

editor_run opengl 4321
editor_run software 1234 NIANBAO_RENDERER=software
say "all Windows checks passed"
