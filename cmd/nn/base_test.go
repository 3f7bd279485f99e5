package main

// Tests of what every command shares: the Ctrl-C a command catches.

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
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
