// Command fashion times nn's training on Fashion-MNIST (784-256-128-10,
// ReLU, softmax + cross-entropy, Adam 1e-3, batch 128, float64) and prints
// seconds per epoch and the test accuracy, for comparison with
// bench/peers.py, which trains the same network in PyTorch and
// scikit-learn, and bench/table.py, which times them all. It reads the IDX
// files of the Debian package dataset-fashion-mnist (nn.LoadMNIST); with
// -synthetic it trains on random inputs of the same shapes instead (for
// timing only).
//
//	go run ./bench/fashion -epochs 3
//	GOEXPERIMENT=simd go run ./bench/fashion -epochs 3
package main

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
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
		train, test, err := nn.LoadMNIST(dir, nn.FashionMNISTClasses)
		if err != nil {
			return err
		}
		X, Y = train.X, nn.OneHot(train.Labels, train.Classes)
		Xt, Yt = test.X, nn.OneHot(test.Labels, test.Classes)
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
