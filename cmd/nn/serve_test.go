package main

// serve_test.go: nn serve starts, prints its URL, serves the page and
// stops on Ctrl-C (the context's end).

import (
	"context"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

// lineWriter collects what is written and signals the first line.
type lineWriter struct {
	mu    sync.Mutex
	b     strings.Builder
	first chan string
}

func (w *lineWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.b.Write(p)
	if line, _, ok := strings.Cut(w.b.String(), "\n"); ok && w.first != nil {
		w.first <- line
		w.first = nil
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
