#!/usr/bin/env bash
# Start-up on an existing store (issue 13): how long from launching the service until /actuator/health says UP, and
# the CPU it spent, started as `java -jar` and as graph-service/run.sh (extracted jar + JDK 25 AOT cache; its first
# start records the cache and is reported apart). Generates and imports the scale's data if needed (bench/common.sh).
#
#   bench/run-startup.sh [--scale 1] [--runs 3] [--no-build]
#
# Environment: BENCH_DIR, BENCH_HTTP_PORT (18199), BENCH_BOLT_PORT (17799), BENCH_SERVICE_HEAP (2g),
# BENCH_PAGE_CACHE (1g), JAVA25_HOME. The report goes to bench/target/startup/report-<scale>.md.
set -euo pipefail
cd "$(dirname "$0")/.."

scale=1 runs=3 build=true fresh=false db_given=false gen="" db=""
command_line="bench/run-startup.sh $*"
while [ $# -gt 0 ]; do
  case "$1" in
    --scale) scale=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --no-build) build=false; shift ;;
    *) echo "unknown option $1 (see the header of $0)" >&2; exit 2 ;;
  esac
done
work=${BENCH_DIR:-${TMPDIR:-/tmp}/sourcetrace-bench}
gen=$work/gen-$scale db=$work/db-$scale
http_port=${BENCH_HTTP_PORT:-18199} bolt_port=${BENCH_BOLT_PORT:-17799}
heap=${BENCH_SERVICE_HEAP:-2g} page_cache=${BENCH_PAGE_CACHE:-1g}
out=bench/target/startup
mkdir -p "$work" "$out"
name=run-startup app="$work/app-startup"
. bench/common.sh
java=$(bench_find_java)
if $build; then bench_build; fi
bench_stage
bench_data

clk=$(getconf CLK_TCK)
# one start: launch, poll health every 200 ms (each poll is a curl process: polling faster takes CPU from the
# start), read the process's CPU, stop it by its PID (gracefully: run.sh's
# first start writes its cache on the way out). Prints: seconds-to-UP cpu-seconds spring-started-line
one_start() {
  local log=$work/startup-$1.log pid t0 t1 cpu
  t0=$(date +%s%N)
  env SOURCETRACE_AUDIT_FILE="$work/audit-startup/audit.jsonl" SOURCETRACE_DATA_DIR="$db" SOURCETRACE_DEMO_LOAD=false \
    SOURCETRACE_BOLT_PORT="$bolt_port" SOURCETRACE_PAGE_CACHE="$page_cache" PORT="$http_port" \
    SOURCETRACE_RUN_DIR="$app/run" JAVA25_HOME="$(dirname "$(dirname "$java")")" \
    JAVA_OPTS="-Xms$heap -Xmx$heap -XX:+UseG1GC" "${@:2}" > "$log" 2>&1 &
  pid=$!
  until curl -sf "http://localhost:$http_port/actuator/health" 2>/dev/null | grep -q '"status":"UP"'; do
    kill -0 "$pid" 2>/dev/null || { echo "the service stopped; see $log" >&2; exit 1; }
    sleep 0.2
  done
  t1=$(date +%s%N)
  cpu=$(awk -v clk="$clk" '{ printf "%.1f", ($14 + $15) / clk }' "/proc/$pid/stat")
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo "$(( (t1 - t0) / 1000000 )) $cpu $(sed -n 's/.*Started SourceTraceApplication in \([0-9.]*\) seconds (process running for \([0-9.]*\)).*/\1|\2/p' "$log")"
}

rm -rf "$app/run"
report=$out/report-$scale.md
{
  echo "# Start-up on an existing store, scale $scale"
  echo
  echo "$(date -u '+%Y-%m-%d %H:%M') UTC, commit $(bench_commit), $(nproc) cores, load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "store: $db ($(du -sh "$db" | cut -f1)), heap $heap, page cache $page_cache; command: $command_line"
  echo
  echo "| start | run | health UP (s) | CPU (s) | Spring's 'Started in' (s) | process running for (s) |"
  echo "|---|---:|---:|---:|---:|---:|"
} > "$report"
row() { read -r ms cpu spring <<< "$3"; echo "| $1 | $2 | $(awk -v m="$ms" 'BEGIN{printf "%.2f", m/1000}') | $cpu | ${spring%%|*} | ${spring##*|} |" >> "$report"; }
for i in $(seq 1 "$runs"); do
  say "java -jar, run $i"; row "java -jar" "$i" "$(one_start plain-$i "$java" -Xms"$heap" -Xmx"$heap" -XX:+UseG1GC $neo4j_flags -jar "$jar")"
done
say "run.sh, first start (records the AOT cache)"; row "run.sh, first (records the cache)" 1 "$(one_start aot-train graph-service/run.sh)"
for i in $(seq 1 "$runs"); do
  say "run.sh with its cache, run $i"; row "run.sh with the AOT cache" "$i" "$(one_start aot-$i graph-service/run.sh)"
done
echo >> "$report"; echo "AOT cache: $(du -h "$app"/run/*/app.aot | cut -f1)" >> "$report"
cat "$report"
