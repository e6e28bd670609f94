#!/usr/bin/env bash
# Debian's poppler-utils: the report tests read the PDF back (pdftotext, pdffonts, pdfinfo, pdftoppm).
set -euo pipefail
bash "$(dirname "$0")/apt-install.sh" poppler-utils
# sed reads the whole output: head would close the pipe early, and pipefail would fail the set-up on pdfinfo's SIGPIPE (exit 141).
pdfinfo -v 2>&1 | sed -n 1p
