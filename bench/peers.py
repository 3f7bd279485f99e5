#!/usr/bin/python3
"""Times nn's peers on the networks of nn's speed table (README, "Speed").

  fashion  Fashion-MNIST 784-256-128-10, ReLU, softmax + cross-entropy,
           Adam 1e-3, batch 128, float64: seconds per epoch in PyTorch
           (1 thread and as installed) and scikit-learn (MLPClassifier).
  step     one training step of the Fashion-MNIST network on a random batch
           of 128 (as nn's BenchmarkTrainStep): milliseconds per step in
           PyTorch, 1 thread and as installed (the median of 3 runs of 20).
  xor      XOR 2-2-1, sigmoid, MSE, 10,000 epochs of full-batch gradient
           descent (η = 2) in PyTorch float64, 1 thread.
  digits   digits 64-32-10 (testdata/digits.csv.gz, 80% for training),
           ReLU, Adam 1e-3, batch 200, 100 epochs, in scikit-learn (its
           products in OpenBLAS: one thread with the variables below, else
           as installed).
  epochs torch|foreach|sklearn
           for bench/table.py: the seconds of each Fashion-MNIST epoch of one
           system (PyTorch's default Adam, Adam(foreach=True), scikit-learn).

Run as  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 bench/peers.py fashion
for PyTorch as installed, and with OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 added for one
thread (OpenBLAS, which PyTorch calls for the products, reads them before the script runs).
Needs python3-torch and python3-sklearn (Debian); go test never runs it.
"""
import gzip, os, sys, time, warnings
import numpy as np

FASHION = "/usr/share/datasets/fashion-mnist"


