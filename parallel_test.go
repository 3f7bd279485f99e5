package nn

import (
	"fmt"
	"runtime"
	"testing"
	"time"
)

// countRange counts, for each index, the calls that ran it.
type countRange struct{ hits []int }

func (c countRange) run(lo, hi int) {
	for i := lo; i < hi; i++ {
		c.hits[i]++
	}
}

var countPool pool[countRange]

// TestPoolRunsEachIndexOnce: over many calls of every size, at GOMAXPROCS
// 1, 2 and 4, with pauses longer than spin between some (so the workers
// park and are woken, or not, as the work decides), the pool runs every
// index of every call exactly once, and a call returns only when its
// chunks are done (the counts are read right after it, without locks, so
// the race detector checks that too).
func TestPoolRunsEachIndexOnce(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	for _, procs := range []int{1, 2, 4} {
		runtime.GOMAXPROCS(procs)
		for _, n := range []int{1, 7, 64, 1000} {
			for _, align := range []int{1, 8} {
				for _, work := range []int{minParallelWork, minWakeWork} {
					t.Run(fmt.Sprintf("procs=%d/n=%d/align=%d/work=%d", procs, n, align, work), func(t *testing.T) {
						c := countRange{make([]int, n)}
						for call := 1; call <= 50; call++ {
							countPool.split(c, n, align, work)
							for i, h := range c.hits {
								if h != call {
									t.Fatalf("after call %d, index %d ran %d times", call, i, h)
								}
							}
							if call%10 == 0 {
								time.Sleep(2 * spin)
							}
						}
					})
				}
			}
		}
	}
}
