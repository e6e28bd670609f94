#!/usr/bin/env bash
# Debian's Chromium, driven by playwright-core in the browser and VS Code tests.
set -euo pipefail
# The colour emoji font: screenshots of review comments show their status icons (✅ ❌ ⚠️).
bash "$(dirname "$0")/apt-install.sh" chromium fonts-noto-color-emoji
/usr/bin/chromium --version
