package playground

// session_test.go: the session without HTTP: validation, determinism
// against a golden file, step/epoch/reset, divergence, the perceptron and
// the presets.

import (
	"encoding/json"
	"flag"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"example.com/nn"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// newTestSession returns a session of the configuration in JSON, failing
// the test if it is not valid.
func newTestSession(t testing.TB, js string) *session {
	t.Helper()
	cfg, ferr := decodeConfig([]byte(js))
	if ferr != nil {
		t.Fatalf("config %s: %v", js, ferr)
	}
	ds, ferr := makeData(&cfg.Data, nil)
	if ferr != nil {
		t.Fatalf("data of %s: %v", js, ferr)
	}
	s := newSession("test", cfg, ds)
	t.Cleanup(func() {
		// A training goroutine that never lets go of the lock is a failure,
		// not a hang. (It lets go when told that someone waits.)
		s.waiting.Add(1)
		for end := time.Now().Add(5 * time.Second); !s.mu.TryLock(); time.Sleep(time.Millisecond) {
			if time.Now().After(end) {
				t.Error("the session's lock was held for 5 s")
				return
			}
		}
		s.waiting.Add(-1)
		s.close()
		s.mu.Unlock()
	})
	return s
}

// do applies a control, failing the test on an error.
func do(t testing.TB, s *session, actions ...string) *Snapshot {
	t.Helper()
	s.lock()
	defer s.mu.Unlock()
	for _, a := range actions {
		if err := s.control(a); err != nil {
			t.Fatalf("control %s: %v", a, err)
		}
	}
	return s.snapshot(nil)
}

// TestValidation: every bad setting is an error that names it.
func TestValidation(t *testing.T) {
	tests := []struct{ config, field, says string }{
		{`{"data": {"kind": "moon"}}`, "data.kind", `"moon"`},
		{`{"data": {"points": 1}}`, "data.points", "2 … 2000"},
		{`{"data": {"points": 2001}}`, "data.points", "2 … 2000"},
		{`{"data": {"noise": -0.1}}`, "data.noise", "0 … 1"},
		{`{"data": {"noise": 1.5}}`, "data.noise", "0 … 1"},
		{`{"data": {"test_share": 0.95}}`, "data.test_share", "0 … 0.9"},
		{`{"data": {"k": 7}}`, "data.k", "1 … 6"},
		{`{"data": {"points": 2, "test_share": 0.3}}`, "data.test_share", "test set empty"},
		{`{"data": {"kind": "xor", "custom": [{"x": [0, 0]}]}}`, "data.custom", "only with kind"},
		{`{"data": {"kind": "custom"}}`, "data.custom", "0 points"},
		{`{"data": {"kind": "custom", "custom": [{"x": [0, 0]}, {"x": [1]}]}}`, "data.custom[1]", "1 coordinates"},
		{`{"data": {"kind": "custom", "custom": [{"x": [0, 1e7]}]}}`, "data.custom[0]", "within ±1e6"},
		{`{"data": {"kind": "custom", "custom": [{"x": [0, 0], "label": 8}]}}`, "data.custom[0]", "label 8"},
		{`{"data": {"kind": "custom", "custom": [{"x": [0, 0], "test": true}]}}`, "data.custom", "training point"},
		{`{"features": []}`, "features", "no input"},
		{`{"features": ["x3"]}`, "features", `"x3"`},
		{`{"features": ["x1", "x1"]}`, "features", "twice"},
		{`{"data": {"kind": "sin"}, "features": ["x1", "x2"]}`, "features", "one input"},
		{`{"hidden": [{"units": 2, "activation": "relu"}, {"units": 2, "activation": "relu"}, {"units": 2, "activation": "relu"}, {"units": 2, "activation": "relu"}, {"units": 2, "activation": "relu"}, {"units": 2, "activation": "relu"}, {"units": 2, "activation": "relu"}]}`, "hidden", "at most 6"},
		{`{"hidden": [{"units": 17, "activation": "relu"}]}`, "hidden[0].units", "1 … 16"},
		{`{"hidden": [{"units": 4, "activation": "relu"}, {"units": 0, "activation": "relu"}]}`, "hidden[1].units", "1 … 16"},
		{`{"hidden": [{"units": 4, "activation": "softmax"}]}`, "hidden[0].activation", `"softmax"`},
		{`{"output": {"activation": "tanh"}}`, "output.activation", `"tanh"`},
		{`{"output": {"activation": "sigmoid", "loss": "ce"}}`, "output.loss", "bce or mse"},
		{`{"output": {"activation": "identity", "loss": "bce"}}`, "output.loss", "takes mse"},
		{`{"data": {"kind": "sin"}, "output": {"activation": "sigmoid"}}`, "output.activation", "identity"},
		{`{"data": {"kind": "blobs3"}, "output": {"activation": "sigmoid"}}`, "output.activation", "3 classes"},
		{`{"perceptron": true}`, "perceptron", "no hidden layer"},
		{`{"perceptron": true, "hidden": [], "data": {"kind": "blobs3"}}`, "perceptron", "3 classes"},
		{`{"training": {"optimizer": "adagrad"}}`, "training.optimizer", `"adagrad"`},
		{`{"training": {"eta": 0}}`, "training.eta", "> 0"},
		{`{"training": {"eta": 11}}`, "training.eta", "≤ 10"},
		{`{"training": {"batch": -1}}`, "training.batch", "0 (all)"},
		{`{"training": {"l2": 2}}`, "training.l2", "0 … 1"},
		{`{"training": {"clip_norm": -1}}`, "training.clip_norm", "0 (off)"},
		{`{"training": {"init": "lecun"}}`, "training.init", `"lecun"`},
		{`{"training": {"init": "worked-example"}}`, "training.init", "2-2-1"},
		{`{"training": {"init": "sawtooth"}}`, "training.init", "sawtooth data"},
		{`{"training": {"init": "stepsum"}}`, "training.init", "a curve"},
		{`{"training": {"eta": "fast"}}`, "training.eta", "string"},
		{`{"hidden": {"units": 3}}`, "hidden", "object"},
		{`{"training": {"etaa": 1}}`, "training.etaa", "unknown field"},
		{`{"training": {"eta": 1}`, "body", "not valid JSON"},
		{`{} {}`, "body", "more than one"},
		{``, "body", "empty body"},
		{`[]`, "body", "is array; want a JSON object"},
		{`"xor"`, "body", "is string; want a JSON object"},
	}
	for _, tt := range tests {
		cfg, ferr := decodeConfig([]byte(tt.config))
		if ferr == nil {
			_, ferr = makeData(&cfg.Data, nil)
		}
		if ferr == nil || ferr.Field != tt.field || !strings.Contains(ferr.Msg, tt.says) {
			t.Errorf("config %s: error %#v, want field %q saying %q", tt.config, ferr, tt.field, tt.says)
		}
	}
}

// TestDefaults: {} and every preset are valid, and the output follows the data.
func TestDefaults(t *testing.T) {
	for _, tt := range []struct{ config, out, loss string }{
		{`{}`, "sigmoid", "bce"},
		{`{"data": {"kind": "blobs3"}}`, "softmax", "ce"},
		{`{"data": {"kind": "sawtooth"}}`, "identity", "mse"},
		{`{"output": {"activation": "softmax"}}`, "softmax", "ce"},
	} {
		cfg, ferr := decodeConfig([]byte(tt.config))
		if ferr != nil || cfg.Output.Activation != tt.out || cfg.Output.Loss != tt.loss {
			t.Errorf("%s: output %+v, error %v; want %s with %s", tt.config, cfg.Output, ferr, tt.out, tt.loss)
		}
	}
	// null is a missing list: hidden null no hidden layer, features null the default.
	if cfg, ferr := decodeConfig([]byte(`{"hidden": null, "features": null}`)); ferr != nil || cfg.Hidden == nil || len(cfg.Hidden) != 0 || len(cfg.Features) != 2 {
		t.Errorf(`{"hidden": null, "features": null}: hidden %#v, features %v, error %v; want [], [x1 x2]`, cfg.Hidden, cfg.Features, ferr)
	}
	for _, p := range Presets() {
		b, _ := json.Marshal(p.Config)
		if _, ferr := decodeConfig(b); ferr != nil {
			t.Errorf("preset %s: %v", p.ID, ferr)
		}
	}
}

// goldenConfig is the run of the golden file: moons, 2-6-6-1 with two
// activations, Adam, mini-batches and L2, a test share.
const goldenConfig = `{"data": {"kind": "moons", "points": 60, "noise": 0.1, "test_share": 0.25, "seed": 7},
	"hidden": [{"units": 6, "activation": "tanh"}, {"units": 6, "activation": "relu"}],
	"training": {"optimizer": "adam", "eta": 0.03, "batch": 8, "l2": 0.001, "seed": 5}}`

// TestDeterminism: the same configuration and controls give the same
// snapshots, in one run and against the golden file.
func TestDeterminism(t *testing.T) {
	run := func() []byte {
		s := newTestSession(t, goldenConfig)
		do(t, s, "step", "step", "epoch", "epoch")
		b, err := json.MarshalIndent(do(t, s, "epoch"), "", " ")
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	got := run()
	if again := run(); string(again) != string(got) {
		t.Fatal("two sessions of the same configuration gave different snapshots")
	}
	path := filepath.Join("testdata", "golden_snapshot.json")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !sameJSON(t, want, got) {
		t.Errorf("the snapshot differs from %s (rerun with -update if the change is meant)", path)
	}
}

// sameJSON reports whether two JSON documents are equal, numbers within a
// relative 1e-9: the vector build (GOEXPERIMENT=simd) sums in another
// order, so the last digits may differ.
func sameJSON(t *testing.T, a, b []byte) bool {
	var x, y any
	if json.Unmarshal(a, &x) != nil || json.Unmarshal(b, &y) != nil {
		t.Fatal("not JSON")
	}
	return equalJSON(t, "", x, y)
}

func equalJSON(t *testing.T, path string, x, y any) bool {
	switch x := x.(type) {
	case map[string]any:
		y, ok := y.(map[string]any)
		if !ok || len(x) != len(y) {
			t.Errorf("%s: %v against %v", path, x, y)
			return false
		}
		for k := range x {
			if !equalJSON(t, path+"."+k, x[k], y[k]) {
				return false
			}
		}
		return true
	case []any:
		y, ok := y.([]any)
		if !ok || len(x) != len(y) {
			t.Errorf("%s: %v against %v", path, x, y)
			return false
		}
		for i := range x {
			if !equalJSON(t, path+"["+string(rune('0'+i%10))+"]", x[i], y[i]) {
				return false
			}
		}
		return true
	case float64:
		y, ok := y.(float64)
		if !ok || math.Abs(x-y) > 1e-9*max(math.Abs(x), math.Abs(y)) {
			t.Errorf("%s: %v against %v", path, x, y)
			return false
		}
		return true
	}
	if x != y {
		t.Errorf("%s: %v against %v", path, x, y)
		return false
	}
	return true
}

// TestStepEpochReset: step takes one update, epoch goes to the end of the
// epoch under way (a whole one from a boundary), reset restores the initial
// weights, and the run after a reset is the first run again.
func TestStepEpochReset(t *testing.T) {
	s := newTestSession(t, goldenConfig) // 45 training points, batch 8: 6 steps an epoch
	start := do(t, s)
	if snap := do(t, s, "step"); snap.Step != 1 || snap.Epoch != 0 || snap.State != StatePaused {
		t.Fatalf("after step: step %d, epoch %d, %s; want 1, 0, paused", snap.Step, snap.Epoch, snap.State)
	}
	if snap := do(t, s, "step", "epoch"); snap.Step != 6 || snap.Epoch != 1 {
		t.Fatalf("after step, step, epoch: step %d, epoch %d; want 6, 1 (the rest of the first epoch)", snap.Step, snap.Epoch)
	}
	first := do(t, s, "epoch")
	if first.Step != 12 || first.Epoch != 2 || len(first.History) != 2 {
		t.Fatalf("after another epoch: step %d, epoch %d, %d history points; want 12, 2, 2", first.Step, first.Epoch, len(first.History))
	}
	if sameLayers(start.Layers, first.Layers) {
		t.Fatal("two epochs left the weights as they were")
	}
	reset := do(t, s, "reset")
	if reset.Step != 0 || reset.Epoch != 0 || len(reset.History) != 0 || !sameLayers(start.Layers, reset.Layers) {
		t.Fatalf("reset: step %d, epoch %d, %d history points, initial weights %v; want 0, 0, 0, true",
			reset.Step, reset.Epoch, len(reset.History), sameLayers(start.Layers, reset.Layers))
	}
	again := do(t, s, "epoch", "epoch")
	if !sameLayers(first.Layers, again.Layers) {
		t.Fatal("after a reset, two epochs gave other weights than the first time")
	}
}

func sameLayers(a, b []LayerState) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return string(x) == string(y)
}

// TestPlayPause: play trains until pause; a paused session's goroutine
// waits (its step count stands still) and ends when the run is ended.
func TestPlayPause(t *testing.T) {
	s := newTestSession(t, goldenConfig)
	do(t, s, "play")
	waitFor(t, "steps while playing", func() bool { s.lock(); defer s.mu.Unlock(); return s.step > 100 })
	paused := do(t, s, "pause")
	if paused.State != StatePaused {
		t.Fatalf("state %s after pause", paused.State)
	}
	time.Sleep(20 * time.Millisecond)
	if later := do(t, s); later.Step != paused.Step {
		t.Fatalf("paused at step %d, then at step %d", paused.Step, later.Step)
	}
	s.lock()
	r := s.run
	s.endRun()
	s.mu.Unlock()
	select {
	case <-r.done:
	case <-time.After(5 * time.Second):
		t.Fatal("the training goroutine did not end")
	}
}

// waitFor polls cond until it holds, for at most 5 s.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for end := time.Now().Add(5 * time.Second); !cond(); {
		if time.Now().After(end) {
			t.Fatalf("waited 5 s for %s", what)
		}
		time.Sleep(time.Millisecond)
	}
}

