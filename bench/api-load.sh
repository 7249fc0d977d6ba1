#!/usr/bin/env bash
# Load test of the HTTP API against loopback with wrk (Debian package), as docs/performance.md
# records it.
#
# Serves the large generated organisation (2,000 functions, 10,000 systems, 50,000 dependencies)
# with a member's API token (bench/large-server.sh), then in one run of the app, each for
# $DURATION after a warm-up:
#
#   the list endpoint      GET /api/v1/functions?pageSize=50 with the token, $CONNECTIONS clients
#   the trivial endpoint   GET /healthz (no token, one CanConnect), $CONNECTIONS clients
#   one element            GET /api/v1/functions/<name> with the token, 20 clients: p50/p95/p99
#
# and prints requests/s, the list/trivial ratio and the latencies against the targets
# (list >= 2,000 req/s and >= 40 % of the trivial endpoint; single GET p95 <= 20 ms).
# Everything it writes is removed on exit.
#
# The server inherits the environment, so a setting can be switched off for an ablation, e.g.
# Tokens__CacheSeconds=0 bench/api-load.sh measures without the token cache.
#
# Usage: bench/api-load.sh      (DURATION=10s CONNECTIONS=20 THREADS=2 PORT=5198)
set -euo pipefail

DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-20}
THREADS=${THREADS:-2}
PORT=${PORT:-5198}

source "$(dirname "${BASH_SOURCE[0]}")/large-server.sh"
function=$(sql "SELECT Name FROM business_functions ORDER BY Name LIMIT 1 OFFSET 1000")

# The server's own CPU time per request (user + system, all threads) does not depend on what else
# runs on the machine, unlike requests/s: it says what the endpoint costs.
run() { # name connections url [token]
  local before after result requests
  before=$(server_cpu_ms)
  result=$(API_TOKEN=${4:-} wrk -t"$THREADS" -c"$2" -d"$DURATION" -s bench/api-load.lua "$3" | grep '^RESULT' | sed "s/^RESULT/$1/")
  after=$(server_cpu_ms)
  requests=$(sed -E 's/.*requests=([0-9]+).*/\1/' <<<"$result")
  echo "$result server-cpu-ms/request=$(awk -v a="$before" -v b="$after" -v n="$requests" 'BEGIN { printf "%.2f", (b - a) / n }')"
}
# Warm-up: JIT and tiered compilation, the connection pool, EF Core's query cache.
for url in "$base/api/v1/functions?pageSize=50" "$base/api/v1/functions/$function" "$base/api/v1/functions?pageSize=50"; do
  API_TOKEN=$token wrk -t"$THREADS" -c"$CONNECTIONS" -d5s -s bench/api-load.lua "$url" >/dev/null
done
wrk -t"$THREADS" -c"$CONNECTIONS" -d3s -s bench/api-load.lua "$base/healthz" >/dev/null

echo "Token cache: ${Tokens__CacheSeconds:-5 (default)} s"
echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load average $(cut -d' ' -f1-3 /proc/loadavg)"
# Interleaved, so that load from other processes falls on both; the better of two runs counts.
list1=$(run list "$CONNECTIONS" "$base/api/v1/functions?pageSize=50" "$token"); echo "$list1"
trivial1=$(run healthz "$CONNECTIONS" "$base/healthz"); echo "$trivial1"
list2=$(run list "$CONNECTIONS" "$base/api/v1/functions?pageSize=50" "$token"); echo "$list2"
trivial2=$(run healthz "$CONNECTIONS" "$base/healthz"); echo "$trivial2"
single=$(run single 20 "$base/api/v1/functions/$function" "$token"); echo "$single"
rps() { sed -E 's/.*rps=([0-9]+).*/\1/' <<<"$1"; }
best() { local a b; a=$(rps "$1"); b=$(rps "$2"); echo $((a > b ? a : b)); }
p95=$(sed -E 's/.*p95=([0-9.]+).*/\1/' <<<"$single")
awk -v l="$(best "$list1" "$list2")" -v t="$(best "$trivial1" "$trivial2")" -v p="$p95" 'BEGIN {
  printf "list %d req/s (target >= 2000: %s); %.0f %% of /healthz at %d req/s (target >= 40 %%: %s)\n", l, (l >= 2000 ? "met" : "missed"), 100 * l / t, t, (l >= 0.4 * t ? "met" : "missed");
  printf "single element p95 %.2f ms under 20 clients (target <= 20 ms: %s)\n", p, (p <= 20 ? "met" : "missed") }'
echo "Load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
