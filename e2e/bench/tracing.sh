#!/usr/bin/env bash
# Tracing benchmark, on demand (never in CI or `mvn verify`): what tracing costs a whole run,
# publish -> ModelPromoted through the six packaged services on the test stack, with tracing on
# (the default: traceparent on every event, spans shipped to the registry) against the
# OpenTelemetry SDK off (quarkus.otel.sdk.disabled=true), in one run. Reported as the median
# seconds of each mode and their ratio (traced / untraced).
#
# Usage:  e2e/bench/tracing.sh                                        # 4 rounds x 4 runs (~8 minutes)
#         BENCH_ROUNDS=2 BENCH_RUNS=1 BENCH_WARMUPS=1 e2e/bench/tracing.sh   # quick smoke run
#
# What it does: builds everything (./pipeline build: the packaged services and the CLI), compiles
# e2e/src/test/java/ml/pipeline/e2e/bench/TracingBenchmark.java with javac against the CLI's class
# path, starts the test stack (kept running after) and, round by round, alternating traced and
# untraced: restarts the six services in that mode, publishes BENCH_WARMUPS untimed datasets, then
# BENCH_RUNS timed ones (each a pipeline of its own, generated churn data of its own seed, so every
# run trains and is promoted). Stops the services after. Prints one table and writes the figures to
# e2e/target/bench/tracing.json. Stop services of the test stack first (./pipeline services down --test).
#
# Environment:
#   BENCH_ROUNDS  rounds, alternating traced/untraced, traced first (default 4)
#   BENCH_RUNS    timed runs per round (default 4)
#   BENCH_WARMUPS untimed runs first in each round (default 3: the first runs after a start are slow)
#   BENCH_ROWS    rows of each generated dataset (default 2000, as the demo)
#   JAVA_HOME     a JDK >= 21 (else the newest under /usr/lib/jvm is used, as ./pipeline does)
set -euo pipefail

E2E="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROOT="$(cd "$E2E/.." && pwd)"
OUT="$E2E/target/bench"
CLASSES="$OUT/tracing-classes"

die() { echo "tracing: $*" >&2; exit 1; }

mkdir -p "$OUT"
"$ROOT/pipeline" build
if [ -z "${JAVA_HOME:-}" ] || [ ! -x "$JAVA_HOME/bin/javac" ]; then
  JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$(ls -d /usr/lib/jvm/*/bin/javac | sort -V | tail -1)")")")"
fi
CLI_CLASSPATH="$(cat "$ROOT/cli/target/cli-classpath.txt"):$ROOT/cli/target/classes"
echo "Compiling the benchmark (javac)..."
rm -rf "$CLASSES"
"$JAVA_HOME/bin/javac" --release 21 -d "$CLASSES" -cp "$CLI_CLASSPATH" "$E2E/src/test/java/ml/pipeline/e2e/bench/TracingBenchmark.java" \
  || die "the benchmark does not compile against the CLI (above)."
"$JAVA_HOME/bin/java" -Dpipeline.root="$ROOT" -cp "$CLASSES:$CLI_CLASSPATH" ml.pipeline.e2e.bench.TracingBenchmark \
  "$OUT" "${BENCH_ROUNDS:-4}" "${BENCH_RUNS:-4}" "${BENCH_ROWS:-2000}" "${BENCH_WARMUPS:-3}"
