// draw.js: the plots of the page — the output plane, the 1-D curves, the loss
// curves and the gradient bars. Each function takes data and a canvas and
// draws; nothing here keeps state or talks to the server.
//
// Colours of the heat maps (the browser test computes the same):
//   a value t ∈ [0, 1] (a probability, or a unit's output scaled to its range)
//   is the colour c = white + (C − white)·s, with C = --c1 and s = 0.45·(2t − 1)
//   when t > ½, C = --c0 and s = 0.45·(1 − 2t) otherwise; each channel rounded.
//   With softmax over K > 2 classes a cell takes the colour of its likeliest
//   class k with s = 0.45·(p_k − 1/K)/(1 − 1/K). Class regions: s = 0.34.

/** The strongest tint of a heat map: 45% of the class colour, as in the SVG plots. */
export const TINT = 0.45;

/** palette reads the page's colours (CSS variables) as [r, g, b] arrays. */
export function palette(el = document.documentElement) {
  const css = getComputedStyle(el);
  const rgb = (name) => {
    const hex = css.getPropertyValue(name).trim().replace('#', '');
    return [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16));
  };
  return { classes: [rgb('--c0'), rgb('--c1'), rgb('--c2')], ink: css.getPropertyValue('--ink').trim(), muted: css.getPropertyValue('--muted').trim(), test: css.getPropertyValue('--test').trim(), highlight: css.getPropertyValue('--highlight').trim() };
}

/** tint returns white + (C − white)·s, rounded, as [r, g, b]. */
export function tint(C, s) {
  return C.map((c) => Math.round(255 + (c - 255) * s));
}

/** heatColor is the colour of t ∈ [0, 1] (see the file comment). */
export function heatColor(t, pal) {
  if (!(t >= 0)) t = 0; // NaN too
  if (t > 1) t = 1;
  return t > 0.5 ? tint(pal.classes[1], TINT * (2 * t - 1)) : tint(pal.classes[0], TINT * (1 - 2 * t));
}

/** css returns an [r, g, b] colour as a CSS string. */
export const css = (c, a = 1) => `rgba(${c[0]},${c[1]},${c[2]},${a})`;

/**
 * fitCanvas sizes the canvas's pixels to its CSS box times the device pixel
 * ratio and returns its 2-D context scaled so that drawing uses CSS pixels.
 */
export function fitCanvas(canvas) {
  const r = window.devicePixelRatio || 1;
  const w = canvas.clientWidth || canvas.width, h = canvas.clientHeight || canvas.height;
  if (canvas.width !== Math.round(w * r) || canvas.height !== Math.round(h * r)) {
    canvas.width = Math.round(w * r);
    canvas.height = Math.round(h * r);
  }
  const ctx = canvas.getContext('2d');
  ctx.setTransform(r, 0, 0, r, 0, 0);
  return { ctx, w, h };
}

/**
 * planeScale maps the data rectangle [x0, x1] × [y0, y1] onto a w × h box
 * (x₂ upwards) and back.
 */
export function planeScale(box, w, h) {
  const sx = w / (box.x1 - box.x0), sy = h / (box.y1 - box.y0);
  return {
    px: (x) => (x - box.x0) * sx,
    py: (y) => (box.y1 - y) * sy,
    x: (px) => box.x0 + px / sx,
    y: (py) => box.y1 - py / sy,
  };
}

/**
 * gridImage paints a grid of cells (row 0 at the top) into an ImageData of
 * its own size, cell (i, j) coloured by color(i·nx + j).
 */
export function gridImage(ctx, nx, ny, color) {
  const img = ctx.createImageData(nx, ny);
  for (let n = 0; n < nx * ny; n++) {
    const c = color(n);
    img.data.set([c[0], c[1], c[2], 255], 4 * n);
  }
  return img;
}

/** scratch is the reusable off-screen canvas that grid images are scaled from. */
const scratch = document.createElement('canvas');

/** drawGrid draws the grid's cells, each colour(n), over the box (x, y, w, h), without smoothing. */
export function drawGrid(ctx, nx, ny, color, x, y, w, h) {
  if (scratch.width !== nx || scratch.height !== ny) { scratch.width = nx; scratch.height = ny; }
  const sctx = scratch.getContext('2d');
  sctx.putImageData(gridImage(sctx, nx, ny, color), 0, 0);
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(scratch, 0, 0, nx, ny, x, y, w, h);
}

/**
 * cellColor returns the colour function of the output grid's cells: with one
 * output, value t ↦ heatColor(t) (class regions: t > ½ or not); with softmax,
 * the likeliest class k (out) with its probability p (conf) of K classes.
 */
