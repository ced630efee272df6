#!/usr/bin/env bash
# Import speed (issue 13): the same generated files imported into a fresh embedded store by the merge import (at each
# batch size given) and by the empty-store bulk import (`import --bulk`: the same validation, then Neo4j's own offline
# importer), --runs rounds, the paths alternating within a round. Each import is the service's exec jar as a command,
# timed whole (JVM start to exit) and by its own report line. Generates the scale's data if needed (bench/common.sh).
#
#   bench/run-import.sh [--scale 1] [--runs 2] [--batches 10000,2500] [--no-build]
#
# Environment: BENCH_DIR, BENCH_SERVICE_HEAP (2g), JAVA25_HOME. Report: bench/target/import/report-<scale>.md.
set -euo pipefail
cd "$(dirname "$0")/.."

scale=1 runs=2 batches=10000 build=true fresh=false db_given=false gen="" db=""
command_line="bench/run-import.sh $*"
while [ $# -gt 0 ]; do
  case "$1" in
    --scale) scale=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --batches) batches=$2; shift 2 ;;
    --no-build) build=false; shift ;;
    *) echo "unknown option $1 (see the header of $0)" >&2; exit 2 ;;
  esac
done
work=${BENCH_DIR:-${TMPDIR:-/tmp}/sourcetrace-bench}
gen=$work/gen-$scale
heap=${BENCH_SERVICE_HEAP:-2g}
out=bench/target/import
mkdir -p "$work" "$out"
name=run-import app="$work/app-import"
. bench/common.sh
java=$(bench_find_java)
if $build; then bench_build; fi
bench_stage
bench_generate

target=$work/import-target
# one import into a fresh store: prints "wall-seconds cpu-seconds report-line"
one_import() {
  local log=$work/import-$1.log t0 t1
  rm -rf "$target"
  t0=$(date +%s%N)
  /usr/bin/env SOURCETRACE_DATA_DIR="$target" SOURCETRACE_BOLT_PORT=0 \
    "$java" -Xmx"$heap" $neo4j_flags -jar "$jar" import "${@:2}" "$gen" --logging.level.root=WARN > "$log" 2>&1 \
    || { echo "the import failed; see $log" >&2; exit 1; }
  t1=$(date +%s%N)
  echo "$(( (t1 - t0) / 1000000 )) $(grep -E '^Imported [0-9]|^Into' "$log" | tr '\n' ' ')"
}

report=$out/report-$scale.md
{
  echo "# Import into a fresh embedded store, scale $scale"
  echo
  echo "$(date -u '+%Y-%m-%d %H:%M') UTC, commit $(bench_commit), $(nproc) cores, load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "data: $gen ($(grep -c '' "$gen"/*.csv | awk -F: '{ s += $2 - 1 } END { print s }') records), heap $heap; command: $command_line"
  echo
  echo "| path | round | command wall (s) | records/s over the command | its report |"
  echo "|---|---:|---:|---:|---|"
} > "$report"
records=$(grep -c '' "$gen"/*.csv | awk -F: '{ s += $2 - 1 } END { print s }')
row() {
  local ms=${2%% *} rest=${2#* }
  echo "| $1 | $3 | $(awk -v m="$ms" 'BEGIN{printf "%.1f", m/1000}') | $(awk -v m="$ms" -v r="$records" 'BEGIN{printf "%.0f", r*1000/m}') | $rest |" >> "$report"
}
for i in $(seq 1 "$runs"); do
  for b in ${batches//,/ }; do
    say "round $i: merge import, batches of $b"; row "merge, batches of $b" "$(one_import "merge-$b-$i" "--sourcetrace.import.batch-size=$b")" "$i"
  done
  say "round $i: bulk import"; row "bulk (--bulk)" "$(one_import "bulk-$i" --bulk)" "$i"
done
rm -rf "$target"
cat "$report"
