// browser_test.go: the page in a real browser (issue 17, section 6): headless
// Chromium, driven over the DevTools protocol on a pipe (cdp_test.go), loads
// the page from the server, trains XOR, inspects a point, changes settings
// and adds a point through the page, and checks a pixel of the drawing.
package playground

import (
	"context"
	"encoding/base64"
	"fmt"
	"math"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"example.com/nn"
	"example.com/nn/cmd/nn/internal/plot"
)

// xorConfig is the run the browser test plays: XOR blobs, 2-4-1 tanh, SGD.
const xorConfig = `{"data":{"kind":"xor","points":200,"noise":0.1,"test_share":0.3,"seed":1},` +
	`"features":["x1","x2"],"hidden":[{"units":4,"activation":"tanh"}],` +
	`"output":{"activation":"sigmoid","loss":"bce"},` +
	`"training":{"optimizer":"sgd","eta":0.3,"batch":10,"init":"xavier","seed":1}}`

// testLossGoal is the test loss XOR must fall below (binary cross-entropy,
// mean per sample): 0.15 is a network that puts every blob on its side with
// probability around 0.86 or more; the untrained one starts near log 2 ≈ 0.69.
const testLossGoal = 0.15

// TestPageInBrowser is the page's test in Chromium. Every wait has a deadline.
func TestPageInBrowser(t *testing.T) {
	chromium := chromiumPath()
	if chromium == "" {
		t.Skip("Chromium is not installed (the Debian package chromium): the page is not tested in a browser")
	}
	if testing.Short() {
		t.Skip("-short: the browser test takes several seconds")
	}
	base := startTestServer(t)
	b := startBrowser(t, chromium, 1600, 1000)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	step := func(what string, err error) {
		t.Helper()
		if err != nil {
			saveScreenshot(t, b, "failure.png")
			t.Fatalf("%s: %v\nerrors in the page: %q", what, err, b.errors())
		}
	}
	wait := func(what, expr string, d time.Duration) {
		t.Helper()
		c, cancel := context.WithTimeout(ctx, d)
		defer cancel()
		step(what, b.waitFor(c, what, expr))
	}
	step("opening a page", b.openPage(ctx))
	step("loading the page", b.navigate(ctx, base+"/#"+url.PathEscape(xorConfig)))
	wait("the first frame", "window.nnPlayground?.ready && nnPlayground.st.drawn", 10*time.Second)
	checkNoErrors(t, b, "after loading")
	checkURLConfig(t, ctx, b)

	step("pressing Play", clickOn(ctx, b, "#play"))
	wait("the test loss below the goal", fmt.Sprintf("nnPlayground.st.snap.latest.test_loss < %g", testLossGoal), 15*time.Second)
	step("pressing Pause", clickOn(ctx, b, "#play"))
	wait("the pause", "nnPlayground.st.snap.state === 'paused'", 5*time.Second)

	checkInspector(t, ctx, b, base, wait)
	// The picture of the README: the trained network, the inspector at the output error.
	step("the inspector's backward stage", clickUntil(ctx, b, "[data-stage=backward]", "nnPlayground.st.highlight > 0"))
	saveScreenshot(t, b, "playground.png")
	checkPixel(t, ctx, b)
	checkSetting(t, ctx, b, wait)
	checkAddPoint(t, ctx, b, wait)
	checkNoErrors(t, b, "at the end")
	saveScreenshot(t, b, "end.png")
}

// startTestServer starts the playground's server on the loopback address and
// returns its URL.
func startTestServer(t testing.TB) string {
	t.Helper()
	srv := httptest.NewUnstartedServer(nil)
	srv.Config.Handler = NewServer(srv.Listener.Addr().String())
	srv.Start()
	t.Cleanup(srv.Close)
	return srv.URL
}

// clickOn clicks the middle of the element that selector finds.
func clickOn(ctx context.Context, b *browser, selector string) error {
	var r struct{ X, Y float64 }
	expr := fmt.Sprintf(`(() => { const e = document.querySelector(%q); e.scrollIntoView({block: 'nearest'});
		const r = e.getBoundingClientRect(); return {x: r.left + r.width / 2, y: r.top + r.height / 2}; })()`, selector)
	if err := b.eval(ctx, expr, &r); err != nil {
		return err
	}
	return b.click(ctx, r.X, r.Y)
}

