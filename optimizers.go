package nn

import (
	"fmt"
	"math"
)

// Optimizer updates a network's parameters from their gradients (notes §6,
// §7), keeping whatever state its rule needs (velocities, moment estimates).
//
// params and grads are the parallel lists of MLP.Params and Grads.Params.
// Step updates params in place and leaves grads unchanged; eta is the
// learning rate η of this step, so that a schedule can change it. The first
// call sizes the state; later calls must pass lists of the same shapes.
//
// The rules are those PyTorch documents for torch.optim (SGD, Adam, AdamW,
// RMSprop, Adagrad), so a trajectory can be compared number for number.
//
// An optimizer's WeightDecay λ, like torch.optim's weight_decay, decays every
// parameter it steps: the weights, the biases, PReLU's α and batch norm's γ
// and β. TrainConfig.L2 penalizes the weights only (§7).
type Optimizer interface {
	Step(params, grads [][]float64, eta float64)
	// Validate reports a hyperparameter outside its range.
	Validate() error
	String() string
}

// rule is implemented by the package's optimizers, whose update of a
// parameter reads only that parameter, its gradient and its own entries of
// the optimizer's state. Their state is one slice over all the parameters,
// in the order of the lists Step takes, so that Train, which keeps all
// the parameters in one slab, can update the slab in parts, one per CPU
// (trainer.step).
type rule interface {
	Optimizer
	// begin starts a step over n parameters: it makes the state on the
	// first step (and panics if n is not the number of the first) and
	// counts the step.
	begin(n int)
	// update applies the rule to the parameters theta, with gradients g,
	// which start at entry at of all the parameters.
	update(theta, g []float64, at int, eta float64)
}

// stepLists is Step for a rule: one update for each slice of params, in order.
func stepLists(r rule, params, grads [][]float64, eta float64) {
	checkStep(params, grads)
	r.begin(entries(params))
	at := 0
	for i, theta := range params {
		r.update(theta, grads[i], at, eta)
		at += len(theta)
	}
}

// sized returns the optimizer state *s for n parameters, making it on first use.
func sized(s *[]float64, n int) []float64 {
	if *s == nil {
		*s = make([]float64, n)
	}
	if len(*s) != n {
		panic(fmt.Sprintf("Optimizer.Step: %d parameters, but the state was made for %d", n, len(*s)))
	}
	return *s
}

// entries returns the number of entries of all the slices of ps.
func entries(ps [][]float64) int {
	n := 0
	for _, p := range ps {
		n += len(p)
	}
	return n
}

func checkStep(params, grads [][]float64) {
	if len(params) != len(grads) {
		panic(fmt.Sprintf("Optimizer.Step: %d parameter slices but %d gradients", len(params), len(grads)))
	}
	for i := range params {
		if len(params[i]) != len(grads[i]) {
			panic(fmt.Sprintf("Optimizer.Step: parameter %d has %d entries but its gradient has %d", i, len(params[i]), len(grads[i])))
		}
	}
}

// SGD is gradient descent, with optional momentum, Nesterov momentum and
// weight decay (§5 step 6, §7). With g the gradient, λ the weight decay and
// μ the momentum:
//
//	g ← g + λθ
//	v ← μv + g          (v = g on the first step)
//	θ ← θ − η v         (momentum)
//	θ ← θ − η (g + μv)  (Nesterov: a look-ahead with the new v)
//
// With μ = 0 it is plain gradient descent, θ ← θ − η g. The zero value is
// plain gradient descent. The weight decay applies to every parameter,
// biases, α, γ and β included (see Optimizer).
type SGD struct {
	Momentum    float64 // μ, in [0, 1)
	Nesterov    bool
	WeightDecay float64 // λ ≥ 0
	v           []float64
}

// Step applies one update.
func (o *SGD) Step(params, grads [][]float64, eta float64) { stepLists(o, params, grads, eta) }

func (o *SGD) begin(n int) {
	if o.Momentum != 0 {
		sized(&o.v, n)
	}
}

func (o *SGD) update(theta, g []float64, at int, eta float64) {
	mu, lambda := o.Momentum, o.WeightDecay
	g = g[:len(theta)]
	var v []float64
	if mu != 0 {
		v = o.v[at : at+len(theta)]
	}
	for k := range theta {
		gk := g[k] + lambda*theta[k]
		if mu != 0 {
			v[k] = mu*v[k] + gk // v starts at 0, so the first step gives v = g
			if o.Nesterov {
				gk += mu * v[k]
			} else {
				gk = v[k]
			}
		}
		theta[k] -= eta * gk
	}
}

