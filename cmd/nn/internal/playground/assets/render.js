// render.js: turns a snapshot of the server (protocol.go's Snapshot) into the
// data the drawing functions take, and draws one frame of the page.

import { drawPlane, drawCurve, drawLoss, drawGradBars } from './draw.js';
import { drawDiagram } from './diagram.js';

/**
 * decodeGrid returns a Grid's values: {nx, ny, values} with the value at a
 * cell lo + byte/255·(hi − lo), as protocol.go's Grid says. It is kept on
 * the grid, so each grid is decoded once.
 */
export function decodeGrid(g) {
  if (!g) return null;
  if (!g._decoded) {
    const bytes = atob(g.data);
    const values = new Float32Array(bytes.length);
    for (let i = 0; i < bytes.length; i++) values[i] = g.lo + (bytes.charCodeAt(i) / 255) * (g.hi - g.lo);
    g._decoded = { nx: g.cols, ny: g.rows, values, lo: g.lo, hi: g.hi };
  }
  return g._decoded;
}

/** featureValue is an input feature (protocol.go's Features) of the point (x1, x2). */
const featureValue = {
  x1: (a) => a, x2: (a, b) => b, 'x1^2': (a) => a * a, 'x2^2': (a, b) => b * b,
  x1x2: (a, b) => a * b, sin_x1: (a) => Math.sin(a), sin_x2: (a, b) => Math.sin(b),
};

/** featureLabel is how the page writes a feature. */
export const featureLabel = {
  x1: 'x₁', x2: 'x₂', 'x1^2': 'x₁²', 'x2^2': 'x₂²', x1x2: 'x₁x₂', sin_x1: 'sin x₁', sin_x2: 'sin x₂',
};

/**
 * featureMap is an input feature over the domain, as the unit maps are: n × n
 * cells (row 0 the top), or one row of samples for a curve. These are the
 * inputs' definitions, not the network's arithmetic.
 */
function featureMap(name, d, n, curve) {
  const f = featureValue[name];
  if (!f) return null;
  const rows = curve ? 1 : n, values = new Float32Array(n * rows);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < n; j++) {
      const x1 = curve ? d.x1_min + (j / (n - 1)) * (d.x1_max - d.x1_min) : d.x1_min + ((j + 0.5) / n) * (d.x1_max - d.x1_min);
      const x2 = d.x2_max - ((i + 0.5) / n) * (d.x2_max - d.x2_min);
      values[i * n + j] = f(x1, x2);
    }
  }
  let lo = Infinity, hi = -Infinity;
  for (const v of values) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
  return colourRange({ nx: n, ny: rows, values }, 'identity', lo, hi);
}

/**
 * colourRange sets the ends of a unit map's colour scale from its activation:
 * [0, 1] for sigmoid and step, [−1, 1] for tanh, and symmetric about 0 (at
 * least ±1) otherwise, so that white is 0 (½ for sigmoid) and a unit that is
 * nearly constant looks it. A map of one row (a curve) keeps its own range.
 */
function colourRange(m, act, lo, hi) {
  if (m.ny === 1) return { ...m, lo, hi: hi > lo ? hi : lo + 1 };
  if (act === 'sigmoid' || act === 'step') return { ...m, lo: 0, hi: 1 };
  if (act === 'tanh') return { ...m, lo: -1, hi: 1 };
  const r = Math.max(1, Math.abs(lo), Math.abs(hi));
  return { ...m, lo: -r, hi: r };
}

/**
 * outputMaps are the output units' thumbnails: the output itself, or for
 * softmax, unit k in class k's colour where class k wins, as strong as its
 * probability.
 */
function outputMaps(snap, act) {
  const out = decodeGrid(snap.output), conf = decodeGrid(snap.confidence);
  if (snap.curve) {
    const c = snap.curve, v = Float32Array.from(c.output, (y) => y ?? NaN);
    const ys = (c.target || []).concat(c.output).filter(Number.isFinite);
    return [colourRange({ nx: v.length, ny: 1, values: v }, act, Math.min(...ys), Math.max(...ys))];
  }
  if (!out) return [];
  if (!conf) return [colourRange(out, act === 'identity' ? 'sigmoid' : act, out.lo, out.hi)];
  return Array.from({ length: snap.classes }, (_, k) => ({
    nx: out.nx, ny: out.ny, lo: 0, hi: 1, classColor: k, // where class k wins, by its probability
    values: out.values.map((c, n) => (Math.round(c) === k ? conf.values[n] : 0)),
  }));
}

