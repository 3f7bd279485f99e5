package playground

// network.go: the library objects a Config names: the network with its
// initial weights, the loss and the optimizer.

import (
	"fmt"
	"math/rand/v2"

	"example.com/nn"
)

// outUnits returns the number of output units: one per class for softmax,
// else one.
func (c *Config) outUnits() int {
	if c.Output.Activation == "softmax" && !c.Perceptron {
		return c.Data.classes()
	}
	return 1
}

// sizes returns the layer sizes n_0, …, n_L.
func (c *Config) sizes() []int {
	s := []int{len(c.Features)}
	for _, h := range c.Hidden {
		s = append(s, h.Units)
	}
	return append(s, c.outUnits())
}

// activation returns the library's activation of a name in Activations
// or an output activation.
func activation(name string) nn.Activation {
	a, err := nn.ParseActivation(name)
	if err != nil {
		panic(fmt.Sprintf("playground: activation %q passed validation: %v", name, err))
	}
	return a
}

// lossOf returns the library's loss of Output.Loss.
func lossOf(name string) nn.Loss {
	switch name {
	case "bce":
		return nn.BinaryCrossEntropy{}
	case "ce":
		return nn.CrossEntropy{}
	}
	return nn.MSE{}
}

// optimizerOf returns a new optimizer of Training.Optimizer.
func optimizerOf(name string) nn.Optimizer {
	switch name {
	case "momentum":
		return &nn.SGD{Momentum: 0.9}
	case "nesterov":
		return &nn.SGD{Momentum: 0.9, Nesterov: true}
	case "adam":
		return nn.NewAdam()
	case "rmsprop":
		return nn.NewRMSprop()
	}
	return &nn.SGD{}
}

// inits maps Training.Init to the library's random initializations.
var inits = map[string]nn.Init{"xavier": nn.XavierUniform, "he": nn.HeUniform,
	"xavier-normal": nn.XavierNormal, "he-normal": nn.HeNormal}

// newNetwork returns the network of a valid configuration with its initial
// weights: drawn from Training.Seed, or set by hand as the notes do. ds is
// the session's data (the §12 sums follow its curve).
func newNetwork(c *Config, ds *dataset) *nn.MLP {
	switch c.Training.Init {
	case "worked-example":
		net, _, _ := nn.WorkedExample()
		return net
	case "hand-xor":
		return nn.HandXOR(5)
	case "sawtooth":
		return nn.Sawtooth(c.Data.K)
	case "stepsum":
		f, N := ds.curve, c.Hidden[0].Units
		// Steep enough that each sigmoid rises over about a quarter of its interval.
		net, err := nn.StepSum(f.f, f.lo, f.hi, N, 16*float64(N)/(f.hi-f.lo))
		if err != nil {
			panic(fmt.Sprintf("playground: StepSum of a valid configuration: %v", err))
		}
		return net
	}
	acts := make([]nn.Activation, 0, len(c.Hidden)+1)
	for _, h := range c.Hidden {
		acts = append(acts, activation(h.Activation))
	}
	acts = append(acts, activation(c.Output.Activation))
	net, err := nn.New(c.sizes(), acts, inits[c.Training.Init], weightRand(c.Training.Seed))
	if err != nil {
		panic(fmt.Sprintf("playground: nn.New of a valid configuration: %v", err))
	}
	return net
}

// weightRand returns the generator of the initial weights of a seed (the
// stream `nn xor -seed` draws from, so the §8 preset starts where it does);
// shuffleRand that of the order of the samples. Two streams, so that the
// same seed gives the same weights whatever the training does.
func weightRand(seed uint64) *rand.Rand  { return rand.New(rand.NewPCG(seed, 0)) }
func shuffleRand(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, 0x5f1e)) }
