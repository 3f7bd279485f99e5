package nn

import (
	"math"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// The optimizer tests run three steps on one parameter θ₀ = 1 with the
// gradients g₁ = 0.5, g₂ = 0.2, g₃ = −0.3 and η = 0.1, and compare θ₁, θ₂, θ₃
// with the update rule worked out by hand below, one line per step.
var optGrads = []float64{0.5, 0.2, -0.3}

const optEta = 0.1

// optTol: each step subtracts a step of order 1 from θ of order 1, so the
// two computations may differ by a few ε absolute, which is large relative
// to a θ near 0 (RMSprop's θ₁ = 1 − 0.99999980 ≈ 2e−7).
var optTol = cmpopts.EquateApprox(1e-14, 1e-15)

func TestOptimizers(t *testing.T) {
	sqrt := math.Sqrt
	tests := []struct {
		name string
		opt  Optimizer
		want func() []float64
	}{
		{"gradient descent", &SGD{}, func() []float64 {
			t1 := 1 - 0.1*0.5
			t2 := t1 - 0.1*0.2
			t3 := t2 - 0.1*-0.3
			return []float64{t1, t2, t3}
		}},
		{"gradient descent with weight decay", &SGD{WeightDecay: 0.01}, func() []float64 {
			t1 := 1 - 0.1*(0.5+0.01*1)
			t2 := t1 - 0.1*(0.2+0.01*t1)
			t3 := t2 - 0.1*(-0.3+0.01*t2)
			return []float64{t1, t2, t3}
		}},
		{"momentum", &SGD{Momentum: 0.9}, func() []float64 {
			v1 := 0.5
			t1 := 1 - 0.1*v1
			v2 := 0.9*v1 + 0.2
			t2 := t1 - 0.1*v2
			v3 := 0.9*v2 - 0.3
			t3 := t2 - 0.1*v3
			return []float64{t1, t2, t3}
		}},
		{"nesterov", &SGD{Momentum: 0.9, Nesterov: true}, func() []float64 {
			v1 := 0.5
			t1 := 1 - 0.1*(0.5+0.9*v1)
			v2 := 0.9*v1 + 0.2
			t2 := t1 - 0.1*(0.2+0.9*v2)
			v3 := 0.9*v2 - 0.3
			t3 := t2 - 0.1*(-0.3+0.9*v3)
			return []float64{t1, t2, t3}
		}},
		{"adam", NewAdam(), func() []float64 {
			m1, v1 := 0.1*0.5, 0.001*0.5*0.5
			t1 := 1 - 0.1*(m1/(1-0.9))/(sqrt(v1/(1-0.999))+1e-8)
			m2, v2 := 0.9*m1+0.1*0.2, 0.999*v1+0.001*0.2*0.2
			t2 := t1 - 0.1*(m2/(1-0.9*0.9))/(sqrt(v2/(1-0.999*0.999))+1e-8)
			m3, v3 := 0.9*m2+0.1*-0.3, 0.999*v2+0.001*0.3*0.3
			t3 := t2 - 0.1*(m3/(1-0.9*0.9*0.9))/(sqrt(v3/(1-0.999*0.999*0.999))+1e-8)
			return []float64{t1, t2, t3}
		}},
		{"adam with L2 weight decay", &Adam{Beta1: 0.9, Beta2: 0.999, Eps: 1e-8, WeightDecay: 0.1}, func() []float64 {
			g1 := 0.5 + 0.1*1
			m1, v1 := 0.1*g1, 0.001*g1*g1
			t1 := 1 - 0.1*(m1/(1-0.9))/(sqrt(v1/(1-0.999))+1e-8)
			g2 := 0.2 + 0.1*t1
			m2, v2 := 0.9*m1+0.1*g2, 0.999*v1+0.001*g2*g2
			t2 := t1 - 0.1*(m2/(1-0.9*0.9))/(sqrt(v2/(1-0.999*0.999))+1e-8)
			g3 := -0.3 + 0.1*t2
			m3, v3 := 0.9*m2+0.1*g3, 0.999*v2+0.001*g3*g3
			t3 := t2 - 0.1*(m3/(1-0.9*0.9*0.9))/(sqrt(v3/(1-0.999*0.999*0.999))+1e-8)
			return []float64{t1, t2, t3}
		}},
		{"adamw", NewAdamW(), func() []float64 {
			// θ ← θ(1 − ηλ) first, with λ = 0.01; then the Adam step.
			m1, v1 := 0.1*0.5, 0.001*0.5*0.5
			t1 := 1*(1-0.1*0.01) - 0.1*(m1/(1-0.9))/(sqrt(v1/(1-0.999))+1e-8)
			m2, v2 := 0.9*m1+0.1*0.2, 0.999*v1+0.001*0.2*0.2
			t2 := t1*(1-0.1*0.01) - 0.1*(m2/(1-0.9*0.9))/(sqrt(v2/(1-0.999*0.999))+1e-8)
			m3, v3 := 0.9*m2+0.1*-0.3, 0.999*v2+0.001*0.3*0.3
			t3 := t2*(1-0.1*0.01) - 0.1*(m3/(1-0.9*0.9*0.9))/(sqrt(v3/(1-0.999*0.999*0.999))+1e-8)
			return []float64{t1, t2, t3}
		}},
		{"rmsprop", NewRMSprop(), func() []float64 {
			v1 := 0.01 * 0.5 * 0.5
			t1 := 1 - 0.1*0.5/(sqrt(v1)+1e-8)
			v2 := 0.99*v1 + 0.01*0.2*0.2
			t2 := t1 - 0.1*0.2/(sqrt(v2)+1e-8)
			v3 := 0.99*v2 + 0.01*0.3*0.3
			t3 := t2 - 0.1*-0.3/(sqrt(v3)+1e-8)
			return []float64{t1, t2, t3}
		}},
		{"adagrad", NewAdagrad(), func() []float64 {
			s1 := 0.5 * 0.5
			t1 := 1 - 0.1*0.5/(sqrt(s1)+1e-10)
			s2 := s1 + 0.2*0.2
			t2 := t1 - 0.1*0.2/(sqrt(s2)+1e-10)
			s3 := s2 + 0.3*0.3
			t3 := t2 - 0.1*-0.3/(sqrt(s3)+1e-10)
			return []float64{t1, t2, t3}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.opt.Validate(); err != nil {
				t.Fatal(err)
			}
			theta := []float64{1}
			var got []float64
			for _, g := range optGrads {
				tt.opt.Step([][]float64{theta}, [][]float64{{g}}, optEta)
				got = append(got, theta[0])
			}
			if diff := cmp.Diff(tt.want(), got, optTol); diff != "" {
				t.Errorf("%v trajectory mismatch (-want +got):\n%s", tt.opt, diff)
			}
		})
	}
}

// TestOptimizerLeavesGradients: Step must not change the caller's gradients
// (weight decay is added to a copy).
func TestOptimizerLeavesGradients(t *testing.T) {
	for _, opt := range []Optimizer{&SGD{Momentum: 0.9, WeightDecay: 0.1}, NewAdam(), NewAdamW(), NewRMSprop(), NewAdagrad()} {
		g := []float64{0.5, -1}
		opt.Step([][]float64{{1, 2}}, [][]float64{g}, 0.1)
		if g[0] != 0.5 || g[1] != -1 {
			t.Errorf("%v changed the gradient to %v", opt, g)
		}
	}
}

func TestOptimizerValidate(t *testing.T) {
	tests := []struct {
		opt  Optimizer
		want string
	}{
		{&SGD{Momentum: 1}, "sgd: momentum 1 must be in [0, 1)"},
		{&SGD{Nesterov: true}, "sgd: nesterov needs a momentum > 0"},
		{&SGD{WeightDecay: -1}, "sgd: weight decay -1 must be ≥ 0"},
		{&Adam{Beta1: 0.9, Beta2: 1, Eps: 1e-8}, "adam: beta2 1 must be in [0, 1)"},
		{&Adam{Beta1: 0.9, Beta2: 0.999}, "adam: epsilon 0 must be > 0"},
		{&RMSprop{Alpha: 0.99}, "rmsprop: epsilon 0 must be > 0"},
		{&Adagrad{Eps: math.NaN()}, "adagrad: epsilon NaN must be > 0"},
	}
	for _, tt := range tests {
		if err := tt.opt.Validate(); err == nil || err.Error() != tt.want {
			t.Errorf("%v: Validate() = %v, want %q", tt.opt, err, tt.want)
		}
	}
}

func TestSchedules(t *testing.T) {
	pow, cos, pi := math.Pow, math.Cos, math.Pi
	tests := []struct {
		name  string
		s     Schedule
		epoch []int
		want  []float64
	}{
		{"constant", Constant{0.1}, []int{0, 1, 50}, []float64{0.1, 0.1, 0.1}},
		{"step decay", StepDecay{LR: 0.1, Every: 3, Gamma: 0.5}, []int{0, 2, 3, 5, 6, 10},
			[]float64{0.1, 0.1, 0.1 * 0.5, 0.1 * 0.5, 0.1 * 0.25, 0.1 * pow(0.5, 3)}},
		{"exponential decay", ExponentialDecay{LR: 0.1, Gamma: 0.9}, []int{0, 1, 2, 10},
			[]float64{0.1, 0.1 * 0.9, 0.1 * 0.81, 0.1 * pow(0.9, 10)}},
		{"cosine annealing", CosineAnnealing{LR: 0.1, Min: 0.001, Period: 10}, []int{0, 5, 10, 3},
			[]float64{0.1, 0.001 + (0.1-0.001)/2, 0.001, 0.001 + (0.1-0.001)*(1+cos(pi*3/10))/2}},
	}
	for _, tt := range tests {
		if err := tt.s.Validate(); err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		for i, e := range tt.epoch {
			if got := tt.s.Rate(e, math.NaN()); !cmp.Equal(got, tt.want[i], closed) {
				t.Errorf("%s: Rate(%d) = %v, want %v", tt.name, e, got, tt.want[i])
			}
		}
	}
}

// TestReduceOnPlateau follows the rule by hand: factor ½, patience 1,
// threshold 10% (a loss counts as better only below 0.9 × best), minimum 0.01.
func TestReduceOnPlateau(t *testing.T) {
	s := &ReduceOnPlateau{LR: 0.1, Factor: 0.5, Patience: 1, Threshold: 0.1, Min: 0.01}
	if err := s.Validate(); err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		loss float64 // loss of the previous epoch
		want float64
		why  string
	}{
		{math.NaN(), 0.1, "epoch 0: the initial rate"},
		{1.0, 0.1, "best = 1"},
		{0.95, 0.1, "not below 0.9: 1 bad epoch, within patience"},
		{0.95, 0.05, "2 bad epochs > patience 1: halve, count restarts"},
		{0.5, 0.05, "best = 0.5"},
		{0.5, 0.05, "1 bad epoch"},
		{0.46, 0.025, "0.46 is not below 0.45: 2 bad epochs, halve"},
		{0.4, 0.025, "best = 0.4"},
		{0.4, 0.025, "1 bad"},
		{0.4, 0.0125, "2 bad: halve"},
		{0.4, 0.0125, "1 bad"},
		{0.4, 0.01, "2 bad: 0.00625 is below the minimum 0.01"},
	}
	for e, st := range steps {
		if got := s.Rate(e, st.loss); !cmp.Equal(got, st.want, closed) {
			t.Errorf("epoch %d (%s): rate %v, want %v", e, st.why, got, st.want)
		}
	}
}

