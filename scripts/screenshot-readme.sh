#!/usr/bin/env bash
# Take the README screenshots under Xvfb at 1366×768 with the filled sample
# report: docs/screenshot.png shows 表三 (a click on 三、… in the outline);
# docs/screenshot-check.png shows it after typing 8 into row 一 / 自然人, so
# the broken 勾稽关系 is visible. Without a window manager the window needs an
# explicit `windowfocus` before typed keys reach it.
#
#   scripts/screenshot-readme.sh
set -euo pipefail
cd "$(dirname "$0")/.."
sample=tests/fixtures/sample-gk2021.ron
tool=${SCREENSHOT_TOOL:-../shared/tools/screenshot.sh}
[ -f "$sample" ] || { echo "missing $sample" >&2; exit 1; }
cargo build --release
mkdir -p docs
# A fresh settings/recovery directory, so no recovery offer covers the form.
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
HOME=$home XDG_CONFIG_HOME=$home/.config XDG_DATA_HOME=$home/.local/share \
  "$tool" -w 6 -k "mousemove 90 200 click 1" -k "mousemove 1360 300" \
  docs/screenshot.png -- target/release/nianbao "$sample"
HOME=$home XDG_CONFIG_HOME=$home/.config XDG_DATA_HOME=$home/.local/share \
  "$tool" -w 6 -k "search --limit 1 --class nianbao windowfocus" -k "mousemove 90 200 click 1" \
  -k "mousemove 600 232 click 1" -k "type 8" -k "key Tab" -k "mousemove 1000 600" \
  docs/screenshot-check.png -- target/release/nianbao "$sample"
rm -f docs/screenshot.png.log docs/screenshot-check.png.log
echo "docs/screenshot.png and docs/screenshot-check.png updated"
