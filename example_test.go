package nn_test

import (
	"fmt"
	"math/rand/v2"

	"example.com/nn"
)

// A perceptron learns AND (§1). It stops with (1, 0) exactly on its line,
// z = w·x + b = 0, which it classifies as 0 only because step(0) = 0.
func ExamplePerceptron_Train() {
	X := nn.FromRows([][]float64{{0, 0}, {0, 1}, {1, 0}, {1, 1}})
	y := []float64{0, 0, 0, 1}
	p := nn.NewPerceptron(2)
	r, err := p.Train(X, y, 1, 100, nil)
	if err != nil {
		panic(err)
	}
	fmt.Printf("converged %v after %d epochs, %d updates: w = %v, b = %v\n", r.Converged, r.Epochs, r.Updates, p.W, p.B)
	for i := range X.Rows {
		fmt.Println(X.Row(i), "z =", nn.Dot(p.W, X.Row(i))+p.B, "→", p.Predict(X.Row(i)))
	}
	// Output:
	// converged true after 6 epochs, 10 updates: w = [2 1], b = -2
	// [0 0] z = -2 → 0
	// [0 1] z = -1 → 0
	// [1 0] z = 0 → 0
	// [1 1] z = 1 → 1
}

// The activations of §2 and their derivatives.
func ExampleSigmoid() {
	f := nn.Sigmoid{}
	fmt.Printf("σ(0) = %.4f, σ′(0) = %.4f, σ(−1000) = %v, σ(1000) = %v\n", f.F(0), f.Prime(0), f.F(-1000), f.F(1000))
	// Output:
	// σ(0) = 0.5000, σ′(0) = 0.2500, σ(−1000) = 0, σ(1000) = 1
}

func ExampleSoftmaxOf() {
	a := nn.SoftmaxOf([]float64{1000, 1001, 1002})
	fmt.Printf("%.4f\n", a)
	// Output:
	// [0.0900 0.2447 0.6652]
}

// The forward pass of §5 step 1 keeps every z^l and a^l.
func ExampleMLP_Forward() {
	net := nn.HandXOR(20)
	z, a := net.Forward([]float64{1, 0})
	fmt.Printf("z¹ = %.1f, a¹ = %.4f\n", z[1], a[1])
	fmt.Printf("z² = %.1f, a² = %.4f\n", z[2], a[2])
	// Output:
	// z¹ = [10.0 10.0], a¹ = [1.0000 1.0000]
	// z² = [10.0], a² = [1.0000]
}

// Backpropagation for one sample (§5, §10), checked against finite differences.
func ExampleMLP_Backprop() {
	net, err := nn.New([]int{2, 2, 1}, []nn.Activation{nn.Sigmoid{}, nn.Sigmoid{}}, nn.XavierUniform, rand.New(rand.NewPCG(1, 2)))
	if err != nil {
		panic(err)
	}
	x, y := []float64{1, 0.5}, []float64{1}
	g, loss := net.Backprop(x, y, nn.MSE{})
	num := nn.NumericalGrad(net, nn.FromRows([][]float64{x}), nn.FromRows([][]float64{y}), nn.MSE{}, 1e-4)
	fmt.Printf("L = %.4f\n", loss)
	fmt.Printf("∂L/∂W² = %.6f\n", g.W[2].Data)
	fmt.Printf("numeric  %.6f\n", num.W[2].Data)
	// Output:
	// L = 0.0856
	// ∂L/∂W² = [-0.059720 -0.048548]
	// numeric  [-0.059720 -0.048548]
}

// Training XOR (§8): the hidden units learn OR and NAND, the output their AND.
func Example_xor() {
	X, Y := nn.XOR()
	net, err := nn.New([]int{2, 2, 1}, []nn.Activation{nn.Sigmoid{}, nn.Sigmoid{}}, nn.XavierUniform, rand.New(rand.NewPCG(17, 0)))
	if err != nil {
		panic(err)
	}
	loss, err := net.TrainGD(X, Y, nn.MSE{}, 2, 5000, nil)
	if err != nil {
		panic(err)
	}
	fmt.Printf("loss %.4f\n", loss)
	for i := range X.Rows {
		fmt.Printf("%v → %.2f\n", X.Row(i), net.Predict(X.Row(i)))
	}
	fmt.Println("hidden:", net.Gates(1), "output:", net.Gates(2))
	// Output:
	// loss 0.0006
	// [0 0] → [0.04]
	// [0 1] → [0.97]
	// [1 0] → [0.97]
	// [1 1] → [0.04]
	// hidden: [NAND OR] output: [XOR]
}