func TestScheduleValidate(t *testing.T) {
	tests := []struct {
		s    Schedule
		want string
	}{
		{Constant{0}, "constant schedule: learning rate 0 must be > 0 and finite"},
		{Constant{-1}, "constant schedule: learning rate -1 must be > 0 and finite"},
		{StepDecay{LR: 0.1, Gamma: 0.5}, "step decay schedule: every 0 must be ≥ 1"},
		{ExponentialDecay{LR: 0.1, Gamma: 2}, "exponential decay schedule: gamma 2 must be in (0, 1]"},
		{CosineAnnealing{LR: 0.1, Min: 0.2, Period: 5}, "cosine annealing schedule: minimum 0.2 must be in [0, 0.1]"},
		{&ReduceOnPlateau{LR: 0.1, Factor: 1}, "reduce-on-plateau schedule: factor 1 must be in (0, 1)"},
	}
	for _, tt := range tests {
		if err := tt.s.Validate(); err == nil || err.Error() != tt.want {
			t.Errorf("Validate() = %v, want %q", err, tt.want)
		}
	}
}

func TestClipping(t *testing.T) {
	approx := cmpopts.EquateApprox(1e-15, 0)
	tests := []struct {
		name     string
		g        [][]float64
		c        float64
		want     [][]float64
		wantNorm float64
	}{
		// ‖(3, 4)‖ = 5 over the two slices together.
		{"norm 5 clipped to 1", [][]float64{{3}, {4}}, 1, [][]float64{{3.0 / 5}, {4.0 / 5}}, 5},
		{"norm 5 clipped to 2.5", [][]float64{{3}, {0, -4}}, 2.5, [][]float64{{3 * 2.5 / 5}, {0, -4 * 2.5 / 5}}, 5},
		{"norm under the limit: unchanged", [][]float64{{3}, {4}}, 10, [][]float64{{3}, {4}}, 5},
		{"norm at the limit: unchanged", [][]float64{{3}, {4}}, 5, [][]float64{{3}, {4}}, 5},
		{"huge components do not overflow", [][]float64{{3e200}, {4e200}}, 1, [][]float64{{0.6}, {0.8}}, 5e200},
		{"tiny components do not underflow", [][]float64{{3e-200}, {4e-200}}, 1, [][]float64{{3e-200}, {4e-200}}, 5e-200},
	}
	for _, tt := range tests {
		norm := ClipNorm(tt.g, tt.c)
		if !cmp.Equal(norm, tt.wantNorm, approx) {
			t.Errorf("%s: norm %v, want %v", tt.name, norm, tt.wantNorm)
		}
		if diff := cmp.Diff(tt.want, tt.g, approx); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.name, diff)
		}
	}
	g := [][]float64{{-3, 0.5}, {2, -0.1}}
	ClipValue(g, 1)
	if diff := cmp.Diff([][]float64{{-1, 0.5}, {1, -0.1}}, g); diff != "" {
		t.Errorf("ClipValue (-want +got):\n%s", diff)
	}
	if n := GlobalNorm([][]float64{{1, math.NaN()}}); !math.IsNaN(n) {
		t.Errorf("GlobalNorm with a NaN = %v, want NaN", n)
	}
	if n := GlobalNorm([][]float64{{0}, {}}); n != 0 {
		t.Errorf("GlobalNorm of zeros = %v", n)
	}
}

func TestOptimizerShapePanics(t *testing.T) {
	defer func() {
		if r := recover(); r == nil || !strings.Contains(r.(string), "Optimizer.Step: parameter 0 has 2 entries but its gradient has 1") {
			t.Errorf("panic = %v", r)
		}
	}()
	NewAdam().Step([][]float64{{1, 2}}, [][]float64{{1}}, 0.1)
}
