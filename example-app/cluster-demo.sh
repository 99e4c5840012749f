#!/usr/bin/env bash
# The order-scoring example across two hosts on one Linux machine: a host agent (role "model") and
# the driver, each in a network namespace of its own with a private /dev/shm, joined by a bridge.
# Needs root (ip netns) and iproute2. Usage: example-app/cluster-demo.sh [orders]
set -euo pipefail
cd "$(dirname "$0")/.."
ORDERS="${1:-50000}"
TAG="cgdemo$$"
HUB="$TAG-hub"; DRIVER_NS="$TAG-1"; AGENT_NS="$TAG-2"
DRIVER_IP=10.214.0.2; AGENT_IP=10.214.0.3

if [ "$(id -u)" != 0 ] || ! command -v ip >/dev/null; then
  echo "cluster-demo.sh needs root and iproute2 (ip netns) to make two hosts on this machine;" >&2
  echo "on two real machines, start io.cgraph.cluster.HostAgent on one and ClusterScoringApp on the other." >&2
  exit 2
fi

echo "building the example (mvn package)..."
mvn -B -q -pl example-app -am -DskipTests package dependency:build-classpath \
  -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=runtime
CP="example-app/target/classes:$(cat example-app/target/cp.txt)"
FLAGS="$(sed -n 's:.*<chronicle.jvm.flags>\(.*\)</chronicle.jvm.flags>.*:\1:p' pom.xml)"
JAVA="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}/bin/java"

AGENT_PID=""
cleanup() {
  [ -n "$AGENT_PID" ] && kill "$AGENT_PID" 2>/dev/null && wait "$AGENT_PID" 2>/dev/null || true
  for ns in "$DRIVER_NS" "$AGENT_NS" "$HUB"; do
    ip netns pids "$ns" 2>/dev/null | xargs -r kill -9 2>/dev/null || true
    ip netns del "$ns" 2>/dev/null || true
  done
}
trap cleanup EXIT

ip netns add "$HUB"
ip netns exec "$HUB" ip link add br0 type bridge
ip netns exec "$HUB" ip link set br0 up
i=0
for pair in "$DRIVER_NS:$DRIVER_IP" "$AGENT_NS:$AGENT_IP"; do
  ns="${pair%%:*}"; addr="${pair##*:}"; i=$((i + 1))
  ip netns add "$ns"
  ip link add "${TAG}v$i" type veth peer name "${TAG}h$i"
  ip link set "${TAG}v$i" netns "$ns"
  ip link set "${TAG}h$i" netns "$HUB"
  ip netns exec "$HUB" ip link set "${TAG}h$i" master br0 up
  ip netns exec "$ns" ip addr add "$addr/24" dev "${TAG}v$i"
  ip netns exec "$ns" ip link set "${TAG}v$i" up
  ip netns exec "$ns" ip link set lo up
done
# Each "host" gets its own /dev/shm: no shared memory between them, only the network.
on() { local ns="$1"; shift; exec ip netns exec "$ns" unshare -m --propagation private sh -c \
  'mount -t tmpfs -o size=512m,mode=1777 tmpfs /dev/shm && exec "$@"' sh "$@"; }

LOG="$(mktemp)"
# shellcheck disable=SC2086
on "$AGENT_NS" "$JAVA" $FLAGS -cp "$CP" io.cgraph.cluster.HostAgent --name model-host \
  --bind "$AGENT_IP:2552" --seed "$AGENT_IP:2552" --role model >"$LOG" 2>&1 &
AGENT_PID=$!
for _ in $(seq 1 120); do
  grep -q "cgraph host agent model-host up" "$LOG" && break
  kill -0 "$AGENT_PID" 2>/dev/null || { cat "$LOG"; echo "the host agent exited" >&2; exit 1; }
  sleep 0.5
done
grep "cgraph host agent" "$LOG"
# shellcheck disable=SC2086
(on "$DRIVER_NS" "$JAVA" $FLAGS -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$CP" \
  io.cgraph.example.ClusterScoringApp --bind "$DRIVER_IP:2551" --seed "$AGENT_IP:2552" --orders "$ORDERS")
