// cdp_test.go: a small client of the Chrome DevTools protocol over a pipe, for
// browser_test.go: start headless Chromium, send commands, collect events.
package playground

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"
)

// chromiumPath returns the Chromium binary, or "" when none is installed.
func chromiumPath() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if _, err := os.Stat("/usr/lib/chromium/chromium"); err == nil {
		return "/usr/lib/chromium/chromium"
	}
	return ""
}

// browser is a headless Chromium driven over --remote-debugging-pipe: it reads
// NUL-terminated JSON commands from its fd 3 and writes replies and events to
// its fd 4.
type browser struct {
	cmd     *exec.Cmd
	toB     *os.File // our end of the browser's fd 3
	fromB   *os.File // our end of the browser's fd 4
	session string   // the page's session, once attached

	mu      sync.Mutex
	nextID  int
	pending map[int]chan cdpMessage
	errs    []string      // console errors, exceptions, failed requests
	loaded  chan struct{} // one value per Page.loadEventFired
	done    chan struct{} // closed when the reader stops
}

// cdpMessage is one message from the browser: a reply (ID ≠ 0) or an event.
type cdpMessage struct {
	ID        int             `json:"id"`
	Method    string          `json:"method"`
	Params    json.RawMessage `json:"params"`
	Result    json.RawMessage `json:"result"`
	Error     *struct{ Message string }
	SessionID string `json:"sessionId"`
}

// startBrowser starts Chromium with a fresh profile in a temporary directory
// and a window of w × h pixels; the test ends it.
func startBrowser(t testing.TB, path string, w, h int) *browser {
	t.Helper()
	bIn, toB, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	fromB, bOut, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(path, "--headless", "--no-sandbox", "--disable-gpu",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--no-first-run", "--hide-scrollbars", "--force-device-scale-factor=1",
		fmt.Sprintf("--window-size=%d,%d", w, h),
		"--user-data-dir="+t.TempDir(), "--remote-debugging-pipe", "about:blank")
	cmd.ExtraFiles = []*os.File{bIn, bOut} // fd 3 and fd 4
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting %s: %v", path, err)
	}
	bIn.Close()
	bOut.Close()
	b := &browser{cmd: cmd, toB: toB, fromB: fromB, pending: map[int]chan cdpMessage{},
		loaded: make(chan struct{}, 8), done: make(chan struct{})}
	go b.read()
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
		defer cancel()
		b.call(ctx, "", "Browser.close", nil, nil)
		waited := make(chan error, 1)
		go func() { waited <- cmd.Wait() }()
		select {
		case <-waited:
		case <-time.After(5 * time.Second):
			cmd.Process.Kill()
			<-waited
		}
		toB.Close()
		fromB.Close()
		if t.Failed() && stderr.Len() > 0 {
			t.Logf("chromium's stderr:\n%s", lastLines(stderr.String(), 20))
		}
	})
	return b
}

// lastLines returns the last n lines of s.
func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// read reads the browser's messages until the pipe closes: replies go to
// their caller, events are kept.
func (b *browser) read() {
	defer close(b.done)
	r := bufio.NewReaderSize(b.fromB, 1<<20)
	for {
		raw, err := r.ReadBytes(0)
		if err != nil {
			return
		}
		var m cdpMessage
		if json.Unmarshal(raw[:len(raw)-1], &m) != nil {
			continue
		}
		b.mu.Lock()
		if m.ID != 0 {
			if ch := b.pending[m.ID]; ch != nil {
				ch <- m
				delete(b.pending, m.ID)
			}
		} else {
			b.event(m)
		}
		b.mu.Unlock()
	}
}

// event keeps what the test needs of an event; b.mu is held.
func (b *browser) event(m cdpMessage) {
	var p struct {
		Type string
		Args []struct {
			Value       any
			Description string
		}
		ExceptionDetails struct {
			Text      string
			Exception struct{ Description string }
		}
		Entry     struct{ Level, Text, URL string }
		ErrorText string
		Canceled  bool
	}
	json.Unmarshal(m.Params, &p)
	switch m.Method {
	case "Page.loadEventFired":
		select {
		case b.loaded <- struct{}{}:
		default:
		}
	case "Runtime.consoleAPICalled":
		if p.Type == "error" || p.Type == "assert" {
			var parts []string
			for _, a := range p.Args {
				parts = append(parts, fmt.Sprint(a.Value, a.Description))
			}
			b.errs = append(b.errs, "console."+p.Type+": "+strings.Join(parts, " "))
		}
	case "Runtime.exceptionThrown":
		b.errs = append(b.errs, "exception: "+p.ExceptionDetails.Text+" "+p.ExceptionDetails.Exception.Description)
	case "Log.entryAdded":
		if p.Entry.Level == "error" {
			b.errs = append(b.errs, "log: "+p.Entry.Text+" "+p.Entry.URL)
		}
	case "Network.loadingFailed":
		if !p.Canceled {
			b.errs = append(b.errs, "request failed: "+p.ErrorText)
		}
	}
}

