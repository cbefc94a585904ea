# shellcheck shell=bash
# Sourced by the real-window checks (desktop-check.sh, a11y-check.sh,
# windows-check.sh): one way to start the X server they drive.
#
# The server counts as started once it answers a client, not when its socket
# appears; one that died (another server took the display) is replaced on
# the next free display. -noreset: by default Xvfb resets whenever its last
# client leaves (dbus-launch, a check's own xdotool, xwd), and a program
# connecting during a reset fails with "Failed to open connection to X server".
#
# Needs WORK (the log goes to $WORK/xvfb.log) and a fail function; sets
# XVFB_PID and exports DISPLAY.

# Xvfb on the first free display from $1; 1 if it died or never answered.
start_x() {
  local disp=$1
  while [ -e /tmp/.X11-unix/X$disp ] || [ -e /tmp/.X$disp-lock ]; do disp=$((disp + 1)); done
  Xvfb :$disp -screen 0 1366x768x24 -nolisten tcp -noreset >"$WORK/xvfb.log" 2>&1 &
  XVFB_PID=$!
  for _ in $(seq 100); do
    kill -0 "$XVFB_PID" 2>/dev/null || return 1
    if DISPLAY=:$disp xdotool getdisplaygeometry >/dev/null 2>&1; then
      export DISPLAY=:$disp
      return 0
    fi
    sleep 0.1
  done
  return 1
}

# A running Xvfb, tried from display $1, then $1+10 and $1+20.
start_xvfb() {
  local base=$1 attempt
  XVFB_PID=""
  for attempt in "$base" $((base + 10)) $((base + 20)); do
    start_x "$attempt" && return 0
    [ -n "$XVFB_PID" ] && kill "$XVFB_PID" 2>/dev/null || true
    XVFB_PID=""
  done
  fail "Xvfb did not start (see $WORK/xvfb.log)"
}
