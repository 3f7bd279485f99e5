package playground

// bench_test.go: the playground's speed (issue 17 §5): training steps a
// second in a session against the library's Train alone, the bytes and the
// time of a frame of the largest network, and the CPU of a paused session.
//
//	go test -run '^$' -bench . ./cmd/nn/internal/playground

import (
	"bufio"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"syscall"
	"testing"
	"time"

	"example.com/nn"
)

// config2881 is the network: 2-8-8-1 on 500 points, batch 10.
const config2881 = `{"data": {"kind": "moons", "points": 500, "test_share": 0},
	"hidden": [{"units": 8, "activation": "tanh"}, {"units": 8, "activation": "tanh"}],
	"training": {"batch": 10, "eta": 0.03}}`

// configLargest is the largest network the page allows: 7 inputs, 6 × 16.
const configLargest = `{"data": {"kind": "spirals", "points": 500},
	"features": ["x1", "x2", "x1^2", "x2^2", "x1x2", "sin_x1", "sin_x2"],
	"hidden": [{"units": 16, "activation": "relu"}, {"units": 16, "activation": "relu"}, {"units": 16, "activation": "relu"},
		{"units": 16, "activation": "relu"}, {"units": 16, "activation": "relu"}, {"units": 16, "activation": "relu"}]}`

// BenchmarkSessionEpochs2881: one epoch (50 steps) per iteration, through
// the session's control as the page's "epoch" button runs it.
func BenchmarkSessionEpochs2881(b *testing.B) {
	s := newTestSession(b, config2881)
	b.ResetTimer()
	s.lock()
	for range b.N {
		s.control("epoch")
	}
	s.mu.Unlock()
	b.ReportMetric(float64(50*b.N)/b.Elapsed().Seconds(), "steps/s")
}

// BenchmarkSessionPlay2881: steps while playing, with a stream's frames
// taken at FramesPerSecond as the server does.
func BenchmarkSessionPlay2881(b *testing.B) {
	s := newTestSession(b, config2881)
	do(b, s, "play")
	b.ResetTimer()
	start := s.stepNow()
	frames := 0
	for range b.N {
		time.Sleep(time.Second / FramesPerSecond)
		s.lock()
		snap := s.snapshot(nil)
		s.mu.Unlock()
		json.Marshal(snap)
		frames++
	}
	b.ReportMetric(float64(s.stepNow()-start)/b.Elapsed().Seconds(), "steps/s")
	b.ReportMetric(float64(frames)/b.Elapsed().Seconds(), "frames/s")
}

func (s *session) stepNow() int {
	s.lock()
	defer s.mu.Unlock()
	return s.step
}

// BenchmarkLibraryEpochs2881 is the baseline: the library's Train on the
// same network and data, b.N epochs in one call.
func BenchmarkLibraryEpochs2881(b *testing.B) {
	s := newTestSession(b, config2881)
	net := s.net.Clone()
	cfg := nn.TrainConfig{Loss: nn.BinaryCrossEntropy{}, Optimizer: &nn.SGD{}, Schedule: nn.Constant{LR: 0.03}, BatchSize: 10, Epochs: b.N}
	b.ResetTimer()
	if _, err := net.Train(s.X, s.Y, cfg, shuffleRand(1)); err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(50*b.N)/b.Elapsed().Seconds(), "steps/s")
}

// BenchmarkSnapshotLargest: building and encoding one frame of the largest
// network, and its size.
func BenchmarkSnapshotLargest(b *testing.B) {
	s := newTestSession(b, configLargest)
	do(b, s, "epoch")
	size := 0
	b.ResetTimer()
	for range b.N {
		s.lock()
		snap := s.snapshot(nil)
		s.mu.Unlock()
		js, _ := encode(snap)
		size = len(js)
	}
	b.ReportMetric(float64(size), "bytes/frame")
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "frames/s")
}

// BenchmarkSnapshotLargestDelta: a streamed frame after the first, without
// the points (what a playing session sends).
func BenchmarkSnapshotLargestDelta(b *testing.B) {
	s := newTestSession(b, configLargest)
	var prev sent
	s.lock()
	s.snapshot(&prev)
	s.mu.Unlock()
	do(b, s, "epoch")
	size := 0
	b.ResetTimer()
	for range b.N {
		s.lock()
		snap := s.snapshot(&prev)
		s.mu.Unlock()
		js, _ := encode(snap)
		size = len(js)
	}
	b.ReportMetric(float64(size), "bytes/frame")
}

// BenchmarkPausedSession: the CPU time the process uses while a session
// that has played sits paused, per second of wall time.
func BenchmarkPausedSession(b *testing.B) {
	s := newTestSession(b, config2881)
	do(b, s, "play")
	time.Sleep(20 * time.Millisecond)
	do(b, s, "pause")
	b.ResetTimer()
	cpu0, t0 := cpuTime(), time.Now()
	for range b.N {
		time.Sleep(10 * time.Millisecond)
	}
	b.ReportMetric(float64(cpuTime()-cpu0)/float64(time.Since(t0)), "cpu-s/s")
}

// BenchmarkIdleBaseline is BenchmarkPausedSession's loop without a session:
// the CPU of the benchmark itself.
func BenchmarkIdleBaseline(b *testing.B) {
	cpu0, t0 := cpuTime(), time.Now()
	for range b.N {
		time.Sleep(10 * time.Millisecond)
	}
	b.ReportMetric(float64(cpuTime()-cpu0)/float64(time.Since(t0)), "cpu-s/s")
}

