package main

// Tests of what every command shares: the Ctrl-C a command catches.

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"
)

// onWrite calls f once, at the first write that contains want.
type onWrite struct {
	mu   sync.Mutex
	b    strings.Builder
	want string
	f    func()
	done bool
}

func (w *onWrite) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.b.Write(p)
	if !w.done && strings.Contains(string(p), w.want) {
		w.done = true
		w.f()
	}
	return len(p), nil
}

// TestCatchInterrupt: nn train declares that it catches the first Ctrl-C,
// and main runs it with the context interruptContext gives: a real SIGINT
// in the middle of a run stops it after the current step, with its best
// weights saved, instead of ending the program.
func TestCatchInterrupt(t *testing.T) {
	self, err := os.FindProcess(os.Getpid())
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "m.json")
	var out strings.Builder
	var sendErr error
	errw := &onWrite{want: " 2/100000 ", f: func() { sendErr = self.Signal(os.Interrupt) }}
	args := []string{"train", "-data", "iris", "-epochs", "100000", "-o", path}
	ctx, stop := interruptContext(args)
	defer stop()
	code := exitCode(run(ctx, args, &out, errw), errw)
	if sendErr != nil {
		t.Skipf("cannot send os.Interrupt here: %v", sendErr)
	}
	if code != 1 || !strings.Contains(errw.b.String(), "nn train: interrupted; "+path+" holds the weights of epoch") {
		t.Errorf("exit %d, stderr ends %q", code, errw.b.String()[max(0, errw.b.Len()-200):])
	}
	if _, err := os.Stat(path); err != nil {
		t.Errorf("the interrupted run saved nothing: %v", err)
	}
}

// TestHelpText: every command's page is wrapped (in each paragraph of
// prose, no line is followed by a word that would have fitted on it within
// 72 columns, and no line passes 80; formulas are kept whole), the -label flag of nn predict states one
// default, and "nn help -h" is help's own help. Catches: a line broken
// early in the tour's page, an unwrapped line in predict's, "(default: as
// the model was trained) (default "-1")", and `unknown command "-h"`.
func TestHelpText(t *testing.T) {
	for _, c := range commands {
		var para []string
		check := func() {
			for i, l := range para {
				n := utf8.RuneCountInString(l)
				if n > 80 {
					t.Errorf("nn %s -h: %q is over 80 columns", c.Name, l)
				}
				if i+1 < len(para) {
					// A word of prose; a formula (θ ← …, ∂L/∂W^l = …) is kept whole.
					next := strings.Fields(para[i+1])[0]
					prose := strings.Trim(next, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789(),.;:'-\"") == ""
					if prose && n+1+len(next) <= 72 {
						t.Errorf("nn %s -h: %q is broken early (%q would fit)", c.Name, l, next)
					}
				}
			}
			para = nil
		}
		for _, l := range strings.Split(c.Long, "\n") {
			if strings.TrimSpace(l) == "" || strings.HasPrefix(l, "\t") || strings.HasPrefix(l, " ") {
				check()
				continue
			}
			para = append(para, l)
		}
		check()
	}
	_, errs, _ := runArgs(t, "predict", "-h")
	for _, l := range strings.Split(errs, "\n") {
		if strings.Contains(l, "class label") && strings.Count(l, "(default") != 1 {
			t.Errorf("nn predict -h: -label states %d defaults: %q", strings.Count(l, "(default"), l)
		}
	}
	out, errs, code := runArgs(t, "help", "-h")
	if code != 0 || !strings.HasPrefix(out, "usage: nn help [command]") {
		t.Errorf("nn help -h: exit %d, stdout %q, stderr %q", code, out, errs)
	}
}

// TestServeCatchesInterrupt: a real Ctrl-C (SIGINT) shuts nn serve down
// gracefully, saying so; without CatchInterrupt it ended the process at
// once (here: the test binary), or, where SIGINT came in ignored, not at all.
func TestServeCatchesInterrupt(t *testing.T) {
	self, err := os.FindProcess(os.Getpid())
	if err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	var sendErr error
	outw := &onWrite{want: "Ctrl-C stops it", f: func() { sendErr = self.Signal(os.Interrupt) }}
	args := []string{"serve", "-addr", "127.0.0.1:0"}
	ctx, stop := interruptContext(args)
	defer stop()
	done := make(chan int, 1)
	go func() { done <- exitCode(run(ctx, args, outw, &out), &out) }()
	select {
	case code := <-done:
		if sendErr != nil {
			t.Skipf("cannot send os.Interrupt here: %v", sendErr)
		}
		if code != 0 || !strings.HasSuffix(outw.b.String(), "stopped\n") {
			t.Errorf("exit %d, stdout %q, stderr %q; want it to stop and say so", code, outw.b.String(), out.String())
		}
	case <-time.After(20 * time.Second):
		t.Fatalf("nn serve still running 20 s after Ctrl-C; stdout %q", outw.b.String())
	}
}
