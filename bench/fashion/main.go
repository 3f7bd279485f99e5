// Command fashion times nn's training on Fashion-MNIST (784-256-128-10,
// ReLU, softmax + cross-entropy, Adam 1e-3, batch 128, float64) and prints
// seconds per epoch and the test accuracy, for comparison with
// bench/peers.py, which trains the same network in PyTorch and
// scikit-learn. It reads the IDX files of the Debian package
// dataset-fashion-mnist; with -synthetic it trains on random inputs of the
// same shapes instead (for timing only).
//
//	go run ./bench/fashion -epochs 3
//	GOEXPERIMENT=simd go run ./bench/fashion -epochs 3
package main

import (
	"compress/gzip"
	"encoding/binary"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"time"

	"example.com/nn"
)

func main() {
	dir := flag.String("data", "/usr/share/datasets/fashion-mnist", "directory of the IDX files")
	epochs := flag.Int("epochs", 3, "epochs to train")
	synthetic := flag.Bool("synthetic", false, "train on 60000 random samples instead of the data")
	flag.Parse()
	if err := run(*dir, *epochs, *synthetic); err != nil {
		fmt.Fprintln(os.Stderr, "fashion:", err)
		os.Exit(1)
	}
}

func run(dir string, epochs int, synthetic bool) error {
	var X, Y, Xt, Yt *nn.Matrix
	if synthetic {
		rng := rand.New(rand.NewPCG(1, 1))
		X, Y = randomSet(rng, 60000)
		Xt, Yt = randomSet(rng, 10000)
	} else {
		var err error
		if X, Y, err = load(dir, "train"); err != nil {
			return err
		}
		if Xt, Yt, err = load(dir, "t10k"); err != nil {
			return err
		}
	}
	net, err := nn.New([]int{784, 256, 128, 10}, []nn.Activation{nn.ReLU{}, nn.ReLU{}, nn.Softmax{}}, nn.HeNormal, rand.New(rand.NewPCG(1, 2)))
	if err != nil {
		return err
	}
	cfg := nn.TrainConfig{Loss: nn.CrossEntropy{}, Optimizer: nn.NewAdam(), Schedule: nn.Constant{LR: 1e-3}, BatchSize: 128, Epochs: epochs,
		Progress: func(s nn.EpochStats) {
			fmt.Printf("epoch %d\t%.3f s\tloss %.4f\n", s.Epoch, s.Time.Seconds(), s.TrainLoss)
		}}
	start := time.Now()
	h, err := net.Train(X, Y, cfg, rand.New(rand.NewPCG(3, 4)))
	if err != nil {
		return err
	}
	total := time.Since(start).Seconds()
	fmt.Printf("nn\t%.3f s/epoch\t(mean of %d)\ttest accuracy %.4f\n", total/float64(len(h.Epochs)), len(h.Epochs), nn.Accuracy(net, Xt, Yt))
	return nil
}

func randomSet(rng *rand.Rand, n int) (X, Y *nn.Matrix) {
	X = nn.NewMatrix(n, 784)
	for i := range X.Data {
		X.Data[i] = rng.Float64()
	}
	labels := make([]int, n)
	for i := range labels {
		labels[i] = rng.IntN(10)
	}
	return X, nn.OneHot(labels, 10)
}

// load reads <set>-images-idx3-ubyte.gz and <set>-labels-idx1-ubyte.gz:
// pixels scaled to [0, 1], labels one-hot.
func load(dir, set string) (X, Y *nn.Matrix, err error) {
	img, err := readIDX(filepath.Join(dir, set+"-images-idx3-ubyte.gz"), 0x803)
	if err != nil {
		return nil, nil, err
	}
	lab, err := readIDX(filepath.Join(dir, set+"-labels-idx1-ubyte.gz"), 0x801)
	if err != nil {
		return nil, nil, err
	}
	n := len(lab)
	if n == 0 || len(img) != n*784 {
		return nil, nil, fmt.Errorf("%s: %d labels but %d pixels", set, n, len(img))
	}
	X = nn.NewMatrix(n, 784)
	for i, p := range img {
		X.Data[i] = float64(p) / 255
	}
	labels := make([]int, n)
	for i, l := range lab {
		if l > 9 {
			return nil, nil, fmt.Errorf("%s: label %d of sample %d", set, l, i)
		}
		labels[i] = int(l)
	}
	return X, nn.OneHot(labels, 10), nil
}

// readIDX returns the bytes of a gzipped IDX file whose magic number is magic.
func readIDX(path string, magic uint32) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	z, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	b, err := io.ReadAll(z)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	if len(b) < 8 || binary.BigEndian.Uint32(b) != magic {
		return nil, fmt.Errorf("%s: not an IDX file with magic %#x", path, magic)
	}
	dims := int(magic & 0xff)
	if len(b) < 4+4*dims {
		return nil, fmt.Errorf("%s: header cut short", path)
	}
	return b[4+4*dims:], nil
}
