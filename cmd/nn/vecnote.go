package main

// The note nn train gives a user of the plain build on a CPU with vector
// units: how much faster the GOEXPERIMENT=simd build would train here, and
// how to build it.

import (
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"strings"
)

// vectorNote writes the note to stderr once, at the start of nn train, if
// stderr is a terminal (not a pipe or a file), this program was built
// without GOEXPERIMENT=simd and the CPU has AVX2 or AVX-512.
func vectorNote(stderr io.Writer) {
	if !isTerminal(stderr) || runtime.GOARCH != "amd64" {
		return
	}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return
	}
	cpuinfo, _ := os.ReadFile("/proc/cpuinfo") // Linux; elsewhere no note
	if note := vectorNoteText(info.Settings, string(cpuinfo)); note != "" {
		fmt.Fprintln(stderr, note)
	}
}

// vectorNoteText returns the note for a program built with settings on a
// CPU described by cpuinfo (the text of /proc/cpuinfo), or "" if there is
// nothing to say.
func vectorNoteText(settings []debug.BuildSetting, cpuinfo string) string {
	for _, s := range settings {
		if s.Key == "GOEXPERIMENT" && strings.Contains(s.Value, "simd") {
			return ""
		}
	}
	var flags []string
	for _, line := range strings.Split(cpuinfo, "\n") {
		if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "flags" {
			flags = strings.Fields(v)
			break
		}
	}
	has := func(f string) bool {
		for _, g := range flags {
			if g == f {
				return true
			}
		}
		return false
	}
	const how = "GOEXPERIMENT=simd go build ./cmd/nn (Go 1.26 or later)"
	switch {
	case has("avx512f"):
		return "note: this nn has no vector kernels; on this CPU (AVX-512) the vector build trains about " + avx512Gain + " faster: " + how
	case has("avx2") && has("fma"):
		return "note: this nn has no vector kernels; on this CPU (AVX2) the vector build runs the products at least " + avx2Gain + " faster: " + how
	}
	return ""
}

// The gains, measured: avx512Gain is the Fashion-MNIST epoch of the plain
// build over that of the vector build in the README's speed table (10.43 and
// 2.28 s at GOMAXPROCS=2, bench/table.py, an Intel Xeon with AVX-512; the
// machine was shared: the ranges of the rounds give 3.9–5.3×, and in the
// run before it the medians gave 6.9×);
// avx2Gain the products at the first layer's shapes, AVX2 tiles against the
// portable loops on one CPU of an AMD EPYC (12.8–14.9 against 5.1–8.7
// GFLOP/s, go test -bench Kernels with GOEXPERIMENT=simd), with the
// simd/archsimd tiles that the assembly tile4x8 has since replaced; on the
// Xeon, which runs AVX2 code too, tile4x8 ran about 2.5× faster than those
// (medians of nine alternate runs: 12.6 against 5.1 GFLOP/s), so the note
// says "at least". No CPU with AVX2 but not AVX-512 was at hand
// to measure it on.
const (
	avx512Gain = "4.6×"
	avx2Gain   = "2×"
)
