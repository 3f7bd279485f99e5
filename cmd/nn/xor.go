package main

// nn xor: the notes' 2-2-1 sigmoid network trained on XOR (§8), and the
// gates it learned.

import (
	"context"
	"flag"
	"fmt"
	"io"
	"math"
	"math/rand/v2"

	"example.com/nn"
)

var cmdXOR = &command{
	Name:      "xor",
	UsageLine: "xor [-seed 17] [-eta 2] [-epochs 5000] [-every 500]",
	Short:     "train the notes' 2-2-1 sigmoid network on XOR (§8) and show its gates",
	Long: `
Xor trains the notes' 2-2-1 sigmoid network on XOR (§8) by batch gradient
descent on the squared error L = ½(a − y)², averaged over the four patterns
(the loss nn.MSE: half the squared error summed over the outputs, here one,
so half of PyTorch's MSELoss), and shows what it learned: the loss as
training goes, the truth table with the network's outputs, and the gate each
hidden unit has become.

With the default seed the hidden units learn NAND and OR and the output their
AND, as in the notes; other seeds may find an equivalent pair of gates, or
(about one seed in five) a local minimum that misses a pattern.

Example:

	nn xor -seed 3 -every 1000
`,
	Flags: func(fs *flag.FlagSet) func(context.Context, []string, io.Writer, io.Writer) error {
		seed := fs.Uint64("seed", 17, "seed of the random initial weights")
		eta := fs.Float64("eta", 2, "learning rate η")
		epochs := fs.Int("epochs", 5000, "epochs of batch gradient descent")
		every := fs.Int("every", 500, "print the loss every this many epochs")
		return func(_ context.Context, args []string, stdout, _ io.Writer) error {
			if err := noArgs(args); err != nil {
				return err
			}
			if *every < 1 {
				return usageError("-every %d must be ≥ 1", *every)
			}
			if *epochs < 1 {
				return usageError("-epochs %d must be ≥ 1", *epochs)
			}
			if !(*eta > 0) || math.IsInf(*eta, 0) {
				return usageError("-eta %v must be > 0 and finite", *eta)
			}
			return runXOR(stdout, *seed, *eta, *epochs, *every)
		}
	},
}

// runXOR is the XOR demonstration: train, then print the truth table and
// the gates.
func runXOR(out io.Writer, seed uint64, eta float64, epochs, every int) error {
	X, Y := nn.XOR()
	rng := rand.New(rand.NewPCG(seed, 0))
	net, err := nn.New([]int{2, 2, 1}, []nn.Activation{nn.Sigmoid{}, nn.Sigmoid{}}, nn.XavierUniform, rng)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "XOR with a 2-2-1 sigmoid network (notes §8): seed %d, η = %g, loss ½(a − y)² averaged over the 4 patterns, batch gradient descent\n", seed, eta)
	fmt.Fprintf(out, "%7s  %s\n", "epoch", "loss")
	final, err := net.TrainGD(X, Y, nn.MSE{}, eta, epochs, func(epoch int, loss float64) {
		if epoch == 1 || epoch%every == 0 {
			fmt.Fprintf(out, "%7d  %.6f\n", epoch, loss)
		}
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "final loss %.6f\n\n", final)

	hidden := net.Gates(1)
	fmt.Fprintf(out, "x1 x2 | XOR | output  | h1 h2\n")
	correct := 0
	for i := range X.Rows {
		x := X.Row(i)
		_, a := net.Forward(x)
		y := Y.At(i, 0)
		if (a[2][0] > 0.5) == (y == 1) {
			correct++
		}
		fmt.Fprintf(out, " %g  %g |  %g  | %.4f  | %.2f %.2f\n", x[0], x[1], y, a[2][0], a[1][0], a[1][1])
	}
	fmt.Fprintf(out, "%d of 4 patterns classified correctly\n\n", correct)
	for j, t := range hidden {
		fmt.Fprintf(out, "hidden unit %d: %s\n", j+1, gate(t))
	}
	fmt.Fprintf(out, "output:        %s of the hidden units, which is %s of the inputs\n",
		net.OutputGate().Of("h1", "h2"), gate(net.Gates(2)[0]))
	return nil
}

// gate names a truth table and prints it.
func gate(t nn.TruthTable) string {
	bits := ""
	for _, b := range t {
		if b {
			bits += "1"
		} else {
			bits += "0"
		}
	}
	return fmt.Sprintf("%-5s (on 00 01 10 11: %s)", t, bits)
}