// TestDivergence: a learning rate far too large makes the loss infinite;
// training pauses, says what to change, keeps finite weights, and goes on
// when η is lowered.
func TestDivergence(t *testing.T) {
	s := newTestSession(t, `{"data": {"kind": "sin", "points": 50, "test_share": 0},
		"hidden": [{"units": 16, "activation": "relu"}, {"units": 16, "activation": "relu"}],
		"training": {"eta": 10, "init": "he"}}`)
	do(t, s, "play")
	waitFor(t, "divergence", func() bool { s.lock(); defer s.mu.Unlock(); return s.state == StateDiverged })
	snap := do(t, s)
	if !strings.Contains(snap.Message, "training diverged") || !strings.Contains(snap.Message, "smaller learning rate η (now 10)") {
		t.Errorf("message %q; want the library's error and what to change", snap.Message)
	}
	for l, ls := range snap.Layers {
		for _, row := range append(ls.W, ls.B) {
			for _, v := range row {
				if !finite(v) {
					t.Fatalf("layer %d has weight %v after divergence", l+1, v)
				}
			}
		}
	}
	s.lock()
	cfg := s.cfg
	cfg.Training.Eta = 1e-4
	s.apply(cfg, s.data, true)
	s.mu.Unlock()
	if after := do(t, s, "epoch"); after.State != StatePaused || after.Epoch != snap.Epoch+1 || !sameLayersShape(after, snap) {
		t.Errorf("after lowering η: state %s, epoch %d (%s); want paused, %d", after.State, after.Epoch, after.Message, snap.Epoch+1)
	}
}

