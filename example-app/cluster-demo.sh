#!/usr/bin/env bash
# The order-scoring example across two hosts on one Linux machine: a host agent (role "model") and
# the driver, each in a network namespace of its own with a private /dev/shm, joined by a bridge.
# Needs root (ip netns) and iproute2. Usage: example-app/cluster-demo.sh [orders]
set -euo pipefail
cd "$(dirname "$0")/.."
ORDERS="${1:-50000}"
# shellcheck source=../scripts/lan.sh
. scripts/lan.sh
TAG="cgdemo$$"; PREFIX=10.214.0
DRIVER_NS="$TAG-1"; AGENT_NS="$TAG-2"
DRIVER_IP="$(lan_ip "$PREFIX" 1)"; AGENT_IP="$(lan_ip "$PREFIX" 2)"

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
  lan_down "$TAG" 2
}
trap cleanup EXIT

lan_up "$TAG" "$PREFIX" 2
# Each "host" gets its own /dev/shm: no shared memory between them, only the network.
on() { local ns="$1"; shift; lan_on "$ns" 512m "$@"; }

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
