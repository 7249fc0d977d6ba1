#!/usr/bin/env bash
# Load test of the web pages against loopback with wrk (Debian package), as docs/performance.md
# records it for issue 9 ("every list and detail page <= 100 ms server time at p95 under 20
# concurrent clients; a dependency picture <= 500 ms; a region what-if <= 1 s; every page
# <= 500 KB of HTML").
#
# Serves the large generated organisation (2,000 functions, 10,000 systems; bench/large-server.sh),
# adds a continuity manager with the CLI, signs in through the sign-in form with curl, times the
# first page (the whole analysis, not yet cached), then for each page: one request to warm it (the
# page's caches for this revision), its size, $WARMUP of load that is not counted (so that the JIT
# has compiled the page's code at its final tier: steady state, not start-up), and wrk with
# $CONNECTIONS clients for $DURATION:
# requests/s, p50, p95, p99, and the server's CPU time per request (what the page costs, whatever
# else runs on the machine). Everything it writes is removed on exit.
#
# Usage: bench/pages-load.sh      (DURATION=10s WARMUP=3s CONNECTIONS=20 THREADS=2 PORT=5199)
#        PAGES="/ /functions" bench/pages-load.sh     only these pages
set -euo pipefail

DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-3s}
CONNECTIONS=${CONNECTIONS:-20}
THREADS=${THREADS:-2}
PORT=${PORT:-5199}

source "$(dirname "${BASH_SOURCE[0]}")/large-server.sh"
password="load-test-$(date +%s)-Pw1!"
echo "$password" | "$cli" users add pages@example.com --role continuity-manager --password-stdin --connection-string "$connection" >/dev/null

# Sign in through the form: the antiforgery cookie and token, then the authentication cookie.
jar="$work/cookies"
form=$(curl -fs -c "$jar" "$base/account/sign-in")
antiforgery=$(sed -nE 's/.*name="__RequestVerificationToken" type="hidden" value="([^"]+)".*/\1/p' <<<"$form" | head -n 1)
curl -fs -b "$jar" -c "$jar" -o /dev/null --data-urlencode "Email=pages@example.com" --data-urlencode "Password=$password" \
  --data-urlencode "__RequestVerificationToken=$antiforgery" "$base/account/sign-in"
# Every cookie of the jar (curl writes HttpOnly ones as comments with a #HttpOnly_ prefix).
cookie=$(awk 'NF == 7 && ($1 !~ /^#/ || $1 ~ /^#HttpOnly_/) { printf "%s=%s; ", $6, $7 }' "$jar")
grep -q continuity.session <<<"$cookie" || { echo "Could not sign in"; exit 1; }

# Names to visit, read from the database.
function=$(sql "SELECT Name FROM business_functions ORDER BY Name LIMIT 1 OFFSET 1000")
# The system most depended on: its page and picture are the busiest.
system=$(sql "SELECT TargetName FROM dependencies WHERE TargetKind = 'System' GROUP BY TargetName ORDER BY count(*) DESC, TargetName LIMIT 1")
vendor=$(sql "SELECT Name FROM vendors ORDER BY Name LIMIT 1")
person=$(sql "SELECT Name FROM people ORDER BY Name LIMIT 1 OFFSET 100")
team=$(sql "SELECT Name FROM teams ORDER BY Name LIMIT 1")
region=$(sql "SELECT Region FROM sites WHERE Region IS NOT NULL AND Type = 'CloudRegion' LIMIT 1")

default_pages="/ /functions /functions?page=20 /functions/$function /systems /systems?q=db /systems/$system /vendors /vendors/$vendor /people /people/$person /teams/$team /sites /risks /scenarios /procedures /roles /backup-policies /dependencies /checks /waivers /functions/$function/bia /functions/$function/picture /systems/$system/picture /recovery-waves /what-if?fail=region:$region /audit"
PAGES=${PAGES:-$default_pages}

echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load average $(cut -d' ' -f1-3 /proc/loadavg)"
# The first page after start pays for loading the plan and running the whole analysis (and the JIT):
# what the first reader after a change waits for.
echo "First request (analysis not cached): $(first_request_ms "$base/" -H "Cookie: $cookie") ms"
printf '%-44s %6s %9s %9s %9s %9s %8s %8s\n' page status KB req/s p50-ms p95-ms p99-ms cpu-ms
for page in $PAGES; do
  url="$base$page"
  status=$(curl -s -o "$work/page.html" -w '%{http_code}' -H "Cookie: $cookie" "$url")
  bytes=$(stat -c %s "$work/page.html")
  if [[ $status != 200 ]]; then
    printf '%-44s %6s %9.1f\n' "$page" "$status" "$(awk -v b="$bytes" 'BEGIN { print b / 1024 }')"
    continue
  fi
  COOKIE=$cookie wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" -s bench/pages-load.lua "$url" >/dev/null
  before=$(server_cpu_ms)
  result=$(COOKIE=$cookie wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" -s bench/pages-load.lua "$url" | grep '^RESULT')
  after=$(server_cpu_ms)
  read -r rps p50 p95 p99 requests <<<"$(sed -E 's/.*rps=([0-9]+) p50=([0-9.]+) p95=([0-9.]+) p99=([0-9.]+) requests=([0-9]+).*/\1 \2 \3 \4 \5/' <<<"$result")"
  printf '%-44s %6s %9.1f %9s %9s %9s %8s %8.2f\n' "$page" "$status" "$(awk -v b="$bytes" 'BEGIN { print b / 1024 }')" "$rps" "$p50" "$p95" "$p99" \
    "$(awk -v a="$before" -v b="$after" -v n="$requests" 'BEGIN { print (b - a) / n }')"
done
echo "Load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
