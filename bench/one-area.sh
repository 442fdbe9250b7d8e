#!/usr/bin/env bash
# The one-area fan-out and capacity benchmark: starts the jar (embedded), joins N clients to ONE area
# (one voter, R readers that time each vote's event, the rest stop reading once joined), has the voter
# vote V times, and prints join time, fan-out to the last reader, server CPU, heap per connection, RSS,
# and what became of the members that do not read.
# Usage: bench/one-area.sh [clients] [readers] [votes] [--interval=500 --handshakes=200 --stall=60 ...]
#        defaults: 1000 50 40   (after: mvn -B -ntp -q package -DskipTests, or -pl app -am and -pl bench -am)
# Further --name=value settings go to the generator (OneArea); JAVA_OPTS to the server, GEN_OPTS to the
# generator.
set -euo pipefail
cd "$(dirname "$0")/.."
# Up to three leading numbers are clients, readers and votes; the rest go to the generator.
numbers=()
while (( $# && ${#numbers[@]} < 3 )) && [[ $1 =~ ^[0-9]+$ ]]; do numbers+=("$1"); shift; done
clients=${numbers[0]:-1000}; readers=${numbers[1]:-50}; votes=${numbers[2]:-40}
jar=app/target/where-to-eat.jar; gen=bench/target/where-to-eat-bench.jar
(( readers + 1 <= clients )) || { echo "$clients clients cannot hold the voter and $readers readers" >&2; exit 2; }
[ -f "$jar" ] && [ -f "$gen" ] || { echo "build first: mvn -B -ntp -q package -DskipTests" >&2; exit 1; }

# Every simulated client comes from this one loopback address: lift the limits per address
# (older jars ignore the variables).
export MAX_CONNECTIONS_PER_ADDRESS=${MAX_CONNECTIONS_PER_ADDRESS:-10000000}
export SESSIONS_PER_ADDRESS_PER_MINUTE=${SESSIONS_PER_ADDRESS_PER_MINUTE:-1000000}

# The server refuses connections beyond its limit (503 before the upgrade). A jar with the
# MAX_CONNECTIONS setting gets it raised to what this run needs; an older one holds a fixed 10,000.
if java -jar "$jar" --help 2>&1 | grep -q '^ *MAX_CONNECTIONS'; then
  export MAX_CONNECTIONS=${MAX_CONNECTIONS:-$(( clients > 10000 ? clients : 10000 ))}
  limit=$MAX_CONNECTIONS
elif (( clients > 10000 )); then
  echo "$clients clients cannot run yet: this server holds at most 10,000 connections" \
    "(WebSocketServerSettings.DEFAULT_MAX_CONNECTIONS) and its jar has no MAX_CONNECTIONS setting to raise it" >&2
  exit 2
else
  limit=10000
fi
if (( clients > limit )); then
  echo "$clients clients is over the server's connection limit MAX_CONNECTIONS=$limit" >&2; exit 2
fi

# Each side holds one descriptor per connection plus its own files: raise the soft limit as far as
# the hard one allows (children inherit it), and refuse a run that cannot fit in it.
hard=$(ulimit -Hn); want=65536
[ "$hard" != unlimited ] && (( hard < want )) && want=$hard
ulimit -n "$want" 2>/dev/null || true
if (( clients + 500 > $(ulimit -n) )); then
  echo "$clients clients need about $(( clients + 500 )) open files per process; the limit is $(ulimit -n)" >&2; exit 2
fi
echo "open files limit $(ulimit -n), server connection limit $limit"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
work=$(mktemp -d); server_pid=""
cleanup() { [ -n "$server_pid" ] && kill -TERM "$server_pid" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

port=$(free_port)
PORT=$port HOST=127.0.0.1 java ${JAVA_OPTS:-} -jar "$jar" >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 300); do
  curl -fs "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break
  kill -0 "$server_pid" 2>/dev/null || { echo "the server did not start:" >&2; cat "$work/server.log" >&2; exit 1; }
  sleep 0.1
done
echo "server pid $server_pid on port $port: $(grep -o 'ready in [0-9]* ms' "$work/server.log" || echo 'not ready?')"

status=0
java ${GEN_OPTS:-} -cp "$gen" com.wheretoeat.bench.OneArea --server="ws://127.0.0.1:$port/live" \
  --clients="$clients" --readers="$readers" --votes="$votes" \
  --pid="$server_pid" --clk-tck="$(getconf CLK_TCK)" "$@" || status=$?

# The server logs each connection it cuts off for not reading (over its outbound backlog); pings
# unanswered for 45 s end a connection without a log line, which the generator's count includes.
echo "server log: $(grep -c 'stopped reading' "$work/server.log" || true) connections closed as too slow (backlog over the limit)"
if grep -qiE 'exception|error' "$work/server.log"; then
  echo "server log lines with errors (first 5):"; grep -iE 'exception|error' "$work/server.log" | head -5
fi
exit $status
