#!/usr/bin/env bash
# Soak (issue 16): 64 closed-loop clients, 70 % sourceLookup, 20 % traceSource, 5 % search, 5 % runPattern, for
# 10 minutes against the service on imported generator data; per-minute HdrHistogram percentiles, RSS, threads and
# driver pool, and the verdicts (no error, p99 stable, RSS flat, no leak). See bench/README.md ("Soak"); the
# steps shared with the other benches are in bench/common.sh.
#
#   bench/run-soak.sh [--scale 1] [--gen DIR] [--db DIR] [--clients 64] [--minutes 10] [--warm-up 2] [--seed 42] [--fresh] [--no-build]
#
# Environment: BENCH_DIR (default ${TMPDIR:-/tmp}/sourcetrace-bench), BENCH_HTTP_PORT (18199), BENCH_BOLT_PORT
# (17799), BENCH_SERVICE_HEAP (2g), BENCH_PAGE_CACHE (1g), JAVA25_HOME; BENCH_SERVICE_ENV: extra VAR=value pairs for
# the service (space-separated), e.g. to change its overload or rate limits.
set -euo pipefail
cd "$(dirname "$0")/.."

scale=1 gen="" db="" clients=64 minutes=10 warm=2 seed=42 fresh=false build=true db_given=false
while [ $# -gt 0 ]; do
  case "$1" in
    --scale) scale=$2; shift 2 ;;
    --gen) gen=$2; shift 2 ;;
    --db) db=$2; db_given=true; shift 2 ;;
    --clients) clients=$2; shift 2 ;;
    --minutes) minutes=$2; shift 2 ;;
    --warm-up) warm=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    --fresh) fresh=true; shift ;;
    --no-build) build=false; shift ;;
    *) echo "unknown option $1 (see the header of $0)" >&2; exit 2 ;;
  esac
done
work=${BENCH_DIR:-${TMPDIR:-/tmp}/sourcetrace-bench}
gen=${gen:-$work/gen-$scale}
db=${db:-$work/db-$scale}
http_port=${BENCH_HTTP_PORT:-18199}
bolt_port=${BENCH_BOLT_PORT:-17799}
heap=${BENCH_SERVICE_HEAP:-2g}
page_cache=${BENCH_PAGE_CACHE:-1g}
mkdir -p "$work"
name=run-soak app="$work/app-soak"
. bench/common.sh
java=$(bench_find_java)

if $build; then bench_build; fi
bench_stage
bench_data
# the heap resident from the start, so RSS growth during the run is the page cache, native memory or a leak
export BENCH_SERVICE_JVM_EXTRA=${BENCH_SERVICE_JVM_EXTRA:--XX:+AlwaysPreTouch}
bench_start_service
say "load average before the run: $(cut -d" " -f1-3 /proc/loadavg)"

commit=$(bench_commit)
"$java" -Xms256m -Xmx1g -XX:+UseG1GC -cp "$client_cp" org.sourcetrace.bench.SoakBench --data "$gen" \
  --graphql "http://localhost:$http_port/graphql" --service-pid "$service" --bolt-port "$bolt_port" --clients "$clients" --minutes "$minutes" --warm-up-minutes "$warm" \
  --seed "$seed" --out bench/target/soak --commit "$commit" --scale "$scale" --service-jvm "$(bench_service_text)"
say "load average after the run: $(cut -d" " -f1-3 /proc/loadavg)"