// clickUntil clicks the element that selector finds until expr is true, for
// an element that may still move (a smooth scroll), for at most 5 seconds.
func clickUntil(ctx context.Context, b *browser, selector, expr string) error {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	for {
		if err := clickOn(ctx, b, selector); err != nil {
			return err
		}
		c, cancelTry := context.WithTimeout(ctx, 300*time.Millisecond)
		err := b.waitFor(c, "the click on "+selector, expr)
		cancelTry()
		if err == nil || ctx.Err() != nil {
			return err
		}
	}
}

// checkNoErrors fails the test if the page logged an error or a request failed.
func checkNoErrors(t *testing.T, b *browser, when string) {
	t.Helper()
	if errs := b.errors(); len(errs) > 0 {
		t.Errorf("%s, the page has errors:\n%s", when, strings.Join(errs, "\n"))
	}
}

// checkURLConfig checks that the configuration of the URL is what the server
// runs and what the controls show.
func checkURLConfig(t *testing.T, ctx context.Context, b *browser) {
	t.Helper()
	var got struct {
		Eta, Batch, Hidden  float64
		Kind, Act, EtaField string
	}
	err := b.eval(ctx, `(() => { const c = nnPlayground.st.config; return {eta: c.training.eta, batch: c.training.batch,
		hidden: c.hidden[0].units, kind: c.data.kind, act: c.hidden[0].activation, etaField: document.getElementById('eta').value}; })()`, &got)
	if err != nil {
		t.Fatal(err)
	}
	if got.Eta != 0.3 || got.Batch != 10 || got.Hidden != 4 || got.Kind != "xor" || got.Act != "tanh" || got.EtaField != "0.3" {
		t.Errorf("the page runs %+v, want the URL's η 0.3, batch 10, 4 tanh units, xor, and the η field showing 0.3", got)
	}
}

// checkInspector clicks a training point in inspect mode and compares the
// inspector's δ^l_j with MLP.Trace of the network the server downloads.
func checkInspector(t *testing.T, ctx context.Context, b *browser, base string, wait func(string, string, time.Duration)) {
	t.Helper()
	if err := clickOn(ctx, b, "input[name=click-mode][value=inspect]"); err != nil {
		t.Fatal(err)
	}
	var p struct {
		I, X, Y, X1, X2, Label float64
		Session                string
	}
	err := b.eval(ctx, `(() => { const st = nnPlayground.st; const i = st.points.findIndex((p) => !p.test);
		const c = nnPlayground.pointClient(i), p = st.points[i];
		return {i, x: c.x, y: c.y, x1: p.x1, x2: p.x2, label: p.label, session: st.session.id}; })()`, &p)
	if err != nil {
		t.Fatal(err)
	}
	if err := b.click(ctx, p.X, p.Y); err != nil {
		t.Fatal(err)
	}
	wait("the inspector", "!document.getElementById('inspector').hidden && nnPlayground.st.trace", 5*time.Second)
	// The inspector scrolls into view: click Update until the page shows its last step.
	if err := clickUntil(ctx, b, "[data-stage=update]", "document.querySelector('[data-stage=update]').getAttribute('aria-pressed') === 'true'"); err != nil {
		t.Fatal(err)
	}
	var cells [][2]string
	if err := b.eval(ctx, `[...document.querySelectorAll('[data-delta]')].map((e) => [e.dataset.delta, e.textContent])`, &cells); err != nil {
		t.Fatal(err)
	}
	tr := goTrace(t, base, p.Session, []float64{p.X1, p.X2}, []float64{p.Label})
	want := 0
	for l := 1; l < len(tr.Delta); l++ {
		want += len(tr.Delta[l])
	}
	if len(cells) != want {
		t.Fatalf("the inspector shows %d values of δ, want %d (every δ^l_j of the network)", len(cells), want)
	}
	for _, c := range cells {
		var l, j int
		fmt.Sscanf(c[0], "%d:%d", &l, &j)
		got, err := strconv.ParseFloat(strings.ReplaceAll(c[1], "−", "-"), 64)
		if err != nil {
			t.Fatalf("δ^%d_%d shown as %q: %v", l, j+1, c[1], err)
		}
		// The page writes 6 significant digits: a relative error of at most 5e−6.
		if w := tr.Delta[l][j]; math.Abs(got-w) > 5e-6*math.Abs(w)+1e-300 {
			t.Errorf("inspector δ^%d_%d = %s, MLP.Trace gives %.9g", l, j+1, c[1], w)
		}
	}
}

