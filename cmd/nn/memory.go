package main

// How much memory training a network takes, and how much this machine has
// free: nn train refuses a network that cannot fit before it allocates one.

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"
)

// trainingBytes estimates the memory that training a network of the given
// layer sizes takes, in bytes: six copies of the parameters (the weights,
// their gradients, two of optimizer state as Adam keeps, the step the
// trainer may roll back, and the best weights kept for Ctrl-C), and four
// numbers a unit (z, a, δ and a dropout mask) for each sample of a batch
// and of the validation set.
func trainingBytes(sizes []int, batch, nval int) float64 {
	params, units := 0.0, 0.0
	for l := 1; l < len(sizes); l++ {
		params += float64(sizes[l]) * float64(sizes[l-1]+1)
		units += float64(sizes[l])
	}
	return 8 * (6*params + 4*units*float64(batch+nval))
}

// availableMemory returns the memory the system can give a program now
// (MemAvailable of /proc/meminfo), in bytes; 0 where it cannot tell.
func availableMemory() float64 {
	f, err := os.Open("/proc/meminfo")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) == 3 && fields[0] == "MemAvailable:" && fields[2] == "kB" {
			kB, err := strconv.ParseFloat(fields[1], 64)
			if err == nil {
				return 1024 * kB
			}
		}
	}
	return 0
}

// bytesText writes a number of bytes in GB, or MB below 1 GB: whole
// numbers from 10 up, one decimal below ("214 GB", "1.5 MB").
func bytesText(b float64) string {
	unit := "GB"
	v := b / 1e9
	if v < 1 {
		unit, v = "MB", b/1e6
	}
	if v >= 10 {
		return fmt.Sprintf("%.0f %s", v, unit)
	}
	return fmt.Sprintf("%.1f %s", v, unit)
}
