#!/usr/bin/env bash
# code-server 4.100.3 (VS Code 1.100 in the browser), for the end-to-end test of the extension;
# its static web build (lib/vscode) also hosts the web extension's test (test/web), without code-server.
# Installed outside the repository, in a cache that clean clones share:
#   ${JOURNEY_CACHE:-$HOME/.cache/journey-as-code}/code-server
# Idempotent: quick when the right version is already there. Offline-safe: its ripgrep
# download is served from a tarball of Debian's rg.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
version=4.100.3
cache=${JOURNEY_CACHE:-$HOME/.cache/journey-as-code}
dir=$cache/code-server
bin=$dir/node_modules/.bin/code-server

if [ -x "$bin" ] && [ "$("$bin" --version 2>/dev/null | head -n1 | cut -d' ' -f1)" = "$version" ]; then
    echo "code-server $version: $bin"
    exit 0
fi

bash "$here/apt-install.sh" libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev pkg-config ripgrep build-essential python3

# @vscode/ripgrep looks for its download in this cache before going to the internet.
tmp=${TMPDIR:-/tmp}
rg_cache=$tmp/vscode-ripgrep-cache-1.15.11
rg_tarball=$rg_cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz
if [ ! -s "$rg_tarball" ]; then
    mkdir -p "$rg_cache"
    staging=$(mktemp -d)
    cp "$(command -v rg)" "$staging/rg"
    tar -czf "$rg_tarball" -C "$staging" rg
    rm -rf "$staging"
fi

mkdir -p "$dir"
cd "$dir"
[ -f package.json ] || echo '{"name":"journey-code-server","private":true}' > package.json
# One install at a time across parallel setups.
exec 9>"$cache/.code-server.lock"
flock 9
npm_config_yes=true npm install --no-audit --no-fund --unsafe-perm "code-server@$version" >"$dir/install.log" 2>&1 || {
    echo "code-server install failed; see $dir/install.log" >&2
    tail -n 30 "$dir/install.log" >&2
    exit 1
}
"$bin" --version | sed -n 1p