// Validate checks 0 ≤ μ < 1 and λ ≥ 0, and that Nesterov has a momentum.
func (o *SGD) Validate() error {
	switch {
	case !(o.Momentum >= 0 && o.Momentum < 1):
		return fmt.Errorf("sgd: momentum %v must be in [0, 1)", o.Momentum)
	case o.Nesterov && o.Momentum == 0:
		return fmt.Errorf("sgd: nesterov needs a momentum > 0")
	case !(o.WeightDecay >= 0):
		return fmt.Errorf("sgd: weight decay %v must be ≥ 0", o.WeightDecay)
	}
	return nil
}

// String names the rule and its settings.
func (o *SGD) String() string {
	switch {
	case o.Nesterov:
		return fmt.Sprintf("sgd(nesterov μ=%g)", o.Momentum)
	case o.Momentum != 0:
		return fmt.Sprintf("sgd(momentum μ=%g)", o.Momentum)
	}
	return "sgd"
}

// Adam is the Adam optimizer (§7), with optional L2 weight decay added to
// the gradient (torch.optim.Adam's weight_decay):
//
//	g ← g + λθ
//	m ← β₁m + (1 − β₁)g,     v ← β₂v + (1 − β₂)g²
//	m̂ = m/(1 − β₁ᵗ),         v̂ = v/(1 − β₂ᵗ)
//	θ ← θ − η m̂/(√v̂ + ε)
//
// t counts the steps from 1. Use NewAdam for the defaults β₁ = 0.9,
// β₂ = 0.999, ε = 1e−8. The weight decay applies to every parameter, biases,
// α, γ and β included (see Optimizer).
type Adam struct {
	Beta1, Beta2, Eps float64
	WeightDecay       float64 // λ ≥ 0
	decoupled         bool    // AdamW
	t                 int
	m, v              []float64
}

// NewAdam returns Adam with β₁ = 0.9, β₂ = 0.999, ε = 1e−8 and no weight decay.
func NewAdam() *Adam { return &Adam{Beta1: 0.9, Beta2: 0.999, Eps: 1e-8} }

// NewAdamW returns AdamW, Adam with decoupled weight decay (Loshchilov and
// Hutter) in PyTorch's form: before the Adam step, every parameter (biases,
// α, γ and β included) decays as
//
//	θ ← θ − ηλθ
//
// and λθ is not added to g. The decay is multiplied by the learning rate η
// of the step, as in torch.optim.AdamW; Loshchilov and Hutter scale λ by the
// schedule's multiplier η_t/η₀ only, so their λ is this λ times η₀. Defaults
// as torch.optim.AdamW: β₁ = 0.9, β₂ = 0.999, ε = 1e−8, λ = 0.01.
func NewAdamW() *Adam {
	return &Adam{Beta1: 0.9, Beta2: 0.999, Eps: 1e-8, WeightDecay: 0.01, decoupled: true}
}

// Step applies one update.
func (o *Adam) Step(params, grads [][]float64, eta float64) { stepLists(o, params, grads, eta) }

func (o *Adam) begin(n int) {
	sized(&o.m, n)
	sized(&o.v, n)
	o.t++
}

func (o *Adam) update(theta, g []float64, at int, eta float64) {
	n := len(theta)
	g, m, v := g[:n], o.m[at:at+n], o.v[at:at+n]
	b1, b2 := o.Beta1, o.Beta2
	c1 := 1 - math.Pow(b1, float64(o.t)) // bias corrections 1 − βᵗ
	c2 := 1 - math.Pow(b2, float64(o.t))
	if adamVector != nil && o.WeightDecay == 0 {
		adamVector(theta, g, m, v, b1, b2, c1, c2, eta, o.Eps)
		return
	}
	for k, th := range theta {
		gk := g[k]
		if o.decoupled {
			th -= eta * o.WeightDecay * th
		} else {
			gk += o.WeightDecay * th
		}
		m[k] = b1*m[k] + (1-b1)*gk
		v[k] = b2*v[k] + (1-b2)*gk*gk
		mhat, vhat := m[k]/c1, v[k]/c2
		theta[k] = th - eta*mhat/(math.Sqrt(vhat)+o.Eps)
	}
}

