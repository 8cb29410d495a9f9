#!/usr/bin/env bash
# deps.sh — install the Debian packages gazette needs, only those missing.
#
#   scripts/deps.sh build     what `make` needs
#   scripts/deps.sh test      + what `make test` needs
#   scripts/deps.sh bench     + what `make bench` needs
#
# Says which packages it installs; says nothing else when all are there.
set -euo pipefail

# From Debian 12 alone.  build: the compiler and make, and a -dev package
# for every -l in the Makefile and every header src/ includes (h2o.h itself
# includes openssl/ and zlib.h).  test: cmocka and jansson for the unit
# tests; clang and its sanitizer and libFuzzer runtimes for fuzz/; python3
# with brotli and feedparser, curl (HTTP/2 too) and h2load (in
# nghttp2-client: the shutdown stress test's load) for tests/http; xmllint
# for the feed and sitemap schemas; Chromium and a font for the browser
# tests; Valgrind.  bench: wrk, nginx to compare with, and pgrep (in
# procps).
build=(build-essential pkg-config libh2o-evloop-dev libssl-dev zlib1g-dev
       libsqlite3-dev libcmark-dev libsodium-dev libbrotli-dev libstemmer-dev)
test=(libcmocka-dev libjansson-dev clang libclang-rt-14-dev python3 curl
      chromium fonts-dejavu-core valgrind python3-brotli python3-feedparser
      libxml2-utils nghttp2-client)
bench=(wrk nginx-light procps)

want=("${build[@]}")
case "${1:-build}" in
  build) ;;
  test)  want+=("${test[@]}") ;;
  bench) want+=("${test[@]}" "${bench[@]}") ;;
  *) echo "usage: $0 build|test|bench" >&2; exit 2 ;;
esac

missing=()
for p in "${want[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ $status == "install ok installed" ]] || missing+=("$p")
done
# Node.js runs the browser tests.  Checked by command, not by package: a
# machine may have it from another Debian-format source that bundles npm.
if [[ ${1:-build} != build ]] && ! command -v npm >/dev/null; then
  missing+=(nodejs npm)
fi
# Java runs the Nu Html Checker (vnu-jar) in the browser tests.
if [[ ${1:-build} != build ]] && ! command -v java >/dev/null; then
  missing+=(default-jre-headless)
fi
[[ ${#missing[@]} -eq 0 ]] && exit 0

echo "deps: installing missing Debian packages: ${missing[*]}"
sudo=()
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || {
    echo "deps: run as root: apt-get install ${missing[*]}" >&2; exit 1; }
  sudo=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "deps: installed ${missing[*]}"
