#!/usr/bin/env bash
# Installs everything Pathway needs on Debian 12, unattended, and is quick to
# re-run: each step checks first and does nothing when its result is present.
# Sources of truth: Debian packages (binary and source) and the npm registry.
set -euo pipefail
cd "$(dirname "$0")/.."

IMGUI_VERSION=1.90.1+ds-1            # trixie source: 1.86 in bookworm lacks AddMouseSourceEvent
SQLITE3MC_NPM=better-sqlite3-multiple-ciphers@13.0.3   # ships SQLite3 Multiple Ciphers 2.4.0 (SQLite 3.53.4)
DEPS=.deps

APT_PACKAGES=(emscripten cmake ninja-build g++ dpkg-dev nlohmann-json3-dev doctest-dev
  libcpp-httplib-dev libsodium-dev chromium fonts-inter fonts-material-design-icons-iconfont fonttools brotli
  libpq-dev postgresql   # libpq for the PostgreSQL account store; the server binaries for ./test's throwaway cluster
  clang-14 libclang-rt-14-dev)  # libFuzzer for scripts/fuzz.sh

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

mkdir -p "$DEPS"

# Dear ImGui source from Debian's source package (the binary package has no source for wasm).
if [ ! -f "$DEPS/imgui/imgui.cpp" ]; then
  src_list=/etc/apt/sources.list.d/debian-src.sources
  if [ ! -f "$src_list" ]; then
    uri=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources)
    printf 'Types: deb-src\nURIs: %s\nSuites: bookworm trixie\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' "$uri" \
      | as_root tee "$src_list" >/dev/null
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  fi
  tmp=$(mktemp -d)
  (cd "$tmp" && apt-get source -qq --download-only "imgui=$IMGUI_VERSION" >/dev/null && dpkg-source -x --skip-patches ./*.dsc src >/dev/null)
  rm -rf "$DEPS/imgui" && mv "$tmp/src" "$DEPS/imgui" && rm -rf "$tmp"
fi

# SQLite3 Multiple Ciphers amalgamation from a pinned npm tarball (never its native build).
if [ ! -f "$DEPS/sqlite3mc/sqlite3.c" ]; then
  tmp=$(mktemp -d)
  (cd "$tmp" && npm pack --silent "$SQLITE3MC_NPM" >/dev/null && tar xzf ./*.tgz package/deps/sqlite3)
  rm -rf "$DEPS/sqlite3mc" && mv "$tmp/package/deps/sqlite3" "$DEPS/sqlite3mc" && rm -rf "$tmp"
fi

# Fonts and icons for the app come from Debian font packages, copied at build time (see CMakeLists.txt).

# Node tools for the browser tests, pinned by package-lock.json.
if [ ! -d node_modules/playwright-core ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --silent --no-audit --no-fund
fi
echo "setup: ready"
