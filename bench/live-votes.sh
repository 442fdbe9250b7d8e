#!/usr/bin/env bash
# Live voting under load: starts the jar (embedded, or two nodes on a redis-server of its own),
# runs VoteLoad against it and prints latency and throughput figures.
# Usage: bench/live-votes.sh [embedded|redis] [clients] [votes each] [votes per second each]
#        (after: mvn -B -ntp -q package -DskipTests, so the jar and the test classes exist)
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-embedded}; clients=${2:-50}; votes=${3:-20}; rate=${4:-5}
jar=app/target/where-to-eat.jar
[ -f "$jar" ] && [ -d app/target/test-classes ] || { echo "build first: mvn -B -ntp -q package -DskipTests" >&2; exit 1; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
work=$(mktemp -d); pids=()
cleanup() { for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

# Starts a node (REDIS_URL from the environment) and adds its live URL (same port, /live) to $servers; not in a
# subshell, so its pid is remembered for the cleanup.
# Every simulated client comes from this one loopback address: lift the limits per address
# (older jars ignore the variables).
export MAX_CONNECTIONS_PER_ADDRESS=${MAX_CONNECTIONS_PER_ADDRESS:-10000000}
export SESSIONS_PER_ADDRESS_PER_MINUTE=${SESSIONS_PER_ADDRESS_PER_MINUTE:-1000000}
servers=""
start_node() { # $1: a name for its log
  local http; http=$(free_port)
  PORT=$http HOST=127.0.0.1 java -jar "$jar" >"$work/$1.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 200); do grep -q "ready in" "$work/$1.log" 2>/dev/null && break; sleep 0.05; done
  servers="${servers:+$servers,}ws://127.0.0.1:$http/live"
}

if [ "$mode" = redis ]; then
  port=$(free_port)
  redis-server --port "$port" --bind 127.0.0.1 --save "" --appendonly no --dir "$work" >"$work/redis.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 100); do redis-cli -p "$port" ping >/dev/null 2>&1 && break; sleep 0.05; done
  export REDIS_URL="redis://127.0.0.1:$port"
  start_node a
  start_node b
else
  start_node a
fi
echo "mode $mode, servers $servers"
java -cp "$jar:app/target/test-classes" com.wheretoeat.app.VoteLoad "$servers" "$clients" "$votes" "$rate"
