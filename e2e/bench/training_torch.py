"""The PyTorch side of the training benchmark (e2e/bench/training.sh runs it; TrainingBenchmark reads
its last output line, one JSON object).

The plain loop a user would write for the trainer's model: nn.Sequential(Linear(20, 64), ReLU,
Linear(64, 64), ReLU, Linear(64, 1)), BCEWithLogitsLoss, Adam, a new shuffle every epoch, batches
taken from the in-memory tensors by index (no DataLoader: its per-row collation would only make
PyTorch slower), loss.item() every step as a typical loop does to log it, and at the end the loss
and accuracy on the validation split, as the trainer's final checkpoint computes them. A short
warm-up run comes first; only the full run is timed.

Usage: training_torch.py DATA_FILE --batch B --epochs E --lr LR --threads N --seed S --warmup-rows W [--repeats R]
(with R above 1 the full run is timed R times and the fastest counts)

DATA_FILE (written by TrainingData.java): a 32-byte little-endian header, int32 magic 0x54424e31,
int32 version 1, int32 train rows, int32 validation rows, int32 features, 3 int32 zeros; then
float32 train features (rows x features, row-major), train labels, validation features, labels.
"""
import argparse
import json
import os
import resource
import sys
import time

MAGIC = 0x54424E31


def read_data(path):
    import numpy as np
    with open(path, "rb") as f:
        header = np.frombuffer(f.read(32), dtype="<i4")
        if header[0] != MAGIC or header[1] != 1:
            raise SystemExit(f"{path}: not a training benchmark data file (version 1)")
        rows, validation_rows, width = int(header[2]), int(header[3]), int(header[4])
        body = np.frombuffer(f.read(), dtype="<f4")
    expected = (rows + validation_rows) * (width + 1)
    if body.size != expected:
        raise SystemExit(f"{path}: {body.size} floats, expected {expected}")
    at = 0
    parts = []
    for count in (rows * width, rows, validation_rows * width, validation_rows):
        parts.append(body[at:at + count])
        at += count
    x, y, vx, vy = parts
    return (x.reshape(rows, width), y.reshape(rows, 1), vx.reshape(validation_rows, width),
            vy.reshape(validation_rows, 1))


def blas_library():
    """Which BLAS the process mapped (Debian's torch goes through the libblas.so.3 alternative)."""
    try:
        with open("/proc/self/maps") as maps:
            names = {line.split()[-1] for line in maps if "blas" in line.lower() and "/" in line}
    except OSError:
        return None
    return ", ".join(sorted(os.path.realpath(n) for n in names)) or None


def cpu_ticks():
    """(all CPUs' jiffies, their busy jiffies, this process's own jiffies), as TrainingRun.cpuTicks."""
    try:
        with open("/proc/stat") as f:
            cpu = [int(v) for v in f.readline().split()[1:9]]
        with open("/proc/self/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return sum(cpu), sum(cpu) - cpu[3] - cpu[4], int(fields[11]) + int(fields[12])
    except (OSError, ValueError, IndexError):
        return None


def others_cpu_busy(before, after):
    """The share of all CPUs other processes kept busy in between (0 on an idle machine)."""
    if before is None or after is None or after[0] <= before[0]:
        return None
    return max(0.0, ((after[1] - before[1]) - (after[2] - before[2])) / (after[0] - before[0]))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("data")
    parser.add_argument("--batch", type=int, required=True)
    parser.add_argument("--epochs", type=int, required=True)
    parser.add_argument("--lr", type=float, required=True)
    parser.add_argument("--threads", type=int, required=True)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--warmup-rows", type=int, default=None, help="rows of the warm-up epoch (default: all)")
    parser.add_argument("--repeats", type=int, default=1)
    args = parser.parse_args()
    try:
        import torch
        from torch import nn
    except ImportError as e:
        print(json.dumps({"error": str(e)}))
        sys.exit(3)

    torch.set_num_threads(args.threads)
    torch.set_num_interop_threads(1)
    torch.manual_seed(args.seed)
    x, y, vx, vy = read_data(args.data)
    x, y, vx, vy = (torch.from_numpy(a.copy()) for a in (x, y, vx, vy))
    width = x.shape[1]

    def train(rows, epochs):
        model = nn.Sequential(nn.Linear(width, 64), nn.ReLU(), nn.Linear(64, 64), nn.ReLU(), nn.Linear(64, 1))
        loss_fn = nn.BCEWithLogitsLoss()
        optimizer = torch.optim.Adam(model.parameters(), lr=args.lr)
        xs, ys = x[:rows], y[:rows]
        batch = min(args.batch, rows)
        started = time.perf_counter()
        total, steps = 0.0, 0
        model.train()
        for _ in range(epochs):
            order = torch.randperm(rows)
            for start in range(0, rows, batch):
                index = order[start:start + batch]
                optimizer.zero_grad()
                loss = loss_fn(model(xs[index]), ys[index])
                loss.backward()
                optimizer.step()
                total += loss.item()
                steps += 1
        model.eval()
        with torch.no_grad():
            logits = model(vx)
            val_loss = loss_fn(logits, vy).item()
            val_accuracy = ((logits > 0).float() == vy).float().mean().item()
        seconds = time.perf_counter() - started
        return seconds, steps, total / steps, val_loss, val_accuracy

    train(min(args.warmup_rows or x.shape[0], x.shape[0]), 1)
    ticks_before = cpu_ticks()
    runs = [train(x.shape[0], args.epochs) for _ in range(args.repeats)]
    others = others_cpu_busy(ticks_before, cpu_ticks())
    seconds, steps, train_loss, val_loss, val_accuracy = min(runs, key=lambda run: run[0])
    print(json.dumps({
        "rows": int(x.shape[0]), "epochs": args.epochs, "batch": args.batch, "steps": steps, "seconds": seconds,
        "samplesPerSecond": args.epochs * x.shape[0] / seconds, "allSeconds": [run[0] for run in runs],
        "othersCpuBusy": others, "trainLoss": train_loss, "valLoss": val_loss,
        "valAccuracy": val_accuracy, "threads": torch.get_num_threads(), "interopThreads": torch.get_num_interop_threads(),
        "peakRssBytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
        "torchVersion": torch.__version__, "blas": blas_library(),
    }))


if __name__ == "__main__":
    main()
