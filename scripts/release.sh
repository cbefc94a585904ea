#!/usr/bin/env bash
# Build the clerks' installers into dist/ (issue 20), on a Debian machine with only Debian
# packages, crates.io and PyPI: the script installs what it needs (apt, pip, rustup).
#
#   bash scripts/release.sh [windows|linux-amd64|linux-arm64|all]      (default: all)
#       windows      nianbao-<v>-windows-x86_64-setup.exe (NSIS, per user) and …-windows-x86_64.zip
#       linux-amd64  nianbao_<v>_amd64.deb      linux-arm64  nianbao_<v>_arm64.deb
#   Cheap pieces for CI (no release build):
#   bash scripts/release.sh deb-from <binary> <amd64|arm64> [out-dir]   assemble a .deb
#   bash scripts/release.sh glibc-floor <binary> [2.28]                  fail if newer glibc needed
#   bash scripts/release.sh deps <binary>                                NEEDED and dlopened libraries
#
# Release builds go to $CARGO_TARGET_DIR (default target/), so give another one when the
# host target/ is in use. Linux binaries are built by `cargo zigbuild` against glibc 2.28
# (UOS 20, Kylin V10, Debian 10) and checked for it; the Windows one by mingw-w64.
# Packages install /usr/bin/nianbao, not the UOS store layout /opt/apps/<appid>/: why is in
# packaging/README.md. Environment: DEB_COMPRESSION (xz, gzip or none; default xz),
# NIANBAO_MAINTAINER (the .deb's Maintainer field).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
DIST=$ROOT/dist
TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}
GLIBC_FLOOR=2.28
VERSION=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)
ICON_SIZES="16 24 32 48 64 128 256"
# Packages are for clerks' downloads: no symbol table (panic messages keep their place).
export CARGO_PROFILE_RELEASE_STRIP=symbols CARGO_TERM_COLOR=${CARGO_TERM_COLOR:-never}
SUMMARY=()

say() { printf '\n==== %s ====\n' "$*"; }
die() { echo "release.sh: $*" >&2; exit 1; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

APT_UPDATED=
# Install the Debian packages not yet installed.
need_apt() {
  local missing=() p
  for p in "$@"; do
    [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" = "install ok installed" ] || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ -z "$APT_UPDATED" ]; then
    as_root apt-get update -qq >/dev/null
    APT_UPDATED=1
  fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    -o DPkg::Lock::Timeout=600 "${missing[@]}" >/dev/null
}

# zig (the C toolchain that links against an old glibc) and cargo-zigbuild, from PyPI.
need_zig() {
  command -v cargo-zigbuild >/dev/null && python3 -m ziglang version >/dev/null 2>&1 && return 0
  python3 -m pip install -q --disable-pip-version-check ziglang cargo-zigbuild
  if command -v pyenv >/dev/null; then pyenv rehash; fi # a pyenv Python's new scripts need shims
  hash -r
  command -v cargo-zigbuild >/dev/null || die "cargo-zigbuild not on PATH after pip install"
}

need_target() {
  grep -qx "$1" <<<"$(rustup target list --installed)" || rustup target add "$1" >/dev/null
}

deb_arch_triple() {
  case $1 in
    amd64) echo x86_64-unknown-linux-gnu ;;
    arm64) echo aarch64-unknown-linux-gnu ;;
    *) die "unknown architecture '$1' (amd64 or arm64)" ;;
  esac
}

# The newest GLIBC_x.y version a binary requires (its .gnu.version_r entries).
glibc_needed() {
  readelf -W -V "$1" | grep -o 'Name: GLIBC_[0-9][0-9.]*' | sed 's/Name: GLIBC_//' | sort -uV \
    | tail -n 1
}