// errors returns the console errors, exceptions and failed requests so far.
func (b *browser) errors() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]string(nil), b.errs...)
}

// call sends a command (to the page's session unless session is "") and
// decodes its result into out (if not nil).
func (b *browser) call(ctx context.Context, session, method string, params, out any) error {
	b.mu.Lock()
	b.nextID++
	id := b.nextID
	ch := make(chan cdpMessage, 1)
	b.pending[id] = ch
	b.mu.Unlock()
	msg := map[string]any{"id": id, "method": method}
	if params != nil {
		msg["params"] = params
	}
	if session != "" {
		msg["sessionId"] = session
	}
	raw, err := json.Marshal(msg)
	if err != nil {
		return err
	}
	if _, err := b.toB.Write(append(raw, 0)); err != nil {
		return fmt.Errorf("%s: %v", method, err)
	}
	select {
	case m := <-ch:
		if m.Error != nil {
			return fmt.Errorf("%s: %s", method, m.Error.Message)
		}
		if out != nil {
			return json.Unmarshal(m.Result, out)
		}
		return nil
	case <-b.done:
		return fmt.Errorf("%s: the browser closed its pipe", method)
	case <-ctx.Done():
		return fmt.Errorf("%s: %w", method, ctx.Err())
	}
}

// do sends a command to the page.
func (b *browser) do(ctx context.Context, method string, params, out any) error {
	return b.call(ctx, b.session, method, params, out)
}

// openPage creates a page, attaches to it and enables the events the test reads.
func (b *browser) openPage(ctx context.Context) error {
	var target struct{ TargetID string }
	if err := b.call(ctx, "", "Target.createTarget", map[string]any{"url": "about:blank"}, &target); err != nil {
		return err
	}
	var att struct{ SessionID string }
	if err := b.call(ctx, "", "Target.attachToTarget", map[string]any{"targetId": target.TargetID, "flatten": true}, &att); err != nil {
		return err
	}
	b.session = att.SessionID
	for _, m := range []string{"Runtime.enable", "Page.enable", "Log.enable", "Network.enable"} {
		if err := b.do(ctx, m, nil, nil); err != nil {
			return err
		}
	}
	return nil
}

// navigate loads url and waits for its load event.
func (b *browser) navigate(ctx context.Context, url string) error {
	if err := b.do(ctx, "Page.navigate", map[string]any{"url": url}, nil); err != nil {
		return err
	}
	select {
	case <-b.loaded:
		return nil
	case <-ctx.Done():
		return fmt.Errorf("loading %s: %w", url, ctx.Err())
	}
}

// eval runs a JavaScript expression in the page (awaiting a promise) and
// decodes its value into out (if not nil).
func (b *browser) eval(ctx context.Context, expr string, out any) error {
	var r struct {
		Result           struct{ Value json.RawMessage }
		ExceptionDetails *struct {
			Text      string
			Exception struct{ Description string }
		}
	}
	err := b.do(ctx, "Runtime.evaluate", map[string]any{"expression": expr, "awaitPromise": true, "returnByValue": true}, &r)
	if err != nil {
		return err
	}
	if e := r.ExceptionDetails; e != nil {
		return fmt.Errorf("evaluating %.80q: %s %s", expr, e.Text, e.Exception.Description)
	}
	if out != nil {
		if len(r.Result.Value) == 0 {
			return fmt.Errorf("evaluating %.80q: no value", expr)
		}
		return json.Unmarshal(r.Result.Value, out)
	}
	return nil
}

// waitFor evaluates expr every 50 ms until it is true, or fails with what
// was awaited when ctx ends.
func (b *browser) waitFor(ctx context.Context, what, expr string) error {
	for {
		var ok bool
		err := b.eval(ctx, "Boolean("+expr+")", &ok)
		if err == nil && ok {
			return nil
		}
		select {
		case <-ctx.Done():
			if err == nil {
				err = errors.New("still false")
			}
			return fmt.Errorf("waiting for %s (%s): %v", what, expr, err)
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// click presses and releases the left mouse button at (x, y), CSS pixels of the viewport.
func (b *browser) click(ctx context.Context, x, y float64) error {
	for _, typ := range []string{"mouseMoved", "mousePressed", "mouseReleased"} {
		p := map[string]any{"type": typ, "x": x, "y": y}
		if typ != "mouseMoved" {
			p["button"] = "left"
			p["clickCount"] = 1
		}
		if err := b.do(ctx, "Input.dispatchMouseEvent", p, nil); err != nil {
			return err
		}
	}
	return nil
}

// screenshot returns the page as PNG bytes.
func (b *browser) screenshot(ctx context.Context) ([]byte, error) {
	var r struct{ Data []byte }
	err := b.do(ctx, "Page.captureScreenshot", map[string]any{"format": "png", "captureBeyondViewport": true}, &r)
	return r.Data, err
}
