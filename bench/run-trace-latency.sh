#!/usr/bin/env bash
# Single-client latency of sourceLookup and traceSource (HTTP GraphQL) and of the same trace query as raw Cypher
# over Bolt, on generator data: build, generate (or reuse), import into a fresh embedded data dir (or reuse), start
# the service, warm up, measure, PROFILE, stop the service, print the table. See bench/README.md; the steps shared
# with the other benches are in bench/common.sh.
#
#   bench/run-trace-latency.sh [--scale 1] [--gen DIR] [--db DIR] [--samples 3000] [--warmup 1000] [--seed 42]
#                              [--fresh] [--no-build]
#
# --gen DIR   generator output to use; generated there when it holds no listings.csv + truth.json
# --db DIR    embedded data dir; imported when it has no import marker (DIR.imported) — an explicitly given,
#             non-empty DIR is trusted to hold that data
# --fresh     regenerate and re-import even when they exist
# Environment: BENCH_DIR (default ${TMPDIR:-/tmp}/sourcetrace-bench), BENCH_HTTP_PORT (18099), BENCH_BOLT_PORT
# (17699), BENCH_SERVICE_HEAP (2g), BENCH_PAGE_CACHE (1g), JAVA25_HOME.
set -euo pipefail
cd "$(dirname "$0")/.."

scale=1 gen="" db="" samples=3000 warmup=1000 seed=42 fresh=false build=true db_given=false
while [ $# -gt 0 ]; do
  case "$1" in
    --scale) scale=$2; shift 2 ;;
    --gen) gen=$2; shift 2 ;;
    --db) db=$2; db_given=true; shift 2 ;;
    --samples) samples=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    --fresh) fresh=true; shift ;;
    --no-build) build=false; shift ;;
    *) echo "unknown option $1 (see the header of $0)" >&2; exit 2 ;;
  esac
done
work=${BENCH_DIR:-${TMPDIR:-/tmp}/sourcetrace-bench}
gen=${gen:-$work/gen-$scale}
db=${db:-$work/db-$scale}
http_port=${BENCH_HTTP_PORT:-18099}
bolt_port=${BENCH_BOLT_PORT:-17699}
heap=${BENCH_SERVICE_HEAP:-2g}
page_cache=${BENCH_PAGE_CACHE:-1g}
mkdir -p "$work"
name=run-trace-latency app="$work/app"
. bench/common.sh
java=$(bench_find_java)

if $build; then bench_build; fi
bench_stage
bench_data
bench_start_service

commit=$(bench_commit)
"$java" -Xms512m -Xmx1g -XX:+UseG1GC --enable-native-access=ALL-UNNAMED -cp "$client_cp" \
  org.sourcetrace.bench.TraceLatency --data "$gen" --graphql "http://localhost:$http_port/graphql" \
  --bolt "bolt://localhost:$bolt_port" --bolt-password-file "$db/bolt-password" --samples "$samples" --warmup "$warmup" --seed "$seed" \
  --out bench/target/trace-latency --commit "$commit" --scale "$scale" --store-size "$(du -sh "$db" | cut -f1)" \
  --service-jvm "$(bench_service_text)"