# Fail when the binary needs a glibc newer than the floor; name the symbols that do.
glibc_floor() {
  local bin=$1 floor=${2:-$GLIBC_FLOOR} newest
  [ -f "$bin" ] || die "no such binary: $bin"
  newest=$(glibc_needed "$bin")
  [ -n "$newest" ] || { echo "glibc floor: $bin needs no versioned glibc symbol"; return 0; }
  if [ "$(printf '%s\n%s\n' "$floor" "$newest" | sort -V | tail -n 1)" != "$floor" ]; then
    echo "glibc floor: $bin needs GLIBC_$newest, newer than $floor:" >&2
    readelf -W --dyn-syms "$bin" | grep -o '[A-Za-z0-9_]*@GLIBC_[0-9.]*' | sort -u \
      | while IFS=@ read -r sym ver; do
          v=${ver#GLIBC_}
          [ "$(printf '%s\n%s\n' "$floor" "$v" | sort -V | tail -n 1)" = "$floor" ] \
            || echo "  $sym@$ver" >&2
        done
    return 1
  fi
  echo "glibc floor: $bin needs GLIBC_$newest (≤ $floor)"
}

# What the loader needs (NEEDED) and what the binary opens itself (sonames in its strings).
show_deps() {
  echo "NEEDED:   $(readelf -d "$1" | sed -n 's/.*Shared library: \[\(.*\)\]/\1/p' | xargs)"
  echo "dlopened: $(strings -n 6 "$1" | grep -Eo 'lib[A-Za-z0-9_+-]{1,30}\.so\.[0-9]+' | sort -u \
    | xargs)"
}

# Only the libraries a Debian-family system provides in these packages may be NEEDED.
check_needed() {
  local lib
  for lib in $(readelf -d "$1" | sed -n 's/.*Shared library: \[\(.*\)\]/\1/p'); do
    case $lib in
      libc.so.6 | libm.so.6 | libgcc_s.so.1 | libdl.so.2 | libpthread.so.0 | librt.so.1 \
        | ld-linux-x86-64.so.2 | ld-linux-aarch64.so.1) ;;
      *) die "$1 links $lib, which the .deb does not depend on: add it to Depends" ;;
    esac
  done
}

# Assemble nianbao_<version>_<arch>.deb from an existing binary, with dpkg-deb only.
deb_from() {
  local bin=$1 arch=$2 out=${3:-$DIST} stage deb size depends
  [ -f "$bin" ] || die "no such binary: $bin"
  deb_arch_triple "$arch" >/dev/null
  check_needed "$bin"
  stage=$(mktemp -d)
  chmod 755 "$stage"
  install -Dm755 "$bin" "$stage/usr/bin/nianbao"
  install -Dm644 packaging/linux/nianbao.desktop "$stage/usr/share/applications/nianbao.desktop"
  for size in $ICON_SIZES; do
    install -Dm644 "assets/icons/nianbao-$size.png" \
      "$stage/usr/share/icons/hicolor/${size}x${size}/apps/nianbao.png"
  done
  install -Dm644 packaging/linux/copyright "$stage/usr/share/doc/nianbao/copyright"
  size=$(du -sk --exclude=DEBIAN "$stage" | cut -f1)
  mkdir -p "$stage/DEBIAN"
  # libgcc1 is libgcc-s1's name on Debian 10 / UOS 20 (zig's builds do not need it).
  # The window's libraries are dlopened (see `deps`): on every desktop, not needed by
  # the command line.
  depends="libc6 (>= $GLIBC_FLOOR)"
  if grep -q 'Shared library: \[libgcc_s.so.1\]' <<<"$(readelf -d "$bin")"; then
    depends="$depends, libgcc-s1 | libgcc1"
  fi
  cat >"$stage/DEBIAN/control" <<EOF
Package: nianbao
Version: $VERSION
Architecture: $arch
Maintainer: ${NIANBAO_MAINTAINER:-nianbao maintainers <maintainers@nianbao.invalid>}
Installed-Size: $size
Section: editors
Priority: optional
Depends: $depends
Recommends: libx11-6, libx11-xcb1, libxcb1, libxcursor1, libxi6, libxrender1, libxkbcommon0, libxkbcommon-x11-0, libwayland-client0, libwayland-egl1, libgl1, libegl1, libfontconfig1, libdbus-1-3
Suggests: xdg-desktop-portal-gtk | zenity
Description: 年报：政府信息公开工作年度报告编辑器
 乡镇、街道填写《政府信息公开工作年度报告》的桌面编辑器：按官方格式填写正文和
 统计表，边填边核对勾稽关系，从上年报告新建，导出文本、Markdown、网页和 Word。
 命令行（nianbao --help）可新建、填写、校验、导出和汇总年报文件。
EOF
  mkdir -p "$out"
  deb="$out/nianbao_${VERSION}_${arch}.deb"
  dpkg-deb --root-owner-group -Z"${DEB_COMPRESSION:-xz}" --build "$stage" "$deb" >/dev/null
  rm -rf "$stage"
  echo "$deb"
}

# Time one build step and remember it for the summary.
timed() {
  local name=$1 start=$SECONDS
  shift
  "$@"
  SUMMARY+=("$name: $((SECONDS - start)) s")
}

build_linux() {
  local arch=$1 triple bin
  triple=$(deb_arch_triple "$arch")
  say "linux-$arch: cargo zigbuild --release --target $triple.$GLIBC_FLOOR"
  need_apt binutils dpkg-dev
  need_zig
  need_target "$triple"
  cargo zigbuild --release --locked --target "$triple.$GLIBC_FLOOR" --bin nianbao
  bin=$TARGET_DIR/$triple/release/nianbao
  glibc_floor "$bin"
  show_deps "$bin"
  deb_from "$bin" "$arch"
}

