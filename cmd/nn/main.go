// Command nn trains the notes' 2-2-1 sigmoid network on XOR (§8) and shows
// what it learned: the loss as training goes, the truth table with the
// network's outputs, and the gate each hidden unit has become.
//
// Usage:
//
//	go run ./cmd/nn [-seed 17] [-eta 2] [-epochs 5000] [-every 500]
//
// With the default seed the hidden units learn OR and NAND and the output
// their AND, as in the notes; other seeds may find an equivalent pair of
// gates, or (about one seed in five) a local minimum that misses a pattern.
package main

import (
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"

	"example.com/nn"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "nn:", err)
		os.Exit(1)
	}
}

func run(args []string, out io.Writer) error {
	fs := flag.NewFlagSet("nn", flag.ContinueOnError)
	fs.SetOutput(out)
	seed := fs.Uint64("seed", 17, "seed of the random initial weights")
	eta := fs.Float64("eta", 2, "learning rate η")
	epochs := fs.Int("epochs", 5000, "epochs of batch gradient descent")
	every := fs.Int("every", 500, "print the loss every this many epochs")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *every < 1 {
		return fmt.Errorf("-every %d must be ≥ 1", *every)
	}

	X, Y := nn.XOR()
	rng := rand.New(rand.NewPCG(*seed, 0))
	net, err := nn.New([]int{2, 2, 1}, []nn.Activation{nn.Sigmoid{}, nn.Sigmoid{}}, nn.XavierUniform, rng)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "XOR with a 2-2-1 sigmoid network (notes §8): seed %d, η = %g, MSE loss, batch gradient descent\n", *seed, *eta)
	fmt.Fprintf(out, "%7s  %s\n", "epoch", "loss")
	final, err := net.TrainGD(X, Y, nn.MSE{}, *eta, *epochs, func(epoch int, loss float64) {
		if epoch == 1 || epoch%*every == 0 {
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
		net.OutputGate(), gate(net.Gates(2)[0]))
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