func sameLayersShape(a, b *Snapshot) bool { return len(a.Layers) == len(b.Layers) }

// TestPerceptron: on AND the rule converges; on XOR it never does.
func TestPerceptron(t *testing.T) {
	and := newTestSession(t, `{"data": {"kind": "and"}, "hidden": [], "perceptron": true, "training": {"eta": 1}}`)
	do(t, and, "play")
	waitFor(t, "convergence on AND", func() bool { and.lock(); defer and.mu.Unlock(); return and.state == StateDone })
	snap := do(t, and)
	if p := snap.Perceptron; !p.Converged || p.Updates == 0 || !strings.Contains(snap.Message, "converged") {
		t.Fatalf("AND: %+v, %q", p, snap.Message)
	}
	// The line w·x + b = 0 separates AND: ŷ = 1 at (1, 1) only.
	X, _ := nn.XOR()
	p := &nn.Perceptron{W: snap.Perceptron.W, B: snap.Perceptron.B}
	for i := range X.Rows {
		x := X.Row(i)
		if want := float64(int(x[0]) & int(x[1])); p.Predict(x) != want {
			t.Errorf("AND perceptron predicts %v at %v", p.Predict(x), x)
		}
	}
	xor := newTestSession(t, `{"data": {"kind": "xor4"}, "hidden": [], "perceptron": true, "training": {"eta": 1}}`)
	xor.lock()
	xor.control("play")
	xor.mu.Unlock()
	waitFor(t, "100 epochs on XOR", func() bool { xor.lock(); defer xor.mu.Unlock(); return xor.epoch >= notConverged })
	snap = do(t, xor, "pause")
	if snap.Perceptron.Converged || snap.Perceptron.Mistakes == 0 || !strings.Contains(snap.Message, "not converged") {
		t.Errorf("XOR: %+v, %q; want not converged", snap.Perceptron, snap.Message)
	}
}