// goTrace downloads the session's model and returns MLP.Trace of the sample
// (x, y), with the loss and η of xorConfig.
func goTrace(t *testing.T, base, session string, x, y []float64) *nn.Trace {
	t.Helper()
	res, err := http.Get(base + "/api/sessions/" + session + "/model")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET model: %s", res.Status)
	}
	m, err := nn.ReadModel(res.Body, "model")
	if err != nil {
		t.Fatal(err)
	}
	if m.Scaler != nil {
		x = m.Scaler.Transform(&nn.Matrix{Rows: 1, Cols: len(x), Data: x}).Data
	}
	tr, err := m.Net.Trace(x, y, nn.BinaryCrossEntropy{}, 0.3)
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

// checkPixel compares pixels of the output plot with the colours of the
// cells of the snapshot it drew (draw.js: white + (C − white)·0.45·|2t − 1|,
// C the palette's class 1 colour above ½, class 0's below), away from points.
func checkPixel(t *testing.T, ctx context.Context, b *browser) {
	t.Helper()
	var d struct {
		Cols, Rows int
		Lo, Hi     float64
		Data       string
		Pixels     [][5]float64 // cell row, cell column, r, g, b
	}
	err := b.eval(ctx, `(() => { const st = nnPlayground.st; nnPlayground.draw(); const g = st.drawn.snap.output;
		const c = document.getElementById('plane'), k = c.width / c.clientWidth, ctx = c.getContext('2d');
		const pts = st.points.map((_, i) => nnPlayground.pointClient(i)), r = c.getBoundingClientRect();
		const pixels = [];
		for (let i = 2; i < g.rows; i += 7) for (let j = 3; j < g.cols; j += 7) {
			const x = (j + 0.5) * c.clientWidth / g.cols, y = (i + 0.5) * c.clientHeight / g.rows;
			if (pts.some((p) => Math.hypot(p.x - r.left - x, p.y - r.top - y) < 12)) continue;
			const px = ctx.getImageData(Math.floor(x * k), Math.floor(y * k), 1, 1).data;
			pixels.push([i, j, px[0], px[1], px[2]]);
		}
		return {cols: g.cols, rows: g.rows, lo: g.lo, hi: g.hi, data: g.data, pixels}; })()`, &d)
	if err != nil {
		t.Fatal(err)
	}
	cells, err := base64.StdEncoding.DecodeString(d.Data)
	if err != nil || len(cells) != d.Rows*d.Cols {
		t.Fatalf("the snapshot's output grid: %d bytes for %d×%d (%v)", len(cells), d.Rows, d.Cols, err)
	}
	if len(d.Pixels) < 10 {
		t.Fatalf("only %d cells of the plot are away from every point", len(d.Pixels))
	}
	for _, px := range d.Pixels {
		i, j := int(px[0]), int(px[1])
		v := d.Lo + float64(cells[i*d.Cols+j])/255*(d.Hi-d.Lo)
		want := heatColor(v)
		for c := range 3 {
			if math.Abs(px[2+c]-want[c]) > 1 { // the page and the test round the same value
				t.Errorf("the plot's cell (%d, %d), value %.3f, is drawn rgb(%v, %v, %v), want rgb(%v, %v, %v)",
					i, j, v, px[2], px[3], px[4], want[0], want[1], want[2])
				break
			}
		}
	}
}

// heatColor is the colour draw.js gives a probability t, from the palette of
// the SVG plots.
func heatColor(t float64) [3]float64 {
	t = math.Min(math.Max(t, 0), 1)
	C, s := plot.Palette[0], 0.45*(1-2*t)
	if t > 0.5 {
		C, s = plot.Palette[1], 0.45*(2*t-1)
	}
	var rgb [3]float64
	for k := range 3 {
		c, _ := strconv.ParseUint(C[1+2*k:3+2*k], 16, 8)
		rgb[k] = math.Round(255 + (float64(c)-255)*s)
	}
	return rgb
}

