package main

import (
	"runtime/debug"
	"strings"
	"testing"
)

// TestVectorNote: the note names the build command on an AVX-512 or AVX2
// CPU in the plain build, and says nothing in the vector build or without
// vector units.
func TestVectorNote(t *testing.T) {
	plain := []debug.BuildSetting{{Key: "GOARCH", Value: "amd64"}}
	simd := append(plain, debug.BuildSetting{Key: "GOEXPERIMENT", Value: "simd"})
	avx512 := "processor\t: 0\nflags\t\t: fpu sse2 avx avx2 fma avx512f avx512dq\n"
	avx2 := "flags\t\t: fpu sse2 avx avx2 fma\n"
	old := "flags\t\t: fpu sse2 sse4_2\n"
	for _, tt := range []struct {
		name     string
		settings []debug.BuildSetting
		cpuinfo  string
		want     string // "" for no note
	}{
		{"plain on AVX-512", plain, avx512, "(AVX-512) the vector build trains about " + avx512Gain + " faster: GOEXPERIMENT=simd go build ./cmd/nn"},
		{"plain on AVX2", plain, avx2, "(AVX2) the vector build runs the products at least " + avx2Gain + " faster: GOEXPERIMENT=simd go build ./cmd/nn"},
		{"plain without AVX2", plain, old, ""},
		{"plain, no /proc/cpuinfo", plain, "", ""},
		{"vector build on AVX-512", simd, avx512, ""},
	} {
		got := vectorNoteText(tt.settings, tt.cpuinfo)
		if (tt.want == "") != (got == "") || !strings.Contains(got, tt.want) {
			t.Errorf("%s: note %q, want one containing %q", tt.name, got, tt.want)
		}
	}
}