// TestWorkedExamplePreset: the §9 preset's first trace is the worked
// example, every number as the notes write it (TestWorkedExample3Layer).
func TestWorkedExamplePreset(t *testing.T) {
	var cfg Config
	for _, p := range Presets() {
		if p.ID == "s9-worked" {
			cfg = p.Config
		}
	}
	b, _ := json.Marshal(cfg)
	s := newTestSession(t, string(b))
	s.lock()
	tr, err := s.trace(0)
	s.mu.Unlock()
	if err != nil {
		t.Fatal(err)
	}
	σ := func(z float64) float64 { return 1 / (1 + math.Exp(-z)) }
	x, y := []float64{1, 0.5}, 1.0
	z1 := []float64{0.1*x[0] + 0.4*x[1] + 0.05, -0.3*x[0] + 0.2*x[1] - 0.1}
	a1 := []float64{σ(z1[0]), σ(z1[1])}
	z2 := 0.7*a1[0] - 0.5*a1[1] + 0.2
	a2 := σ(z2)
	d2 := (a2 - y) * a2 * (1 - a2)
	d1 := []float64{0.7 * d2 * a1[0] * (1 - a1[0]), -0.5 * d2 * a1[1] * (1 - a1[1])}
	eta := 0.5
	l1, l2 := tr.Layers[0], tr.Layers[1]
	checks := []struct {
		name      string
		got, want []float64
	}{
		{"x", tr.X, x}, {"y", tr.Y, []float64{y}},
		{"z¹", l1.Z, z1}, {"a¹", l1.A, a1}, {"z²", l2.Z, []float64{z2}}, {"a²", l2.A, []float64{a2}},
		{"L", []float64{float64(tr.Cost)}, []float64{0.5 * (a2 - y) * (a2 - y)}},
		{"δ²", l2.Delta, []float64{d2}}, {"δ¹", l1.Delta, d1},
		{"∂L/∂W²", l2.GradW[0], []float64{d2 * a1[0], d2 * a1[1]}},
		{"∂L/∂W¹ row 1", l1.GradW[0], []float64{d1[0] * x[0], d1[0] * x[1]}},
		{"∂L/∂W¹ row 2", l1.GradW[1], []float64{d1[1] * x[0], d1[1] * x[1]}},
		{"∂L/∂b¹", l1.GradB, d1}, {"∂L/∂b²", l2.GradB, []float64{d2}},
		{"W² after", l2.WAfter[0], []float64{0.7 - eta*d2*a1[0], -0.5 - eta*d2*a1[1]}},
		{"b¹ after", l1.BAfter, []float64{0.05 - eta*d1[0], -0.1 - eta*d1[1]}},
	}
	for _, c := range checks {
		if len(c.got) != len(c.want) {
			t.Errorf("%s: %v, want %v", c.name, c.got, c.want)
			continue
		}
		for i := range c.got {
			if math.Abs(c.got[i]-c.want[i]) > 1e-14*max(1, math.Abs(c.want[i])) {
				t.Errorf("%s: %v, want %v", c.name, c.got, c.want)
				break
			}
		}
	}
	if tr.DeltaRule != "(a^L − y) ⊙ f′(z^L)" || tr.Loss != "mse" || tr.Eta != eta {
		t.Errorf("rule %q, loss %s, η %v; want the MSE rule, mse, 0.5", tr.DeltaRule, tr.Loss, tr.Eta)
	}
	for _, l := range tr.Layers {
		for j, row := range l.GradW {
			for k, g := range row {
				if n := l.NumGradW[j][k]; math.Abs(g-n) > 1e-9 {
					t.Errorf("gradient %v against central difference %v", g, n)
				}
			}
		}
	}
}

