#!/usr/bin/env bash
# Refreshes the pdf.js files the workspace serves (static/pdfjs) from the npm
# registry: the "legacy" build of pdfjs-dist, which also runs in older
# Chromium and Firefox ESR on office machines. Usage: ./refresh-pdfjs.sh [VERSION]
set -euo pipefail
cd "$(dirname "$0")"
version="${1:-6.5.438}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "pdfjs-dist@$version" >/dev/null && tar xzf "pdfjs-dist-$version.tgz")
cp "$tmp/package/legacy/build/pdf.min.mjs" "$tmp/package/legacy/build/pdf.worker.min.mjs" static/pdfjs/
cp "$tmp/package/LICENSE" static/pdfjs/LICENSE
echo "pdfjs-dist $version (legacy build), Apache-2.0, from the npm registry" > static/pdfjs/VERSION
echo "static/pdfjs: pdfjs-dist $version"
