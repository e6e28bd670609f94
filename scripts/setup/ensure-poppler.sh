#!/usr/bin/env bash
# Debian's poppler-utils: the report tests read the PDF back (pdftotext, pdffonts, pdfinfo, pdftoppm).
set -euo pipefail
bash "$(dirname "$0")/apt-install.sh" poppler-utils
pdfinfo -v 2>&1 | head -1