// TestTraceMarkdown: "Copy as Markdown" is what nn explain prints for the
// downloaded model and the same sample.
func TestTraceMarkdown(t *testing.T) {
	s := newTestSession(t, goldenConfig)
	do(t, s, "epoch")
	s.lock()
	tr, err := s.trace(3)
	s.mu.Unlock()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"model " + ModelFile + ", trained on playground: moons", "a^L − y", "δ"} {
		if !strings.Contains(tr.Markdown, want) {
			t.Errorf("Markdown lacks %q:\n%s", want, tr.Markdown)
		}
	}
	if !strings.HasPrefix(tr.Command, "nn explain -model "+ModelFile+" -x ") {
		t.Errorf("command %q", tr.Command)
	}
}

// TestPresets: each preset makes a session whose snapshot shows what it is for.
func TestPresets(t *testing.T) {
	// null is a missing list: hidden null no hidden layer, features null the default.
	if cfg, ferr := decodeConfig([]byte(`{"hidden": null, "features": null}`)); ferr != nil || cfg.Hidden == nil || len(cfg.Hidden) != 0 || len(cfg.Features) != 2 {
		t.Errorf(`{"hidden": null, "features": null}: hidden %#v, features %v, error %v; want [], [x1 x2]`, cfg.Hidden, cfg.Features, ferr)
	}
	for _, p := range Presets() {
		b, _ := json.Marshal(p.Config)
		s := newTestSession(t, string(b))
		snap := do(t, s)
		switch p.ID {
		case "s8-xor":
			if len(snap.Gates) != 2 {
				t.Errorf("%s: gates %v", p.ID, snap.Gates)
			}
		case "s12-sigmoids", "s13-sawtooth":
			if snap.Curve == nil || snap.Output != nil {
				t.Errorf("%s: curve mode expected", p.ID)
			}
		case "s1-and", "s1-xor":
			if snap.Perceptron == nil {
				t.Errorf("%s: no perceptron", p.ID)
			}
		}
		if p.ID == "s13-sawtooth" {
			if l := *snap.Latest.TrainLoss; l > 1e-20 {
				t.Errorf("the sawtooth preset starts at loss %v, want 0 (nn.Sawtooth is exact)", l)
			}
		}
	}
}

