#!/usr/bin/env bash
# The real window, driven as a clerk drives it: the release binary in an Xvfb
# session with no window manager and no XDG desktop portal (what many office
# Linux installs look like), keys and mouse from xdotool, the X clipboard from
# xclip. Every step asserts through the files on disk (`nianbao get`) or the
# clipboard (`xclip -o`), never through the program's own idea of itself.
#
#   scripts/desktop-check.sh            build (release) and run steps a–h of issue 8.3
#   KEEP=1 scripts/desktop-check.sh     keep the work directory (screenshots, logs)
#
# Needs: Xvfb xdotool xclip dbus-launch (dbus-x11), Mesa's software GL; ImageMagick's `import`
# for screenshots on failure (optional). `.ci/run` installs them.
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=${NIANBAO_BIN:-target/release/nianbao}
WORK=$(mktemp -d /tmp/nianbao-desktop-check.XXXXXX)
STEP="setup"
APP_PID=""
XVFB_PID=""
DBUS_PID=""

say() { printf '[desktop-check] %s\n' "$*"; }

shot() {
  command -v import >/dev/null && import -window root "$WORK/$1.png" 2>/dev/null || true
}

fail() {
  say "FAILED in step $STEP: $*"
  shot "failure-$STEP"
  say "screenshot: $WORK/failure-$STEP.png; program log: $WORK/app.log"
  [ -f "$WORK/app.log" ] && tail -n 20 "$WORK/app.log" >&2 || true
  KEEP=1
  exit 1
}

cleanup() {
  [ -n "$APP_PID" ] && kill -9 "$APP_PID" 2>/dev/null || true
  [ -n "$XVFB_PID" ] && kill "$XVFB_PID" 2>/dev/null || true
  [ -n "$DBUS_PID" ] && kill "$DBUS_PID" 2>/dev/null || true
  if [ "${KEEP:-}" = 1 ]; then say "work directory kept: $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

for tool in Xvfb xdotool xclip dbus-launch; do
  command -v "$tool" >/dev/null || fail "$tool is not installed (apt-get install xvfb xdotool xclip dbus-x11)"
done
[ -x "$BIN" ] || cargo build --release --locked
NB=$(realpath "$BIN")

# ---- the session: X server (scripts/lib/xvfb.sh), a D-Bus session bus
# without any portal, a private home
source scripts/lib/xvfb.sh
start_xvfb 90
export HOME=$WORK/home XDG_RUNTIME_DIR=$WORK/runtime
export XDG_CONFIG_HOME=$WORK/home/.config XDG_DATA_HOME=$WORK/home/.local/share
mkdir -p "$HOME/Documents" "$XDG_RUNTIME_DIR" "$WORK/out"
chmod 700 "$XDG_RUNTIME_DIR"
eval "$(dbus-launch --sh-syntax)"
DBUS_PID=${DBUS_SESSION_BUS_PID:-}
export LIBGL_ALWAYS_SOFTWARE=1

# ---- driving the window
start_app() {
  "$NB" "$@" >"$WORK/app.log" 2>&1 &
  APP_PID=$!
  WIN=""
  for _ in $(seq 150); do
    WIN=$(xdotool search --pid "$APP_PID" 2>/dev/null | tail -n 1 || true)
    [ -n "$WIN" ] && break
    if ! kill -0 "$APP_PID" 2>/dev/null; then
      kill -0 "$XVFB_PID" 2>/dev/null || fail "the X server died (see $WORK/xvfb.log)"
      fail "the editor exited at start"
    fi
    sleep 0.1
  done
  [ -n "$WIN" ] || fail "no window after 15 s"
  settle
}

# Wait until two screenshots a moment apart are equal (the window is drawn).
settle() {
  local a b
  for _ in $(seq 40); do
    a=$(xwd -root -silent 2>/dev/null | md5sum || true)
    sleep 0.25
    b=$(xwd -root -silent 2>/dev/null | md5sum || true)
    [ "$a" = "$b" ] && return 0
  done
  sleep 1
}

# With no window manager, keys reach only the focused window: focus it
# before every key (retrying: the window may be busy mapping).
focus() {
  for _ in 1 2 3; do
    xdotool windowfocus "$WIN" 2>/dev/null && break
    sleep 0.2
  done
  sleep 0.1
}
key() { focus; for k in "$@"; do xdotool key "$k"; sleep 0.2; done; }
typ() { focus; xdotool type --delay 60 "$*"; sleep 0.2; }
clip_put() { printf '%s' "$1" | xclip -selection clipboard; sleep 0.3; }
paste() { clip_put "$1"; key ctrl+v; sleep 0.4; }
click() { xdotool mousemove "$1" "$2" click 1; sleep 0.4; }
title() { xdotool getwindowname "$WIN" 2>/dev/null || true; }
get() { "$NB" get "$1" "$2" 2>&1 || true; }

expect_eq() { # what got wanted
  [ "$2" = "$3" ] || fail "$1: got '$2', wanted '$3'"
}

# The clipboard as soon as it holds something (a slow frame, e.g. the
# software renderer of a debug build on a busy machine, copies late).
clip_soon() { # [target]
  local got=""
  for _ in $(seq 50); do
    got=$(xclip -o -selection clipboard ${1:+-t "$1"} 2>/dev/null || true)
    [ -n "$got" ] && break
    sleep 0.1
  done
  printf '%s' "$got"
}

wait_file() {
  for _ in $(seq 50); do [ -s "$1" ] && return 0; sleep 0.1; done
  fail "no file $1"
}

# ---- the steps of issue 8.3
UNIT="测试镇人民政府"
YEAR=$(( $(date +%Y) - 1 ))
REPORT=$WORK/out/report.ron

STEP="a: start offer, 新建空白报告"
start_app
shot a-start
key ctrl+n          # the start offer's 新建空白报告 (its shortcut)
settle
paste "$UNIT"       # the unit field has the focus; xdotool cannot type Chinese
key Return
sleep 0.5
case "$(title)" in
  *"$UNIT"*) ;;
  *) fail "window title '$(title)' does not name the new report" ;;