# The short Windows note: CRLF and a UTF-8 BOM, so even an old Notepad shows Chinese.
windows_note() {
  { printf '\xef\xbb\xbf'; sed 's/$/\r/' packaging/windows/使用说明.txt; } >"$1/使用说明.txt"
}

# Fail when the exe imports a DLL that is not part of Windows (mingw's runtime DLLs).
check_windows_imports() {
  local dlls
  dlls=$(objdump -p "$1" | sed -n 's/.*DLL Name: //p' | sort -u)
  echo "imports: $(xargs <<<"$dlls")"
  if grep -Eiq '^(libgcc|libwinpthread|libstdc)' <<<"$dlls"; then
    die "$1 needs a mingw runtime DLL"
  fi
}

# Python's zipfile marks non-ASCII names as UTF-8 (Info-ZIP's zip does not, and Explorer
# on a Chinese Windows would then read 使用说明.txt in GBK and show gibberish).
zip_folder() {
  python3 - "$1" "$2" <<'EOF'
import os, sys, zipfile
out, folder = sys.argv[1:]
base = os.path.dirname(folder)
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
    for path in sorted(os.path.join(d, f) for d, _, fs in os.walk(folder) for f in fs):
        z.write(path, os.path.relpath(path, base))
EOF
}

build_windows() {
  local triple=x86_64-pc-windows-gnu bin stage zip setup
  say "windows: cargo build --release --target $triple (mingw-w64)"
  need_apt gcc-mingw-w64-x86-64 binutils-mingw-w64-x86-64 nsis binutils
  need_target "$triple"
  CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER=x86_64-w64-mingw32-gcc \
    cargo build --release --locked --target "$triple" --bin nianbao --bin nianbao-cli
  bin=$TARGET_DIR/$triple/release
  check_windows_imports "$bin/nianbao.exe"
  # Whole outputs first: `objdump | grep -q` would fail under pipefail (SIGPIPE).
  local gui cui
  gui=$(objdump -p "$bin/nianbao.exe")
  cui=$(objdump -p "$bin/nianbao-cli.exe")
  grep -q 'Subsystem.*(Windows GUI)' <<<"$gui" || die "nianbao.exe is not a GUI-subsystem program"
  grep -q 'Subsystem.*(Windows CUI)' <<<"$cui" || die "nianbao-cli.exe is not a console program"
  stage=$(mktemp -d)/nianbao-$VERSION-windows-x86_64
  mkdir -p "$stage"
  cp "$bin/nianbao.exe" "$stage/nianbao.exe"
  cp "$bin/nianbao-cli.exe" "$stage/nianbao.com"
  windows_note "$stage"
  mkdir -p "$DIST"
  zip="$DIST/nianbao-$VERSION-windows-x86_64.zip"
  rm -f "$zip"
  zip_folder "$zip" "$stage"
  cp assets/icons/nianbao.ico "$stage/nianbao.ico"
  setup="$DIST/nianbao-$VERSION-windows-x86_64-setup.exe"
  makensis -V2 -INPUTCHARSET UTF8 -DVERSION="$VERSION" -DVERSION4="${VERSION%%-*}.0" \
    -DSTAGE="$stage" -DOUTFILE="$setup" packaging/windows/nianbao.nsi
  rm -rf "$(dirname "$stage")"
  echo "$zip"
  echo "$setup"
}

summary() {
  local f
  say "artifacts in dist/"
  for f in "$DIST"/nianbao*; do
    [ -f "$f" ] || continue
    awk -v b="$(stat -c %s "$f")" -v n="${f#"$ROOT"/}" 'BEGIN { printf "%8.1f MiB  %s\n", b / 1048576, n }'
  done
  say "build times"
  printf '%s\n' "${SUMMARY[@]}"
}

main() {
  local what=${1:-all}
  case $what in
    glibc-floor) [ $# -ge 2 ] || die "usage: glibc-floor <binary> [floor]"; glibc_floor "$2" "${3:-}"; return ;;
    deb-from) [ $# -ge 3 ] || die "usage: deb-from <binary> <arch> [out-dir]"; deb_from "$2" "$3" "${4:-}"; return ;;
    deps) [ $# -ge 2 ] || die "usage: deps <binary>"; show_deps "$2"; return ;;
    windows) timed windows build_windows ;;
    linux-amd64) timed linux-amd64 build_linux amd64 ;;
    linux-arm64) timed linux-arm64 build_linux arm64 ;;
    all)
      timed windows build_windows
      timed linux-amd64 build_linux amd64
      timed linux-arm64 build_linux arm64
      ;;
    *) die "unknown command '$what' (windows, linux-amd64, linux-arm64, all, deb-from, glibc-floor, deps)" ;;
  esac
  summary
}

main "$@"
