#!/usr/bin/env bash
# Chain viewer layout time in Debian's headless Chromium (issue 15: a view of ≤ 500 nodes lays out in ≤ 2 s). Build,
# start the service on a fresh data dir with the demo data (SOURCETRACE_DEMO_LOAD, loaded in the background on first
# start; the client waits for its import job and the suspicion run after it), drive /usr/bin/chromium through
# /usr/bin/chromedriver (no host but this machine resolves), time the demo's distribution network of fac-00031 opened
# through the search box and synthetic saved views of 100/250/500/800 nodes opened through "Open JSON…", with each
# layout (layered, force, circular), stop Chromium and the service by PID, delete the data dir, print the report.
# See bench/README.md; the shared steps are in bench/common.sh.
#
#   bench/run-viewer-layout.sh [--sizes 100,250,500,800] [--layouts layered,force,circular] [--runs 5] [--warmup 1]
#                              [--factory fac-00031] [--keep-data] [--no-build]
#
# --sizes N,…      node counts of the synthetic views (above 500 the viewer draws groups by kind and province)
# --runs / --warmup timed / untimed drawings per view and layout (each: one open and one layout switch)
# --keep-data      keep the scratch dir (data dir, service log, Chromium profile, the view files) afterwards
# --no-build       use what bench/target and graph-service/target hold
# Environment: BENCH_DIR (default ${TMPDIR:-/tmp}/sourcetrace-bench: the jar copies), BENCH_HTTP_PORT (19301),
# BENCH_BOLT_PORT (19401), BENCH_SERVICE_HEAP (1g), BENCH_PAGE_CACHE (256m), BENCH_MAVEN_LOCK, JAVA25_HOME,
# CHROMIUM (/usr/bin/chromium), CHROMEDRIVER (/usr/bin/chromedriver).
set -euo pipefail
cd "$(dirname "$0")/.."

sizes=100,250,500,800 layouts=layered,force,circular runs=5 warmup=1 factory=fac-00031 keep_data=false build=true
command_line="bench/run-viewer-layout.sh${*:+ $*}"
while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) sizes=$2; shift 2 ;;
    --layouts) layouts=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --factory) factory=$2; shift 2 ;;
    --keep-data) keep_data=true; shift ;;
    --no-build) build=false; shift ;;
    *) echo "unknown option $1 (see the header of $0)" >&2; exit 2 ;;
  esac
done
chromium=${CHROMIUM:-/usr/bin/chromium}
chromedriver=${CHROMEDRIVER:-/usr/bin/chromedriver}
for exe in "$chromium" "$chromedriver"; do
  [ -x "$exe" ] || { echo "$exe is missing: apt-get install -y chromium chromium-driver (or set CHROMIUM / CHROMEDRIVER)" >&2; exit 1; }
done
work=${BENCH_DIR:-${TMPDIR:-/tmp}/sourcetrace-bench}
# loopback, not the other benches' ports (18099-18299 / 17699-17899)
http_port=${BENCH_HTTP_PORT:-19301}
bolt_port=${BENCH_BOLT_PORT:-19401}
heap=${BENCH_SERVICE_HEAP:-1g}
page_cache=${BENCH_PAGE_CACHE:-256m}
mkdir -p "$work"
name=run-viewer-layout app="$work/app-viewer-layout"
. bench/common.sh
java=$(bench_find_java)

if $build; then bench_build; fi
bench_stage

# Everything this run writes outside bench/target: the data dir, the audit trail, the service log, Chromium's profile.
scratch=$(mktemp -d /tmp/viewer-bench-XXXXXX)
db="$scratch/neo4j"
export SOURCETRACE_AUDIT_FILE="$scratch/audit/audit.jsonl"
client=""
cleanup() {
  if [ -n "$client" ] && kill -0 "$client" 2>/dev/null; then say "stopping the client (pid $client)"; kill "$client" || true; wait "$client" 2>/dev/null || true; fi
  # a Chromium left by a client that died: the processes started with this run's own profile dir, by PID
  local pid
  for pid in $(grep -lsF -- "$scratch/chromium-profile" /proc/[0-9]*/cmdline 2>/dev/null | cut -d/ -f3); do
    [ "$pid" != "$$" ] && kill "$pid" 2>/dev/null && say "stopped a leftover Chromium process (pid $pid)"
  done
  bench_stop_service
  if $keep_data; then say "kept $scratch"; else rm -rf "$scratch"; fi
}
trap cleanup EXIT

if curl -s -o /dev/null "http://localhost:$http_port/" || (exec 3<>"/dev/tcp/127.0.0.1/$bolt_port") 2>/dev/null; then
  echo "port $http_port or $bolt_port is already in use: set BENCH_HTTP_PORT / BENCH_BOLT_PORT" >&2; exit 1
fi
service_jvm="-Xms$heap -Xmx$heap -XX:+UseG1GC"
log="$scratch/service.log"
say "starting the service on a fresh $db with the demo data (HTTP $http_port, Bolt $bolt_port, $service_jvm, page cache $page_cache); log: $log"
SOURCETRACE_DATA_DIR="$db" SOURCETRACE_DEMO_LOAD=true SOURCETRACE_BOLT_PORT="$bolt_port" \
  SOURCETRACE_PAGE_CACHE="$page_cache" PORT="$http_port" \
  "$java" $service_jvm $neo4j_flags -jar "$jar" > "$log" 2>&1 &
service=$!
started=$(date +%s)
for _ in $(seq 1 240); do
  if curl -sf "http://localhost:$http_port/actuator/health" 2>/dev/null | grep -q '"status":"UP"'; then break; fi
  if ! kill -0 "$service" 2>/dev/null; then echo "the service stopped; its log:" >&2; tail -40 "$log" >&2; exit 1; fi
  sleep 1
done
curl -sf "http://localhost:$http_port/actuator/health" > /dev/null || { echo "the service did not come up; see $log" >&2; exit 1; }
up=$(( $(date +%s) - started ))
say "service up after $up s; measuring in $chromium"

"$java" -Xms256m -Xmx1g -XX:+UseG1GC -cp "$client_cp" org.sourcetrace.bench.ViewerLayoutBench \
  --base "http://localhost:$http_port" --scratch "$scratch" --out bench/target/viewer-layout \
  --sizes "$sizes" --layouts "$layouts" --runs "$runs" --warmup "$warmup" --factory "$factory" \
  --chromium "$chromium" --chromedriver "$chromedriver" --commit "$(bench_commit)" --command "$command_line" \
  --service-jvm "$(bench_service_text)" \
  --service-start "fresh data dir, SOURCETRACE_DEMO_LOAD=true, up in $up s" &
client=$!
wait "$client"
