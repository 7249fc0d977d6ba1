#!/usr/bin/env bash
# End-to-end timings and peak memory of the plan-file commands, as a user runs them.
#
# Builds the CLI in Release, writes the large generated organisation (2,000 functions,
# 10,000 systems, 50,000 dependencies: GenerationOptions.Large) into a temporary folder once,
# then runs, RUNS times each and interleaved (so that load from other processes spreads
# over all of them):
#
#   continuity validate PLAN
#   continuity import PLAN   into a new, empty SQLite file
#   continuity import PLAN   again, into the same file: nothing changes
#   continuity export OUT    from that file
#
# each under /usr/bin/time -v, and prints the wall time, CPU time and peak resident set size (max RSS)
# of every run, then the median, min and max of each against its target. Every number is a
# whole process: start-up, JIT, EF Core model building and the work itself.
# Last (unless BREAKDOWN=0) it prints where the time goes inside one process, phase by phase
# (bench/Continuity.Benchmarks breakdown). Everything it writes is removed on exit.
#
# Usage: bench/plan-io.sh            (RUNS=5 by default)
#        RUNS=3 SIZE=Small BREAKDOWN=0 bench/plan-io.sh
# Exit code: 0 when every command succeeded (whether or not it met its target), 1 otherwise.
set -euo pipefail

RUNS=${RUNS:-5}
SIZE=${SIZE:-Large}            # Large (the targets' size) or Small (a tenth of it)
BREAKDOWN=${BREAKDOWN:-1}
BREAKDOWN_RUNS=${BREAKDOWN_RUNS:-3}

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

# Targets (seconds) from the issue; peak memory under 500 MB (10^6 bytes) for every command.
declare -A target=([validate]=2 [import]=10 [reimport]=5 [export]=3)
rss_target_mb=500
commands=(validate import reimport export)

if [[ ! -x /usr/bin/time ]]; then
  echo "Installing GNU time (Debian package 'time') for peak-memory measurement…"
  apt-get update -qq && apt-get install -y -qq time >/dev/null
fi

work=$(mktemp -d -t continuity-plan-io.XXXXXX)
cleanup() { rm -rf "$work"; }
trap cleanup EXIT

echo "== Build (Release)"
# The command as it is installed: published for this machine's runtime, so ReadyToRun.
rid=$(dotnet --info | awk '/^ *RID:/ {print $2; exit}')
dotnet publish -c Release -r "$rid" -v quiet -nologo -o "$work/cli" src/Continuity.Cli >"$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
dotnet build -c Release -v quiet -nologo bench/Continuity.Benchmarks >>"$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
cli=("$work/cli/continuity")
bench=(dotnet artifacts/bin/Continuity.Benchmarks/release/Continuity.Benchmarks.dll)

echo "== Machine"
echo "cpus: $(nproc), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
echo "memory: $(free -m | awk '/^Mem:/ {print $2 " MiB"}')"
echo ".NET SDK: $(dotnet --version)"
echo "load before: $(uptime | sed 's/.*load average: //')"

echo "== Generate the $SIZE organisation"
"${bench[@]}" generate "$work/plan" "$SIZE"
du -sh "$work/plan" | cut -f1 | sed 's/^/plan size on disk: /'

# run NAME CMD... : runs CMD under /usr/bin/time -v; records seconds and KiB in $work/NAME.times.
run() {
  local name=$1
  shift
  if ! /usr/bin/time -v -o "$work/time.txt" "$@" >"$work/out.txt" 2>&1; then
    echo "'$name' failed:" >&2
    cat "$work/out.txt" "$work/time.txt" >&2
    return 1
  fi
  local seconds cpu kib
  # Elapsed (wall clock) time (h:mm:ss or m:ss): 0:04.58
  seconds=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s}' "$work/time.txt")
  cpu=$(awk -F': ' '/User time|System time/ {s += $2} END {print s}' "$work/time.txt")
  kib=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.txt")
  echo "$seconds $kib $cpu" >>"$work/$name.times"
  awk -v n="$name" -v s="$seconds" -v c="$cpu" -v k="$kib" \
    'BEGIN {printf "  %-9s %7.2f s wall  %7.2f s cpu  %6.0f MB peak RSS\n", n, s, c, k * 1024 / 1e6}'
}

db="$work/continuity.db"
for ((i = 1; i <= RUNS; i++)); do
  echo "== Run $i of $RUNS (load $(uptime | sed 's/.*load average: //'))"
  run validate "${cli[@]}" validate "$work/plan"
  rm -f "$db" "$db-wal" "$db-shm"
  run import "${cli[@]}" import "$work/plan" --connection-string "Data Source=$db"
  run reimport "${cli[@]}" import "$work/plan" --connection-string "Data Source=$db"
  grep -q "Nothing to change" "$work/out.txt" || { echo "The re-import changed something:" >&2; cat "$work/out.txt" >&2; exit 1; }
  rm -rf "$work/export"
  run export "${cli[@]}" export "$work/export" --connection-string "Data Source=$db"
done
diff -rq "$work/plan" "$work/export" >/dev/null && echo "(the export is byte-for-byte the generated plan)"

# stats FILE COLUMN: median min max of one column of a .times file.
stats() {
  sort -n -k"$2","$2" "$1" | awk -v c="$2" '{v[NR] = $c} END {
    m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
    print m, v[1], v[NR]}'
}

echo
echo "== Results: $SIZE organisation, $RUNS runs each, whole process (load after: $(uptime | sed 's/.*load average: //'))"
printf '%-9s %9s %9s %9s %8s %6s %12s   %14s %13s %6s\n' command "median s" "min s" "max s" "target" "" "median cpu s" "median RSS MB" "max RSS MB" ""
for name in "${commands[@]}"; do
  read -r median min max < <(stats "$work/$name.times" 1)
  read -r rss_median _ rss_max < <(stats "$work/$name.times" 2)
  read -r cpu_median _ _ < <(stats "$work/$name.times" 3)
  time_verdict=$(awk -v m="$median" -v t="${target[$name]}" 'BEGIN {print (m < t) ? "pass" : "FAIL"}')
  rss_verdict=$(awk -v m="$rss_max" -v t="$rss_target_mb" 'BEGIN {print (m * 1024 / 1e6 < t) ? "pass" : "FAIL"}')
  printf '%-9s %9.2f %9.2f %9.2f %7s s %6s %12.2f   %14.0f %13.0f %6s\n' "$name" "$median" "$min" "$max" "< ${target[$name]}" "$time_verdict" "$cpu_median" \
    "$(awk -v k="$rss_median" 'BEGIN {print k * 1024 / 1e6}')" "$(awk -v k="$rss_max" 'BEGIN {print k * 1024 / 1e6}')" "$rss_verdict"
done
echo "(time passes when the median wall time is under the target; memory when the largest peak RSS is under $rss_target_mb MB = $rss_target_mb×10^6 bytes."
echo " cpu = user + system time of the process, all its threads: less sensitive than wall time to other processes' load)"

if [[ "$BREAKDOWN" != 0 ]]; then
  echo
  echo "== Where the time goes: phases inside one warm process (bench/Continuity.Benchmarks breakdown $SIZE $BREAKDOWN_RUNS)"
  "${bench[@]}" breakdown "$SIZE" "$BREAKDOWN_RUNS"
fi
