package nn

import (
	"runtime"
	"sync"
)

// The worker pool: it splits work over a range 0…n−1 into one part per CPU
// and runs the parts at once, the calling goroutine taking the last one. It
// knows nothing of what the work is: a product (matmul.go), an optimizer's
// rule over the parameters (train.go), anything with a run(lo, hi) method.

// ranger is work over a range: run(lo, hi) does the part lo…hi−1, which
// must not touch what another part touches.
type ranger interface{ run(lo, hi int) }

// pool is the worker pool for work of type R. Workers are started on
// demand, up to GOMAXPROCS − 1 of them, and wait on one channel. R is a
// plain value (a product's operands, an update's slices), copied into the
// channel, so handing a part over allocates nothing.
type pool[R ranger] struct {
	once  sync.Once
	mu    sync.Mutex // held while the workers run one call's parts
	parts chan part[R]
	done  chan struct{}
	n     int // workers started
}

// part is the piece lo…hi−1 of the work r.
type part[R ranger] struct {
	r      R
	lo, hi int
}

const maxParts = 64

// minParallelWork is the number of multiply-adds below which work runs on
// the calling goroutine. Waking a parked worker and waiting for it costs a
// few microseconds; 2^17 multiply-adds take 10–30 µs on one core of the
// portable kernels, so a split pays from there. Below it sit the products of
// small networks, such as the digits network's 32×64×32 (2^16), which ran
// slower on two cores than on one when the threshold was 2^16
// (BenchmarkSmallNets with -cpu 1,2 measures this).
const minParallelWork = 1 << 17

// split runs r over 0…n−1, in parts on multiples of align, one per CPU
// (runtime.GOMAXPROCS at the time of the call), when work (multiply-adds)
// is large enough. If another goroutine is using the pool, it runs all of
// r on the calling goroutine instead.
func (p *pool[R]) split(r R, n, align, work int) {
	if work < minParallelWork {
		r.run(0, n)
		return
	}
	units := (n + align - 1) / align
	parts := 1
	if units >= 2 {
		parts = min(runtime.GOMAXPROCS(0), units, maxParts)
	}
	if parts < 2 || !p.mu.TryLock() {
		r.run(0, n)
		return
	}
	defer p.mu.Unlock()
	p.once.Do(func() {
		p.parts = make(chan part[R], maxParts)
		p.done = make(chan struct{}, maxParts)
	})
	for ; p.n < parts-1; p.n++ {
		go func() {
			for w := range p.parts {
				w.r.run(w.lo, w.hi)
				p.done <- struct{}{}
			}
		}()
	}
	chunk := (units + parts - 1) / parts * align
	lo, sent := 0, 0
	for ; lo+chunk < n; lo += chunk {
		p.parts <- part[R]{r, lo, lo + chunk}
		sent++
	}
	r.run(lo, n)
	for range sent {
		<-p.done
	}
}
