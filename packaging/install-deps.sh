#!/usr/bin/env bash
# Installs the Debian 12 packages Switchyard needs to build, run and test, skipping those already present.
# Usage: packaging/install-deps.sh [build|test|bench]   (each level includes the ones before it)
set -euo pipefail

level="${1:-build}"

build_packages=(
    build-essential cmake ninja-build pkg-config zlib1g-dev libzstd-dev libsqlite3-dev
    qt6-base-dev qt6-base-dev-tools qt6-websockets-dev qt6-charts-dev
    qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-translations-l10n
    libqt6sql6-sqlite libqt6sql6-psql libqt6svg6 qtkeychain-qt6-dev libgl-dev
)
test_packages=(clang libclang-rt-14-dev sqlite3 xvfb xauth postgresql nodejs npm fonts-wqy-microhei)
bench_packages=(nginx-light wrk)

packages=("${build_packages[@]}")
case "$level" in
    build) ;;
    test) packages+=("${test_packages[@]}") ;;
    bench) packages+=("${test_packages[@]}" "${bench_packages[@]}") ;;
    *) echo "usage: $0 [build|test|bench]" >&2; exit 2 ;;
esac

missing=()
for package in "${packages[@]}"; do
    # nodejs/npm may come from outside Debian (for example a newer Node.js): accept the commands too.
    if [[ "$package" == nodejs ]] && command -v node >/dev/null 2>&1; then continue; fi
    if [[ "$package" == npm ]] && command -v npm >/dev/null 2>&1; then continue; fi
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$package")
    fi
done

if [[ ${#missing[@]} -eq 0 ]]; then
    exit 0
fi

echo "Installing missing packages: ${missing[*]}"
sudo_cmd=()
if [[ $(id -u) -ne 0 ]]; then
    sudo_cmd=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
