#!/usr/bin/env bash
# Runs the built service (./mvnw -pl graph-service -am package) the fast way: the runnable jar extracted into
# plain jars, started with a JDK 25 AOT cache (JEP 483/514/515: classes loaded and linked, method profiles), which
# takes the start on an existing scale-1 store from ~26-31 s to ~8-14 s on two cores (bench/run-startup.sh). The
# first start of a build has no cache yet: it records one while it runs and writes it when it stops (SIGTERM or
# Ctrl-C; a killed JVM writes none and the next start records again). Arguments go to the service, e.g.
#   graph-service/run.sh                      the service (environment variables as in the README)
#   graph-service/run.sh import DIR           the import command
# Environment: JAVA25_HOME (else JAVA_HOME, /usr/lib/jvm/*, SDKMAN), JAVA_OPTS (extra JVM options),
# SOURCETRACE_RUN_DIR (where the extracted jars and the cache go; default graph-service/target/run).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

java=""
for home in "${JAVA25_HOME:-}" "${JAVA_HOME:-}" /usr/lib/jvm/* "$HOME"/.sdkman/candidates/java/*; do
  [ -n "$home" ] && [ -x "$home/bin/java" ] || continue
  v=$("$home/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
  if [ "${v%%.*}" -ge 25 ] 2>/dev/null; then java="$home/bin/java"; break; fi
done
[ -n "$java" ] || { echo "run.sh: no JDK 25 found (set JAVA25_HOME)" >&2; exit 1; }

jar=$(ls "$here"/target/graph-service-*-exec.jar 2>/dev/null | head -1 || true)
[ -n "$jar" ] || { echo "run.sh: no runnable jar; build it first: ./mvnw -pl graph-service -am package -DskipTests" >&2; exit 1; }
# the JVM flags Neo4j needs, from the one place the build takes them from
flags=$(sed -n 's:.*<neo4j.jvm.flags>\(.*\)</neo4j.jvm.flags>.*:\1:p' "$here/../pom.xml")

# One folder per build of the jar: an AOT cache only fits the exact jars it was recorded with.
dir=${SOURCETRACE_RUN_DIR:-$here/target/run}/$(sha256sum "$jar" | cut -c1-16)
if [ ! -f "$dir/graph-service.jar" ]; then
  rm -rf "$dir.tmp"
  "$java" -Djarmode=tools -jar "$jar" extract --destination "$dir.tmp" > /dev/null
  mv "$dir.tmp/$(basename "$jar")" "$dir.tmp/graph-service.jar"
  rm -rf "$dir"; mv "$dir.tmp" "$dir"
fi
if [ -f "$dir/app.aot" ]; then
  aot="-XX:AOTCache=$dir/app.aot"
else
  aot="-XX:AOTCacheOutput=$dir/app.aot"
  echo "run.sh: first start of this build: recording its AOT cache, written to $dir/app.aot when the service stops" >&2
fi
# -Xlog: the cache's own notes about classes it cannot hold (generated ones) are not the operator's concern
# shellcheck disable=SC2086
exec "$java" $aot -Xlog:aot*=error $flags ${JAVA_OPTS:-} -jar "$dir/graph-service.jar" "$@"
