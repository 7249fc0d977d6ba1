#!/usr/bin/env bash
# The test command: installs what the tests need, starts a throw-away PostgreSQL, checks the
# formatting, builds the solution (warnings are errors) and runs the whole test suite once.
# The last line is always "N passed, N failed[, N skipped]"; the exit code is non-zero when
# anything failed. Under CI (CI=true) a skipped test also fails the run.
#
#   ./scripts/test.sh                              everything
#   ./scripts/test.sh --filter-class '*Duration*'  arguments go to the test runner
#
# Environment: CONFIGURATION (Debug), CONTINUITY_TEST_POSTGRES (use this server instead of
# starting one), CONTINUITY_TEST_CHROMIUM (use this Chromium for the browser tests instead of
# Debian's; Graphviz's dot too comes from Debian). The TRX report is written to
# artifacts/test-results/, a failed browser test's screenshot, HTML and console to artifacts/browser/.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$(pwd)
configuration=${CONFIGURATION:-Debug}
results="$root/artifacts/test-results"
ci=false
[[ ${CI:-} == true || ${CI:-} == 1 ]] && ci=true

: "${DOTNET_NOLOGO:=1}" "${DOTNET_CLI_TELEMETRY_OPTOUT:=1}"
export DOTNET_NOLOGO DOTNET_CLI_TELEMETRY_OPTOUT

