#!/usr/bin/env bash
# deps.sh — install the Debian packages gazette needs, only those missing.
#
#   scripts/deps.sh build     what `make` needs
#   scripts/deps.sh test      + what `make test` needs
#   scripts/deps.sh bench     + what `make bench` needs
#
# Says which packages it installs; says nothing else when all are there.
set -euo pipefail

build=(build-essential pkg-config libh2o-evloop-dev libssl-dev libsqlite3-dev
       libcmark-dev libsodium-dev libbrotli-dev libstemmer-dev)
test=(libcmocka-dev libjansson-dev clang libclang-rt-14-dev python3 curl
      nghttp2-client chromium fonts-dejavu-core valgrind python3-brotli
      python3-feedparser libxml2-utils)
bench=(wrk nginx-light)

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
[[ $(id -u) -eq 0 ]] || sudo=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "deps: installed ${missing[*]}"
