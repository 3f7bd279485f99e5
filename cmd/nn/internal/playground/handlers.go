package playground

// handlers.go: the endpoints that make, change and drive a session, and
// the snapshot stream.

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"time"
)

func (s *Server) presets(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, Presets())
}

// create makes a session of the configuration in the body.
func (s *Server) create(w http.ResponseWriter, r *http.Request) {
	cfg, ok := readConfig(w, r)
	if !ok {
		return
	}
	ds, ferr := makeData(&cfg.Data, nil)
	if ferr != nil {
		writeFieldError(w, ferr)
		return
	}
	sess := newSession(newID(), cfg, ds)
	if !s.add(sess) {
		writeError(w, http.StatusServiceUnavailable, "", fmt.Sprintf("%d sessions are open, each with a page showing it; close a tab and try again", MaxSessions))
		return
	}
	sess.lock()
	resp := sess.response()
	sess.mu.Unlock()
	writeJSON(w, http.StatusCreated, resp)
}

// readConfig reads and checks the Config of a request body.
func readConfig(w http.ResponseWriter, r *http.Request) (Config, bool) {
	b, ok := readBody(w, r, "application/json")
	if !ok {
		return Config{}, false
	}
	cfg, ferr := decodeConfig(b)
	if ferr != nil {
		writeFieldError(w, ferr)
		return cfg, false
	}
	return cfg, true
}

// response returns the session's configuration and a full snapshot.
func (sess *session) response() *SessionResponse {
	return &SessionResponse{ID: sess.id, Config: sess.cfg, Snapshot: sess.snapshot(nil)}
}