// Validate checks 0 ≤ β₁, β₂ < 1, ε > 0 and λ ≥ 0.
func (o *Adam) Validate() error {
	switch {
	case !(o.Beta1 >= 0 && o.Beta1 < 1):
		return fmt.Errorf("%v: beta1 %v must be in [0, 1)", o, o.Beta1)
	case !(o.Beta2 >= 0 && o.Beta2 < 1):
		return fmt.Errorf("%v: beta2 %v must be in [0, 1)", o, o.Beta2)
	case !(o.Eps > 0):
		return fmt.Errorf("%v: epsilon %v must be > 0", o, o.Eps)
	case !(o.WeightDecay >= 0):
		return fmt.Errorf("%v: weight decay %v must be ≥ 0", o, o.WeightDecay)
	}
	return nil
}

// String returns "adam" or "adamw".
func (o *Adam) String() string {
	if o.decoupled {
		return "adamw"
	}
	return "adam"
}

// RMSprop divides the gradient by a running root mean square of its recent
// values (torch.optim.RMSprop without momentum or centring):
//
//	g ← g + λθ
//	v ← αv + (1 − α)g²
//	θ ← θ − η g/(√v + ε)
//
// Use NewRMSprop for the defaults α = 0.99, ε = 1e−8.
type RMSprop struct {
	Alpha, Eps  float64
	WeightDecay float64
	v           []float64
}

// NewRMSprop returns RMSprop with α = 0.99, ε = 1e−8.
func NewRMSprop() *RMSprop { return &RMSprop{Alpha: 0.99, Eps: 1e-8} }

// Step applies one update.
func (o *RMSprop) Step(params, grads [][]float64, eta float64) { stepLists(o, params, grads, eta) }

func (o *RMSprop) begin(n int) { sized(&o.v, n) }

func (o *RMSprop) update(theta, g []float64, at int, eta float64) {
	n := len(theta)
	g, v := g[:n], o.v[at:at+n]
	for k, th := range theta {
		gk := g[k] + o.WeightDecay*th
		v[k] = o.Alpha*v[k] + (1-o.Alpha)*gk*gk
		theta[k] = th - eta*gk/(math.Sqrt(v[k])+o.Eps)
	}
}

// Validate checks 0 ≤ α < 1, ε > 0 and λ ≥ 0.
func (o *RMSprop) Validate() error {
	switch {
	case !(o.Alpha >= 0 && o.Alpha < 1):
		return fmt.Errorf("rmsprop: alpha %v must be in [0, 1)", o.Alpha)
	case !(o.Eps > 0):
		return fmt.Errorf("rmsprop: epsilon %v must be > 0", o.Eps)
	case !(o.WeightDecay >= 0):
		return fmt.Errorf("rmsprop: weight decay %v must be ≥ 0", o.WeightDecay)
	}
	return nil
}

// String returns "rmsprop".
func (o *RMSprop) String() string { return "rmsprop" }

// Adagrad scales each parameter's step by the root of the sum of all its
// past squared gradients (torch.optim.Adagrad with no learning-rate decay):
//
//	g ← g + λθ
//	s ← s + g²
//	θ ← θ − η g/(√s + ε)
//
// Use NewAdagrad for the default ε = 1e−10.
type Adagrad struct {
	Eps         float64
	WeightDecay float64
	s           []float64
}

// NewAdagrad returns Adagrad with ε = 1e−10.
func NewAdagrad() *Adagrad { return &Adagrad{Eps: 1e-10} }

// Step applies one update.
func (o *Adagrad) Step(params, grads [][]float64, eta float64) { stepLists(o, params, grads, eta) }

func (o *Adagrad) begin(n int) { sized(&o.s, n) }

func (o *Adagrad) update(theta, g []float64, at int, eta float64) {
	n := len(theta)
	g, s := g[:n], o.s[at:at+n]
	for k, th := range theta {
		gk := g[k] + o.WeightDecay*th
		s[k] += gk * gk
		theta[k] = th - eta*gk/(math.Sqrt(s[k])+o.Eps)
	}
}

// Validate checks ε > 0 and λ ≥ 0.
func (o *Adagrad) Validate() error {
	switch {
	case !(o.Eps > 0):
		return fmt.Errorf("adagrad: epsilon %v must be > 0", o.Eps)
	case !(o.WeightDecay >= 0):
		return fmt.Errorf("adagrad: weight decay %v must be ≥ 0", o.WeightDecay)
	}
	return nil
}

// String returns "adagrad".
func (o *Adagrad) String() string { return "adagrad" }

