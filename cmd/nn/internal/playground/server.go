package playground

// server.go: the HTTP server: the checks every request passes (Host,
// Origin, body size), the session registry with its limits, and the
// routing of the endpoints of protocol.go.

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

// Server is the playground's HTTP handler. It reads and writes no file:
// models and CSV files come and go through the page.
type Server struct {
	hosts map[string]bool // the Host headers accepted, lower case
	anyIP bool            // listening on every interface: any IP address with the port is accepted
	port  string
	mux   *http.ServeMux

	mu       sync.Mutex
	sessions map[string]*session
	sweeper  *time.Timer
	idle     time.Duration
	now      func() time.Time
}

// NewServer returns the server for the address it listens on (host:port, as
// net.Listen was given it or as Listener.Addr reports it): requests must
// name that address, or for a loopback address any of localhost, 127.0.0.1
// and [::1] with the port, in their Host header.
func NewServer(addr string) *Server {
	s := &Server{hosts: map[string]bool{}, sessions: map[string]*session{},
		idle: IdleTimeoutSec * time.Second, now: time.Now}
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		host, port = addr, "80"
	}
	s.port = port
	s.hosts[strings.ToLower(net.JoinHostPort(host, port))] = true
	ip := net.ParseIP(host)
	switch {
	case host == "" || (ip != nil && ip.IsUnspecified()):
		s.anyIP = true
		fallthrough
	case host == "localhost" || (ip != nil && ip.IsLoopback()):
		for _, h := range []string{"localhost", "127.0.0.1", "::1"} {
			s.hosts[net.JoinHostPort(h, port)] = true
		}
	}
	s.routes()
	return s
}

// Loopback reports whether addr (host:port) listens on the loopback
// interface only; serve.go warns otherwise.
func Loopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	ip := net.ParseIP(host)
	return host == "localhost" || (ip != nil && ip.IsLoopback())
}

func (s *Server) routes() {
	s.mux = http.NewServeMux()
	s.mux.HandleFunc("/api/presets", s.method("GET", s.presets))
	s.mux.HandleFunc("/api/sessions", s.method("POST", s.create))
	s.mux.HandleFunc("/api/sessions/{id}", s.method("DELETE", s.remove))
	s.mux.HandleFunc("/api/sessions/{id}/{op}", s.op)
	s.mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, "", "no such endpoint: "+r.URL.Path)
	})
	s.mux.Handle("/", assetHandler())
}

// ServeHTTP checks the request (Host, Origin, body size) and routes it.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Referrer-Policy", "no-referrer")
	if !s.hostOK(r.Host) {
		writeError(w, http.StatusForbidden, "", fmt.Sprintf("Host %q is not the address this server listens on; refused (a guard against DNS rebinding): open the URL nn serve printed", r.Host))
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		if msg := s.foreign(r); msg != "" {
			writeError(w, http.StatusForbidden, "", msg)
			return
		}
	}
	r.Body = http.MaxBytesReader(w, r.Body, MaxBody)
	s.mux.ServeHTTP(w, r)
}

// hostOK reports whether a Host header names this server.
func (s *Server) hostOK(host string) bool {
	host = strings.ToLower(host)
	if s.hosts[host] {
		return true
	}
	h, port, err := net.SplitHostPort(host)
	return err == nil && s.anyIP && port == s.port && net.ParseIP(h) != nil
}

// foreign returns why a state-changing request comes from another site,
// or "" if it does not: its Origin is not this server, or the browser says
// it is cross-site.
func (s *Server) foreign(r *http.Request) string {
	if o := r.Header.Get("Origin"); o != "" {
		u, err := url.Parse(o)
		if err != nil || u.Scheme != "http" || !s.hostOK(u.Host) {
			return fmt.Sprintf("Origin %q is another site; the playground takes changes only from its own page", o)
		}
	}
	if r.Header.Get("Sec-Fetch-Site") == "cross-site" {
		return "a cross-site request; the playground takes changes only from its own page"
	}
	return ""
}

