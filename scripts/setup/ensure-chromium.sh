#!/usr/bin/env bash
# Debian's Chromium, driven by playwright-core in the browser and VS Code tests.
set -euo pipefail
bash "$(dirname "$0")/apt-install.sh" chromium
/usr/bin/chromium --version
