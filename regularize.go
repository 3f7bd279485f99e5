package nn

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// The remedies of notes §7 that live inside the network: batch
// normalization, dropout, residual connections and L2 regularization.

// BatchNorm normalizes a layer's pre-activations over a mini-batch (§7):
//
//	u   = W a + b                       (one row per sample)
//	μ_B = (1/m) Σ_i u_i,   σ²_B = (1/m) Σ_i (u_i − μ_B)²
//	ẑ   = (u − μ_B) / √(σ²_B + ε)
//	z   = γ ⊙ ẑ + β                     (then a = f(z))
//
// with γ and β learned. Training keeps running averages of μ_B and σ²_B,
//
//	Mean ← (1 − Momentum)·Mean + Momentum·μ_B
//	Var  ← (1 − Momentum)·Var  + Momentum·σ²_B·m/(m − 1)
//
// (the unbiased variance, as PyTorch does), and inference normalizes with them
// instead of the batch's. Defaults as in PyTorch: Momentum 0.1, ε = 1e-5.
type BatchNorm struct {
	Gamma, Beta []float64 // γ, β: learned, one per unit
	Mean, Var   []float64 // running statistics, for inference
	Momentum    float64
	Eps         float64
}

// NewBatchNorm returns batch normalization for n units: γ = 1, β = 0, running
// mean 0 and variance 1.
func NewBatchNorm(n int) *BatchNorm {
	bn := &BatchNorm{
		Gamma: make([]float64, n), Beta: make([]float64, n),
		Mean: make([]float64, n), Var: make([]float64, n),
		Momentum: 0.1, Eps: 1e-5,
	}
	for j := range n {
		bn.Gamma[j], bn.Var[j] = 1, 1
	}
	return bn
}

func (bn *BatchNorm) clone() *BatchNorm {
	c := *bn
	c.Gamma = append([]float64(nil), bn.Gamma...)
	c.Beta = append([]float64(nil), bn.Beta...)
	c.Mean = append([]float64(nil), bn.Mean...)
	c.Var = append([]float64(nil), bn.Var...)
	return &c
}

// forward is the training-mode pass: it computes the batch mean mu and
// variance vr of the rows of U, overwrites U with x̂, and sets Z = γ x̂ + β.
func (bn *BatchNorm) forward(Z, U *Matrix, mu, vr []float64) {
	m := float64(U.Rows)
	clear(mu)
	clear(vr)
	for i := range U.Rows {
		for j, u := range U.Row(i) {
			mu[j] += u / m
		}
	}
	for i := range U.Rows {
		for j, u := range U.Row(i) {
			vr[j] += (u - mu[j]) * (u - mu[j]) / m
		}
	}
	for i := range U.Rows {
		u, z := U.Row(i), Z.Row(i)
		for j := range u {
			u[j] = (u[j] - mu[j]) / math.Sqrt(vr[j]+bn.Eps) // x̂
			z[j] = bn.Gamma[j]*u[j] + bn.Beta[j]
		}
	}
}

// infer sets z = γ (u − Mean)/√(Var + ε) + β for one sample, with the running
// statistics. z and u may be the same slice.
func (bn *BatchNorm) infer(z, u []float64) {
	for j := range u {
		z[j] = bn.Gamma[j]*(u[j]-bn.Mean[j])/math.Sqrt(bn.Var[j]+bn.Eps) + bn.Beta[j]
	}
}

// update folds the statistics of a batch of m samples into the running ones.
// A batch of one sample has no variance and is skipped.
func (bn *BatchNorm) update(mu, vr []float64, m int) {
	if m < 2 {
		return
	}
	k := bn.Momentum
	for j := range mu {
		bn.Mean[j] = (1-k)*bn.Mean[j] + k*mu[j]
		bn.Var[j] = (1-k)*bn.Var[j] + k*vr[j]*float64(m)/float64(m-1)
	}
}

// backward turns D = ∂L/∂Z into ∂L/∂U in place and sets dGamma and dBeta.
// With training set, U was normalized with the batch statistics vr, so
//
//	∂L/∂β = Σ_i D_i,   ∂L/∂γ = Σ_i D_i x̂_i
//	∂L/∂u_i = γ/√(σ²_B + ε) · (D_i − (1/m) ∂L/∂β − x̂_i (1/m) ∂L/∂γ)
//
// (the last two terms are the paths through μ_B and σ²_B); otherwise it was
// normalized with the running statistics, an affine map, and ∂L/∂u_i =
// γ/√(Var + ε) · D_i.
func (bn *BatchNorm) backward(D, Xhat *Matrix, vr []float64, training bool, dGamma, dBeta []float64) {
	clear(dGamma)
	clear(dBeta)
	for i := range D.Rows {
		d, xh := D.Row(i), Xhat.Row(i)
		for j := range d {
			dBeta[j] += d[j]
			dGamma[j] += d[j] * xh[j]
		}
	}
	m := float64(D.Rows)
	for i := range D.Rows {
		d, xh := D.Row(i), Xhat.Row(i)
		for j := range d {
			if training {
				d[j] = bn.Gamma[j] / math.Sqrt(vr[j]+bn.Eps) * (d[j] - dBeta[j]/m - xh[j]*dGamma[j]/m)
			} else {
				d[j] = bn.Gamma[j] / math.Sqrt(bn.Var[j]+bn.Eps) * d[j]
			}
		}
	}
}

