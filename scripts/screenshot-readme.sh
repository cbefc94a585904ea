#!/usr/bin/env bash
# Take the README screenshot (docs/screenshot.png): the editor at 1366×768
# with the filled sample report, under Xvfb, showing 表三 (a click on
# 三、收到和处理政府信息公开申请情况 in the outline).
#
#   scripts/screenshot-readme.sh
set -euo pipefail
cd "$(dirname "$0")/.."
sample=tests/fixtures/sample-gk2021.ron
tool=${SCREENSHOT_TOOL:-/work/shared/tools/screenshot.sh}
[ -f "$sample" ] || { echo "missing $sample" >&2; exit 1; }
cargo build --release
mkdir -p docs
# A fresh settings/recovery directory, so no recovery offer covers the form.
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
HOME=$home XDG_CONFIG_HOME=$home/.config XDG_DATA_HOME=$home/.local/share \
  "$tool" -w 6 -k "mousemove 90 200 click 1" -k "mousemove 1360 300" \
  docs/screenshot.png -- target/release/nianbao "$sample"
rm -f docs/screenshot.png.log
echo "docs/screenshot.png updated"