// cpuTime returns the CPU time (user and system) the process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkSessionXOR: the §8 preset, one step an epoch (the 4 patterns
// in one batch), so each step is a Train call of its own.
func BenchmarkSessionXOR(b *testing.B) {
	s := newTestSession(b, `{"data": {"kind": "xor4"}, "hidden": [{"units": 2, "activation": "sigmoid"}], "output": {"activation": "sigmoid", "loss": "mse"}, "training": {"eta": 2, "seed": 17}}`)
	b.ResetTimer()
	s.lock()
	for range b.N {
		s.control("epoch")
	}
	s.mu.Unlock()
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "steps/s")
}

// BenchmarkLibraryXOR is its baseline: the library's TrainGD, the loop of
// nn xor, b.N epochs in one call.
func BenchmarkLibraryXOR(b *testing.B) {
	net, err := nn.New([]int{2, 2, 1}, []nn.Activation{nn.Sigmoid{}, nn.Sigmoid{}}, nn.XavierUniform, weightRand(17))
	if err != nil {
		b.Fatal(err)
	}
	X, Y := nn.XOR()
	b.ResetTimer()
	if _, err := net.TrainGD(X, Y, nn.MSE{}, 2, b.N, nil); err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "steps/s")
}

// BenchmarkSessionPlayXOR: the §8 preset playing, frames taken as a stream does.
func BenchmarkSessionPlayXOR(b *testing.B) {
	s := newTestSession(b, `{"data": {"kind": "xor4"}, "hidden": [{"units": 2, "activation": "sigmoid"}], "output": {"activation": "sigmoid", "loss": "mse"}, "training": {"eta": 2, "seed": 17}}`)
	do(b, s, "play")
	b.ResetTimer()
	start := s.stepNow()
	for range b.N {
		time.Sleep(time.Second / FramesPerSecond)
		s.lock()
		snap := s.snapshot(nil)
		s.mu.Unlock()
		encode(snap)
	}
	b.ReportMetric(float64(s.stepNow()-start)/b.Elapsed().Seconds(), "steps/s")
}

// BenchmarkSnapshot2881: one frame of the 2-8-8-1 network on 500 points.
func BenchmarkSnapshot2881(b *testing.B) {
	s := newTestSession(b, config2881)
	for range b.N {
		s.lock()
		snap := s.snapshot(nil)
		s.mu.Unlock()
		encode(snap)
	}
}

// benchStream plays a session of the configuration and reads its event
// stream over HTTP for b.N frames: frames a second, bytes a frame, and the
// steps a second the training made meanwhile.
func benchStream(b *testing.B, config string) {
	hs := httptest.NewUnstartedServer(nil)
	pg := NewServer(hs.Listener.Addr().String())
	hs.Config.Handler = pg
	hs.Start()
	defer hs.Close()
	defer pg.Close()
	resp, err := http.Post(hs.URL+"/api/sessions", "application/json", strings.NewReader(config))
	if err != nil {
		b.Fatal(err)
	}
	var sr SessionResponse
	json.NewDecoder(resp.Body).Decode(&sr)
	resp.Body.Close()
	base := hs.URL + "/api/sessions/" + sr.ID
	stream, err := http.Get(base + "/stream")
	if err != nil {
		b.Fatal(err)
	}
	defer stream.Body.Close()
	r := bufio.NewReaderSize(stream.Body, 1<<20)
	http.Post(base+"/control", "application/json", strings.NewReader(`{"action": "play"}`))
	var last Snapshot
	first, bytes := -1, 0
	b.ResetTimer()
	for frames := 0; frames < b.N+1; {
		line, err := r.ReadString('\n')
		if err != nil {
			b.Fatal(err)
		}
		if data, ok := strings.CutPrefix(line, "data: "); ok {
			json.Unmarshal([]byte(data), &last)
			if first < 0 {
				first = last.Step
				b.ResetTimer()
			} else {
				bytes += len(line)
			}
			frames++
		}
	}
	sec := b.Elapsed().Seconds()
	b.ReportMetric(float64(b.N)/sec, "frames/s")
	b.ReportMetric(float64(bytes)/float64(b.N), "bytes/frame")
	b.ReportMetric(float64(last.Step-first)/sec, "steps/s")
}

// BenchmarkStream2881: the 2-8-8-1 network on 500 points, streamed while it plays.
func BenchmarkStream2881(b *testing.B) { benchStream(b, config2881) }

// BenchmarkStreamLargest: the largest network, streamed while it plays.
func BenchmarkStreamLargest(b *testing.B) { benchStream(b, configLargest) }

// BenchmarkLibraryEpochsLargest is the baseline of BenchmarkStreamLargest:
// the library's Train on the largest network, b.N epochs (one step each:
// the batch is all 350 training points) in one call, with the test loss.
func BenchmarkLibraryEpochsLargest(b *testing.B) {
	s := newTestSession(b, configLargest)
	net := s.net.Clone()
	cfg := nn.TrainConfig{Loss: nn.BinaryCrossEntropy{}, Optimizer: &nn.SGD{}, Schedule: nn.Constant{LR: 0.1},
		BatchSize: s.X.Rows, Epochs: b.N, ValX: s.TX, ValY: s.TY}
	b.ResetTimer()
	if _, err := net.Train(s.X, s.Y, cfg, shuffleRand(1)); err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "steps/s")
}

// BenchmarkGradCheckLargest: the gradient check of the largest network on
// a batch of all 2000 points (the most a batch can be), against the same
// check on 100 of them (what the check took before it ran on the batch).
func BenchmarkGradCheckLargest(b *testing.B) {
	s := newTestSession(b, strings.Replace(configLargest, `"points": 500}`, `"points": 2000, "test_share": 0}`, 1))
	for _, n := range []int{100, 2000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			s.lock()
			c := s.checkInput()
			s.mu.Unlock()
			c.X, c.Y = rowsOf(c.X, identity(n)), rowsOf(c.Y, identity(n))
			for b.Loop() {
				c.run()
			}
		})
	}
}