export function cellColor(out, conf, K, discrete, pal) {
  if (!conf) {
    return (n) => {
      const t = out.values[n];
      return discrete ? tint(pal.classes[t > 0.5 ? 1 : 0], TINT * 0.75) : heatColor(t, pal);
    };
  }
  return (n) => {
    const k = Math.round(out.values[n]), p = conf.values[n];
    if (discrete) return tint(pal.classes[k % 3], TINT * 0.75);
    if (K === 2) return heatColor(k === 1 ? p : 1 - p, pal);
    return tint(pal.classes[k % 3], TINT * Math.max(0, (p - 1 / K) / (1 - 1 / K)));
  };
}

/**
 * drawPlane draws the output over the plane and the points.
 * view: {box: {x0, x1, y0, y1}, out: {nx, ny, values} (row 0 the top row,
 * largest x₂; one output's value, or softmax's likeliest class), conf (its
 * probability, softmax only), classes, points: [{x1, x2, label, test}],
 * discrete (class regions instead of probabilities), showTest, line
 * (perceptron: {w: [w₁, w₂], b}), selected (index of a point to ring)}.
 */
export function drawPlane(canvas, view, pal) {
  const { ctx, w, h } = fitCanvas(canvas);
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, w, h);
  if (view.out) {
    const color = cellColor(view.out, view.conf, view.classes, view.discrete, pal);
    drawGrid(ctx, view.out.nx, view.out.ny, color, 0, 0, w, h);
  }
  const s = planeScale(view.box, w, h);
  drawAxes(ctx, s, view.box, w, h, pal);
  if (view.line) drawLine(ctx, s, view.line, view.box, pal);
  drawPoints(ctx, s, view.points || [], view.showTest !== false, pal);
  if (view.selected != null && view.points && view.points[view.selected]) {
    const q = view.points[view.selected];
    ctx.strokeStyle = '#000';
    ctx.lineWidth = 3;
    ctx.beginPath();
    ctx.arc(s.px(q.x1), s.py(q.x2), 11, 0, 2 * Math.PI);
    ctx.stroke();
  }
}

/** drawAxes draws the axes x₁ = 0 and x₂ = 0 faintly and the ends' values. */
function drawAxes(ctx, s, box, w, h, pal, ylabel = 'x₂') {
  ctx.strokeStyle = 'rgba(0,0,0,0.18)';
  ctx.lineWidth = 1;
  ctx.beginPath();
  if (box.x0 < 0 && box.x1 > 0) { ctx.moveTo(s.px(0), 0); ctx.lineTo(s.px(0), h); }
  if (box.y0 < 0 && box.y1 > 0) { ctx.moveTo(0, s.py(0)); ctx.lineTo(w, s.py(0)); }
  ctx.stroke();
  ctx.fillStyle = pal.muted;
  ctx.font = '13px system-ui, sans-serif';
  ctx.textBaseline = 'bottom';
  ctx.textAlign = 'left';
  ctx.fillText(fmt(box.x0), 4, h - 3);
  ctx.textAlign = 'right';
  ctx.fillText(fmt(box.x1) + '  x₁', w - 4, h - 3);
  ctx.textBaseline = 'top';
  ctx.textAlign = 'left';
  ctx.fillText(`${ylabel}  ${fmt(box.y1)}`, 4, 4);
}

/** drawLine draws the perceptron's boundary w·x + b = 0 across the box. */
function drawLine(ctx, s, line, box, pal) {
  const [w1, w2] = line.w, b = line.b;
  let a, c;
  if (Math.abs(w2) > Math.abs(w1)) { // x₂ = −(w₁x₁ + b)/w₂
    a = [box.x0, -(w1 * box.x0 + b) / w2];
    c = [box.x1, -(w1 * box.x1 + b) / w2];
  } else if (w1 !== 0) { // x₁ = −(w₂x₂ + b)/w₁
    a = [-(w2 * box.y0 + b) / w1, box.y0];
    c = [-(w2 * box.y1 + b) / w1, box.y1];
  } else return;
  ctx.strokeStyle = pal.ink;
  ctx.lineWidth = 3;
  ctx.beginPath();
  ctx.moveTo(s.px(a[0]), s.py(a[1]));
  ctx.lineTo(s.px(c[0]), s.py(c[1]));
  ctx.stroke();
}

/** sprites holds a drawn point per class, kind and pixel ratio: a copy is much cheaper than a circle. */
const sprites = new Map();