/** netView is the diagram's data: sizes, weights, biases, unit maps, input labels and gates. */
export function netView(snap) {
  const L = snap.layers.length;
  const curve = !!snap.curve;
  const n = curve ? 64 : 16;
  const maps = [snap.inputs.map((f) => featureMap(f, snap.domain, n, curve))];
  for (let l = 1; l < L; l++) {
    const act = snap.layers[l - 1].activation;
    maps.push((snap.units[l - 1] || []).map((g) => {
      const m = decodeGrid(g);
      return m && colourRange(m, act, g.lo, g.hi);
    }));
  }
  maps.push(outputMaps(snap, snap.layers[L - 1].activation));
  return {
    sizes: [snap.inputs.length, ...snap.layers.map((s) => s.b.length)],
    W: [null, ...snap.layers.map((s) => s.w)],
    b: [null, ...snap.layers.map((s) => s.b)],
    maps,
    labels: snap.inputs.map((f) => featureLabel[f] || f),
    gates: snap.gates ? [null, ...snap.gates] : null,
  };
}

/** box is the snapshot's domain as the drawing functions take it; a curve's y range comes from its values. */
export function box(snap, points) {
  const d = snap.domain;
  if (!snap.curve) return { x0: d.x1_min, x1: d.x1_max, y0: d.x2_min, y1: d.x2_max };
  // The target and the points set the range; the network's curve widens it
  // by at most the range again, so a curve that runs away leaves the plot.
  const fin = (v) => v != null && Number.isFinite(v);
  const ys = (snap.curve.target || []).concat(points.map((p) => p.y)).filter(fin);
  const lo0 = ys.length ? Math.min(...ys) : -1, hi0 = ys.length ? Math.max(...ys) : 1;
  const span = hi0 - lo0 || 1;
  let lo = lo0, hi = hi0;
  for (const y of snap.curve.output.filter(fin)) {
    lo = Math.max(Math.min(lo, y), lo0 - span);
    hi = Math.min(Math.max(hi, y), hi0 + span);
  }
  const pad = 0.1 * (hi - lo || 1);
  return { x0: d.x1_min, x1: d.x1_max, y0: lo - pad, y1: hi + pad };
}

/** flatPoints are the snapshot's points as drawPlane and drawCurve take them. */
export function flatPoints(points) {
  return points.map((p) => ({ x1: p.x[0], x2: p.x[1], y: p.y, label: p.label, test: p.test }));
}

/**
 * planeView is drawPlane's (or drawCurve's) data for the snapshot, the
 * page's points and its options {discrete, showTest, selected}.
 */
export function planeView(snap, points, opts) {
  const view = { box: box(snap, points), points, showTest: opts.showTest, selected: opts.selected };
  if (snap.curve) return { ...view, xs: snap.curve.x, target: snap.curve.target, net: snap.curve.output };
  const p = snap.perceptron;
  const line = p && snap.inputs.length === 2 && snap.inputs[0] === 'x1' && snap.inputs[1] === 'x2' ? { w: p.w, b: p.b } : null;
  return { ...view, out: decodeGrid(snap.output), conf: decodeGrid(snap.confidence), classes: snap.classes, discrete: opts.discrete, line };
}

/**
 * drawFrame draws everything of one frame: the plane (or curve), the
 * diagram, the loss curves and the gradient bars. canvases: {plane,
 * diagram, loss, grads}; page: {points, history, highlight, hover, discrete,
 * showTest, selected}.
 */
export function drawFrame(canvases, snap, page, pal) {
  const view = planeView(snap, page.points, page);
  if (snap.curve) drawCurve(canvases.plane, view, pal);
  else drawPlane(canvases.plane, view, pal);
  drawDiagram(canvases.diagram, netView(snap), pal, { highlight: page.highlight, hover: page.hover });
  drawLoss(canvases.loss, page.history, pal);
  drawGradBars(canvases.grads, snap.grad_norms, pal, page.highlight, snap.perceptron ? 'no gradient: the perceptron rule uses none' : '');
  return view;
}
