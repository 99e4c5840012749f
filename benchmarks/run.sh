#!/usr/bin/env bash
# Builds the cgraph benchmarks and runs the whole JMH suite in one run (-prof gc included).
#
#   benchmarks/run.sh [--quick] [--no-build] [JMH options...]
#
#   --quick     every scenario with short iterations (1 fork, 1x1 s warm-up, 1x2 s measurement);
#               indicative only, the whole suite in under 5 minutes
#   --no-build  reuse benchmarks/target/benchmarks.jar
#   anything else goes to JMH, e.g. a regexp to run a subset: benchmarks/run.sh --quick 'Echo.*'
#
# Environment: MVN (default mvn), MVN_ARGS (e.g. -o for an offline build), JAVA (default java),
# BENCH_COMMIT (what to call the measured code when this is not a git checkout).
#
# Output ends with one line per scenario and implementation:
#   RESULT <scenario> <impl> <metric> <value>
# and the report, with the machine and ratios against the baselines of the same run, is written to
# benchmarks/results/latest.md. Do not run two of these at once: they share the CPUs they measure.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

build=1
suite_args=()
for a in "$@"; do
  case "$a" in
    --no-build) build=0 ;;
    *) suite_args+=("$a") ;;
  esac
done

if [[ $build == 1 ]]; then
  echo "== building cgraph-benchmarks (and the modules it needs)"
  # shellcheck disable=SC2086
  "${MVN:-mvn}" -B -q ${MVN_ARGS:-} -pl benchmarks -am package -DskipTests
fi

jar="benchmarks/target/benchmarks.jar"
[[ -f $jar ]] || { echo "missing $jar: run without --no-build" >&2; exit 1; }

# cgraph's JVM options, from the one list (the runtime's cgraph.args, printed by JvmOptions); the forked
# JMH JVMs get the same from BenchBase's @Fork.
mapfile -t flags < <("${JAVA:-java}" -cp "$jar" io.cgraph.runtime.JvmOptions | tr ' ' '\n' | grep -v '^$')
[[ ${#flags[@]} -gt 0 ]] || { echo "could not read cgraph's JVM options from $jar" >&2; exit 1; }

# Which code is measured: the commit, marked -dirty when the working tree has uncommitted changes.
commit="${BENCH_COMMIT:-$(git -C "$root" describe --always --dirty 2>/dev/null || echo unknown)}"
echo "== commit: $commit; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== machine: nproc=$(nproc), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $("${JAVA:-java}" -version 2>&1 | head -1)"
exec "${JAVA:-java}" "${flags[@]}" -cp "$jar" io.cgraph.benchmarks.Suite \
  --out benchmarks/results/latest.md --commit "$commit" ${suite_args[@]+"${suite_args[@]}"}