/** sprite returns the canvas of one point: class colour, white ring (training) or dark ring (test). */
function sprite(color, test, ratio) {
  const key = `${color} ${test} ${ratio}`;
  if (!sprites.has(key)) {
    const r = test ? 5 : 5.5, side = Math.ceil((2 * r + 4) * ratio);
    const c = document.createElement('canvas');
    c.width = c.height = side;
    const ctx = c.getContext('2d');
    ctx.scale(ratio, ratio);
    ctx.beginPath();
    ctx.arc(side / ratio / 2, side / ratio / 2, r, 0, 2 * Math.PI);
    ctx.fillStyle = color;
    ctx.fill();
    ctx.lineWidth = test ? 2 : 1.5;
    ctx.strokeStyle = test ? '#222' : '#fff';
    ctx.stroke();
    sprites.set(key, c);
  }
  return sprites.get(key);
}

/**
 * drawPoints draws training points with a white ring and test points with a
 * dark one, each a copy of its sprite (500 circles drawn one by one took
 * most of a frame).
 */
function drawPoints(ctx, s, points, showTest, pal) {
  const ratio = ctx.getTransform().a;
  for (const q of points) {
    if (q.test && !showTest) continue;
    const img = sprite(css(pal.classes[(q.label | 0) % 3]), q.test, ratio), half = img.width / ratio / 2;
    ctx.drawImage(img, Math.round((s.px(q.x1) - half) * ratio) / ratio, Math.round((s.py(q.x2) - half) * ratio) / ratio, img.width / ratio, img.height / ratio);
  }
}

/**
 * drawCurve draws a 1-D problem: the target curve, the network's curve and
 * the points. view: {box: {x0, x1, y0, y1}, xs, target, net, points:
 * [{x1, y, test}], showTest, selected}.
 */
export function drawCurve(canvas, view, pal) {
  const { ctx, w, h } = fitCanvas(canvas);
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, w, h);
  const s = planeScale(view.box, w, h);
  drawAxes(ctx, s, view.box, w, h, pal, 'y');
  const path = (ys, color, width, dash) => {
    if (!ys) return;
    ctx.strokeStyle = color;
    ctx.lineWidth = width;
    ctx.setLineDash(dash);
    ctx.beginPath();
    let on = false;
    ys.forEach((y, i) => {
      if (y == null || !Number.isFinite(y)) { on = false; return; }
      (on ? ctx.lineTo : ctx.moveTo).call(ctx, s.px(view.xs[i]), s.py(y));
      on = true;
    });
    ctx.stroke();
    ctx.setLineDash([]);
  };
  for (const q of view.points || []) {
    if (q.test && view.showTest === false) continue;
    ctx.beginPath();
    ctx.arc(s.px(q.x1), s.py(q.y), 3.5, 0, 2 * Math.PI);
    ctx.fillStyle = q.test ? '#fff' : css(pal.classes[0], 0.55);
    ctx.fill();
    ctx.strokeStyle = q.test ? '#555' : css(pal.classes[0]);
    ctx.lineWidth = 1.2;
    ctx.stroke();
  }
  path(view.target, pal.muted, 2.5, [7, 5]);
  path(view.net, css(pal.classes[1]), 3.5, []);
  ctx.font = '14px system-ui, sans-serif';
  ctx.fillStyle = 'rgba(255,255,255,0.85)';
  ctx.fillRect(w - 132, h - 52, 128, view.target ? 46 : 26);
  ctx.textAlign = 'right';
  ctx.textBaseline = 'top';
  ctx.fillStyle = css(pal.classes[1]);
  ctx.fillText('network f̂(x) ━', w - 10, h - 48);
  ctx.fillStyle = pal.muted;
  if (view.target) ctx.fillText('target f(x) ┅', w - 10, h - 28);
}

/**
 * drawLoss draws the loss per epoch: train (solid) and test (dashed), on a
 * log scale when the values are positive and span more than 10×.
 * hist: {epoch: [], train: [], test: [], empty: what to say while there is none}.
 */
