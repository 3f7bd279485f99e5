//go:build unix

package nn

import "syscall"

// cpuSeconds returns the user and system CPU time of the process so far, or
// 0 where it cannot tell. On a shared machine, work per CPU-second is steadier
// than work per second of wall time.
func cpuSeconds() float64 {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return float64(ru.Utime.Sec+ru.Stime.Sec) + float64(ru.Utime.Usec+ru.Stime.Usec)/1e6
}
