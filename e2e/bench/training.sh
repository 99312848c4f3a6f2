#!/usr/bin/env bash
# Training benchmark, on demand (never in CI or `mvn verify`): the trainer's own training loop
# (services/trainer ModelTraining: DJL 0.32, PyTorch engine, CPU) against the plain PyTorch loop a
# user would write (e2e/bench/training_torch.py, Debian python3-torch) with the same MLP
# (20-64-64-1), batch size, optimizer (Adam, same learning rate), epochs, thread count and data,
# at batch 32 and 256 and 1 and 2 threads, in one run. Reported as samples/s and the ratio
# Java / PyTorch per cell. Goal (the issue): >= 1.0x in every cell.
#
# Usage:  e2e/bench/training.sh                                   # 50k rows x 3 epochs, best of 3 (~3 minutes)
#         BENCH_ROWS=10000 BENCH_EPOCHS=1 BENCH_REPEATS=1 e2e/bench/training.sh   # quick smoke run
#
# What it does: builds services/trainer and what it depends on (mvn, offline, tests skipped; never
# `install`), writes the trainer's runtime classpath, compiles e2e/src/test/java/ml/pipeline/e2e/bench
# /Training*.java with javac into e2e/target/bench/training-classes; generates the data once (fixed
# seed) as a little-endian float32 file in e2e/target/bench that both sides read (not timed). Then,
# per cell, one fresh JVM (ModelTraining: a short warm-up run, then the timed full runs, the fastest
# of BENCH_REPEATS counting; peak RSS is
# VmHWM of that JVM) and one fresh /usr/bin/python3 (the same: warm-up, then the timed loop). Prints
# one table and writes the figures to e2e/target/bench/training.json. (The Training* classes reach the
# trainer and DJL by reflection, TrainingTrainer, so that they also compile with e2e's tests, whose
# class path has neither; they only run from here.)
#
# Threads: both sides get N intra-op threads and 1 inter-op thread (Java: -Dai.djl.pytorch.num_threads=N,
# -Dai.djl.pytorch.num_interop_threads=1; Python: torch.set_num_threads(N), set_num_interop_threads(1)),
# with OMP_NUM_THREADS=N and OPENBLAS_NUM_THREADS=1 in both environments.
#
# Environment:
#   BENCH_ROWS             training rows (default 50000)
#   BENCH_VALIDATION_ROWS  validation rows, measured at the trainer's final checkpoint (default 5000)
#   BENCH_EPOCHS           epochs of the timed run (default 3)
#   BENCH_WARMUP_ROWS      rows of the one-epoch warm-up run on each side (default: all BENCH_ROWS)
#   BENCH_REPEATS          timed runs per cell and side in the same process, the fastest counts (default 3)
#   BENCH_BATCHES          batch sizes (default "32 256")
#   BENCH_THREADS          thread counts (default "1 2")
#   BENCH_LR               Adam's learning rate (default 0.001)
#   BENCH_SEED             data and model seed (default 42)
#   BENCH_XMX              -Xmx of the measured JVMs (default 512m)
#   BENCH_PYTHON           the Python with torch (default /usr/bin/python3, the system one that sees
#                          Debian packages; pyenv's shims come first on PATH and have no torch)
#   BENCH_OFFLINE          0 lets Maven download missing dependencies (default: offline, -o)
#   JAVA_HOME              a JDK >= 21 (else the newest under /usr/lib/jvm is used)
# PyTorch: if `import torch` fails, or libopenblas0-pthread is missing (Debian's torch then runs on the
# reference BLAS, ~15x slower), the script says how to install them
# (apt-get install -y python3-torch libopenblas0-pthread) and, as root with apt-get and outside CI
# (CI unset), installs them itself.
set -euo pipefail

E2E="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROOT="$(cd "$E2E/.." && pwd)"
OUT="$E2E/target/bench"
CLASSES="$OUT/training-classes"
TRAINER_CLASSPATH="$OUT/trainer-classpath.txt"
BENCH_SOURCES="$E2E/src/test/java/ml/pipeline/e2e/bench"
PYTHON="${BENCH_PYTHON:-/usr/bin/python3}"
TORCH_PACKAGES="python3-torch libopenblas0-pthread"
MIN_JAVA=21

die() { echo "training: $*" >&2; exit 1; }

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

have_torch() { "$PYTHON" -c 'import torch' 2>/dev/null; }

have_openblas() { # only checkable on Debian; elsewhere assume the user's torch brings its own BLAS
  command -v dpkg-query >/dev/null || return 0
  [ "$PYTHON" = /usr/bin/python3 ] || return 0
  dpkg-query -W -f='${Status}' libopenblas0-pthread 2>/dev/null | grep -q 'install ok installed'
}