def idx(path):
    with gzip.open(path) as f:
        b = f.read()
    dims = b[3]
    shape = [int.from_bytes(b[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(b, np.uint8, offset=4 + 4 * dims).reshape(shape)


def threads_label():
    """Sets PyTorch to one thread if OpenBLAS was told to use one, and names the setting."""
    import torch
    if os.environ.get("OPENBLAS_NUM_THREADS") == "1":
        torch.set_num_threads(1)
        return "1 thread"
    return f"as installed ({torch.get_num_threads()} intra-op threads, OpenBLAS default)"


def fashion_data():
    X = idx(f"{FASHION}/train-images-idx3-ubyte.gz").reshape(-1, 784).astype(np.float64) / 255
    y = idx(f"{FASHION}/train-labels-idx1-ubyte.gz").astype(np.int64)
    return X, y


def fashion_torch(X, y, epochs, foreach=None):
    """Seconds of each of epochs epochs of PyTorch's training, Adam(foreach=foreach)."""
    import torch
    Xt, yt = torch.from_numpy(X), torch.from_numpy(y)
    torch.manual_seed(1)
    net = torch.nn.Sequential(torch.nn.Linear(784, 256), torch.nn.ReLU(), torch.nn.Linear(256, 128),
                              torch.nn.ReLU(), torch.nn.Linear(128, 10)).double()
    opt = torch.optim.Adam(net.parameters(), lr=1e-3, foreach=foreach)
    lossf = torch.nn.CrossEntropyLoss()
    times = []
    for _ in range(epochs):
        start = time.perf_counter()
        perm = torch.randperm(len(Xt))
        for i in range(0, len(Xt), 128):
            b = perm[i:i + 128]
            opt.zero_grad()
            loss = lossf(net(Xt[b]), yt[b])
            loss.backward()
            opt.step()
        times.append(time.perf_counter() - start)
    return times


def fashion_sklearn(X, y, epochs):
    """Seconds of each of epochs one-epoch fits of scikit-learn's MLPClassifier."""
    from sklearn.neural_network import MLPClassifier
    times = []
    for _ in range(epochs):
        clf = MLPClassifier((256, 128), solver="adam", learning_rate_init=1e-3, batch_size=128, max_iter=1,
                            alpha=0, shuffle=True, random_state=1)
        start = time.perf_counter()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            clf.fit(X, y)
        times.append(time.perf_counter() - start)
    return times


def fashion(epochs=int(os.environ.get("EPOCHS", "2"))):
    import torch
    X, y = fashion_data()
    threads = threads_label()
    times = fashion_torch(X, y, epochs)
    print(f"pytorch {torch.__version__} f64, {threads}\t{np.median(times):.3f} s/epoch\t(median of {epochs})")
    times = fashion_sklearn(X, y, epochs)
    print(f"scikit-learn MLPClassifier f64\t{np.median(times):.3f} s/epoch\t(median of {epochs})")


def epochs(variant):
    """For bench/table.py: one line "epoch <seconds>" per epoch of one system
    (torch: default Adam; foreach: Adam(foreach=True); sklearn), EPOCHS epochs."""
    n = int(os.environ.get("EPOCHS", "2"))
    X, y = fashion_data()
    if variant == "sklearn":
        times = fashion_sklearn(X, y, n)
    else:
        threads_label()
        times = fashion_torch(X, y, n, foreach=True if variant == "foreach" else None)
    for t in times:
        print(f"epoch\t{t:.4f}")


def step(runs=3, steps=20):
    import torch
    g = torch.Generator().manual_seed(1)
    X = torch.rand(128, 784, dtype=torch.float64, generator=g)
    y = torch.randint(0, 10, (128,), generator=g)
    for threads in [threads_label()]:
        torch.manual_seed(1)
        net = torch.nn.Sequential(torch.nn.Linear(784, 256), torch.nn.ReLU(), torch.nn.Linear(256, 128),
                                  torch.nn.ReLU(), torch.nn.Linear(128, 10)).double()
        lossf = torch.nn.CrossEntropyLoss()
        # PyTorch 1.13 on the CPU steps Adam one tensor at a time unless told
        # foreach=True, which is 13× faster here (7.9 against 0.61 ms a step).
        for foreach in [None, True]:
            opt = torch.optim.Adam(net.parameters(), lr=1e-3, foreach=foreach)
            times = []
            for _ in range(runs):
                start = time.perf_counter()
                for _ in range(steps):
                    opt.zero_grad()
                    lossf(net(X), y).backward()
                    opt.step()
                times.append((time.perf_counter() - start) / steps)
            print(f"pytorch f64 step, {threads}, Adam foreach={foreach}\t{1e3 * np.median(times):.3f} ms/step\t(median of {runs})")


def xor(runs=3):
    import torch
    torch.set_num_threads(1)
    X = torch.tensor([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=torch.float64)
    Y = torch.tensor([[0], [1], [1], [0]], dtype=torch.float64)
    times = []
    for _ in range(runs):
        torch.manual_seed(17)
        net = torch.nn.Sequential(torch.nn.Linear(2, 2), torch.nn.Sigmoid(), torch.nn.Linear(2, 1), torch.nn.Sigmoid()).double()
        opt = torch.optim.SGD(net.parameters(), lr=2.0)
        start = time.perf_counter()
        for _ in range(10000):
            opt.zero_grad()
            loss = 0.5 * ((net(X) - Y) ** 2).sum(dim=1).mean()
            loss.backward()
            opt.step()
        times.append(time.perf_counter() - start)
    print(f"pytorch f64 xor 2-2-1, 10000 epochs\t{np.median(times):.3f} s\t(median of {runs}), loss {loss.item():.4f}")


def digits(runs=3):
    from sklearn.neural_network import MLPClassifier
    here = os.path.dirname(os.path.abspath(__file__))
    d = np.loadtxt(gzip.open(os.path.join(here, "..", "testdata", "digits.csv.gz")), delimiter=",")
    X, y = d[:, :-1], d[:, -1].astype(int)
    rng = np.random.default_rng(1)
    idx = rng.permutation(len(X))[: int(0.8 * len(X))]
    X, y = X[idx], y[idx]
    X = (X - X.mean(0)) / np.where(X.std(0) > 0, X.std(0), 1)
    times = []
    for _ in range(runs):
        clf = MLPClassifier((32,), solver="adam", learning_rate_init=1e-3, batch_size=200, max_iter=100,
                            alpha=1e-4, tol=0, n_iter_no_change=1000, random_state=1)
        start = time.perf_counter()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            clf.fit(X, y)
        times.append(time.perf_counter() - start)
    threads = "1 thread" if os.environ.get("OPENBLAS_NUM_THREADS") == "1" else "OpenBLAS as installed"
    print(f"scikit-learn digits 64-32-10, 100 epochs, {threads}\t{np.median(times):.3f} s\t(median of {runs}), train accuracy {clf.score(X, y):.3f}")


if __name__ == "__main__":
    if sys.argv[1:2] == ["epochs"]:
        epochs(sys.argv[2])
        sys.exit()
    for what in sys.argv[1:] or ["fashion", "xor", "digits"]:
        {"fashion": fashion, "step": step, "xor": xor, "digits": digits}[what]()
