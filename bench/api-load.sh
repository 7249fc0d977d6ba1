#!/usr/bin/env bash
# Load test of the HTTP API against loopback with wrk (Debian package), as docs/performance.md
# records it.
#
# Builds the command line and the benchmarks in Release, imports the large generated
# organisation (2,000 functions, 10,000 systems, 50,000 dependencies) into a new SQLite file with
# a member's API token (bench/Continuity.Benchmarks api-db), starts `continuity serve` on
# 127.0.0.1:$PORT, then in one run of the app, each for $DURATION after a warm-up:
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

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

if ! command -v wrk >/dev/null; then
  echo "Installing wrk (Debian package) …"
  apt-get update -qq && apt-get install -y -qq wrk >/dev/null
fi

work=$(mktemp -d)
server=""
cleanup() {
  [[ -n $server ]] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "Building in Release …"
dotnet build src/Continuity.Cli -c Release -v q -nologo >/dev/null
dotnet build bench/Continuity.Benchmarks -c Release -v q -nologo >/dev/null
cli=artifacts/bin/Continuity.Cli/release/continuity
bench=artifacts/bin/Continuity.Benchmarks/release/Continuity.Benchmarks

database="$work/continuity.db"
token=$("$bench" api-db "$database" | tail -n 1)
connection="Data Source=$database"
function=$(sqlite3 "$database" "SELECT name FROM functions ORDER BY name LIMIT 1 OFFSET 1000" 2>/dev/null || echo "")

"$cli" serve --urls "http://127.0.0.1:$PORT" --connection-string "$connection" >"$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 1 100); do
  curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break
  sleep 0.2
done
curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null || { cat "$work/serve.log"; exit 1; }
if [[ -z $function ]]; then
  function=$(curl -fs -H "Authorization: Bearer $token" "http://127.0.0.1:$PORT/api/v1/functions?pageSize=1&page=1000" | sed -E 's/.*"name":"([^"]+)".*/\1/')
fi

base="http://127.0.0.1:$PORT"
# The server's own CPU time per request (user + system, all threads) does not depend on what else
# runs on the machine, unlike requests/s: it says what the endpoint costs.
ticks=$(getconf CLK_TCK)
cpu() { awk '{print $14 + $15}' "/proc/$server/stat"; }
run() { # name connections url [token]
  local before after result requests
  before=$(cpu)
  result=$(API_TOKEN=${4:-} wrk -t"$THREADS" -c"$2" -d"$DURATION" -s bench/api-load.lua "$3" | grep '^RESULT' | sed "s/^RESULT/$1/")
  after=$(cpu)
  requests=$(sed -E 's/.*requests=([0-9]+).*/\1/' <<<"$result")
  echo "$result server-cpu-ms/request=$(awk -v a="$before" -v b="$after" -v n="$requests" -v t="$ticks" 'BEGIN { printf "%.2f", (b - a) * 1000 / t / n }')"
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