esac
shot a-created

STEP="b: block paste into 表三, Chinese into 一、总体情况"
# The outline's entries and the form are laid out at fixed places in a
# 1366×768 window at 100 %.
click "${T3_OUTLINE_X:-90}" "${T3_OUTLINE_Y:-258}"
settle
click "${T3_CELL_X:-595}" "${T3_CELL_Y:-232}"
paste $'1\t2\t3\t4\t5\t6\r\n7\t 8 \t9\t10\t1,100\t12\r\n'
shot b-pasted

STEP="c: digits with Tab / Enter"
key Down Down
typ 5; key Tab; typ 6; key Tab; typ 7; key Return; typ 8; key Return
shot c-typed

STEP="e: Ctrl+C on a cell holding 7"
key Up Up Right Right
printf '' | xclip -selection clipboard
key ctrl+c
expect_eq "clipboard after Ctrl+C" "$(clip_soon)" "7"

STEP="b2: Chinese text pasted into 一、总体情况"
click "${P1_OUTLINE_X:-55}" "${P1_OUTLINE_Y:-145}"
settle
click "${P1_FIELD_X:-600}" "${P1_FIELD_Y:-120}"
PROSE="本年度，本镇认真贯彻落实政府信息公开条例。"
paste "$PROSE"

STEP="d: Ctrl+S of the never-saved report, a full path into the chooser"
key ctrl+s
sleep 0.6
shot d-chooser
key ctrl+a
typ "$REPORT"
key Return
wait_file "$REPORT"
expect_eq "unit" "$(get "$REPORT" meta.unit)" "$UNIT"
expect_eq "t3.new.natural" "$(get "$REPORT" t3.new.natural)" "1"
expect_eq "t3.new.other" "$(get "$REPORT" t3.new.other)" "6"
expect_eq "t3.carried.commercial" "$(get "$REPORT" t3.carried.commercial)" "8"
expect_eq "t3.carried.law_service" "$(get "$REPORT" t3.carried.law_service)" "1100"
expect_eq "t3.open.natural" "$(get "$REPORT" t3.open.natural)" "5"
expect_eq "t3.open.commercial" "$(get "$REPORT" t3.open.commercial)" "6"
expect_eq "t3.open.research" "$(get "$REPORT" t3.open.research)" "7"
expect_eq "t3.partial.natural (Enter back to the Tab run's column)" "$(get "$REPORT" t3.partial.natural)" "8"
expect_eq "prose.p1" "$(get "$REPORT" prose.p1)" "$PROSE"

STEP="f: 导出 Markdown through the menu"
click "${MENU_FILE_X:-25}" "${MENU_FILE_Y:-15}"
# The menu is drawn on the frame after the click; moving the pointer makes one.
xdotool mousemove 30 60; sleep 0.4
shot f-menu
click "${MENU_EXPORT_MD_X:-78}" "${MENU_EXPORT_MD_Y:-357}"
sleep 0.6
shot f-chooser
key Return
MD="$WORK/out/${UNIT}${YEAR}年政府信息公开工作年度报告.md"
wait_file "$MD"
grep -q "$PROSE" "$MD" || fail "the Markdown export lacks the prose"

STEP="f2: 编辑 › 复制为网页格式 puts text/html with the merged cells on the X clipboard"
click "${MENU_EDIT_X:-68}" "${MENU_EDIT_Y:-15}"
xdotool mousemove 70 60; sleep 0.4
printf '' | xclip -selection clipboard
click "${MENU_COPY_HTML_X:-113}" "${MENU_COPY_HTML_Y:-115}"
HTML=$(clip_soon text/html)
case "$HTML" in
  *'colspan="7"'*) ;;
  *) fail "the clipboard holds no HTML table with 申请人情况 over seven columns" ;;
esac
PLAIN=$(xclip -selection clipboard -o 2>/dev/null || true)
case "$PLAIN" in
  *"${UNIT}${YEAR}年政府信息公开工作年度报告"*) ;;
  *) fail "the clipboard's plain-text alternative lacks the title" ;;
esac

STEP="g: kill -9 while unsaved, then the recovery copy"
click "${T3_OUTLINE_X:-90}" "${T3_OUTLINE_Y:-258}"
settle
click "${T3_CELL_X:-595}" "${T3_CELL_Y:-232}"
typ 42; key Return
say "waiting 32 s for the autosave interval"
sleep 32
kill -9 "$APP_PID"; wait "$APP_PID" 2>/dev/null || true; APP_PID=""
start_app "$REPORT"
shot g-offer
key Return          # 恢复 is the offer's default button
sleep 0.5
key ctrl+s
for _ in $(seq 50); do
  VALUE=$(get "$REPORT" t3.new.natural)
  [ "$VALUE" = 42 ] && break
  sleep 0.1
done
[ "$VALUE" = 42 ] || fail "after recovery and save the typed 42 is missing (t3.new.natural = '$VALUE')"

STEP="h: idle for 5 s"
settle
a=$(awk '{print $14+$15}' /proc/$APP_PID/stat)
sleep 5
b=$(awk '{print $14+$15}' /proc/$APP_PID/stat)
ticks=$((b - a))
[ "$ticks" -le 20 ] || fail "idle for 5 s used $ticks clock ticks of CPU (at most 20)"

say "all steps passed (idle: $ticks ticks in 5 s)"
