#!/usr/bin/python3
"""Measures every row of the README's speed table in one interleaved run and
prints the table in Markdown, with the machine it ran on.

Run it by hand from the repository's root (go test never runs it):

    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 bench/table.py

Options: -rounds N (default 3), -epochs N (default 2, Fashion-MNIST epochs per
system per round). It needs Go 1.26, python3-torch and python3-sklearn, and
Fashion-MNIST in /usr/share/datasets/fashion-mnist; about 5 minutes on a
2-core machine.

It builds bench/fashion and the package's benchmarks twice, with `go build`
and with GOEXPERIMENT=simd, then runs rounds. In each round every system
trains the Fashion-MNIST network (784-256-128-10, ReLU, softmax +
cross-entropy, Adam 1e-3, batch 128, float64) for the given epochs, one
after the other, each in its own process: nn in both builds at GOMAXPROCS 1
and 2 (bench/fashion), PyTorch with its default Adam and with
Adam(foreach=True), as installed, and with one thread, and scikit-learn's
MLPClassifier (bench/peers.py epochs). Then the small networks: nn's
BenchmarkSmallNets in both builds (XOR 2-2-1 for 10,000 epochs of TrainGD,
digits 64-32-10 for 100 epochs of Adam) against PyTorch on XOR and
scikit-learn on digits, both on one thread (bench/peers.py xor, digits).
Each figure is the median over all rounds; the range is that of the rounds'
medians. Only the time of training counts, not loading the data.
"""
import datetime, os, platform, re, statistics, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PY = "/usr/bin/python3"
PEERS = os.path.join(ROOT, "bench", "peers.py")


def cpu_times():
    """The CPU time so far from /proc/stat (Linux; None elsewhere): the total and the part stolen by the hypervisor."""
    try:
        with open("/proc/stat") as f:
            fields = [int(x) for x in f.readline().split()[1:]]
    except (OSError, ValueError):
        return None
    return sum(fields[:8]), fields[7] if len(fields) > 7 else 0


