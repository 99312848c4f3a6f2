#!/usr/bin/env bash
# Data-path benchmark, on demand (never in CI or `mvn verify`): how fast core's DatasetValidator and
# FeatureBuilder go through a generated 10-column CSV, against pandas read_csv + describe on the same
# file, and whether the Java side's resident memory stays flat from 1M to 4M rows.
# Goals (the issue): validate+features >= 3x pandas rows/s; peak RSS within 20% between the sizes.
#
# Usage:  e2e/bench/data-path.sh                      # 1M and 4M rows (a few minutes)
#         BENCH_ROWS=100000 e2e/bench/data-path.sh    # quick smoke run: 100k and 400k rows
#
# What it does: builds core (mvn, offline, tests skipped) and compiles the benchmark classes in
# e2e/src/test/java/ml/pipeline/e2e/bench with javac; then, per size, generates the CSV (fixed
# seed) in e2e/target/bench, times validate and features in a fresh JVM with a fixed -Xmx (peak RSS
# is VmHWM of that JVM), and times pandas in /usr/bin/python3. Prints one table and writes the
# figures to e2e/target/bench/data-path.json.
#
# Environment:
#   BENCH_ROWS       sizes, e.g. "1000000 4000000" (the default); a single N runs N and 4N
#   BENCH_XMX        -Xmx of the measured JVMs (default 512m), the same at every size
#   BENCH_SEED       the generator's seed (default 42)
#   BENCH_PYTHON     the Python with pandas (default /usr/bin/python3, the system one that sees Debian
#                    packages; pyenv's shims come first on PATH and have no pandas)
#   BENCH_KEEP_DATA  1 keeps the generated CSVs (about 80 bytes a row) in e2e/target/bench
#   BENCH_OFFLINE    0 lets Maven download missing dependencies (default: offline, -o)
#   JAVA_HOME        a JDK >= 21 (else the newest under /usr/lib/jvm is used)
# pandas: if `import pandas` fails the script says how to install it (apt-get install -y python3-pandas)
# and, as root with apt-get and outside CI (CI unset), installs it itself.
set -euo pipefail

E2E="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROOT="$(cd "$E2E/.." && pwd)"
OUT="$E2E/target/bench"
CLASSES="$OUT/classes"
CORE_CLASSPATH="$OUT/core-classpath.txt"
BENCH_SOURCES="$E2E/src/test/java/ml/pipeline/e2e/bench"
PYTHON="${BENCH_PYTHON:-/usr/bin/python3}"
MIN_JAVA=21

die() { echo "data-path: $*" >&2; exit 1; }

java_major() { # the major version of the JDK at $1, or nothing (as in ./pipeline)
  local release="$1/release" version
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 0
  if [ -f "$release" ]; then
    version=$(sed -n 's/^JAVA_VERSION="\([^"]*\)"/\1/p' "$release")
  else
    version=$("$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -1)
  fi
  version=${version#1.}
  echo "${version%%[.+-]*}"
}

find_jdk() { # JAVA_HOME if it is >= 21, else the newest JDK under /usr/lib/jvm
  if [ -n "${JAVA_HOME:-}" ] && [ "$(java_major "$JAVA_HOME")" -ge "$MIN_JAVA" ] 2>/dev/null; then
    return
  fi
  local best="" best_major=0 dir major
  for dir in /usr/lib/jvm/*/; do
    dir=$(readlink -f "$dir")
    major=$(java_major "$dir")
    if [ -n "$major" ] && [ "$major" -ge "$MIN_JAVA" ] && [ "$major" -gt "$best_major" ]; then
      best=$dir best_major=$major
    fi
  done
  [ -n "$best" ] || die "no JDK $MIN_JAVA or newer found (JAVA_HOME=${JAVA_HOME:-unset}, none under /usr/lib/jvm)."
  export JAVA_HOME="$best"
}

have_pandas() { "$PYTHON" -c 'import pandas' 2>/dev/null; }

ensure_pandas() { # without pandas the benchmark still runs, but shows no ratio
  have_pandas && return
  echo "pandas is not importable by $PYTHON. Install it with: apt-get install -y python3-pandas"
  if [ "$(id -u)" = 0 ] && [ -z "${CI:-}" ] && [ "$PYTHON" = /usr/bin/python3 ] && command -v apt-get >/dev/null; then
    local log="$OUT/apt-pandas.log"
    echo "Installing python3-pandas (root, apt-get available, not CI; log: $log)..."
    # The package lists may be missing or stale on a fresh machine: update once if the first try fails.
    { DEBIAN_FRONTEND=noninteractive apt-get install -y -q python3-pandas \
        || { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q python3-pandas; }; } >"$log" 2>&1 \
      || { tail -5 "$log"; echo "Could not install python3-pandas (see $log)."; }
  fi
  have_pandas || echo "Continuing without pandas: the table will have no pandas figures and no ratio."
}

build() { # core's classes and runtime classpath, then the benchmark classes (not the whole e2e module)
  local offline=-o
  [ "${BENCH_OFFLINE:-1}" = 0 ] && offline=""
  if [ "$(java_major "$JAVA_HOME")" -ge 23 ]; then # Maven 3.8's Guava warns about sun.misc.Unsafe on JDK 23+
    export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
  fi
  command -v mvn >/dev/null || die "Maven (mvn) is not on PATH. Install it, e.g. 'apt-get install maven'."
  echo "Building core (mvn $offline -pl core compile, tests skipped)..."
  local log="$OUT/build.log"
  (cd "$ROOT" && mvn -B -q $offline -Dstyle.color=never -pl core compile dependency:build-classpath -DskipTests \
      -DincludeScope=runtime -Dmdep.outputFile="$CORE_CLASSPATH") >"$log" 2>&1 \
    || { sed 's/\x1b\[[0-9;]*m//g' "$log" | grep -E 'ERROR' | head -20; die "the core build failed (all of it: $log). A missing dependency: rerun with BENCH_OFFLINE=0."; }
  CLASSPATH_JARS="$ROOT/core/target/classes:$(cat "$CORE_CLASSPATH")"
  echo "Compiling the benchmark (javac)..."
  rm -rf "$CLASSES"
  "$JAVA_HOME/bin/javac" --release "$MIN_JAVA" -Xlint:all -d "$CLASSES" -cp "$CLASSPATH_JARS" "$BENCH_SOURCES"/*.java \
    || die "the benchmark does not compile against core (above)."
}

main() {
  mkdir -p "$OUT"
  find_jdk
  ensure_pandas
  build
  echo "Running (JDK $(java_major "$JAVA_HOME") at $JAVA_HOME)..."
  "$JAVA_HOME/bin/java" -cp "$CLASSES:$CLASSPATH_JARS" ml.pipeline.e2e.bench.DataPathBenchmark "$OUT"
}

main "$@"