// Schedule gives the learning rate of each epoch (§7, learning-rate scheduling).
//
// Rate returns η for epoch e = 0, 1, 2, …. For e > 0, loss is the
// validation loss of epoch e − 1 (the training loss when there is no
// validation data); only ReduceOnPlateau uses it, and it must be called once
// per epoch, in order.
type Schedule interface {
	Rate(e int, loss float64) float64
	// Validate reports a setting outside its range.
	Validate() error
}

// Constant is the learning rate LR in every epoch.
type Constant struct{ LR float64 }

// Rate returns LR.
func (s Constant) Rate(int, float64) float64 { return s.LR }

// Validate checks LR > 0.
func (s Constant) Validate() error { return checkLR("constant", s.LR) }

func checkLR(name string, lr float64) error {
	if !(lr > 0) || math.IsInf(lr, 0) {
		return fmt.Errorf("%s schedule: learning rate %v must be > 0 and finite", name, lr)
	}
	return nil
}

// StepDecay multiplies the rate by Gamma every Every epochs (torch's StepLR):
//
//	η_e = LR · Gamma^⌊e/Every⌋
type StepDecay struct {
	LR    float64
	Every int
	Gamma float64
}

// Rate returns LR · Gamma^⌊e/Every⌋.
func (s StepDecay) Rate(e int, _ float64) float64 {
	return s.LR * math.Pow(s.Gamma, float64(e/s.Every))
}

// Validate checks LR > 0, Every ≥ 1 and 0 < Gamma ≤ 1.
func (s StepDecay) Validate() error {
	if s.Every < 1 {
		return fmt.Errorf("step decay schedule: every %d must be ≥ 1", s.Every)
	}
	if !(s.Gamma > 0 && s.Gamma <= 1) {
		return fmt.Errorf("step decay schedule: gamma %v must be in (0, 1]", s.Gamma)
	}
	return checkLR("step decay", s.LR)
}

// ExponentialDecay multiplies the rate by Gamma every epoch (torch's ExponentialLR):
//
//	η_e = LR · Gammaᵉ
type ExponentialDecay struct {
	LR, Gamma float64
}

// Rate returns LR · Gammaᵉ.
func (s ExponentialDecay) Rate(e int, _ float64) float64 { return s.LR * math.Pow(s.Gamma, float64(e)) }

// Validate checks LR > 0 and 0 < Gamma ≤ 1.
func (s ExponentialDecay) Validate() error {
	if !(s.Gamma > 0 && s.Gamma <= 1) {
		return fmt.Errorf("exponential decay schedule: gamma %v must be in (0, 1]", s.Gamma)
	}
	return checkLR("exponential decay", s.LR)
}

// CosineAnnealing lowers the rate from LR to Min along half a cosine over
// Period epochs (the closed form of torch's CosineAnnealingLR, T_max = Period):
//
//	η_e = Min + (LR − Min)(1 + cos(π e/Period))/2
//
// After Period epochs it rises again, as the formula does.
type CosineAnnealing struct {
	LR, Min float64
	Period  int
}

// Rate returns Min + (LR − Min)(1 + cos(π e/Period))/2.
func (s CosineAnnealing) Rate(e int, _ float64) float64 {
	return s.Min + (s.LR-s.Min)*(1+math.Cos(math.Pi*float64(e)/float64(s.Period)))/2
}

// Validate checks LR > 0, 0 ≤ Min ≤ LR and Period ≥ 1.
func (s CosineAnnealing) Validate() error {
	if s.Period < 1 {
		return fmt.Errorf("cosine annealing schedule: period %d must be ≥ 1", s.Period)
	}
	if !(s.Min >= 0 && s.Min <= s.LR) {
		return fmt.Errorf("cosine annealing schedule: minimum %v must be in [0, %v]", s.Min, s.LR)
	}
	return checkLR("cosine annealing", s.LR)
}

// ReduceOnPlateau multiplies the rate by Factor when the loss has not improved
// for more than Patience epochs (torch's ReduceLROnPlateau, mode "min",
// relative threshold). A loss counts as an improvement when
//
//	loss < best · (1 − Threshold)
//
// and after Patience + 1 epochs without one, η ← max(η · Factor, Min) and the
// count starts again. After a reduction, the next Cooldown epochs count no
// bad epochs (as torch's cooldown: the lower rate gets time to show its
// effect), though an improvement in them still sets the best loss. Use
// NewReduceOnPlateau; the zero value is not usable.
type ReduceOnPlateau struct {
	LR        float64 // initial rate
	Factor    float64 // in (0, 1)
	Patience  int     // epochs without improvement to wait, ≥ 0
	Threshold float64 // relative improvement that counts, ≥ 0
	Min       float64 // lower bound on the rate, ≥ 0
	Cooldown  int     // epochs after a reduction in which bad epochs are not counted, ≥ 0

	rate     float64
	best     float64
	bad      int
	cooldown int // epochs of cooldown left
}

