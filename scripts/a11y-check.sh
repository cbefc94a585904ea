#!/usr/bin/env bash
# Screen readers on Linux (issue 20.5): the editor's accessibility tree walked
# over AT-SPI, the way Orca reads it. An Xvfb session, a D-Bus session bus and
# the AT-SPI bus with "a screen reader is running" switched on
# (org.a11y.Status.IsEnabled: accesskit's Unix adapter publishes the tree
# only then), the editor on a copy of a gk2021 fixture with one number
# broken so that 校验结果 lists findings, then scripts/a11y_walk.py asserts
# the window and its name, the menu, every 表三 cell by its official row and
# column, the problems list, and a focus move by the screen reader.
#
#   scripts/a11y-check.sh                         build (debug) if needed and check
#   NIANBAO_BIN=target/debug/nianbao scripts/a11y-check.sh
#   KEEP=1 scripts/a11y-check.sh                  keep the work directory (tree dump, logs)
#
# Needs: Xvfb xdotool dbus-launch (dbus-x11), at-spi2-core, python3-pyatspi, gdbus, Mesa's
# software GL; installs them when run as root on Debian.
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=${NIANBAO_BIN:-target/debug/nianbao}
WORK=$(mktemp -d /tmp/nianbao-a11y-check.XXXXXX)
FIXTURE=tests/fixtures/sample-gk2021.ron
APP_PID=""
XVFB_PID=""
DBUS_PID=""
BUS_PID=""

say() { printf '[a11y-check] %s\n' "$*"; }

fail() {
  say "FAILED: $*"
  [ -f "$WORK/app.log" ] && tail -n 20 "$WORK/app.log" >&2 || true
  KEEP=1
  exit 1
}

cleanup() {
  [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null || true
  [ -n "$BUS_PID" ] && kill "$BUS_PID" 2>/dev/null || true
  [ -n "$DBUS_PID" ] && kill "$DBUS_PID" 2>/dev/null || true
  [ -n "$XVFB_PID" ] && kill "$XVFB_PID" 2>/dev/null || true
  if [ "${KEEP:-}" = 1 ]; then say "work directory kept: $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

start=$SECONDS
LAUNCHER=/usr/libexec/at-spi-bus-launcher
PKGS=(xvfb xdotool dbus-x11 at-spi2-core python3-pyatspi libglib2.0-bin libgl1-mesa-dri libegl1
  libxkbcommon-x11-0 libxcursor1 libxi6 libxrandr2)
have_all() {
  command -v Xvfb >/dev/null && command -v xdotool >/dev/null \
    && command -v dbus-launch >/dev/null && command -v gdbus >/dev/null && [ -x "$LAUNCHER" ] \
    && /usr/bin/python3 -c 'import pyatspi' 2>/dev/null
}
if ! have_all && command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq --no-install-recommends "${PKGS[@]}" >/dev/null 2>&1 \
    || { apt-get update -qq >/dev/null
         apt-get install -y -qq --no-install-recommends "${PKGS[@]}" >/dev/null; }
fi
have_all || fail "missing tools (apt-get install ${PKGS[*]})"
[ -x "$BIN" ] || cargo build --locked
NB=$(realpath "$BIN")

# ---- the session: X server (as desktop-check.sh: -noreset, started once it
# answers a client), a D-Bus session bus, the AT-SPI bus, a private home
source scripts/lib/xvfb.sh
start_xvfb 120
export HOME=$WORK/home XDG_RUNTIME_DIR=$WORK/runtime
export XDG_CONFIG_HOME=$WORK/home/.config XDG_DATA_HOME=$WORK/home/.local/share
mkdir -p "$HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
eval "$(dbus-launch --sh-syntax)"
DBUS_PID=${DBUS_SESSION_BUS_PID:-}
export LIBGL_ALWAYS_SOFTWARE=1

# The AT-SPI bus, then "an assistive technology is listening": the launcher
# keeps IsEnabled false until a screen reader (or its settings) turns it on,
# and accesskit_unix registers the window only while it is true.
"$LAUNCHER" --launch-immediately >"$WORK/at-spi-bus.log" 2>&1 &
BUS_PID=$!
a11y() { # Get|Set args…
  gdbus call --session --dest org.a11y.Bus --object-path /org/a11y/bus \
    --method "org.freedesktop.DBus.Properties.$1" org.a11y.Status "${@:2}"
}
for _ in $(seq 50); do
  a11y Get IsEnabled >/dev/null 2>&1 && break
  sleep 0.1
done
a11y Set IsEnabled '<true>' >/dev/null || fail "could not switch on org.a11y.Status.IsEnabled"
a11y Set ScreenReaderEnabled '<true>' >/dev/null || true
say "AT-SPI bus $(gdbus call --session --dest org.a11y.Bus --object-path /org/a11y/bus \
  --method org.a11y.Bus.GetAddress | cut -c1-60)…, IsEnabled $(a11y Get IsEnabled)"

# ---- the report: the sample with 一、本年新收 自然人 broken, so that 校验结果 has entries
REPORT=$WORK/报告.ron
cp "$FIXTURE" "$REPORT"
"$NB" set "$REPORT" t3.new.natural 999 >/dev/null
"$NB" cells "$REPORT" >"$WORK/cells.tsv"
rc=0; "$NB" validate "$REPORT" --format json >"$WORK/problems.json" || rc=$?
[ "$rc" = 1 ] || fail "the broken report should fail validation (exit $rc)"

"$NB" "$REPORT" >"$WORK/app.log" 2>&1 &
APP_PID=$!
say "editor started (pid $APP_PID) on a copy of $FIXTURE"

/usr/bin/python3 scripts/a11y_walk.py --cells "$WORK/cells.tsv" --prefix t3. --table 表三 \
  --window-has "$("$NB" get "$REPORT" meta.unit)" --pid "$APP_PID" \
  --problems "$WORK/problems.json" --probe t3.new.natural=999 --dump "$WORK/tree.txt" \
  || { kill -0 "$APP_PID" 2>/dev/null || say "the editor exited"; fail "see above; tree: $WORK/tree.txt"; }
kill -0 "$APP_PID" 2>/dev/null || fail "the editor exited during the walk"
say "passed in $((SECONDS - start)) s"