func (s *Server) remove(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	sess := s.sessions[r.PathValue("id")]
	delete(s.sessions, r.PathValue("id"))
	s.mu.Unlock()
	if sess != nil {
		closeAll([]*session{sess})
	}
	if sess == nil {
		writeError(w, http.StatusNotFound, "", "no such session")
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// setConfig applies a new configuration: a change of the data or the
// network resets; a change of the training settings alone keeps the weights.
func (s *Server) setConfig(w http.ResponseWriter, r *http.Request, sess *session) {
	cfg, ok := readConfig(w, r)
	if !ok {
		return
	}
	sess.lock()
	defer sess.mu.Unlock()
	ds := sess.data
	same := dataKey(&cfg.Data) == dataKey(&sess.cfg.Data)
	if !same {
		var ferr *FieldError
		if ds, ferr = makeData(&cfg.Data, &sess.data.domain); ferr != nil {
			writeFieldError(w, ferr)
			return
		}
	}
	sess.apply(cfg, ds, same && netKey(&cfg) == netKey(&sess.cfg))
	writeJSON(w, http.StatusOK, sess.response())
}

// dataKey and netKey sum up what of a configuration makes the data and the
// network: equal keys, equal data or the same network shape and start.
func dataKey(d *DataConfig) string {
	c := *d
	if len(c.Custom) == 0 {
		c.Custom = nil
	}
	b, _ := json.Marshal(c)
	return string(b)
}

func netKey(c *Config) string {
	return fmt.Sprint(c.Features, c.Hidden, c.Output, c.Perceptron, c.Training.Init, c.Training.Seed,
		c.Data.classes(), c.Data.curve(), c.Data.K)
}

// apply puts a new configuration and data in place: keeping the weights
// (training goes on, with the new settings, if it was playing), or from
// the configuration's initial weights, paused.
func (sess *session) apply(cfg Config, ds *dataset, keep bool) {
	if !keep {
		sess.scaler = nil
		sess.setup(cfg, ds, nil)
		return
	}
	playing := sess.mode != modePaused // playing, or a step or epoch under way
	sess.endRun()
	if cfg.Training.Optimizer != sess.cfg.Training.Optimizer {
		sess.opt = optimizerOf(cfg.Training.Optimizer)
	}
	sess.cfg, sess.data = cfg, ds
	sess.prepareData()
	sess.bump()
	if playing {
		sess.startRun()
	}
}

func (s *Server) control(w http.ResponseWriter, r *http.Request, sess *session) {
	var c Control
	if !readJSON(w, r, &c) {
		return
	}
	sess.lock()
	defer sess.mu.Unlock()
	if err := sess.control(c.Action); err != nil {
		writeFieldError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, sess.snapshot(nil))
}

func (s *Server) snapshot(w http.ResponseWriter, _ *http.Request, sess *session) {
	sess.lock()
	snap := sess.snapshot(nil)
	sess.mu.Unlock()
	writeJSON(w, http.StatusOK, snap)
}

// editPoints adds or removes a point; the data become "custom". The
// weights stay unless the number of classes changed.
func (s *Server) editPoints(w http.ResponseWriter, r *http.Request, sess *session) {
	var e PointEdit
	if !readJSON(w, r, &e) {
		return
	}
	sess.lock()
	defer sess.mu.Unlock()
	ps := slices.Clone(sess.data.points)
	switch {
	case (e.Add == nil) == (e.Remove == nil):
		writeError(w, http.StatusBadRequest, "point", "give either add or remove")
		return
	case e.Add != nil:
		if len(ps) >= MaxPoints {
			writeError(w, http.StatusBadRequest, "point", fmt.Sprintf("the data have %d points, the most there may be", MaxPoints))
			return
		}
		ps = append(ps, *e.Add)
	case *e.Remove < 0 || *e.Remove >= len(ps):
		writeError(w, http.StatusBadRequest, "point", fmt.Sprintf("no point %d; there are %d", *e.Remove, len(ps)))
		return
	default:
		ps = slices.Delete(ps, *e.Remove, *e.Remove+1)
	}
	cfg := sess.cfg
	cfg.Data.Kind, cfg.Data.Custom = "custom", ps
	if ferr := sess.changeData(cfg); ferr != nil {
		ferr.Field = "point"
		writeFieldError(w, ferr)
		return
	}
	writeJSON(w, http.StatusOK, sess.response())
}

// changeData puts in place a configuration whose data changed: the output
// and the features follow the data if its kind of targets changed; the
// weights stay if the network keeps its shape.
func (sess *session) changeData(cfg Config) *FieldError {
	if cfg.Data.classes() != sess.cfg.Data.classes() {
		cfg.Output = Output{}
	}
	if cfg.Data.curve() != sess.cfg.Data.curve() {
		cfg.Features = nil
	}
	if ferr := cfg.normalize(); ferr != nil {
		return ferr
	}
	ds, ferr := makeData(&cfg.Data, &sess.data.domain)
	if ferr != nil {
		return ferr
	}
	sess.apply(cfg, ds, netKey(&cfg) == netKey(&sess.cfg))
	return nil
}

// stream sends a snapshot whenever the session changes, at most
// FramesPerSecond a second, until the client goes away or accepts nothing
// for StreamStallSec; then, if no other stream is open, training pauses and
// its goroutine ends.
func (s *Server) stream(w http.ResponseWriter, r *http.Request, sess *session) {
	sess.lock()
	if sess.streams.Load() >= MaxStreams {
		sess.mu.Unlock()
		writeError(w, http.StatusConflict, "", fmt.Sprintf("the session has %d streams open already; a page needs one", MaxStreams))
		return
	}
	sess.streams.Add(1)
	sess.mu.Unlock()
	rc := http.NewResponseController(w)
	rc.SetWriteDeadline(time.Now().Add(stallTimeout))
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-cache")
	w.WriteHeader(http.StatusOK)
	defer func() {
		sess.lock()
		sess.used.Store(time.Now().UnixNano())
		if sess.streams.Add(-1) == 0 {
			sess.pause()
			sess.endRun()
		}
		sess.mu.Unlock()
	}()
	keepAlive := time.NewTicker(15 * time.Second)
	defer keepAlive.Stop()
	var prev sent
	last := -1
	for {
		sess.lock()
		if sess.closed {
			sess.mu.Unlock()
			return
		}
		if sess.changes != last {
			next := time.After(time.Second / FramesPerSecond) // the earliest time of the next frame
			last = sess.changes
			snap := sess.snapshot(&prev)
			sess.mu.Unlock()
			if !sendEvent(w, rc, snap) {
				return
			}
			select {
			case <-r.Context().Done():
				return
			case <-next:
			}
			continue
		}
		wake := make(chan struct{})
		sess.wake = append(sess.wake, wake)
		sess.mu.Unlock()
		select {
		case <-r.Context().Done():
			return
		case <-wake:
		case <-keepAlive.C:
			rc.SetWriteDeadline(time.Now().Add(stallTimeout))
			if _, err := fmt.Fprint(w, ": keep-alive\n\n"); err != nil || rc.Flush() != nil {
				return
			}
		}
	}
}

// stallTimeout is the longest a stream's client may take to accept a
// frame: one that reads nothing (a stopped process, a dead network) would
// otherwise hold the stream, and keep its session training, for ever.
var stallTimeout = StreamStallSec * time.Second

// sendEvent writes one snapshot event and flushes it.
func sendEvent(w http.ResponseWriter, rc *http.ResponseController, snap *Snapshot) bool {
	b, err := encode(snap)
	if err != nil {
		return false
	}
	rc.SetWriteDeadline(time.Now().Add(stallTimeout))
	if _, err := fmt.Fprintf(w, "event: snapshot\nid: %d\ndata: %s\n", snap.Seq, b); err != nil {
		return false
	}
	return rc.Flush() == nil
}