ensure_torch() { # without torch the benchmark still runs, but shows no ratio
  have_torch && have_openblas && return
  if have_torch; then
    echo "libopenblas0-pthread is not installed: Debian's torch would run on the reference BLAS (~15x slower)."
  else
    echo "torch is not importable by $PYTHON."
  fi
  echo "Install them with: apt-get install -y $TORCH_PACKAGES"
  if [ "$(id -u)" = 0 ] && [ -z "${CI:-}" ] && [ "$PYTHON" = /usr/bin/python3 ] && command -v apt-get >/dev/null; then
    local log="$OUT/apt-torch.log"
    echo "Installing $TORCH_PACKAGES (root, apt-get available, not CI; log: $log; a few hundred MB)..."
    # The package lists may be missing or stale on a fresh machine: update once if the first try fails.
    # shellcheck disable=SC2086
    { DEBIAN_FRONTEND=noninteractive apt-get install -y -q $TORCH_PACKAGES \
        || { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q $TORCH_PACKAGES; }; } >"$log" 2>&1 \
      || { tail -5 "$log"; echo "Could not install $TORCH_PACKAGES (see $log)."; }
  fi
  have_torch || echo "Continuing without torch: the table will have no PyTorch figures and no ratio."
  have_torch && ! have_openblas && echo "Continuing without libopenblas0-pthread: the PyTorch figures are on the reference BLAS."
  return 0
}

build() { # the trainer's classes and runtime classpath, then the benchmark's classes (not the whole e2e module)
  local offline=-o
  [ "${BENCH_OFFLINE:-1}" = 0 ] && offline=""
  if [ "$(java_major "$JAVA_HOME")" -ge 23 ]; then # Maven 3.8's Guava warns about sun.misc.Unsafe on JDK 23+
    export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
  fi
  command -v mvn >/dev/null || die "Maven (mvn) is not on PATH. Install it, e.g. 'apt-get install maven'."
  echo "Building services/trainer (mvn $offline -pl services/trainer -am compile, tests skipped)..."
  local log="$OUT/training-build.log"
  # The reactor builds trainer last, so the classpath file ends up as the trainer's.
  (cd "$ROOT" && mvn -B -q $offline -Dstyle.color=never -pl services/trainer -am compile dependency:build-classpath \
      -DskipTests -DincludeScope=runtime -Dmdep.outputFile="$TRAINER_CLASSPATH") >"$log" 2>&1 \
    || { sed 's/\x1b\[[0-9;]*m//g' "$log" | grep -E 'ERROR' | head -20; die "the trainer build failed (all of it: $log). A missing dependency: rerun with BENCH_OFFLINE=0."; }
  CLASSPATH_JARS="$ROOT/services/trainer/target/classes:$(cat "$TRAINER_CLASSPATH")"
  echo "Compiling the benchmark (javac)..."
  rm -rf "$CLASSES"
  "$JAVA_HOME/bin/javac" --release "$MIN_JAVA" -Xlint:all -d "$CLASSES" -cp "$CLASSPATH_JARS" "$BENCH_SOURCES"/Training*.java \
    || die "the benchmark does not compile against the trainer (above); ModelTraining's API may have changed."
}

main() {
  mkdir -p "$OUT"
  find_jdk
  ensure_torch
  build
  # DJL: natives from the pytorch-native-cpu jar, extracted once into the checkout's cache (as the
  # trainer's tests do); never a download, no tracking.
  export DJL_CACHE_DIR="${DJL_CACHE_DIR:-$ROOT/.pipeline/djl-cache}" ENGINE_CACHE_DIR="${ENGINE_CACHE_DIR:-$ROOT/.pipeline/djl-cache}"
  export OPT_OUT_TRACKING=true BENCH_PYTHON="$PYTHON" BENCH_TORCH_SCRIPT="$E2E/bench/training_torch.py"
  unset PYTORCH_VERSION PYTORCH_FLAVOR
  # Which code was measured (read-only git; --no-optional-locks: not even the index's stat cache is written).
  if command -v git >/dev/null && git -C "$ROOT" rev-parse --git-dir >/dev/null 2>&1; then
    BENCH_CODE_VERSION=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
    git --no-optional-locks -C "$ROOT" diff --quiet HEAD -- core services/modeling services/trainer 2>/dev/null \
      || BENCH_CODE_VERSION="$BENCH_CODE_VERSION + uncommitted changes in core/services"
    export BENCH_CODE_VERSION
  fi
  echo "Running (JDK $(java_major "$JAVA_HOME") at $JAVA_HOME)..."
  "$JAVA_HOME/bin/java" -cp "$CLASSES:$CLASSPATH_JARS" ml.pipeline.e2e.bench.TrainingBenchmark "$OUT"
}

main "$@"