if [[ $# -eq 1 && ($1 == -h || $1 == --help) ]]; then
    sed -n '2,14s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"
    exit 0
fi

step() { printf '\n==> %s\n' "$*"; }
problems=()
problem() {
    problems+=("$1")
    printf 'FAILED: %s\n' "$1"
}

# Build servers (MSBuild nodes, the compiler server) outlive the build and keep the output pipe
# open, which can hang a CI job; on a developer machine they make the next build faster.
build_flags=()
$ci && build_flags+=(--disable-build-servers)

run_dir=$(mktemp -d)
export CONTINUITY_PG_STATE="$run_dir/postgres-cluster"
postgres_started=false
stop_postgres() {
    if $postgres_started; then
        postgres_started=false
        step "Stopping PostgreSQL"
        scripts/postgres.sh stop || true
    fi
}
# shellcheck disable=SC2317 # called by the EXIT trap
cleanup() {
    stop_postgres
    rm -rf "$run_dir"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

passed=0 failed=0 skipped=0
finish() {
    stop_postgres
    if ((${#problems[@]} > 0)); then
        step "Problems"
        printf '  - %s\n' "${problems[@]}"
    fi
    local summary="$passed passed, $failed failed"
    ((skipped > 0)) && summary+=", $skipped skipped"
    printf '\n%s\n' "$summary"
    if ((${#problems[@]} == 0)); then
        exit 0
    fi
    exit 1
}

# Debian packages the tests need, installed when missing (as root, or with password-less sudo).
install_packages() {
    local missing=("$@")
    ((${#missing[@]} > 0)) || return 0
    local sudo=()
    if [[ $(id -u) -ne 0 ]]; then
        sudo -n true 2>/dev/null || return 1
        sudo=(sudo)
    fi
    echo "Installing ${missing[*]} ..."
    "${sudo[@]}" apt-get update -qq </dev/null &&
        "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" </dev/null
}

# ---------------------------------------------------------------------------------------------
step "Checking tools and packages"
command -v dotnet >/dev/null || {
    problem "the .NET SDK is not installed (see global.json for the version)"
    finish
}
dotnet --version

use_postgres=true
if [[ -n ${CONTINUITY_TEST_POSTGRES:-} ]]; then
    echo "Using the PostgreSQL server in CONTINUITY_TEST_POSTGRES."
    use_postgres=false
elif ! scripts/postgres.sh install; then
    if $ci; then
        problem "PostgreSQL is missing and could not be installed"
        finish
    fi
    echo "WARNING: PostgreSQL is missing; its tests will be skipped."
    use_postgres=false
fi

# Debian's Chromium for the browser tests: Playwright cannot download its own browser here.
if [[ -n ${CONTINUITY_TEST_CHROMIUM:-} ]]; then
    echo "Using the Chromium in CONTINUITY_TEST_CHROMIUM."
elif command -v chromium >/dev/null || install_packages chromium; then
    CONTINUITY_TEST_CHROMIUM=$(command -v chromium)
    export CONTINUITY_TEST_CHROMIUM
    echo "CONTINUITY_TEST_CHROMIUM=$CONTINUITY_TEST_CHROMIUM"
else
    if $ci; then
        problem "Chromium is missing and could not be installed"
        finish
    fi
    echo "WARNING: Chromium is missing; the browser tests will be skipped."
fi

# Further Debian packages the tests need: Graphviz's dot draws the dependency pictures. Without
# it the picture tests skip, and fail under CI.
packages=()
command -v dot >/dev/null || packages+=(graphviz)
if ! install_packages "${packages[@]}"; then
    if $ci; then
        problem "could not install ${packages[*]}"
        finish
    fi
    echo "WARNING: could not install ${packages[*]}; the tests that need them will be skipped."
fi

# ---------------------------------------------------------------------------------------------
step "Restoring packages"
if ! dotnet restore Continuity.slnx "${build_flags[@]}" </dev/null; then
    problem "dotnet restore failed"
    finish
fi

step "Checking formatting"
if dotnet format Continuity.slnx --verify-no-changes --no-restore </dev/null; then
    echo "Formatting is fine."
else
    problem "formatting is off; fix it with: dotnet format Continuity.slnx"
fi

step "Building ($configuration)"
if ! dotnet build Continuity.slnx -c "$configuration" --no-restore "${build_flags[@]}" </dev/null; then
    problem "the build failed; no tests ran"
    finish
fi

# ---------------------------------------------------------------------------------------------
if $use_postgres; then
    step "Starting PostgreSQL"
    postgres_started=true
    if connection=$(scripts/postgres.sh start); then
        export CONTINUITY_TEST_POSTGRES="$connection"
        echo "CONTINUITY_TEST_POSTGRES=$CONTINUITY_TEST_POSTGRES"
    else
        postgres_started=false
        problem "PostgreSQL did not start"
        $ci && finish
        echo "WARNING: running without PostgreSQL; its tests will be skipped."
    fi
fi

step "Running tests"
rm -rf "$results" "$root/artifacts/browser"
runner_status=0
dotnet test --solution Continuity.slnx -c "$configuration" --no-build \
    --results-directory "$results" --report-trx "$@" </dev/null || runner_status=$?
stop_postgres

# ---------------------------------------------------------------------------------------------
step "Results"
shopt -s nullglob
reports=("$results"/*.trx)
if ((${#reports[@]} == 0)); then
    problem "the test runner wrote no report (exit code $runner_status)"
    finish
fi

# One line per test: outcome, a tab, the test's name. TRX writes each result's attributes on one line.
outcomes=$(awk '
    /<UnitTestResult / {
        outcome = ""; name = ""
        if (match($0, / outcome="[^"]*"/)) outcome = substr($0, RSTART + 10, RLENGTH - 11)
        if (match($0, / testName="[^"]*"/)) name = substr($0, RSTART + 11, RLENGTH - 12)
        gsub(/&quot;/, "\"", name); gsub(/&apos;/, "'\''", name)
        gsub(/&lt;/, "<", name); gsub(/&gt;/, ">", name); gsub(/&amp;/, "\\&", name)
        print outcome "\t" name
    }' "${reports[@]}")

count() { grep -cE "^($1)"$'\t' <<<"$outcomes" || true; }
names() { grep -E "^($1)"$'\t' <<<"$outcomes" | cut -f2- | sort | sed 's/^/    /' || true; }
passed=$(count 'Passed')
failed=$(count 'Failed|Error|Timeout|Aborted')
skipped=$(count 'NotExecuted|Inconclusive|NotRunnable|Pending|Disconnected|Warning')
echo "Report: ${reports[*]}"

if ((failed > 0)); then
    echo "Failed:"
    names 'Failed|Error|Timeout|Aborted'
    problems+=("${failed} test(s) failed")
fi
if ((skipped > 0)); then
    echo "Skipped:"
    names 'NotExecuted|Inconclusive|NotRunnable|Pending|Disconnected|Warning'
    if $ci; then
        problems+=("${skipped} test(s) skipped, which fails the run under CI (CI=true)")
    fi
fi
if ((runner_status == 8)); then
    problems+=("no test ran (does the filter match any test?)")
elif ((runner_status != 0 && failed == 0)); then
    problems+=("the test runner exited with code ${runner_status}; see its output above")
fi
finish