def env(**kw):
    e = {k: v for k, v in os.environ.items() if k not in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")}
    e.update(kw)
    return e


def run(cmd, **kw):
    return subprocess.run(cmd, cwd=ROOT, env=env(**kw), check=True, capture_output=True, text=True).stdout


def build(tmp):
    """Builds bench/fashion and the test binary in both builds; returns their paths by build."""
    bins = {}
    for build, extra in (("go build", {}), ("GOEXPERIMENT=simd", {"GOEXPERIMENT": "simd"})):
        tag = "plain" if not extra else "simd"
        fashion, tests = os.path.join(tmp, "fashion-" + tag), os.path.join(tmp, "nn-" + tag + ".test")
        run(["go", "build", "-o", fashion, "./bench/fashion"], **extra)
        run(["go", "test", "-c", "-o", tests, "."], **extra)
        bins[build] = (fashion, tests)
    return bins


def epochs_of(out):
    """The seconds per epoch in the output of bench/fashion or peers.py epochs."""
    return [float(m.group(1)) for m in re.finditer(r"^epoch\s+(?:\d+\s+)?([\d.]+)", out, re.M)]


def fashion_systems(bins, torch_threads):
    """(row name, command, environment) for each Fashion-MNIST system, in the order they run."""
    one = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"}
    rows = []
    for build, (fashion, _) in bins.items():
        for procs in ("2", "1"):
            rows.append((f"nn, `{build}`, GOMAXPROCS={procs}", [fashion, "-epochs", "{E}"], {"GOMAXPROCS": procs}))
    rows += [
        (f"PyTorch, default Adam, as installed (OpenBLAS {torch_threads} threads)", [PY, PEERS, "epochs", "torch"], {}),
        ("PyTorch, Adam(foreach=True), as installed", [PY, PEERS, "epochs", "foreach"], {}),
        ("PyTorch, default Adam, OpenBLAS 1 thread", [PY, PEERS, "epochs", "torch"], one),
        ("scikit-learn MLPClassifier, as installed", [PY, PEERS, "epochs", "sklearn"], {}),
    ]
    return rows


def small_nets(bins, rounds):
    """Medians in seconds of nn's small networks in each build, PyTorch's XOR and scikit-learn's digits."""
    one = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"}
    got = {}
    for _ in range(rounds):
        for build, (_, tests) in bins.items():
            # One GOMAXPROCS a command: with -test.cpu 1,2 Go's testing measures
            # a b.Loop benchmark's first value at the last (golang/go#49980).
            for cpus in ("1", "2"):
                out = run([tests, "-test.run", "^$", "-test.bench", "SmallNets", "-test.cpu", cpus])
                for m in re.finditer(r"^BenchmarkSmallNets/(\S+?)/\S+?(?:-2)?\s+\d+\s+([\d.]+) ns/op", out, re.M):
                    net = m.group(1).split("-")[0]
                    got.setdefault((build, net, cpus), []).append(float(m.group(2)) / 1e9)
        out = run([PY, PEERS, "xor", "digits"], **one)
        got.setdefault("xor", []).append(float(re.search(r"xor.*?\t([\d.]+) s", out).group(1)))
        got.setdefault("digits", []).append(float(re.search(r"digits.*?\t([\d.]+) s", out).group(1)))
    return {k: statistics.median(v) for k, v in got.items()}


def machine():
    model = "unknown CPU"
    flags = ""
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name") and model == "unknown CPU":
                model = line.split(":", 1)[1].strip()
            if line.startswith("flags") and not flags:
                flags = line
    vec = "AVX-512" if " avx512f" in flags else "AVX2" if " avx2" in flags else "no AVX2"
    go = run(["go", "version"]).split()[2]
    # PyTorch's own thread pool has one thread here; its products run in
    # OpenBLAS, whose threads threadpoolctl (a scikit-learn dependency) reports.
    versions = run([PY, "-c", "import torch, sklearn, threadpoolctl; "
                    "print(torch.__version__, sklearn.__version__, "
                    "max([p['num_threads'] for p in threadpoolctl.threadpool_info() if p['internal_api'] == 'openblas'] or [0]))"]).split()
    return model, vec, go, versions


def fmt(s):
    return f"{s:.2f}" if s >= 1 else f"{s:.3f}"


def main():
    rounds, epochs = 3, 2
    args = sys.argv[1:]
    while args:
        flag, value = args[0], int(args[1])
        if flag == "-rounds":
            rounds = value
        elif flag == "-epochs":
            epochs = value
        else:
            sys.exit(f"table.py: unknown flag {flag}")
        args = args[2:]
    model, vec, go, (torch_v, sklearn_v, torch_threads) = machine()
    start = datetime.datetime.now(datetime.timezone.utc)
    load0, cpu0 = os.getloadavg()[0], cpu_times()
    with tempfile.TemporaryDirectory() as tmp:
        bins = build(tmp)
        systems = fashion_systems(bins, torch_threads)
        per_round = {name: [] for name, _, _ in systems}
        accuracy = {}
        for r in range(rounds):
            for name, cmd, extra in systems:
                cmd = [c.replace("{E}", str(epochs)) for c in cmd]
                out = run(cmd, EPOCHS=str(epochs), **extra)
                times = epochs_of(out)
                if len(times) != epochs:
                    sys.exit(f"table.py: {name}: want {epochs} epoch times, got:\n{out}")
                per_round[name].append(times)
                if m := re.search(r"test accuracy ([\d.]+)", out):
                    accuracy.setdefault(name, set()).add(m.group(1))
                print(f"round {r + 1}: {name}: {times}", file=sys.stderr)
        small = small_nets(bins, rounds)
    load1, cpu1 = os.getloadavg()[0], cpu_times()
    steal = ""
    if cpu0 and cpu1 and cpu1[0] > cpu0[0]:
        # A virtual machine's CPUs are shared: the part of the machine's CPU time during the run that the hypervisor took.
        steal = f"; {100 * (cpu1[1] - cpu0[1]) / (cpu1[0] - cpu0[0]):.0f}% of the CPU time stolen by the hypervisor"

    print(f"Measured with `bench/table.py -rounds {rounds} -epochs {epochs}` on {start:%Y-%m-%d %H:%M} UTC: "
          f"{model} ({vec}), {os.cpu_count()} CPUs, {platform.system()}, Go {go.removeprefix('go')}, "
          f"PyTorch {torch_v}, scikit-learn {sklearn_v}; load average {load0:.1f} before, {load1:.1f} after{steal}. "
          f"Other machines give other figures: run the script there.")
    print()
    print("Fashion-MNIST 784-256-128-10, ReLU, softmax + cross-entropy, Adam 1e-3, batch 128, float64, "
          f"{rounds} interleaved rounds (each runs every row once, in this order) of {epochs} epochs:")
    print()
    print("| system | s/epoch (median) | range of the rounds | ÷ PyTorch default |")
    print("|---|---|---|---|")
    med = {name: statistics.median([t for ts in v for t in ts]) for name, v in per_round.items()}
    base = med[systems[4][0]]
    for name, _, _ in systems:
        rm = [statistics.median(ts) for ts in per_round[name]]
        print(f"| {name} | {fmt(med[name])} | {fmt(min(rm))}–{fmt(max(rm))} | {med[name] / base:.2f} |")
    print()
    print("Test accuracy after these epochs: " + "; ".join(f"{name.removeprefix('nn, ')} {', '.join(sorted(a))}" for name, a in accuracy.items()) + ".")
    print()
    print(f"Small networks, one CPU (GOMAXPROCS=1; GOMAXPROCS=2 in brackets), medians of {rounds} rounds:")
    print()
    print("| network | nn `go build` | nn `GOEXPERIMENT=simd` | peer, 1 thread | peer ÷ nn `go build` | peer ÷ nn simd |")
    print("|---|---|---|---|---|---|")
    for net, title, peer, label in (("xor", "XOR 2-2-1, 10,000 epochs of full-batch gradient descent", "xor", "PyTorch"),
                                    ("digits", "digits 64-32-10, 100 epochs of Adam, batch 200", "digits", "scikit-learn")):
        plain, simd = small[("go build", net, "1")], small[("GOEXPERIMENT=simd", net, "1")]
        plain2, simd2 = small[("go build", net, "2")], small[("GOEXPERIMENT=simd", net, "2")]
        print(f"| {title} | {1e3 * plain:.1f} ms ({1e3 * plain2:.1f}) | {1e3 * simd:.1f} ms ({1e3 * simd2:.1f}) | "
              f"{label} {1e3 * small[peer]:.0f} ms | {small[peer] / plain:.1f}× | {small[peer] / simd:.1f}× |")


if __name__ == "__main__":
    main()
