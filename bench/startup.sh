#!/usr/bin/env bash
# How long the jar takes to be ready in embedded mode, from JVM start to its "ready" log line.
# Usage: bench/startup.sh [runs]   (after: mvn -B -ntp -q package -DskipTests)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10}
jar=app/target/where-to-eat.jar
[ -f "$jar" ] || { echo "build first: mvn -B -ntp -q package -DskipTests" >&2; exit 1; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
times=()
for _ in $(seq "$runs"); do
  out=$(mktemp)
  PORT=$(free_port) HOST=127.0.0.1 java ${JAVA_OPTS:-} -jar "$jar" >"$out" 2>&1 &
  pid=$!
  for _ in $(seq 200); do grep -q "ready in" "$out" && break; sleep 0.05; done
  times+=("$(grep -o 'ready in [0-9]*' "$out" | grep -o '[0-9]*$')")
  kill -TERM "$pid"; wait "$pid" || true; rm -f "$out"
done
printf '%s\n' "${times[@]}" | sort -n | awk -v runs="$runs" '
  { t[NR] = $1 } END { printf "ready in (ms, JVM uptime) over %d runs: min %d  median %d  max %d\n", runs, t[1], t[int((NR + 1) / 2)], t[NR] }'
