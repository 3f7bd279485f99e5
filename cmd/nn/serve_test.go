package main

// serve_test.go: nn serve starts, prints its URL, serves the page and
// stops on Ctrl-C (the context's end).

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"example.com/nn/cmd/nn/internal/playground"
)

// lineWriter collects what is written and signals the first line.
type lineWriter struct {
	mu    sync.Mutex
	b     strings.Builder
	first chan string // receives the first line
	sent  bool
}

func (w *lineWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.b.Write(p)
	if line, _, ok := strings.Cut(w.b.String(), "\n"); ok && w.first != nil && !w.sent {
		w.first <- line
		w.sent = true
	}
	return len(p), nil
}

func (w *lineWriter) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.String()
}

// serveUntilCancel runs nn serve with args and returns the URL it printed,
// its stdout, its stderr and a function that stops it and returns its error.
func serveUntilCancel(t *testing.T, args ...string) (url string, stdout, stderr *lineWriter, stop func() error) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	stdout, stderr = &lineWriter{first: make(chan string, 1)}, &lineWriter{}
	done := make(chan error, 1)
	go func() { done <- run(ctx, append([]string{"serve"}, args...), stdout, stderr) }()
	select {
	case line := <-stdout.first:
		_, rest, _ := strings.Cut(line, "http://")
		url = "http://" + strings.Fields(rest)[0]
	case err := <-done:
		cancel()
		t.Fatalf("nn serve ended: %v", err)
	case <-time.After(10 * time.Second):
		t.Fatal("nn serve printed no URL")
	}
	return url, stdout, stderr, func() error {
		cancel()
		select {
		case err := <-done:
			return err
		case <-time.After(10 * time.Second):
			t.Fatal("nn serve did not stop")
			return nil
		}
	}
}

// TestServe: the URL serves the page; a stream open when Ctrl-C comes does
// not keep the server from stopping.
func TestServe(t *testing.T) {
	url, stdout, stderr, stop := serveUntilCancel(t, "-addr", "127.0.0.1:0")
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(page), "<html") {
		t.Fatalf("GET %s: %d %.100s", url, resp.StatusCode, page)
	}
	resp, err = http.Post(url+"api/sessions", "application/json", strings.NewReader("{}"))
	if err != nil || resp.StatusCode != 201 {
		t.Fatalf("new session: %v %v", resp.Status, err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	id := strings.Split(string(body), `"`)[3]
	stream, err := http.Get(url + "api/sessions/" + id + "/stream")
	if err != nil {
		t.Fatal(err)
	}
	defer stream.Body.Close()
	if err := stop(); err != nil {
		t.Fatalf("nn serve after Ctrl-C: %v", err)
	}
	if !strings.HasSuffix(stdout.String(), "stopped\n") || stderr.String() != "" {
		t.Errorf("stdout %q, stderr %q; want it to say it stopped, and no warning", stdout, stderr)
	}
}

// TestServeWarnsOffLoopback: an address other than the loopback one is
// served with a warning.
func TestServeWarnsOffLoopback(t *testing.T) {
	_, _, stderr, stop := serveUntilCancel(t, "-addr", "0.0.0.0:0")
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(stderr.String(), "warning: listening on 0.0.0.0:") {
		t.Errorf("stderr %q; want a warning", stderr)
	}
}

func TestServeFlags(t *testing.T) {
	for _, tt := range []struct {
		args         []string
		code         int
		stdout, errs string
	}{
		{[]string{"serve", "-h"}, 0, "nn serve -open", ""},
		{[]string{"serve", "-addr", "8080"}, 2, "", `nn serve: -addr "8080": address 8080: missing port in address; want host:port`},
		{[]string{"serve", "stray"}, 2, "", `nn serve: unexpected argument "stray"`},
	} {
		var stdout, stderr strings.Builder
		code := exitCode(run(context.Background(), tt.args, &stdout, &stderr), &stderr)
		if code != tt.code || !strings.Contains(stdout.String(), tt.stdout) || !strings.Contains(stderr.String(), tt.errs) {
			t.Errorf("nn %v: code %d, stdout %.200q, stderr %q; want %d, %q, %q", tt.args, code, stdout.String(), stderr.String(), tt.code, tt.stdout, tt.errs)
		}
	}
}

// TestServeMarkdownIsExplain: the inspector's "Copy as Markdown" is what nn
// explain prints for the downloaded model and the same sample, run as the
// trace's Command says.
func TestServeMarkdownIsExplain(t *testing.T) {
	for _, config := range []string{
		`{"data": {"kind": "blobs3", "points": 30}, "hidden": [{"units": 3, "activation": "relu"}]}`,
		`{"data": {"kind": "moons", "points": 30}, "features": ["x1", "x2", "x1x2", "sin_x2"], "training": {"eta": 0.7}}`,
		`{"data": {"kind": "sin", "points": 30}, "hidden": [{"units": 5, "activation": "tanh"}]}`,
	} {
		url, _, _, stop := serveUntilCancel(t, "-addr", "127.0.0.1:0")
		post := func(path, body string) string {
			resp, err := http.Post(url+path, "application/json", strings.NewReader(body))
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			b, _ := io.ReadAll(resp.Body)
			if resp.StatusCode/100 != 2 {
				t.Fatalf("POST %s: %s %s", path, resp.Status, b)
			}
			return string(b)
		}
		var s struct{ ID string }
		json.Unmarshal([]byte(post("api/sessions", config)), &s)
		base := "api/sessions/" + s.ID
		post(base+"/control", `{"action": "epoch"}`)
		var tr playground.TraceResponse
		json.Unmarshal([]byte(post(base+"/trace", `{"point": 1}`)), &tr)
		resp, err := http.Get(url + base + "/model")
		if err != nil {
			t.Fatal(err)
		}
		model, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err := stop(); err != nil {
			t.Fatal(err)
		}
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, playground.ModelFile), model, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Chdir(dir)
		args := strings.Fields(tr.Command)
		var stdout, stderr strings.Builder
		if err := run(context.Background(), args[1:], &stdout, &stderr); err != nil {
			t.Fatalf("%s: %v", tr.Command, err)
		}
		if stdout.String() != tr.Markdown || tr.Markdown == "" {
			t.Errorf("%s prints\n%s\nbut the page copies\n%s", tr.Command, stdout.String(), tr.Markdown)
		}
	}
}