// SetBatchNorm adds batch normalization (§7) to hidden layer l, between
// W^l a^{l−1} + b^l and f_l. It returns an error if l is not a hidden layer.
func (net *MLP) SetBatchNorm(l int) error {
	if l < 1 || l >= net.L() {
		return fmt.Errorf("%w: batch normalization on layer %d; hidden layers are 1 … %d", ErrConfig, l, net.L()-1)
	}
	if net.Norm == nil {
		net.Norm = make([]*BatchNorm, net.L()+1)
	}
	net.Norm[l] = NewBatchNorm(net.Sizes[l])
	return nil
}

// SetDropout makes hidden layer l drop units during training (inverted
// dropout, §7): each unit is kept with probability keep and its output
// scaled by 1/keep, so that its expected value is unchanged; at inference
// nothing is dropped. keep = 1 turns dropout off. It returns an error if l
// is not a hidden layer or keep is outside (0, 1].
//
// Note that keep is the probability of keeping a unit, as in the notes;
// PyTorch's Dropout(p) takes the probability of dropping it, p = 1 − keep.
func (net *MLP) SetDropout(l int, keep float64) error {
	if l < 1 || l >= net.L() {
		return fmt.Errorf("%w: dropout on layer %d; hidden layers are 1 … %d", ErrConfig, l, net.L()-1)
	}
	if !(keep > 0 && keep <= 1) {
		return fmt.Errorf("%w: dropout keep probability %v for layer %d must be in (0, 1]", ErrConfig, keep, l)
	}
	if net.Keep == nil {
		net.Keep = make([]float64, net.L()+1)
	}
	net.Keep[l] = keep
	return nil
}

// dropout draws a mask of 1/p (probability p) and 0 (probability 1 − p) and
// multiplies A by it element-wise.
func dropout(A, mask *Matrix, p float64, rng *rand.Rand) {
	for k := range A.Data {
		if rng.Float64() < p {
			mask.Data[k] = 1 / p
		} else {
			mask.Data[k] = 0
		}
		A.Data[k] *= mask.Data[k]
	}
}

// SetResidual gives hidden layer l a residual connection (§7):
//
//	a^l = f(z^l) + a^{l−1}
//
// so that ∂a^l/∂a^{l−1} = diag(f′(z^l)) W^l + I: the identity carries the
// gradient past the layer undiminished. It returns an error unless layer l
// is a hidden layer after the first (2 ≤ l ≤ L−1) with n_l = n_{l−1}.
func (net *MLP) SetResidual(l int) error {
	if net.L() < 3 {
		return fmt.Errorf("%w: residual connection into layer %d; a network with %d hidden layer(s) has none to join (it needs hidden layers l−1 and l, 2 ≤ l ≤ L−1)", ErrConfig, l, net.L()-1)
	}
	if l < 2 || l >= net.L() {
		return fmt.Errorf("%w: residual connection into layer %d; they join hidden layers 2 … %d to the one before", ErrConfig, l, net.L()-1)
	}
	if net.Sizes[l] != net.Sizes[l-1] {
		return fmt.Errorf("%w: residual connection into layer %d needs n_%d = n_%d, have %d and %d", ErrConfig, l, l, l-1, net.Sizes[l], net.Sizes[l-1])
	}
	if net.Residual == nil {
		net.Residual = make([]bool, net.L()+1)
	}
	net.Residual[l] = true
	return nil
}

// L2Penalty returns the L2 regularization term of §7,
//
//	(λ/2) Σ_l ‖W^l‖²
//
// (weights only; biases, γ, β and α are not penalized, unlike the
// optimizers' WeightDecay, which decays every parameter).
func L2Penalty(net *MLP, lambda float64) float64 {
	s := 0.0
	for l := 1; l <= net.L(); l++ {
		s += Dot(net.W[l].Data, net.W[l].Data)
	}
	return lambda / 2 * s
}

// AddL2Grad adds the gradient of L2Penalty to g in place:
//
//	∂L/∂W^l += λ W^l
func AddL2Grad(g *Grads, net *MLP, lambda float64) {
	for l := 1; l <= net.L(); l++ {
		axpy(g.W[l].Data, lambda, net.W[l].Data)
	}
}