// method returns a handler that answers 405 to other methods than m.
func (s *Server) method(m string, h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if r.Method != m {
			w.Header().Set("Allow", m)
			writeError(w, http.StatusMethodNotAllowed, "", fmt.Sprintf("%s %s: use %s", r.Method, r.URL.Path, m))
			return
		}
		h(w, r)
	}
}

// opHandler handles a request to one session.
type opHandler func(s *Server, w http.ResponseWriter, r *http.Request, sess *session)

// ops maps each operation on a session and its method to its handler.
var ops = map[string]map[string]opHandler{
	"config":    {"PUT": (*Server).setConfig},
	"control":   {"POST": (*Server).control},
	"snapshot":  {"GET": (*Server).snapshot},
	"stream":    {"GET": (*Server).stream},
	"points":    {"POST": (*Server).editPoints},
	"trace":     {"POST": (*Server).trace},
	"gradcheck": {"POST": (*Server).gradCheck},
	"model":     {"GET": (*Server).downloadModel, "PUT": (*Server).uploadModel},
	"data.csv":  {"GET": (*Server).exportCSV, "PUT": (*Server).importCSV},
}

// op routes /api/sessions/{id}/{op}.
func (s *Server) op(w http.ResponseWriter, r *http.Request) {
	byMethod, ok := ops[r.PathValue("op")]
	if !ok {
		writeError(w, http.StatusNotFound, "", "no such endpoint: "+r.URL.Path)
		return
	}
	h, ok := byMethod[r.Method]
	if !ok {
		var allow []string
		for m := range byMethod {
			allow = append(allow, m)
		}
		w.Header().Set("Allow", strings.Join(allow, ", "))
		writeError(w, http.StatusMethodNotAllowed, "", fmt.Sprintf("%s %s: use %s", r.Method, r.URL.Path, strings.Join(allow, " or ")))
		return
	}
	sess := s.get(r.PathValue("id"))
	if sess == nil {
		writeError(w, http.StatusNotFound, "", "no such session (it expired after being idle, or the server restarted): reload the page")
		return
	}
	h(s, w, r, sess)
}

// get returns the session of an id, marking it used, or nil. Server.mu
// is never held while waiting for a session's lock: a busy session must
// not hold up the others.
func (s *Server) get(id string) *session {
	s.mu.Lock()
	sess, now := s.sessions[id], s.now()
	s.mu.Unlock()
	if sess != nil {
		sess.used.Store(now.UnixNano())
	}
	return sess
}

// add registers a new session, dropping the oldest idle one if there are
// MaxSessions; it returns false if every session has a stream open.
func (s *Server) add(sess *session) bool {
	s.mu.Lock()
	dropped := s.expire()
	defer func() { closeAll(dropped) }()
	defer s.mu.Unlock()
	if len(s.sessions) >= MaxSessions {
		var oldest *session
		for _, o := range s.sessions {
			if o.streams.Load() == 0 && (oldest == nil || o.used.Load() < oldest.used.Load()) {
				oldest = o
			}
		}
		if oldest == nil {
			return false
		}
		delete(s.sessions, oldest.id)
		dropped = append(dropped, oldest)
	}
	s.sessions[sess.id] = sess
	if s.sweeper == nil {
		s.sweeper = time.AfterFunc(s.idle, s.sweep)
	}
	return true
}

// sweep drops the idle sessions, then looks again later if any remain.
func (s *Server) sweep() {
	s.mu.Lock()
	dropped := s.expire()
	s.sweeper = nil
	if len(s.sessions) > 0 {
		s.sweeper = time.AfterFunc(s.idle/4, s.sweep)
	}
	s.mu.Unlock()
	closeAll(dropped)
}

// expire removes the sessions idle for longer than s.idle and returns
// them, for closeAll once s.mu is let go. s.mu is held.
func (s *Server) expire() []*session {
	now := s.now().UnixNano()
	var idle []*session
	for id, sess := range s.sessions {
		if sess.streams.Load() == 0 && time.Duration(now-sess.used.Load()) > s.idle {
			delete(s.sessions, id)
			idle = append(idle, sess)
		}
	}
	return idle
}

