package main

import (
	"context"
	"strings"
	"testing"
)

// runArgs runs nn in-process and returns its stdout, stderr and exit code.
func runArgs(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errw strings.Builder
	code = exitCode(run(context.Background(), args, &out, &errw), &errw)
	return out.String(), errw.String(), code
}

func TestRunXOR(t *testing.T) {
	out, errs, code := runArgs(t, "xor")
	if code != 0 {
		t.Fatalf("nn xor: exit %d, stderr %q", code, errs)
	}
	for _, want := range []string{
		"4 of 4 patterns classified correctly",
		"hidden unit 1: NAND",
		"hidden unit 2: OR",
		"output:        AND of the hidden units, which is XOR",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

func TestExitCodes(t *testing.T) {
	tests := []struct {
		args   []string
		code   int
		stdout string // a part of stdout
		stderr string // a part of stderr
	}{
		{[]string{"help"}, 0, "The commands are:", ""},
		{[]string{"-h"}, 0, "The commands are:", ""},
		{[]string{"help", "xor"}, 0, "usage: nn xor", ""},
		{[]string{"xor", "-h"}, 0, "Example:", ""},
		{[]string{"xor", "-eta"}, 2, "", "nn xor: flag needs an argument: -eta"},
		{[]string{"xor", "-bogus"}, 2, "", "nn xor: flag provided but not defined: -bogus"},
		{[]string{"xor", "stray"}, 2, "", `nn xor: unexpected argument "stray"`},
		{[]string{"xor", "-every", "0"}, 2, "", "nn xor: -every 0 must be ≥ 1"},
		{[]string{"xor", "-eta", "0"}, 1, "", "nn xor: "},
		{[]string{"xor", "-epochs", "x"}, 2, "", "invalid value"},
		{[]string{"frobnicate"}, 2, "", `nn: unknown command "frobnicate"`},
		{[]string{"help", "frobnicate"}, 2, "", `nn help: unknown command "frobnicate"`},
	}
	for _, tt := range tests {
		out, errs, code := runArgs(t, tt.args...)
		if code != tt.code || !strings.Contains(out, tt.stdout) || !strings.Contains(errs, tt.stderr) {
			t.Errorf("nn %q: exit %d, stdout %q, stderr %q; want exit %d, stdout with %q, stderr with %q",
				tt.args, code, out, errs, tt.code, tt.stdout, tt.stderr)
		}
	}
}
