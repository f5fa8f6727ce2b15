#!/usr/bin/env bash
# Issue 15 target 1: a 200-row danh sách to DOCX, in process, vanban against
# Carbone (https://carbone.io, a DOCX template engine for Node) on the same
# machine in the same run, alternating. Carbone renders bench/carbone/
# danh-sach.docx (the danh sách's table: STT, name, position and unit,
# achievements) with the same 200 nominees; vanban lays out and writes its
# whole Tờ trình with that danh sách (BenchmarkToTrinh200DOCX: decode,
# validate, build the model, write the DOCX). LibreOffice is not needed:
# Carbone only needs it for PDF.
#
#   bench/carbone/run.sh [ROUNDS]
#
# Carbone is looked for in bench/carbone/node_modules, then in $CARBONE_DIR
# (a directory where `npm install carbone` was run). Without Node or
# Carbone the script says so and measures vanban alone.
#
# vanban is measured with one and with two Ps (-test.cpu 1,2: the line
# ending in "-2"): Node runs Carbone's work and its garbage collector on
# helper threads over the machine's cores, so the like-for-like wall time is
# vanban's "-2" line; its cpu-ms/op is the process's CPU time either way.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
rounds="${1:-3}"

carbone=""
if ! command -v node >/dev/null 2>&1; then
  echo "Node.js not found: Carbone not measured (install nodejs and run: npm install carbone)."
else
  for d in "$here" "${CARBONE_DIR:-}"; do
    if [ -n "$d" ] && [ -d "$d/node_modules/carbone" ]; then carbone="$d"; break; fi
  done
  if [ -z "$carbone" ]; then
    echo "Carbone not installed: not measured (cd \$(mktemp -d) && npm install carbone, then CARBONE_DIR=that directory $0)."
  fi
fi

test_bin="$(mktemp -d)/vanban.test"
(cd "$root" && go test -c -o "$test_bin" ./cmd/vanban)
for r in $(seq 1 "$rounds"); do
  echo "round $r"
  (cd "$root/cmd/vanban" && "$test_bin" -test.run '^$' -test.bench 'ToTrinh200DOCX$' -test.benchtime 30x -test.cpu 1,2 | grep Benchmark)
  if [ -n "$carbone" ]; then
    NODE_PATH="$carbone/node_modules" node "$here/bench.js" 200 30
  fi
done