// closeAll ends removed sessions and their training.
func closeAll(sessions []*session) {
	for _, sess := range sessions {
		sess.lock()
		sess.close()
		sess.mu.Unlock()
	}
}

// Close ends every session and its training goroutine.
func (s *Server) Close() {
	s.mu.Lock()
	var all []*session
	for id, sess := range s.sessions {
		delete(s.sessions, id)
		all = append(all, sess)
	}
	if s.sweeper != nil {
		s.sweeper.Stop()
		s.sweeper = nil
	}
	s.mu.Unlock()
	closeAll(all)
}

// close ends the session: its training goroutine and its streams.
func (sess *session) close() {
	sess.closed = true
	if sess.unwatchedT != nil {
		sess.unwatchedT.Stop()
	}
	sess.mode = modePaused
	sess.endRun()
	sess.changed()
}

// newID returns a random session id.
func newID() string {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(err)
	}
	return hex.EncodeToString(b[:])
}

// encode returns v as JSON on one line, without escaping <, > and & (the
// page parses it; people read it).
func encode(v any) ([]byte, error) {
	var b bytes.Buffer
	e := json.NewEncoder(&b)
	e.SetEscapeHTML(false)
	err := e.Encode(v)
	return b.Bytes(), err
}

// writeJSON writes v with the status.
func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := encode(v)
	if err != nil {
		writeError(w, http.StatusInternalServerError, "", "encoding the answer: "+err.Error())
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(b)
}

// writeError writes an ErrorResponse.
func writeError(w http.ResponseWriter, status int, field, msg string) {
	b, _ := encode(ErrorResponse{Error: msg, Field: field})
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(b)
}

// writeFieldError writes a bad setting as a 400: the message, and the
// setting's path in Field.
func writeFieldError(w http.ResponseWriter, err *FieldError) {
	writeError(w, http.StatusBadRequest, err.Field, err.Msg)
}

// bodyTimeout is the longest a request body may take to arrive.
var bodyTimeout = BodyTimeoutSec * time.Second

// readBody reads a request body of the given media type ("" for any):
// a body over MaxBody is a 413, another type a 415, one that has not
// arrived within bodyTimeout a 408 (a client that sends a byte now and
// then would otherwise hold its connection for ever).
func readBody(w http.ResponseWriter, r *http.Request, types ...string) ([]byte, bool) {
	if len(types) > 0 {
		mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
		ok := false
		for _, t := range types {
			ok = ok || mt == t
		}
		if !ok {
			writeError(w, http.StatusUnsupportedMediaType, "body", fmt.Sprintf("Content-Type %q; want %s", r.Header.Get("Content-Type"), strings.Join(types, " or ")))
			return nil, false
		}
	}
	rc := http.NewResponseController(w)
	rc.SetReadDeadline(time.Now().Add(bodyTimeout))
	b, err := io.ReadAll(r.Body)
	rc.SetReadDeadline(time.Time{})
	var tooBig *http.MaxBytesError
	var netErr net.Error
	switch {
	case errors.As(err, &tooBig):
		writeError(w, http.StatusRequestEntityTooLarge, "body", fmt.Sprintf("the body is larger than %d MB", MaxBody>>20))
		return nil, false
	case errors.As(err, &netErr) && netErr.Timeout():
		w.Header().Set("Connection", "close")
		writeError(w, http.StatusRequestTimeout, "body", fmt.Sprintf("the body did not arrive within %v", bodyTimeout))
		return nil, false
	case err != nil:
		writeError(w, http.StatusBadRequest, "body", "reading the body: "+err.Error())
		return nil, false
	}
	return b, true
}

// readJSON decodes a JSON body strictly into v.
func readJSON(w http.ResponseWriter, r *http.Request, v any) bool {
	b, ok := readBody(w, r, "application/json")
	if !ok {
		return false
	}
	if err := decodeStrict(b, v); err != nil {
		writeFieldError(w, err)
		return false
	}
	return true
}
