#!/usr/bin/env bash
# Continuity's analysis engine against networkx on the same graph: reachability, topological
# order and longest-path recovery time on the recovery graph of the generated 100,000-node
# organisation (bench/Continuity.Benchmarks/EngineOrganisations.cs), every member of every
# required group as a plain required edge (networkx has no "any one of"), degraded edges left out.
#
#   bench/networkx-compare.sh                 # SIZE=100k RUNS=11 PY_RUNS=5
#   SIZE=10k PY_RUNS=3 bench/networkx-compare.sh
#
# Uses Debian's python3-networkx with /usr/bin/python3 and installs it with apt-get when missing.
# Prints the load average before and after; removes the files it wrote.
set -euo pipefail
cd "$(dirname "$0")/.."

SIZE=${SIZE:-100k}
RUNS=${RUNS:-11}
PY_RUNS=${PY_RUNS:-5}
PYTHON=/usr/bin/python3

if ! "$PYTHON" -c 'import networkx' 2>/dev/null; then
    echo "Installing Debian's python3-networkx…" >&2
    SUDO=""
    if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; fi
    $SUDO apt-get install -y python3-networkx >/dev/null || { $SUDO apt-get update >/dev/null && $SUDO apt-get install -y python3-networkx >/dev/null; }
fi

dotnet build -c Release bench/Continuity.Benchmarks -v quiet -nologo >/dev/null
BENCH="dotnet artifacts/bin/Continuity.Benchmarks/release/Continuity.Benchmarks.dll"

work=$(mktemp -d -t continuity-networkx-XXXXXX)
trap 'rm -rf "$work"' EXIT

echo "$(date -u +%H:%M:%S) load: $(cut -d' ' -f1-3 /proc/loadavg)"
$BENCH engine-graph export "$work/graph.txt" "$SIZE"
head -1 "$work/graph.txt"
$BENCH engine-graph time "$work/graph.txt" "$RUNS" > "$work/continuity.tsv"
echo "$(date -u +%H:%M:%S) load: $(cut -d' ' -f1-3 /proc/loadavg) (Continuity done)"
"$PYTHON" bench/networkx_compare.py "$work/graph.txt" "$work/continuity.tsv" "$PY_RUNS"
status=$?
echo "$(date -u +%H:%M:%S) load: $(cut -d' ' -f1-3 /proc/loadavg)"
exit $status