// NewReduceOnPlateau returns the schedule starting at lr with torch's defaults:
// factor 0.1, patience 10, threshold 1e-4, minimum 0.
func NewReduceOnPlateau(lr float64) *ReduceOnPlateau {
	return &ReduceOnPlateau{LR: lr, Factor: 0.1, Patience: 10, Threshold: 1e-4}
}

// Rate returns the rate for epoch e after taking in the loss of epoch e − 1.
func (s *ReduceOnPlateau) Rate(e int, loss float64) float64 {
	if e == 0 {
		s.rate, s.best, s.bad, s.cooldown = s.LR, math.Inf(1), 0, 0
		return s.rate
	}
	if loss < s.best*(1-s.Threshold) {
		s.best, s.bad = loss, 0
	} else {
		s.bad++
	}
	if s.cooldown > 0 {
		s.cooldown--
		s.bad = 0 // bad epochs in the cooldown do not count
	}
	if s.bad > s.Patience {
		s.rate = max(s.rate*s.Factor, s.Min)
		s.bad = 0
		s.cooldown = s.Cooldown
	}
	return s.rate
}

// Validate checks LR > 0, 0 < Factor < 1, Patience ≥ 0, Threshold ≥ 0,
// 0 ≤ Min ≤ LR and Cooldown ≥ 0.
func (s *ReduceOnPlateau) Validate() error {
	switch {
	case s.Cooldown < 0:
		return fmt.Errorf("reduce-on-plateau schedule: cooldown %d must be ≥ 0", s.Cooldown)
	case !(s.Factor > 0 && s.Factor < 1):
		return fmt.Errorf("reduce-on-plateau schedule: factor %v must be in (0, 1)", s.Factor)
	case s.Patience < 0:
		return fmt.Errorf("reduce-on-plateau schedule: patience %d must be ≥ 0", s.Patience)
	case !(s.Threshold >= 0):
		return fmt.Errorf("reduce-on-plateau schedule: threshold %v must be ≥ 0", s.Threshold)
	case !(s.Min >= 0 && s.Min <= s.LR):
		return fmt.Errorf("reduce-on-plateau schedule: minimum %v must be in [0, %v]", s.Min, s.LR)
	}
	return checkLR("reduce-on-plateau", s.LR)
}

// GlobalNorm returns ‖g‖ = √(Σ_i Σ_k g_ik²), the norm of all the gradients
// together (§7). If the plain sum of squares overflows or underflows, it
// sums again scaled by the largest |g_ik|, so that it overflows only if the
// norm itself does. It is NaN if any entry is NaN.
func GlobalNorm(grads [][]float64) float64 {
	s := 0.0
	for _, g := range grads {
		s += sumSquares(g)
	}
	if s < 0x1p-900 || s > 0x1p900 || math.IsNaN(s) {
		return scaledNorm(grads)
	}
	return math.Sqrt(s)
}

func scaledNorm(grads [][]float64) float64 {
	big := 0.0
	for _, g := range grads {
		for _, v := range g {
			if math.IsNaN(v) {
				return math.NaN()
			}
			big = max(big, math.Abs(v))
		}
	}
	if big == 0 || math.IsInf(big, 0) {
		return big
	}
	s := 0.0
	for _, g := range grads {
		for _, v := range g {
			s += (v / big) * (v / big)
		}
	}
	return big * math.Sqrt(s)
}

// ClipNorm scales the gradients in place so that their global norm is at
// most c (§7), and returns the norm before clipping:
//
//	g ← g · c/‖g‖   if ‖g‖ > c
//
// Gradients already within the limit are unchanged. (torch's
// clip_grad_norm_ divides by ‖g‖ + 1e−6 instead of ‖g‖.)
func ClipNorm(grads [][]float64, c float64) float64 {
	norm := GlobalNorm(grads)
	if norm > c {
		for _, g := range grads {
			scale(g, c/norm)
		}
	}
	return norm
}

// ClipValue clamps every gradient component to [−c, c] in place (§7).
func ClipValue(grads [][]float64, c float64) {
	for _, g := range grads {
		for k, v := range g {
			g[k] = max(-c, min(c, v))
		}
	}
}
