package nn

import (
	"runtime"
	"sync"
	"sync/atomic"
	"time"
)

// The worker pool: it splits work over a range 0…n−1 into chunks and runs
// them on every CPU at once, the calling goroutine among them. It knows
// nothing of what the work is: a product (matmul.go), an optimizer's rule
// over the parameters (train.go), anything with a run(lo, hi) method.
//
// Two things on a shared machine (measured on a 2-vCPU virtual machine)
// decide its shape:
//
//   - A parked worker can take longer to wake than a product takes: its
//     virtual CPU is halted and the host must schedule it again. Handing
//     fixed halves to the workers then ran the halves one after the other.
//     So the chunks are claimed, not assigned: each goroutine takes the
//     next chunk not yet taken, and a late or slowed CPU simply takes fewer.
//   - After its last chunk a worker keeps watching for the next call for a
//     while (spin) before it parks, as BLAS libraries do: the products of a
//     training step come tens of microseconds apart. A parked worker is
//     woken only for large work (minWakeWork).

// ranger is work over a range: run(lo, hi) does the part lo…hi−1, which
// must not touch what another part touches.
type ranger interface{ run(lo, hi int) }

// pool is the worker pool for work of type R. Workers are started on
// demand, up to GOMAXPROCS − 1 of them. R is a plain value (a product's
// operands, an update's slices) kept in the pool during a call, so handing
// work over allocates nothing.
//
// A call is published in one atomic word, state: the call's number (gen),
// its count of chunks and the next chunk not yet claimed. A goroutine claims
// a chunk by advancing the count with compare-and-swap, and reads the call's
// work (task, n, size) only after a claim succeeded, so never while the
// next call writes it: a call returns only when all its chunks are done.
type pool[R ranger] struct {
	mu      sync.Mutex // one call at a time; others run on their own goroutine
	state   atomic.Uint64
	left    atomic.Int64 // chunks of the current call not yet finished
	gen     uint64       // the current call's number (the caller's copy)
	task    R
	n, size int // the range, and the length of a chunk
	workers []*worker
	caller  worker // parked while the last chunks finish on other CPUs
}

// worker is what a call needs to wake a parked worker.
type worker struct {
	parked atomic.Bool
	wake   chan struct{}
}

// spin is how long a goroutine of the pool watches for what it waits for (a
// worker, the next call; the caller, the last chunks) before it parks.
const spin = 50 * time.Microsecond

// minParallelWork is the number of multiply-adds below which work runs on
// the calling goroutine. Waking a parked worker and waiting for it costs a
// few microseconds; 2^17 multiply-adds take 10–30 µs on one core of the
// portable kernels, so a split pays from there. Below it sit the products of
// small networks, such as the digits network's 32×64×32 (2^16), which ran
// slower on two cores than on one when the threshold was 2^16
// (BenchmarkSmallNets with -cpu 1 and with -cpu 2 measures this).
const minParallelWork = 1 << 17

// minWakeWork is the work (multiply-adds) from which a call wakes parked
// workers; smaller work is shared only with workers still spinning from the
// call before. Waking a worker whose CPU is idle can take longer than the
// small products of a small network (a test that trains one ran 20% slower
// when every call woke the workers).
const minWakeWork = 1 << 20

// chunksPerCPU is how many chunks a call is cut into for each CPU, so that
// a CPU that starts late or runs slowly leaves its share to the others.
const chunksPerCPU = 4

// split runs r over 0…n−1, in chunks on multiples of align, on every CPU
// (runtime.GOMAXPROCS at the time of the call) when work (multiply-adds)
// is large enough. If another goroutine is using the pool, it runs all of
// r on the calling goroutine instead.
func (p *pool[R]) split(r R, n, align, work int) {
	if splitTimer != nil {
		defer splitTimer(r, time.Now())
	}
	units := (n + align - 1) / align
	cpus := min(runtime.GOMAXPROCS(0), units)
	if work < minParallelWork || cpus < 2 || !p.mu.TryLock() {
		r.run(0, n)
		return
	}
	defer p.mu.Unlock()
	if p.caller.wake == nil {
		p.caller.wake = make(chan struct{}, 1)
	}
	for len(p.workers) < cpus-1 {
		w := &worker{wake: make(chan struct{}, 1)}
		p.workers = append(p.workers, w)
		go p.work(w)
	}
	chunks := min(units, cpus*chunksPerCPU)
	p.task, p.n, p.size = r, n, (units+chunks-1)/chunks*align
	chunks = (n + p.size - 1) / p.size
	p.gen++
	p.left.Store(int64(chunks))
	p.state.Store(p.gen<<32 | uint64(chunks)<<16) // publish
	if work >= minWakeWork {
		for _, w := range p.workers[:cpus-1] {
			w.wakeUp()
		}
	}
	p.runChunks(p.gen)
	p.await(&p.caller, func() bool { return p.left.Load() == 0 })
	var zero R
	p.task = zero // let the operands go
}

// splitTimer, if not nil, is called at the end of every call of split with
// the call's task and the time it started: BenchmarkStepInside sets it to
// time the phases of a training step inside the whole step.
var splitTimer func(r any, start time.Time)

// runChunks claims and runs chunks of call gen until none is left.
func (p *pool[R]) runChunks(gen uint64) {
	for {
		s := p.state.Load()
		chunks, next := int(s>>16&0xffff), int(s&0xffff)
		if s>>32 != gen || next >= chunks {
			return
		}
		if !p.state.CompareAndSwap(s, s+1) {
			continue
		}
		lo := next * p.size
		p.task.run(lo, min(lo+p.size, p.n))
		if p.left.Add(-1) == 0 {
			p.caller.wakeUp()
		}
	}
}

// work is a worker's loop: wait for a call, help with it, and again.
func (p *pool[R]) work(w *worker) {
	var seen uint64 // the last call this worker helped with
	for {
		p.await(w, func() bool { return p.state.Load()>>32 != seen })
		seen = p.state.Load() >> 32
		p.runChunks(seen)
	}
}

// await returns when ready() is true: it checks for a while (spin), then
// parks w until another goroutine calls w.wakeUp after making it true. A
// wake-up can come late, from a call before (a worker that finished the
// last chunk of the previous call and was then held up before waking the
// caller), so ready is checked again after each.
func (p *pool[R]) await(w *worker, ready func() bool) {
	for start := time.Now(); time.Since(start) < spin; runtime.Gosched() {
		if ready() {
			return
		}
	}
	for {
		w.parked.Store(true)
		if ready() {
			// It became true before w parked. If the goroutine that made
			// it true also saw w parked, it sent a wake-up: take it, so
			// that it does not wake w later for nothing.
			if !w.parked.Swap(false) {
				<-w.wake
			}
			return
		}
		<-w.wake
		if ready() {
			return
		}
	}
}

// wakeUp wakes w if it is parked.
func (w *worker) wakeUp() {
	if w.parked.Swap(false) {
		w.wake <- struct{}{}
	}
}