// checkSetting changes η through its field: a bad value shows the server's
// error beside the field, a good one reaches the server and the URL.
func checkSetting(t *testing.T, ctx context.Context, b *browser, wait func(string, string, time.Duration)) {
	t.Helper()
	before := len(b.errors())
	typeInto := func(selector, text string) {
		if err := clickOn(ctx, b, selector); err != nil {
			t.Fatal(err)
		}
		if err := b.eval(ctx, fmt.Sprintf("document.querySelector(%q).select()", selector), nil); err != nil {
			t.Fatal(err)
		}
		if err := b.do(ctx, "Input.insertText", map[string]any{"text": text}, nil); err != nil {
			t.Fatal(err)
		}
		if err := clickOn(ctx, b, "#data-h"); err != nil { // leaving the field commits it
			t.Fatal(err)
		}
	}
	typeInto("#eta", "-1")
	wait("η's error beside its field", `document.querySelector('.err[data-for="training.eta"]').textContent !== '' && document.getElementById('eta').getAttribute('aria-invalid') === 'true'`, 5*time.Second)
	for _, e := range b.errors()[before:] {
		if !strings.Contains(e, "status of 400") {
			t.Errorf("after a bad η the page logged %q, want only the server's 400", e)
		}
	}
	b.mu.Lock()
	b.errs = b.errs[:before] // the 400 was the point of the step
	b.mu.Unlock()
	typeInto("#eta", "0.05")
	wait("η = 0.05 in the server's configuration and the URL", `nnPlayground.st.config.training.eta === 0.05 && decodeURIComponent(location.hash).includes('"eta":0.05') && document.querySelector('.err[data-for="training.eta"]').textContent === ''`, 5*time.Second)
	if err := clickOn(ctx, b, `button[aria-label="One unit more in layer 1"]`); err != nil {
		t.Fatal(err)
	}
	wait("a fifth unit in layer 1", "nnPlayground.st.snap.layers[0].b.length === 5 && nnPlayground.st.config.hidden[0].units === 5", 5*time.Second)
}

// checkAddPoint adds a point of class 1 (key 1) by clicking an empty spot of
// the plot, checks that the server has it where it was clicked, and removes
// it with a click on it.
func checkAddPoint(t *testing.T, ctx context.Context, b *browser, wait func(string, string, time.Duration)) {
	t.Helper()
	if err := clickOn(ctx, b, "input[name=click-mode][value=edit]"); err != nil {
		t.Fatal(err)
	}
	if err := clickOn(ctx, b, "#data-h"); err != nil { // the key goes to the page, not to the radio button
		t.Fatal(err)
	}
	for _, typ := range []string{"keyDown", "keyUp"} {
		if err := b.do(ctx, "Input.dispatchKeyEvent", map[string]any{"type": typ, "key": "1", "code": "Digit1", "text": "1"}, nil); err != nil {
			t.Fatal(err)
		}
	}
	var spot struct{ X, Y, X1, X2, N float64 }
	err := b.eval(ctx, `(() => { const st = nnPlayground.st, c = document.getElementById('plane'), r = c.getBoundingClientRect();
		const pts = st.points.map((_, i) => nnPlayground.pointClient(i)), v = st.drawn.view.box;
		for (let y = r.top + 40; y < r.bottom - 40; y += 9) for (let x = r.left + 40; x < r.right - 40; x += 9) {
			if (pts.every((p) => Math.hypot(p.x - x, p.y - y) > 15)) {
				return {x, y, x1: v.x0 + (x - r.left) / r.width * (v.x1 - v.x0), x2: v.y1 - (y - r.top) / r.height * (v.y1 - v.y0), n: st.points.length};
			}
		}
		return null; })()`, &spot)
	if err != nil {
		t.Fatal(err)
	}
	if err := b.click(ctx, spot.X, spot.Y); err != nil {
		t.Fatal(err)
	}
	wait("the new point", fmt.Sprintf("nnPlayground.st.points.length === %d", int(spot.N)+1), 5*time.Second)
	var added struct{ X1, X2, Label float64 }
	if err := b.eval(ctx, fmt.Sprintf(`(() => { const st = nnPlayground.st; const p = st.points.find((p) => Math.hypot(p.x1 - %g, p.x2 - %g) < 0.05); return p && {x1: p.x1, x2: p.x2, label: p.label}; })()`, spot.X1, spot.X2), &added); err != nil {
		t.Fatalf("no point where the plot was clicked, (%.3f, %.3f): %v", spot.X1, spot.X2, err)
	}
	if added.Label != 1 {
		t.Errorf("the clicked point has class %v, want 1 (key 1 pressed)", added.Label)
	}
	// A click on the point removes it again.
	var at struct{ X, Y float64 }
	if err := b.eval(ctx, fmt.Sprintf(`nnPlayground.pointClient(nnPlayground.st.points.findIndex((p) => Math.hypot(p.x1 - %g, p.x2 - %g) < 0.05))`, spot.X1, spot.X2), &at); err != nil {
		t.Fatal(err)
	}
	if err := b.click(ctx, at.X, at.Y); err != nil {
		t.Fatal(err)
	}
	wait("the point removed", fmt.Sprintf("nnPlayground.st.points.length === %d && !nnPlayground.st.points.some((p) => Math.hypot(p.x1 - %g, p.x2 - %g) < 0.05)", int(spot.N), spot.X1, spot.X2), 5*time.Second)
}