export function drawLoss(canvas, hist, pal) {
  const { ctx, w, h } = fitCanvas(canvas);
  ctx.clearRect(0, 0, w, h);
  const m = { l: 60, r: 10, t: 8, b: 22 };
  const vals = hist.train.concat(hist.test).filter(Number.isFinite);
  ctx.strokeStyle = '#c9cfd6';
  ctx.lineWidth = 1;
  ctx.strokeRect(m.l + 0.5, m.t + 0.5, w - m.l - m.r, h - m.t - m.b);
  ctx.font = '12px system-ui, sans-serif';
  ctx.fillStyle = pal.muted;
  if (vals.length === 0) {
    ctx.textAlign = 'center';
    ctx.fillText(hist.empty || '', (w + m.l) / 2, h / 2);
    return;
  }
  let lo = Math.min(...vals), hi = Math.max(...vals);
  const log = lo > 0 && hi / lo > 10;
  const f = log ? Math.log10 : (v) => v;
  if (!log) lo = Math.min(0, lo);
  if (hi === lo) hi = lo + 1;
  const n = hist.epoch.length;
  const e0 = hist.epoch[0] ?? 0, e1 = Math.max(hist.epoch[n - 1] ?? 1, e0 + 1);
  const X = (e) => m.l + (e - e0) / (e1 - e0) * (w - m.l - m.r);
  const Y = (v) => h - m.b - (f(v) - f(lo)) / (f(hi) - f(lo)) * (h - m.t - m.b);
  const line = (ys, color, dash) => {
    ctx.strokeStyle = color;
    ctx.lineWidth = 2.2;
    ctx.setLineDash(dash);
    ctx.beginPath();
    let on = false;
    ys.forEach((v, i) => {
      if (!Number.isFinite(v)) { on = false; return; }
      on ? ctx.lineTo(X(hist.epoch[i]), Y(v)) : ctx.moveTo(X(hist.epoch[i]), Y(v));
      on = true;
    });
    ctx.stroke();
    ctx.setLineDash([]);
  };
  line(hist.test, pal.muted, [5, 4]);
  line(hist.train, pal.ink, []);
  ctx.fillStyle = pal.muted;
  ctx.textAlign = 'right';
  ctx.textBaseline = 'top';
  ctx.fillText(fmt(hi, 2), m.l - 5, m.t);
  ctx.textBaseline = 'bottom';
  ctx.fillText(fmt(lo, 2), m.l - 5, h - m.b);
  ctx.textBaseline = 'top';
  ctx.fillText(`epoch ${fmt(e1)}`, w - m.r, h - m.b + 4);
  ctx.textAlign = 'left';
  ctx.fillText(fmt(e0), m.l, h - m.b + 4);
  if (log) { ctx.textAlign = 'right'; ctx.fillText('log', m.l - 5, h / 2 - 6); }
}

/**
 * drawGradBars draws one bar per layer l = 1 … L: the norm ‖∂L/∂W^l‖ on a
 * log scale, with its value. norms[0] is layer 1. Without norms it writes
 * empty.
 */
export function drawGradBars(canvas, norms, pal, highlight = 0, empty = '') {
  const { ctx, w, h } = fitCanvas(canvas);
  ctx.clearRect(0, 0, w, h);
  if (!norms || norms.length === 0) {
    ctx.font = '12px system-ui, sans-serif';
    ctx.fillStyle = pal.muted;
    ctx.textAlign = 'center';
    ctx.fillText(empty, w / 2, h / 2);
    return;
  }
  const m = { l: 8, r: 8, t: 18, b: 20 };
  const pos = norms.filter((v) => v > 0 && Number.isFinite(v));
  const hiE = Math.ceil(Math.log10(Math.max(...pos, 1e-12)));
  const loE = Math.min(hiE - 2, Math.floor(Math.log10(Math.min(...pos, 10 ** hiE))));
  const bw = (w - m.l - m.r) / norms.length;
  ctx.font = `${bw < 60 ? 11 : 12}px system-ui, sans-serif`;
  ctx.textAlign = 'center';
  norms.forEach((v, i) => {
    const x = m.l + i * bw;
    const frac = v > 0 && Number.isFinite(v) ? (Math.log10(v) - loE) / (hiE - loE) : 0;
    const bh = Math.max(1, frac * (h - m.t - m.b));
    ctx.fillStyle = i + 1 === highlight ? pal.highlight : '#7a8b9c';
    ctx.fillRect(x + bw * 0.2, h - m.b - bh, bw * 0.6, bh);
    ctx.fillStyle = pal.ink;
    ctx.textBaseline = 'bottom';
    ctx.fillText(fmt(v, bw < 60 ? 2 : 3), x + bw / 2, h - m.b - bh - 2);
    ctx.textBaseline = 'top';
    ctx.fillStyle = pal.muted;
    ctx.fillText(i + 1 === norms.length ? `W${sup(i + 1)} (out)` : `W${sup(i + 1)}`, x + bw / 2, h - m.b + 4);
  });
}

/** sup writes a small integer as superscript digits. */
export function sup(n) {
  return String(n).replace(/[0-9−-]/g, (d) => '⁰¹²³⁴⁵⁶⁷⁸⁹'[d] ?? '⁻');
}

/** fmt formats a number in 3 significant digits, with a real minus sign. */
export function fmt(v, digits = 3) {
  if (v == null || Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  if (v === 0) return '0';
  const a = Math.abs(v);
  let s = a >= 1e-3 && a < 1e5 ? String(Number(v.toPrecision(digits)))
    : v.toExponential(digits - 1).replace(/\.?0+e/, 'e').replace('e+', 'e');
  return s.replace('-', '−').replace('e-', 'e−');
}
