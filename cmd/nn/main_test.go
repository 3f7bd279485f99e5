package main

import (
	"strings"
	"testing"
)

func TestRunXOR(t *testing.T) {
	var out strings.Builder
	if err := run(nil, &out); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"4 of 4 patterns classified correctly",
		"hidden unit 1: NAND",
		"hidden unit 2: OR",
		"output:        AND of the hidden units, which is XOR",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
}

func TestRunBadFlags(t *testing.T) {
	for _, args := range [][]string{{"-eta", "0"}, {"-every", "0"}, {"-epochs", "x"}} {
		var out strings.Builder
		if err := run(args, &out); err == nil {
			t.Errorf("run(%q) succeeded; want an error", args)
		}
	}
}