// saveScreenshot writes the page as a PNG under the test's temporary
// directory, and to $NN_SCREENSHOT as well when it is set (the README's
// docs/playground.png comes from there).
func saveScreenshot(t *testing.T, b *browser, name string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	png, err := b.screenshot(ctx)
	if err != nil {
		t.Logf("screenshot: %v", err)
		return
	}
	paths := []string{filepath.Join(t.TempDir(), name)}
	if p := os.Getenv("NN_SCREENSHOT"); p != "" && name == "playground.png" {
		paths = append(paths, p)
	}
	for _, p := range paths {
		if err := os.WriteFile(p, png, 0o644); err != nil {
			t.Error(err)
		}
		t.Logf("screenshot: %s", p)
	}
}

// BenchmarkPageDraw measures the page in Chromium: the time to draw one
// frame (plot, diagram with every unit's map, loss curves, gradient bars,
// read back so the drawing is done), on the largest network and on
// 2-8-8-1 with 500 points, and, while training plays, the frames drawn per
// second and the bytes of a streamed snapshot. Software rendering, headless.
func BenchmarkPageDraw(b *testing.B) {
	chromium := chromiumPath()
	if chromium == "" {
		b.Skip("Chromium is not installed: the page is not measured")
	}
	base := startTestServer(b)
	br := startBrowser(b, chromium, 1600, 1000)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	if err := br.openPage(ctx); err != nil {
		b.Fatal(err)
	}
	largest := `{"units":16,"activation":"tanh"}`
	largest = strings.Repeat(largest+",", 5) + largest
	nets := []struct{ name, config string }{
		{"2-8-8-1/500-points", `{"data":{"kind":"spirals","points":500},"hidden":[{"units":8,"activation":"tanh"},{"units":8,"activation":"tanh"}],"training":{"batch":10}}`},
		{"7-16x6-1/500-points", `{"data":{"kind":"spirals","points":500},"features":["x1","x2","x1^2","x2^2","x1x2","sin_x1","sin_x2"],"hidden":[` + largest + `],"training":{"batch":10}}`},
	}
	loads := 0
	for _, n := range nets {
		b.Run(n.name, func(b *testing.B) {
			must := func(err error) {
				if err != nil {
					b.Fatal(err)
				}
			}
			loads++ // a new document each time, not only a new fragment
			c, cancel := context.WithTimeout(ctx, 20*time.Second)
			defer cancel()
			must(br.navigate(c, fmt.Sprintf("%s/?load=%d#%s", base, loads, url.PathEscape(n.config))))
			must(br.waitFor(c, "the first frame", "window.nnPlayground?.ready && nnPlayground.st.drawn"))
			var playing struct{ FPS, Bytes float64 }
			must(br.eval(ctx, `document.getElementById('play').click()`, nil))
			must(br.eval(ctx, `new Promise((ok) => setTimeout(() => ok({fps: nnPlayground.st.fps, bytes: nnPlayground.st.frameBytes}), 3000))`, &playing))
			must(br.eval(ctx, `document.getElementById('play').click()`, nil))
			must(br.waitFor(ctx, "the pause", "nnPlayground.st.snap.state === 'paused'"))
			draw := `nnPlayground.draw(); for (const c of document.querySelectorAll('canvas')) c.getContext('2d').getImageData(0, 0, 1, 1); 0`
			for b.Loop() {
				must(br.eval(ctx, draw, nil))
			}
			b.ReportMetric(playing.FPS, "frames/s-playing")
			b.ReportMetric(playing.Bytes, "bytes/snapshot")
		})
	}
}