// TestHandlerWhileOneStepEpochsPlay: a handler gets the session while it
// plays epochs of one step each (XOR's four patterns in one batch), whose
// only pauses are the schedule's gate.
func TestHandlerWhileOneStepEpochsPlay(t *testing.T) {
	s := newTestSession(t, `{"data": {"kind": "xor4"}, "hidden": [{"units": 2, "activation": "sigmoid"}]}`)
	do(t, s, "play")
	got := make(chan *Snapshot)
	go func() {
		time.Sleep(10 * time.Millisecond)
		got <- do(t, s, "pause")
	}()
	select {
	case snap := <-got:
		if snap.Epoch == 0 || snap.Epoch != snap.Step {
			t.Errorf("epoch %d, step %d; want as many epochs as steps, some", snap.Epoch, snap.Step)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("a handler waited 5 s for a session that plays one-step epochs")
	}
}

// TestLeavingPerceptronMode: a configuration without perceptron mode
// after one with it draws the MLP it configures, not the perceptron's
// single unit (reset kept the perceptron, and the page drew it).
func TestLeavingPerceptronMode(t *testing.T) {
	s := newTestSession(t, `{"data": {"kind": "and"}, "hidden": [], "perceptron": true, "training": {"eta": 1}}`)
	do(t, s, "step")
	cfg, ferr := decodeConfig([]byte(`{"data": {"kind": "and"}, "hidden": [{"units": 4, "activation": "tanh"}], "training": {"eta": 1}}`))
	if ferr != nil {
		t.Fatal(ferr)
	}
	s.lock()
	s.apply(cfg, s.data, false)
	s.mu.Unlock()
	snap := do(t, s)
	if snap.Perceptron != nil || len(snap.Layers) != 2 || len(snap.Layers[0].W) != 4 || snap.Layers[1].Activation != "sigmoid" {
		t.Fatalf("after leaving perceptron mode: perceptron %+v, %d layers; want none, a 2-4-1 network", snap.Perceptron, len(snap.Layers))
	}
	if snap := do(t, s, "step"); snap.Step != 1 || snap.Perceptron != nil {
		t.Fatalf("a step after leaving perceptron mode: step %d, perceptron %+v", snap.Step, snap.Perceptron)
	}
}

// TestEpochThenPlay: a handler waiting for its epoch to end returns when
// another client presses play, though nothing else asks for the session:
// it waited for the lock without telling the training goroutine, which,
// playing, never let go of it. Who gets the lock first is a race, so the
// test runs it several times.
func TestEpochThenPlay(t *testing.T) {
	s := newTestSession(t, `{"data": {"kind": "spirals", "points": 2000, "test_share": 0},
		"hidden": [{"units": 16, "activation": "tanh"}, {"units": 16, "activation": "tanh"}, {"units": 16, "activation": "tanh"}],
		"training": {"batch": 1}}`)
	for tries, rounds := 0, 0; rounds < 8; tries++ {
		if tries == 40 {
			t.Fatalf("in %d of %d tries the epoch ended before play was pressed", tries-rounds, tries)
		}
		do(t, s, "reset")
		done := make(chan *Snapshot)
		go func() { done <- do(t, s, "epoch") }()
		waitFor(t, "the epoch to start", func() bool { s.lock(); defer s.mu.Unlock(); return s.step > 0 })
		meant := do(t, s, "play").Epoch == 0 // else the epoch had ended: this try shows nothing
		if meant {
			rounds++
		}
		select {
		case snap := <-done:
			if meant && snap.State != StatePlaying {
				t.Fatalf("the epoch's answer after play: state %s", snap.State)
			}
		case <-time.After(3 * time.Second):
			t.Fatal("the epoch's handler waited 3 s after play")
		}
	}
}

// TestGradCheckBatchIsLastStep: the gradient check's batch is the one the
// last step trained on: plain SGD from the weights before the step, with
// the gradient of those rows, gives the weights after it, step after step,
// across epochs and a new call of Train (a changed η). Before the first
// step it is the first batch-size training samples.
func TestGradCheckBatchIsLastStep(t *testing.T) {
	s := newTestSession(t, `{"data": {"kind": "moons", "points": 64}, "hidden": [{"units": 3, "activation": "tanh"}],
		"training": {"batch": 8, "eta": 0.5}}`) // 44 training points: 6 steps an epoch, the last of 4 samples
	s.lock()
	first := s.checkInput()
	s.mu.Unlock()
	if first.step != 0 || first.X.Rows != 8 || !slices.Equal(first.X.Data, rowsOf(s.X, identity(8)).Data) {
		t.Fatalf("before the first step: step %d, %d samples; want 0, 8", first.step, first.X.Rows)
	}
	firstMatch, otherMatch := 0, 0
	for i := range 16 {
		if i == 9 { // a new setting: a new call of Train, from the same weights
			s.lock()
			cfg := s.cfg
			cfg.Training.Eta = 0.3
			s.apply(cfg, s.data, true)
			s.mu.Unlock()
		}
		s.lock()
		before, eta := s.net.Clone(), s.cfg.Training.Eta
		s.mu.Unlock()
		do(t, s, "step")
		s.lock()
		c := s.checkInput()
		after := s.net.Clone()
		size := len(s.batches.last)
		s.mu.Unlock()
		if c.step != i+1 || (c.X.Rows != 8 && c.X.Rows != s.X.Rows%8) {
			t.Fatalf("step %d: the check's batch is of step %d, %d samples", i+1, c.step, c.X.Rows)
		}
		if sgdStep(before, c.X, c.Y, s.loss, eta, after) {
			firstMatch++
		} else {
			t.Errorf("step %d: SGD on the check's batch of %d samples does not give the weights after the step", i+1, size)
		}
		if sgdStep(before, rowsOf(s.X, identity(c.X.Rows)), rowsOf(s.Y, identity(c.X.Rows)), s.loss, eta, after) {
			otherMatch++
		}
	}
	if otherMatch == firstMatch {
		t.Errorf("the first training points gave the same weights as the batch at every step: the test shows nothing")
	}
}

// sgdStep reports whether one step of plain SGD on (X, Y) from the weights
// of before gives those of after, within rounding.
func sgdStep(before *nn.MLP, X, Y *nn.Matrix, loss nn.Loss, eta float64, after *nn.MLP) bool {
	ws := before.NewWorkspace(X.Rows)
	ws.Training = true
	g := before.NewGrads()
	before.BackpropBatch(ws, X, Y, loss, g)
	got, grads, want := before.Params(), g.Params(), after.Params()
	for i := range got {
		for k := range got[i] {
			w := got[i][k] - eta*grads[i][k]
			if math.Abs(w-want[i][k]) > 1e-12*max(1, math.Abs(w)) {
				return false
			}
		}
	}
	return true
}
