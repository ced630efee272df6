#!/usr/bin/env bash
# Single-client latency of cutPlan (HTTP GraphQL) on generator data: one plan per ring (target p50 ≤ 30 ms at scale 1)
# and province-wide plans from every factory located in one of the provinces with the most factories (target ≤ 2 s),
# with the size of each cut graph. Build, generate (or reuse), import (or reuse: the same gen-/db- dirs as
# run-trace-latency.sh), start the service, measure, stop the service, print the report. See bench/README.md; the
# steps shared with the other benches are in bench/common.sh.
#
#   bench/run-cut-plan.sh [--scale 1] [--gen DIR] [--db DIR] [--rings 0] [--warmup 200] [--seed 42] [--provinces 5]
#                         [--runs 5] [--fresh] [--no-build]
#
# --rings N      ring plans to measure after the warm-up ones (0 = every ring, the warm-up ones included)
# --provinces N  how many provinces (most factories first); --runs N timed runs of each, after 1 warm-up
# --gen, --db, --fresh, --no-build: as for run-trace-latency.sh
# Environment: BENCH_DIR (default ${TMPDIR:-/tmp}/sourcetrace-bench), BENCH_HTTP_PORT (18199), BENCH_BOLT_PORT
# (17799), BENCH_SERVICE_HEAP (2g), BENCH_PAGE_CACHE (1g), BENCH_MAVEN_LOCK, JAVA25_HOME.
set -euo pipefail
cd "$(dirname "$0")/.."

scale=1 gen="" db="" rings=0 warmup=200 seed=42 provinces=5 runs=5 fresh=false build=true db_given=false
while [ $# -gt 0 ]; do
  case "$1" in
    --scale) scale=$2; shift 2 ;;
    --gen) gen=$2; shift 2 ;;
    --db) db=$2; db_given=true; shift 2 ;;
    --rings) rings=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    --provinces) provinces=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --fresh) fresh=true; shift ;;
    --no-build) build=false; shift ;;
    *) echo "unknown option $1 (see the header of $0)" >&2; exit 2 ;;
  esac
done
work=${BENCH_DIR:-${TMPDIR:-/tmp}/sourcetrace-bench}
gen=${gen:-$work/gen-$scale}
db=${db:-$work/db-$scale}
# not the trace bench's 18099 / 17699: the two can be set up side by side (though not on the same db at once)
http_port=${BENCH_HTTP_PORT:-18199}
bolt_port=${BENCH_BOLT_PORT:-17799}
heap=${BENCH_SERVICE_HEAP:-2g}
page_cache=${BENCH_PAGE_CACHE:-1g}
mkdir -p "$work"
name=run-cut-plan app="$work/app-cut-plan"
. bench/common.sh
java=$(bench_find_java)

if $build; then bench_build; fi
bench_stage
bench_data
bench_start_service

"$java" -Xms512m -Xmx1g -XX:+UseG1GC -cp "$client_cp" org.sourcetrace.bench.CutPlanBench --data "$gen" \
  --graphql "http://localhost:$http_port/graphql" --rings "$rings" --warmup "$warmup" --seed "$seed" \
  --provinces "$provinces" --runs "$runs" --out bench/target/cut-plan --commit "$(bench_commit)" --scale "$scale" \
  --store-size "$(du -sh "$db" | cut -f1)" --service-jvm "$(bench_service_text)"
