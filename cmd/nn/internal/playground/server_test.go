package playground

// server_test.go: the handlers with httptest: every endpoint, the stream's
// framing and its end, and the requests a browser would not send.

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"example.com/nn"
)

// testServer is a playground server on httptest's loopback listener.
type testServer struct {
	t   *testing.T
	pg  *Server
	url string
	hs  *httptest.Server
}

func newTestServer(t *testing.T) *testServer {
	hs := httptest.NewUnstartedServer(nil)
	pg := NewServer(hs.Listener.Addr().String())
	hs.Config.Handler = pg
	hs.Start()
	t.Cleanup(func() {
		pg.Close()
		hs.Close()
	})
	return &testServer{t: t, pg: pg, url: hs.URL, hs: hs}
}

// call sends a request and returns the status and body. ctype "" sends no
// Content-Type; headers are extra "Name: value" lines.
func (ts *testServer) call(method, path, ctype, body string, headers ...string) (int, string) {
	ts.t.Helper()
	req, err := http.NewRequest(method, ts.url+path, strings.NewReader(body))
	if err != nil {
		ts.t.Fatal(err)
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	for _, h := range headers {
		k, v, _ := strings.Cut(h, ": ")
		if k == "Host" {
			req.Host = v
		} else {
			req.Header.Set(k, v)
		}
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		ts.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

const jsonType = "application/json"

// session makes a session and returns its id.
func (ts *testServer) session(config string) string {
	ts.t.Helper()
	code, body := ts.call("POST", "/api/sessions", jsonType, config)
	if code != http.StatusCreated {
		ts.t.Fatalf("POST /api/sessions: %d %s", code, body)
	}
	var r SessionResponse
	if err := json.Unmarshal([]byte(body), &r); err != nil {
		ts.t.Fatal(err)
	}
	return r.ID
}

// decode decodes body into v, failing the test if it cannot.
func decode(t *testing.T, body string, v any) {
	t.Helper()
	if err := json.Unmarshal([]byte(body), v); err != nil {
		t.Fatalf("%v in %s", err, body)
	}
}

// TestEndpoints: every endpoint answers as protocol.go says.
func TestEndpoints(t *testing.T) {
	ts := newTestServer(t)
	code, body := ts.call("GET", "/", "", "")
	if code != 200 || !strings.Contains(body, "<html") {
		t.Fatalf("GET /: %d %.100s", code, body)
	}
	code, body = ts.call("GET", "/api/presets", "", "")
	var presets []Preset
	decode(t, body, &presets)
	if code != 200 || len(presets) != len(Presets()) {
		t.Fatalf("GET /api/presets: %d, %d presets", code, len(presets))
	}
	id := ts.session(`{"data": {"kind": "xor", "points": 40}, "training": {"batch": 10}}`)
	base := "/api/sessions/" + id

	code, body = ts.call("POST", base+"/control", jsonType, `{"action": "epoch"}`)
	var snap Snapshot
	decode(t, body, &snap)
	if code != 200 || snap.Epoch != 1 || snap.Step != 3 || snap.Points == nil {
		t.Fatalf("control epoch: %d, epoch %d, step %d; want 200, 1, 3 (28 points, batch 10)", code, snap.Epoch, snap.Step)
	}
	code, body = ts.call("GET", base+"/snapshot", "", "")
	decode(t, body, &snap)
	if code != 200 || snap.Epoch != 1 || len(snap.Layers) != 2 || snap.Output == nil || len(snap.Units) != 1 || len(snap.Units[0]) != 4 {
		t.Fatalf("snapshot: %d %+v", code, snap)
	}

	code, body = ts.call("PUT", base+"/config", jsonType, `{"data": {"kind": "xor", "points": 40}, "training": {"batch": 10, "eta": 0.5}}`)
	var sr SessionResponse
	decode(t, body, &sr)
	if code != 200 || sr.Config.Training.Eta != 0.5 || sr.Snapshot.Epoch != 1 {
		t.Fatalf("config with a new η: %d, η %v, epoch %d; want 200, 0.5, 1 (the weights stay)", code, sr.Config.Training.Eta, sr.Snapshot.Epoch)
	}
	code, body = ts.call("PUT", base+"/config", jsonType, `{"data": {"kind": "moons", "points": 40}}`)
	decode(t, body, &sr)
	if code != 200 || sr.Config.Data.Kind != "moons" || sr.Snapshot.Epoch != 0 {
		t.Fatalf("config with new data: %d, %s, epoch %d; want 200, moons, 0 (a reset)", code, sr.Config.Data.Kind, sr.Snapshot.Epoch)
	}

	code, body = ts.call("POST", base+"/points", jsonType, `{"add": {"x": [0.5, 0.5], "label": 1}}`)
	decode(t, body, &sr)
	if code != 200 || sr.Config.Data.Kind != "custom" || len(sr.Snapshot.Points) != 41 {
		t.Fatalf("add a point: %d, %s, %d points", code, sr.Config.Data.Kind, len(sr.Snapshot.Points))
	}
	code, body = ts.call("POST", base+"/points", jsonType, `{"remove": 0}`)
	decode(t, body, &sr)
	if code != 200 || len(sr.Config.Data.Custom) != 40 {
		t.Fatalf("remove a point: %d, %d points", code, len(sr.Config.Data.Custom))
	}

	code, body = ts.call("POST", base+"/trace", jsonType, `{"point": 2}`)
	var tr TraceResponse
	decode(t, body, &tr)
	if code != 200 || len(tr.Layers) != 2 || tr.Markdown == "" || tr.Point != 2 {
		t.Fatalf("trace: %d %.300s", code, body)
	}
	code, body = ts.call("POST", base+"/gradcheck", "", "")
	var gc GradCheck
	decode(t, body, &gc)
	if code != 200 || gc.Params != 17 || gc.Samples != 28 || gc.MaxRelDiff > 1e-6 {
		t.Fatalf("gradcheck: %d %+v; want 17 parameters (2-4-1), all 28 training points, agreement", code, gc)
	}

	code, model := ts.call("GET", base+"/model", "", "")
	m, err := nn.ReadModel(strings.NewReader(model), "model")
	if code != 200 || err != nil || m.Net.Sizes[0] != 2 {
		t.Fatalf("GET model: %d %v", code, err)
	}
	code, csv := ts.call("GET", base+"/data.csv", "", "")
	if code != 200 || !strings.HasPrefix(csv, "x1,x2,label\n") || strings.Count(csv, "\n") != 41 {
		t.Fatalf("GET data.csv: %d %.100s", code, csv)
	}

	// Round trips: the model and the points into a new session.
	other := "/api/sessions/" + ts.session(`{"data": {"kind": "circles", "points": 40}, "hidden": [{"units": 3, "activation": "relu"}]}`)
	code, body = ts.call("PUT", other+"/model", jsonType, model)
	decode(t, body, &sr)
	if code != 200 || len(sr.Config.Hidden) != 1 || sr.Config.Hidden[0] != (Layer{4, "tanh"}) || !sameWeights(sr.Snapshot.Layers, m.Net) {
		t.Fatalf("PUT model: %d %.300s", code, body)
	}
	code, body = ts.call("PUT", other+"/data.csv", "text/csv", csv)
	decode(t, body, &sr)
	if code != 200 || sr.Config.Data.Kind != "custom" || len(sr.Snapshot.Points) != 40 {
		t.Fatalf("PUT data.csv: %d %.300s", code, body)
	}

	if code, _ = ts.call("DELETE", base, "", ""); code != http.StatusNoContent {
		t.Fatalf("DELETE: %d", code)
	}
	if code, _ = ts.call("GET", base+"/snapshot", "", ""); code != http.StatusNotFound {
		t.Fatalf("snapshot of a deleted session: %d", code)
	}
}

// sameWeights reports whether the snapshot's layers hold the network's
// weights, to the 5 digits a snapshot sends.
func sameWeights(ls []LayerState, net *nn.MLP) bool {
	for l, s := range ls {
		for j, row := range s.W {
			for k, v := range row {
				if w := net.W[l+1].At(j, k); (v-w) > 1e-4*max(1, w) || (w-v) > 1e-4*max(1, w) {
					return false
				}
			}
		}
	}
	return len(ls) == net.L()
}

// TestBadRequests: each request a browser would not send gets its status
// and a message that says what is wrong.
func TestBadRequests(t *testing.T) {
	ts := newTestServer(t)
	id := ts.session(`{}`)
	base := "/api/sessions/" + id
	host := ts.hs.Listener.Addr().String()
	tests := []struct {
		name, method, path, ctype, body string
		headers                         []string
		code                            int
		field, says                     string
	}{
		{"bad JSON", "POST", "/api/sessions", jsonType, `{"data": `, nil, 400, "body", "not valid JSON"},
		{"unknown field", "PUT", base + "/config", jsonType, `{"data": {"kind": "xor", "colour": 1}}`, nil, 400, "data.colour", "unknown field"},
		{"wrong type", "PUT", base + "/config", jsonType, `{"training": {"batch": "ten"}}`, nil, 400, "training.batch", "string"},
		{"out of range", "PUT", base + "/config", jsonType, `{"hidden": [{"units": 40, "activation": "relu"}]}`, nil, 400, "hidden[0].units", "1 … 16"},
		{"bad action", "POST", base + "/control", jsonType, `{"action": "fly"}`, nil, 400, "action", `"fly"`},
		{"oversized body", "PUT", base + "/config", jsonType, `{"data": {"custom": [` + strings.Repeat(`{"x": [0, 0]},`, MaxBody/14) + `]}}`, nil, 413, "body", "larger than 2 MB"},
		{"not JSON", "POST", base + "/control", "text/plain", `{"action": "play"}`, nil, 415, "body", "application/json"},
		{"unknown session", "GET", "/api/sessions/nosuch/snapshot", "", "", nil, 404, "", "no such session"},
		{"unknown endpoint", "GET", base + "/weights", "", "", nil, 404, "", "no such endpoint"},
		{"wrong method", "GET", base + "/control", "", "", nil, 405, "", "use POST"},
		{"foreign Host", "GET", "/", "", "", []string{"Host: evil.example:80"}, 403, "", "DNS rebinding"},
		{"foreign Host on the port", "GET", "/api/presets", "", "", []string{"Host: evil.example:" + host[strings.LastIndex(host, ":")+1:]}, 403, "", "DNS rebinding"},
		{"foreign Origin", "POST", base + "/control", jsonType, `{"action": "play"}`, []string{"Origin: http://evil.example"}, 403, "", "another site"},
		{"cross-site", "POST", base + "/control", jsonType, `{"action": "play"}`, []string{"Sec-Fetch-Site: cross-site"}, 403, "", "cross-site"},
		{"bad point", "POST", base + "/trace", jsonType, `{"point": 9999}`, nil, 400, "point", "no point 9999"},
		{"bad point edit", "POST", base + "/points", jsonType, `{}`, nil, 400, "point", "either add or remove"},
		{"point of a curve in the plane", "POST", base + "/points", jsonType, `{"add": {"x": [1]}}`, nil, 400, "point", "1 coordinates"},
		{"not a model", "PUT", base + "/model", jsonType, `{"format": "png"}`, nil, 400, "model", `"png" is not "nn-model"`},
		{"bad CSV", "PUT", base + "/data.csv", "text/csv", "x1,x2,label\n1,2,a\n3,x,b\n", nil, 400, "csv", `data.csv:3: column 2: "x" is not a number`},
		{"CSV of 4 columns", "PUT", base + "/data.csv", "text/csv", "1,2,3,a\n3,4,5,b\n", nil, 400, "csv", "4 columns"},
	}
	for _, tt := range tests {
		code, body := ts.call(tt.method, tt.path, tt.ctype, tt.body, tt.headers...)
		var e ErrorResponse
		json.Unmarshal([]byte(body), &e)
		if code != tt.code || e.Field != tt.field || !strings.Contains(e.Error, tt.says) {
			t.Errorf("%s: %d %s; want %d, field %q, saying %q", tt.name, code, body, tt.code, tt.field, tt.says)
		}
	}
	// The page's own requests pass: Origin of this server, same-origin fetch.
	code, body := ts.call("POST", base+"/control", jsonType, `{"action": "step"}`, "Origin: "+ts.url, "Sec-Fetch-Site: same-origin")
	if code != 200 {
		t.Errorf("the page's own request: %d %s", code, body)
	}
	code, _ = ts.call("GET", "/", "", "", "Host: localhost:"+host[strings.LastIndex(host, ":")+1:])
	if code != 200 {
		t.Errorf("Host localhost with the port: %d", code)
	}
}

// TestPerceptronModel: the perceptron's downloaded model loads back into
// perceptron mode with its weights, which a reset restores.
func TestPerceptronModel(t *testing.T) {
	ts := newTestServer(t)
	base := "/api/sessions/" + ts.session(`{"data": {"kind": "and"}, "hidden": [], "perceptron": true, "training": {"eta": 1}}`)
	ts.call("POST", base+"/control", jsonType, `{"action": "epoch"}`)
	_, model := ts.call("GET", base+"/model", "", "")
	m, err := nn.ReadModel(strings.NewReader(model), "model")
	if err != nil {
		t.Fatal(err)
	}
	other := "/api/sessions/" + ts.session(`{"data": {"kind": "and"}}`)
	code, body := ts.call("PUT", other+"/model", jsonType, model)
	var sr SessionResponse
	decode(t, body, &sr)
	if code != 200 || !sr.Config.Perceptron || sr.Snapshot.Perceptron == nil {
		t.Fatalf("PUT the perceptron's model: %d %.300s", code, body)
	}
	_, body = ts.call("POST", other+"/control", jsonType, `{"action": "reset"}`)
	var snap Snapshot
	decode(t, body, &snap)
	if p := snap.Perceptron; p.W[0] != m.Net.W[1].Data[0] || p.W[1] != m.Net.W[1].Data[1] || p.B != m.Net.B[1][0] {
		t.Errorf("after a reset the perceptron is %v, %v; want the model's %v, %v", p.W, p.B, m.Net.W[1].Data, m.Net.B[1])
	}
}

// TestModelThatDoesNotFit: a model with other inputs or outputs than the
// data's is refused with a message saying why.
func TestModelThatDoesNotFit(t *testing.T) {
	ts := newTestServer(t)
	base := "/api/sessions/" + ts.session(`{}`)
	write := func(sizes []int, acts ...nn.Activation) string {
		net, err := nn.New(sizes, acts, nn.XavierUniform, weightRand(1))
		if err != nil {
			t.Fatal(err)
		}
		m := &nn.Model{Net: net, ClassNames: []string{"a", "b", "c"}[:max(2, sizes[len(sizes)-1])]}
		switch acts[len(acts)-1].(type) {
		case nn.Sigmoid, nn.Softmax:
		default:
			m.ClassNames = nil // no class probability: a regression file
		}
		var b bytes.Buffer
		if err := m.Write(&b); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	for _, tt := range []struct {
		model, says string
	}{
		{write([]int{4, 3, 3}, nn.ReLU{}, nn.Softmax{}), "4 inputs"},
		{write([]int{2, 3, 3}, nn.ReLU{}, nn.Softmax{}), "data are 2 classes"},
		{write([]int{2, 20, 1}, nn.ReLU{}, nn.Sigmoid{}), "at most 16 units"},
		{write([]int{2, 3, 1}, nn.NewPReLU(0.2), nn.Sigmoid{}), "prelu"},
		{write([]int{2, 3, 1}, nn.ReLU{}, nn.Step{}), "only as the perceptron"},
		{write([]int{2, 3, 1}, nn.ReLU{}, nn.ReLU{}), "its output is 1 relu unit(s); the playground's outputs are sigmoid, softmax and identity"},
	} {
		code, body := ts.call("PUT", base+"/model", jsonType, tt.model)
		if code != 400 || !strings.Contains(body, tt.says) || !strings.Contains(body, `"field":"model"`) {
			t.Errorf("%d %s; want 400 saying %q", code, body, tt.says)
		}
	}
}

// TestTooManySessions: the 17th session drops the oldest idle one; when
// every session has a stream open, a new one is refused with 503.
func TestTooManySessions(t *testing.T) {
	ts := newTestServer(t)
	first := ts.session(`{}`)
	time.Sleep(2 * time.Millisecond)
	for range MaxSessions - 1 {
		ts.session(`{}`)
	}
	ts.session(`{}`)
	if code, _ := ts.call("GET", "/api/sessions/"+first+"/snapshot", "", ""); code != 404 {
		t.Errorf("the oldest idle session after one too many: %d, want 404 (dropped)", code)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ts.pg.mu.Lock()
	var ids []string
	for id := range ts.pg.sessions {
		ids = append(ids, id)
	}
	ts.pg.mu.Unlock()
	for _, id := range ids {
		openStream(t, ctx, ts.url+"/api/sessions/"+id+"/stream")
	}
	code, body := ts.call("POST", "/api/sessions", jsonType, `{}`)
	if code != http.StatusServiceUnavailable || !strings.Contains(body, "16 sessions are open") {
		t.Errorf("a session too many with every page open: %d %s", code, body)
	}
}

// TestIdleExpiry: a session without a stream and without requests for
// longer than the idle time is dropped.
func TestIdleExpiry(t *testing.T) {
	ts := newTestServer(t)
	id := ts.session(`{}`)
	ts.pg.mu.Lock()
	ts.pg.now = func() time.Time { return time.Now().Add(IdleTimeoutSec*time.Second + time.Minute) }
	ts.pg.mu.Unlock()
	ts.pg.sweep()
	if code, _ := ts.call("GET", "/api/sessions/"+id+"/snapshot", "", ""); code != 404 {
		t.Errorf("an idle session: %d, want 404 (expired)", code)
	}
}

// openStream opens an event stream and returns a reader of its lines once
// the first event has arrived.
func openStream(t *testing.T, ctx context.Context, url string) *bufio.Reader {
	t.Helper()
	req, _ := http.NewRequestWithContext(ctx, "GET", url, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "text/event-stream" {
		t.Fatalf("stream: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	t.Cleanup(func() { resp.Body.Close() })
	return bufio.NewReader(resp.Body)
}

// readEvent reads one event: its lines up to the blank line.
func readEvent(t *testing.T, r *bufio.Reader) (event, id string, snap *Snapshot) {
	t.Helper()
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			t.Fatalf("reading the stream: %v", err)
		}
		line = strings.TrimSuffix(line, "\n")
		switch {
		case line == "":
			if event != "" {
				return event, id, snap
			}
		case strings.HasPrefix(line, ":"): // a comment: keep-alive
		case strings.HasPrefix(line, "event: "):
			event = line[len("event: "):]
		case strings.HasPrefix(line, "id: "):
			id = line[len("id: "):]
		case strings.HasPrefix(line, "data: "):
			snap = new(Snapshot)
			decode(t, line[len("data: "):], snap)
		default:
			t.Fatalf("stream line %q", line)
		}
	}
}

// TestStream: the stream's framing; frames while playing; and when the
// client goes away, training pauses and the goroutines end.
func TestStream(t *testing.T) {
	ts := newTestServer(t)
	id := ts.session(`{"data": {"points": 100}, "training": {"batch": 5}}`)
	idle := func() int {
		http.DefaultClient.CloseIdleConnections()
		ts.hs.CloseClientConnections()
		time.Sleep(10 * time.Millisecond)
		return runtime.NumGoroutine()
	}
	before := idle()
	ctx, cancel := context.WithCancel(context.Background())
	r := openStream(t, ctx, ts.url+"/api/sessions/"+id+"/stream")
	event, seq, first := readEvent(t, r)
	if event != "snapshot" || first.HistoryFrom != 0 || first.Points == nil || seq == "" {
		t.Fatalf("first event %q id %q: history from %d, %d points; want a full snapshot", event, seq, first.HistoryFrom, len(first.Points))
	}
	ts.call("POST", "/api/sessions/"+id+"/control", jsonType, `{"action": "play"}`)
	last := first
	for range 5 {
		_, _, snap := readEvent(t, r)
		if snap.Seq <= last.Seq || snap.Points != nil {
			t.Fatalf("frame seq %d after %d, points sent again: %v", snap.Seq, last.Seq, snap.Points != nil)
		}
		last = snap
	}
	if last.State != StatePlaying || last.Step == 0 {
		t.Fatalf("while playing: state %s, step %d", last.State, last.Step)
	}
	for range MaxStreams - 1 {
		openStream(t, ctx, ts.url+"/api/sessions/"+id+"/stream")
	}
	if code, body := ts.call("GET", "/api/sessions/"+id+"/stream", "", ""); code != http.StatusConflict || !strings.Contains(body, "streams open already") {
		t.Errorf("a stream too many: %d %s", code, body)
	}
	during := runtime.NumGoroutine()
	cancel()
	var sess *session
	ts.pg.mu.Lock()
	sess = ts.pg.sessions[id]
	ts.pg.mu.Unlock()
	waitFor(t, "the session to pause", func() bool { sess.lock(); defer sess.mu.Unlock(); return sess.run == nil && sess.mode == modePaused })
	waitFor(t, "the goroutines to end", func() bool { return idle() <= before })
	t.Logf("goroutines: %d before, %d while streaming and playing, %d after", before, during, runtime.NumGoroutine())
	sess.lock()
	step := sess.step
	sess.mu.Unlock()
	time.Sleep(20 * time.Millisecond)
	sess.lock()
	defer sess.mu.Unlock()
	if sess.step != step {
		t.Errorf("training went on after the page went away: step %d, then %d", step, sess.step)
	}
}

// TestConcurrentRequests: requests of every kind from several clients at
// once, while the session plays and streams, never get a 5xx nor stall
// (run it with -race).
func TestConcurrentRequests(t *testing.T) {
	ts := newTestServer(t)
	id := ts.session(`{"data": {"points": 60}, "training": {"batch": 4}}`)
	base := "/api/sessions/" + id
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	r := openStream(t, ctx, ts.url+base+"/stream")
	go io.Copy(io.Discard, r)
	requests := [][3]string{
		{"POST", "/control", `{"action": "play"}`}, {"POST", "/control", `{"action": "pause"}`},
		{"POST", "/control", `{"action": "step"}`}, {"POST", "/control", `{"action": "epoch"}`},
		{"POST", "/control", `{"action": "reset"}`}, {"GET", "/snapshot", ""},
		{"PUT", "/config", `{"data": {"points": 60}, "training": {"batch": 4, "eta": 0.3}}`},
		{"PUT", "/config", `{"data": {"points": 80}, "hidden": [{"units": 3, "activation": "relu"}]}`},
		{"POST", "/points", `{"add": {"x": [0.1, 0.2], "label": 1}}`}, {"POST", "/points", `{"remove": 0}`},
		{"POST", "/trace", `{"point": 0}`}, {"POST", "/gradcheck", ""}, {"GET", "/model", ""}, {"GET", "/data.csv", ""},
	}
	done := make(chan string)
	for c := range 4 {
		go func() {
			for i := range 40 {
				q := requests[(c*7+i*5)%len(requests)]
				code, body := ts.call(q[0], base+q[1], jsonType, q[2])
				if code >= 500 {
					done <- q[0] + " " + q[1] + ": " + body
					return
				}
			}
			done <- ""
		}()
	}
	for range 4 {
		select {
		case msg := <-done:
			if msg != "" {
				t.Error(msg)
			}
		case <-time.After(20 * time.Second):
			t.Fatal("the requests stalled")
		}
	}
}

// TestControlStress: many clients at once press every control on a
// session that plays and streams and on one without a stream, while new
// sessions evict old ones and the idle sweep runs; every request answers
// within 5 s and all of them within 20 s (run it with -race: a deadlock or
// a starved handler is a failure, not a hang).
func TestControlStress(t *testing.T) {
	ts := newTestServer(t)
	config := `{"data": {"points": 60}, "training": {"batch": 4}}`
	watched, alone := "/api/sessions/"+ts.session(config), "/api/sessions/"+ts.session(config)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go io.Copy(io.Discard, openStream(t, ctx, ts.url+watched+"/stream"))
	client := &http.Client{Timeout: 5 * time.Second}
	send := func(method, path, body string) error {
		req, _ := http.NewRequest(method, ts.url+path, strings.NewReader(body))
		req.Header.Set("Content-Type", jsonType)
		resp, err := client.Do(req)
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		if resp.StatusCode >= 500 {
			return fmt.Errorf("%s %s: %d %s", method, path, resp.StatusCode, b)
		}
		return nil
	}
	actions := []string{"play", "pause", "step", "epoch", "reset", "play", "epoch", "play"}
	errs := make(chan error, 100)
	var wg sync.WaitGroup
	for c := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 30 {
				base := []string{watched, alone}[(c+i)%2]
				var err error
				switch k := (c*5 + i*3) % 11; {
				case k < len(actions):
					err = send("POST", base+"/control", `{"action": "`+actions[k]+`"}`)
				case k == 8:
					err = send("GET", base+"/snapshot", "")
				case k == 9:
					err = send("PUT", base+"/config", `{"data": {"points": 60}, "training": {"batch": 4, "eta": 0.2}}`)
				default:
					err = send("POST", "/api/sessions", `{}`) // the 17th evicts the oldest idle session
				}
				if err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		for range 50 {
			ts.pg.sweep()
			time.Sleep(5 * time.Millisecond)
		}
	}()
	finished := make(chan struct{})
	go func() { wg.Wait(); close(finished) }()
	select {
	case <-finished:
	case err := <-errs:
		t.Fatal(err)
	case <-time.After(20 * time.Second):
		t.Fatal("the requests did not end in 20 s")
	}
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// TestBusySessionHoldsUpNoOther: while one session is busy (its lock held,
// as by a long gradient check), a new session is made and another answers:
// the server locked every session, under its own lock, to make one.
func TestBusySessionHoldsUpNoOther(t *testing.T) {
	ts := newTestServer(t)
	busy, other := ts.session(`{}`), ts.session(`{}`)
	ts.pg.mu.Lock()
	sess := ts.pg.sessions[busy]
	ts.pg.mu.Unlock()
	sess.lock()
	defer sess.mu.Unlock()
	done := make(chan int)
	go func() {
		code, _ := ts.call("POST", "/api/sessions", jsonType, `{}`)
		code2, _ := ts.call("GET", "/api/sessions/"+other+"/snapshot", "", "")
		done <- code*1000 + code2
	}()
	select {
	case codes := <-done:
		if codes != 201200 {
			t.Errorf("statuses %d and %d; want 201 and 200", codes/1000, codes%1000)
		}
	case <-time.After(3 * time.Second):
		t.Fatal("a busy session held up the others for 3 s")
	}
}

// TestUnwatchedTrainingPauses: play pressed with no stream open (curl, not
// the page) trains for the grace period only; with a stream open it goes on.
func TestUnwatchedTrainingPauses(t *testing.T) {
	ts := newTestServer(t)
	sessionOf := func(id string) *session {
		ts.pg.mu.Lock()
		defer ts.pg.mu.Unlock()
		sess := ts.pg.sessions[id]
		sess.lock()
		sess.unwatched = 100 * time.Millisecond
		sess.mu.Unlock()
		return sess
	}
	alone, watched := ts.session(`{}`), ts.session(`{}`)
	sa, sw := sessionOf(alone), sessionOf(watched)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go io.Copy(io.Discard, openStream(t, ctx, ts.url+"/api/sessions/"+watched+"/stream"))
	for _, id := range []string{alone, watched} {
		ts.call("POST", "/api/sessions/"+id+"/control", jsonType, `{"action": "play"}`)
	}
	waitFor(t, "the unwatched session to pause", func() bool { sa.lock(); defer sa.mu.Unlock(); return sa.run == nil })
	snap := do(t, sa)
	if snap.State != StatePaused || !strings.Contains(snap.Message, "no page has shown this session") || snap.Step == 0 {
		t.Errorf("unwatched: state %s, step %d, message %q; want paused after some steps, saying why", snap.State, snap.Step, snap.Message)
	}
	time.Sleep(150 * time.Millisecond)
	if snap := do(t, sw); snap.State != StatePlaying {
		t.Errorf("watched: state %s after the grace period; want playing (%s)", snap.State, snap.Message)
	}
}

// TestSlowBody: a body that does not arrive in time is a 408, not a
// connection held for ever.
func TestSlowBody(t *testing.T) {
	ts := newTestServer(t)
	id := ts.session(`{}`)
	defer func(d time.Duration) { bodyTimeout = d }(bodyTimeout)
	bodyTimeout = 200 * time.Millisecond
	conn, err := net.Dial("tcp", ts.hs.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "POST /api/sessions/%s/control HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\nContent-Length: 17\r\n\r\n{\"act",
		id, ts.hs.Listener.Addr())
	conn.SetReadDeadline(time.Now().Add(5 * time.Second))
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("no answer to a body that stopped coming: %v", err)
	}
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusRequestTimeout || !strings.Contains(string(b), "did not arrive within 200ms") {
		t.Errorf("%d %s; want 408 saying the body did not arrive", resp.StatusCode, b)
	}
}

// smallBuffers is a listener whose connections have small send buffers, so
// that a client that reads nothing stalls the server's writes at once.
type smallBuffers struct{ net.Listener }

func (l smallBuffers) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if tc, ok := c.(*net.TCPConn); ok {
		tc.SetWriteBuffer(4096)
	}
	return c, err
}

// TestStalledStream: a stream whose client reads nothing is closed after
// the stall time, and its session stops training: a stopped client held
// the stream, and the session trained, for ever.
func TestStalledStream(t *testing.T) {
	hs := httptest.NewUnstartedServer(nil)
	hs.Listener = smallBuffers{hs.Listener}
	pg := NewServer(hs.Listener.Addr().String())
	hs.Config.Handler = pg
	hs.Start()
	defer hs.Close()
	defer pg.Close()
	ts := &testServer{t: t, pg: pg, url: hs.URL, hs: hs}
	defer func(d time.Duration) { stallTimeout = d }(stallTimeout)
	stallTimeout = 300 * time.Millisecond
	id := ts.session(configLargest)
	conn, err := net.Dial("tcp", hs.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.(*net.TCPConn).SetReadBuffer(4096)
	fmt.Fprintf(conn, "GET /api/sessions/%s/stream HTTP/1.1\r\nHost: %s\r\n\r\n", id, hs.Listener.Addr())
	pg.mu.Lock()
	sess := pg.sessions[id]
	pg.mu.Unlock()
	waitFor(t, "the stream to open", func() bool { return sess.streams.Load() == 1 })
	ts.call("POST", "/api/sessions/"+id+"/control", jsonType, `{"action": "play"}`)
	waitFor(t, "the stalled stream to close", func() bool { return sess.streams.Load() == 0 })
	if snap := do(t, sess); snap.State != StatePaused {
		t.Errorf("after its only stream stalled, the session is %s; want paused", snap.State)
	}
}

// TestImportCSVForms: quoted numbers are samples, not a header; a number
// beyond the plane's bound names its sample in the file.
func TestImportCSVForms(t *testing.T) {
	ts := newTestServer(t)
	base := "/api/sessions/" + ts.session(`{"data": {"test_share": 0}}`)
	for _, tt := range []struct {
		csv    string
		points int
		says   string
	}{
		{"\"1\",\"2\",\"0\"\n\"2\",\"3\",\"1\"\n", 2, ""},
		{"\"x1\",\"x2\",\"label\"\n1,2,0\n2,3,1\n", 2, ""},
		{"x1,x2,\"label, the class\"\n1,2,0\n2,3,1\n", 2, ""},
		{"1,2,0\n1e300,3,1\n", 0, "data.csv: sample 2, column 1: 1e+300 is beyond ±1e6"},
		{"x,y\n0,1\n1,-2e7\n", 0, "data.csv: sample 2, column 2: -2e+07 is beyond ±1e6"},
	} {
		code, body := ts.call("PUT", base+"/data.csv", "text/csv", tt.csv)
		if tt.says != "" {
			if code != 400 || !strings.Contains(body, tt.says) {
				t.Errorf("%q: %d %s; want 400 saying %q", tt.csv, code, body, tt.says)
			}
			continue
		}
		sr := SessionResponse{Snapshot: &Snapshot{}}
		decode(t, body, &sr)
		if code != 200 || len(sr.Snapshot.Points) != tt.points {
			t.Errorf("%q: %d, %d points; want 200, %d points (%.200s)", tt.csv, code, len(sr.Snapshot.Points), tt.points, body)
		}
	}
}

// TestTraceNotFinite: a trace whose update overflows (η = 10 after the
// loss has diverged) answers with null where a number is not finite, as a
// snapshot does; it was a 500, "json: unsupported value: +Inf".
func TestTraceNotFinite(t *testing.T) {
	ts := newTestServer(t)
	base := "/api/sessions/" + ts.session(`{"data": {"kind": "circles", "points": 5, "noise": 1, "seed": 1},
		"hidden": [{"units": 8, "activation": "sigmoid"}, {"units": 4, "activation": "relu"}, {"units": 14, "activation": "tanh"}],
		"training": {"optimizer": "rmsprop", "eta": 10, "batch": 7}}`)
	ts.call("POST", base+"/control", jsonType, `{"action": "step"}`)
	ts.call("POST", base+"/control", jsonType, `{"action": "epoch"}`)
	code, body := ts.call("POST", base+"/trace", jsonType, `{"point": 0}`)
	if code != 200 || !strings.Contains(body, "null") {
		t.Fatalf("%d %.300s; want 200 with null for the numbers that are not finite", code, body)
	}
	var tr TraceResponse
	decode(t, body, &tr)
	if len(tr.Layers) != 4 || tr.Markdown == "" {
		t.Errorf("the trace has %d layers and Markdown %q", len(tr.Layers), tr.Markdown)
	}
}

// TestGradCheckNotFinite: after a divergence the gradient check of weights
// whose gradient overflows answers, the overflow at Where; it was a 500,
// "json: unsupported value: NaN".
func TestGradCheckNotFinite(t *testing.T) {
	ts := newTestServer(t)
	base := "/api/sessions/" + ts.session(`{"data": {"kind": "sin", "points": 100},
		"hidden": [{"units": 16, "activation": "relu"}, {"units": 16, "activation": "relu"}], "training": {"eta": 10, "init": "he"}}`)
	for range 7 {
		ts.call("POST", base+"/control", jsonType, `{"action": "epoch"}`)
	}
	code, body := ts.call("POST", base+"/gradcheck", jsonType, "")
	var gc GradCheck
	decode(t, body, &gc)
	if code != 200 || gc.Where == "" || !strings.Contains(body, `"max_rel_diff":null`) {
		t.Errorf("%d %s; want 200, the largest difference not finite and where", code, body)
	}
}
