# Sourced by bench/api-load.sh and bench/pages-load.sh (not run on its own): what both load tests
# need before they measure. Installs wrk (Debian package) when missing, builds the command line and
# the benchmarks in Release, imports the large generated organisation (2,000 functions, 10,000
# systems, 50,000 dependencies) into a new SQLite file with a member's API token
# (bench/Continuity.Benchmarks api-db), and starts `continuity serve` on 127.0.0.1:$PORT with the
# caller's environment (so a setting can be switched off for an ablation). Everything it writes is
# removed when the caller exits.
#
# Gives the caller: $root (the repository, also the working directory), $work, $cli, $database,
# $connection, $token, $base (http://127.0.0.1:$PORT), $server (its process id), and
#   sql "SELECT …"       one value from the database; stops the script when there is none
#   server_cpu_ms        the server's CPU time so far in ms (user + system, every thread): the cost
#                        of requests, which unlike requests/s does not depend on what else runs
#   first_request_ms URL the time of one request in ms, for the first (uncached) one

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

database="$work/continuity.db"
token=$(artifacts/bin/Continuity.Benchmarks/release/Continuity.Benchmarks api-db "$database" | tail -n 1)
connection="Data Source=$database"

"$cli" serve --urls "http://127.0.0.1:$PORT" --connection-string "$connection" >"$work/serve.log" 2>&1 &
server=$!
base="http://127.0.0.1:$PORT"
for _ in $(seq 1 150); do
  curl -fs "$base/healthz" >/dev/null 2>&1 && break
  sleep 0.2
done
curl -fs "$base/healthz" >/dev/null || { cat "$work/serve.log"; exit 1; }

sql() {
  local value
  value=$(sqlite3 "$database" "$1")
  [[ -n $value ]] || { echo "No row for: $1" >&2; exit 1; }
  echo "$value"
}

server_cpu_ms() {
  awk -v t="$(getconf CLK_TCK)" '{ printf "%.0f", ($14 + $15) * 1000 / t }' "/proc/$server/stat"
}

first_request_ms() { # url [curl options …]
  local url=$1
  shift
  curl -s -o /dev/null -w '%{time_total}' "$@" "$url" | awk '{ printf "%.0f", $1 * 1000 }'
}
