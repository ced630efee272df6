#!/usr/bin/env bash
# Region overview and campaign progress on generator data: the materialised suspicion's full run after an import
# (target ≤ 60 s at scale 1) and the single-client latency of regionOverview (province, city, district from the
# stored roll-ups; the province over a window, counted live), campaignProgress and its CSV export (targets: province
# p50 ≤ 200 ms, district ≤ 50 ms, campaignProgress ≤ 200 ms). Build, generate (or reuse), import (or reuse: the same
# gen-/db- dirs as the other benches), copy the store to a scratch dir (the service writes the suspicion, its roll-ups
# and its schema migrations into it: the shared db-<scale> stays as imported), start the service on the copy,
# measure, stop the service, print the report. See bench/README.md; the shared steps are in bench/common.sh.
#
#   bench/run-regions.sh [--scale 1] [--gen DIR] [--db DIR] [--runs 200] [--warmup 50] [--recompute-timeout 900]
#                        [--keep-copy] [--fresh] [--no-build]
#
# --runs N / --warmup N    measured / warm-up rounds (a round calls each of the 7 kinds once)
# --recompute-timeout S    how long to wait for the suspicion run (seconds)
# --keep-copy              keep the scratch copy $BENCH_DIR/db-<scale>-regions afterwards (default: deleted)
# --gen, --db, --fresh, --no-build: as for run-trace-latency.sh (--db is the store copied, never written)
# Environment: BENCH_DIR (default ${TMPDIR:-/tmp}/sourcetrace-bench), BENCH_HTTP_PORT (18299), BENCH_BOLT_PORT
# (17899), BENCH_SERVICE_HEAP (2g), BENCH_PAGE_CACHE (1g), BENCH_MAVEN_LOCK, JAVA25_HOME.
set -euo pipefail
cd "$(dirname "$0")/.."

scale=1 gen="" db="" runs=200 warmup=50 recompute_timeout=900 keep_copy=false fresh=false build=true db_given=false
while [ $# -gt 0 ]; do
  case "$1" in
    --scale) scale=$2; shift 2 ;;
    --gen) gen=$2; shift 2 ;;
    --db) db=$2; db_given=true; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --recompute-timeout) recompute_timeout=$2; shift 2 ;;
    --keep-copy) keep_copy=true; shift ;;
    --fresh) fresh=true; shift ;;
    --no-build) build=false; shift ;;
    *) echo "unknown option $1 (see the header of $0)" >&2; exit 2 ;;
  esac
done
work=${BENCH_DIR:-${TMPDIR:-/tmp}/sourcetrace-bench}
gen=${gen:-$work/gen-$scale}
db=${db:-$work/db-$scale}
# not the trace (18099 / 17699) or cut-plan (18199 / 17799) bench's
http_port=${BENCH_HTTP_PORT:-18299}
bolt_port=${BENCH_BOLT_PORT:-17899}
heap=${BENCH_SERVICE_HEAP:-2g}
page_cache=${BENCH_PAGE_CACHE:-1g}
mkdir -p "$work"
name=run-regions app="$work/app-regions"
. bench/common.sh
java=$(bench_find_java)

if $build; then bench_build; fi
bench_stage
bench_data

# A copy made while a service has the store open could be torn: refuse rather than measure it.
imported=$(cd "$db" && pwd -P)
for fd in /proc/[0-9]*/fd/*; do
  target=$(readlink "$fd" 2>/dev/null) || continue
  case "$target" in
    "$imported"/*) echo "process ${fd#/proc/} has $db open (a service runs on it?): stop it first" >&2; exit 1 ;;
  esac
done
copy="$work/db-$scale-regions"
say "copying $db to $copy (the service writes into its store)"
rm -rf "$copy" "$work/regions-audit"
copy_started=$(date +%s)
cp -r "$db" "$copy"
copy_seconds=$(( $(date +%s) - copy_started ))
store_size=$(du -sh "$db" | cut -f1)
db=$copy
# the audit trail of this run's calls beside the copy, not in the working tree's ./data/audit
export SOURCETRACE_AUDIT_FILE="$work/regions-audit/audit.jsonl"
bench_start_service
cleanup() {
  bench_stop_service
  if ! $keep_copy; then rm -rf "$copy" "$work/regions-audit"; fi
}
trap cleanup EXIT

"$java" -Xms512m -Xmx1g -XX:+UseG1GC -cp "$client_cp" org.sourcetrace.bench.RegionBench --data "$gen" \
  --base "http://localhost:$http_port" --service-log "$work/service-$http_port.log" --runs "$runs" --warmup "$warmup" \
  --recompute-timeout "$recompute_timeout" --out bench/target/regions --commit "$(bench_commit)" --scale "$scale" \
  --store-size "$store_size" --service-jvm "$(bench_service_text)" \
  --store-note "the service ran on a fresh copy of $(basename "$imported") (copied in ${copy_seconds} s)"
