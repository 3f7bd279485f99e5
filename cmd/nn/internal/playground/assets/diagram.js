// diagram.js: the network diagram — each unit as a small heat map of its output
// over the plane, weights as lines (colour the sign, width the size), each bias
// as a number beside its unit — with its layout and hit testing for hover.

import { fitCanvas, heatColor, tint, TINT, css, fmt } from './draw.js';

/**
 * diagramLayout places the units of a network with sizes [n₀, n₁, …, n_L] in
 * a w × h box: column l at x[l], unit j of layer l at units[l][j] = {x, y}
 * (its top-left corner), each a square of side size.
 */
export function diagramLayout(sizes, w, h) {
  const cols = sizes.length;
  const maxN = Math.max(...sizes);
  const pad = { l: 48, r: 56, t: 8, b: 8 }; // room for the inputs' names and the biases
  // A unit is at most 52 pixels, and leaves at least 55% of the space between columns to its bias and the weights.
  const spacing = cols > 1 ? (w - pad.l - pad.r) / (cols - 1) : w;
  const size = Math.max(14, Math.min(52, (h - pad.t - pad.b) / maxN - 6, spacing * 0.45));
  const gap = Math.min(24, (h - pad.t - pad.b - maxN * size) / Math.max(1, maxN - 1));
  const span = w - pad.l - pad.r - size;
  const x = sizes.map((_, l) => pad.l + (cols === 1 ? 0 : (l * span) / (cols - 1)));
  const units = sizes.map((n, l) => {
    const top = (h - (n * size + (n - 1) * gap)) / 2;
    return Array.from({ length: n }, (_, j) => ({ x: x[l], y: top + j * (size + gap) }));
  });
  return { w, h, size, x, units };
}

/**
 * drawDiagram draws the network. net: {sizes, W: [null, W¹, …] with W^l[j][k]
 * the weight from unit k of layer l−1 to unit j of layer l, b: [null, b¹, …],
 * maps: [[{nx, ny, values, lo, hi}, …] per layer] (each unit's output over the
 * plane, lo and hi the ends of its colour scale, classColor (if set) the
 * class whose colour it is drawn in from white; a map of one row is drawn
 * as a line over x; null where there is none), labels: [names of the
 * inputs], gates: [[name of the gate unit j of layer l computes]]}.
 * opts: {highlight: layer to highlight or 0, hover: a hit from hitDiagram}.
 */
export function drawDiagram(canvas, net, pal, opts = {}) {
  const { ctx, w, h } = fitCanvas(canvas);
  ctx.clearRect(0, 0, w, h);
  const lay = diagramLayout(net.sizes, w, h);
  const s = lay.size;
  if (opts.highlight) {
    const l = opts.highlight;
    ctx.fillStyle = css([255, 216, 77], 0.3);
    const x0 = l > 0 ? lay.x[l - 1] + s : lay.x[l] - 10;
    ctx.fillRect(x0, 0, lay.x[l] + s + 50 - x0, h);
  }
  drawWeights(ctx, net, lay, pal, opts.hover);
  drawMaps(ctx, net, lay, pal);
  for (let l = 0; l < net.sizes.length; l++) {
    lay.units[l].forEach((u, j) => drawUnit(ctx, net, lay, l, j, u, pal, opts.hover));
  }
}

/** weightWidth is a weight line's width in CSS pixels: |w|, within [0.5, 7]. */
export const weightWidth = (w) => Math.max(0.5, Math.min(7, 2 * Math.abs(w)));

/**
 * drawWeights draws each weight as a curve from its input unit to its unit.
 * Curves of one sign and one width (rounded to ½ pixel) are stroked as one
 * path: the largest network has over 1,400 weights, and one stroke each
 * took most of a frame.
 */
function drawWeights(ctx, net, lay, pal, hover) {
  const s = lay.size, paths = new Map();
  const curve = (path, v, u) => {
    path.moveTo(v.x + s, v.y + s / 2);
    path.bezierCurveTo(v.x + s + 25, v.y + s / 2, u.x - 25, u.y + s / 2, u.x, u.y + s / 2);
  };
  for (let l = 1; l < net.sizes.length; l++) {
    const W = net.W[l];
    if (!W) continue;
    lay.units[l].forEach((u, j) => lay.units[l - 1].forEach((v, k) => {
      const w = W[j][k], key = `${w >= 0 ? 1 : 0} ${Math.round(2 * weightWidth(w)) / 2}`;
      if (!paths.has(key)) paths.set(key, new Path2D());
      curve(paths.get(key), v, u);
    }));
  }
  for (const [key, path] of paths) {
    const [sign, width] = key.split(' ').map(Number);
    ctx.strokeStyle = css(pal.classes[sign], 0.7);
    ctx.lineWidth = width;
    ctx.stroke(path);
  }
  if (hover?.kind === 'weight' && net.W[hover.l]) {
    const path = new Path2D();
    curve(path, lay.units[hover.l - 1][hover.k], lay.units[hover.l][hover.j]);
    ctx.strokeStyle = '#000';
    ctx.lineWidth = weightWidth(net.W[hover.l][hover.j][hover.k]) + 2;
    ctx.stroke(path);
  }
}

/** atlas is the off-screen canvas that holds every unit's map of a frame. */
const atlas = document.createElement('canvas');

/**
 * drawMaps draws the heat map of every unit that has one (not the curves):
 * all of them are painted into one image, put on the atlas once, and copied
 * to their squares without smoothing.
 */
function drawMaps(ctx, net, lay, pal) {
  const maps = [];
  net.sizes.forEach((n, l) => lay.units[l].forEach((u, j) => {
    const m = net.maps?.[l]?.[j];
    if (m && m.ny > 1) maps.push({ m, u });
  }));
  if (maps.length === 0) return;
  const width = Math.max(...maps.map((e) => e.m.nx));
  const height = maps.reduce((h, e) => h + e.m.ny, 0);
  if (atlas.width !== width || atlas.height !== height) { atlas.width = width; atlas.height = height; }
  const actx = atlas.getContext('2d');
  const img = actx.createImageData(width, height);
  let row = 0;
  for (const e of maps) {
    const { m } = e, span = m.hi - m.lo || 1;
    for (let i = 0; i < m.ny; i++) {
      for (let j = 0; j < m.nx; j++) {
        const t = (m.values[i * m.nx + j] - m.lo) / span;
        const c = m.classColor == null ? heatColor(t, pal) : tint(pal.classes[m.classColor % 3], TINT * t);
        const o = 4 * ((row + i) * width + j);
        img.data[o] = c[0]; img.data[o + 1] = c[1]; img.data[o + 2] = c[2]; img.data[o + 3] = 255;
      }
    }
    e.row = row;
    row += m.ny;
  }
  actx.putImageData(img, 0, 0);
  ctx.imageSmoothingEnabled = false;
  for (const e of maps) ctx.drawImage(atlas, 0, e.row, e.m.nx, e.m.ny, e.u.x, e.u.y, lay.size, lay.size);
}

/** drawUnit draws one unit's curve (or a grey square without a map), its frame and its bias. */
function drawUnit(ctx, net, lay, l, j, u, pal, hover) {
  const s = lay.size;
  const m = net.maps && net.maps[l] && net.maps[l][j];
  if (m && m.ny === 1) {
    drawSpark(ctx, m, u.x, u.y, s, pal);
  } else if (!m) {
    ctx.fillStyle = '#eef1f4';
    ctx.fillRect(u.x, u.y, s, s);
  }
  const on = hover && hover.kind === 'unit' && hover.l === l && hover.j === j;
  ctx.strokeStyle = on ? '#000' : '#6b7682';
  ctx.lineWidth = on ? 3 : 1;
  ctx.strokeRect(u.x + 0.5, u.y + 0.5, s - 1, s - 1);
  const font = Math.max(11, Math.min(13, s * 0.4));
  ctx.font = `${font}px system-ui, sans-serif`;
  ctx.textBaseline = 'middle';
  if (l === 0) {
    ctx.textAlign = 'right';
    ctx.fillStyle = pal.ink;
    ctx.fillText(net.labels?.[j] ?? `x${j + 1}`, u.x - 4, u.y + s / 2);
    return;
  }
  const gate = net.gates?.[l]?.[j];
  if (gate) {
    ctx.textAlign = 'center';
    ctx.fillStyle = pal.ink;
    ctx.font = `600 ${font}px system-ui, sans-serif`;
    ctx.fillText(gate, u.x + s / 2, u.y - font * 0.7);
    ctx.font = `${font}px system-ui, sans-serif`;
  }
  if (!net.b || !net.b[l]) return;
  const text = biasText(net.b[l][j]);
  ctx.textAlign = 'left';
  const tw = ctx.measureText(text).width;
  ctx.fillStyle = 'rgba(255,255,255,0.85)';
  ctx.fillRect(u.x + s + 2, u.y + s / 2 - font * 0.6, tw + 4, font * 1.2);
  ctx.fillStyle = pal.ink;
  ctx.fillText(text, u.x + s + 4, u.y + s / 2 + 0.5);
}

/** biasText writes a bias short enough to sit beside its unit: 2 decimals (3 characters of exponent beyond ±1000). */
export function biasText(b) {
  if (b == null || !Number.isFinite(b)) return fmt(b);
  const a = Math.abs(b);
  const s = a < 100 ? b.toFixed(2) : a < 1000 ? b.toFixed(0) : b.toExponential(0).replace('e+', 'e');
  return s.replace('-', '−');
}

/** drawSpark draws a 1-D unit's output over x as a line in the square (x, y, s). */
function drawSpark(ctx, m, x, y, s, pal) {
  ctx.fillStyle = '#fff';
  ctx.fillRect(x, y, s, s);
  const span = m.hi - m.lo || 1;
  const Y = (v) => y + s - 3 - ((v - m.lo) / span) * (s - 6);
  if (m.lo < 0 && m.hi > 0) {
    ctx.strokeStyle = 'rgba(0,0,0,0.2)';
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.moveTo(x, Y(0));
    ctx.lineTo(x + s, Y(0));
    ctx.stroke();
  }
  ctx.strokeStyle = css(pal.classes[1]);
  ctx.lineWidth = 1.8;
  ctx.beginPath();
  for (let i = 0; i < m.nx; i++) {
    const px = x + 2 + (i / (m.nx - 1)) * (s - 4);
    i ? ctx.lineTo(px, Y(m.values[i])) : ctx.moveTo(px, Y(m.values[i]));
  }
  ctx.stroke();
}

/**
 * hitDiagram returns what lies under the point (x, y) in CSS pixels: a unit
 * {kind: 'unit', l, j}, a weight {kind: 'weight', l, j, k} (within 5 pixels
 * of its line), or null.
 */
export function hitDiagram(net, w, h, x, y) {
  const lay = diagramLayout(net.sizes, w, h);
  const s = lay.size;
  for (let l = 0; l < net.sizes.length; l++) {
    const j = lay.units[l].findIndex((u) => x >= u.x && x <= u.x + s && y >= u.y && y <= u.y + s);
    if (j >= 0) return { kind: 'unit', l, j };
  }
  let best = null, bestD = 5;
  for (let l = 1; l < net.sizes.length; l++) {
    const a = lay.units[l - 1][0], b = lay.units[l][0];
    if (x < a.x + s || x > b.x) continue;
    lay.units[l].forEach((u, j) => lay.units[l - 1].forEach((v, k) => {
      const d = curveDistance(v.x + s, v.y + s / 2, u.x, u.y + s / 2, x, y);
      if (d < bestD) { bestD = d; best = { kind: 'weight', l, j, k }; }
    }));
  }
  return best;
}

/** curveDistance is the distance from (x, y) to the weight curve from (x0, y0) to (x1, y1), sampled. */
function curveDistance(x0, y0, x1, y1, x, y) {
  let d = Infinity;
  for (let i = 0; i <= 24; i++) {
    const t = i / 24, u = 1 - t;
    // The cubic Bézier of drawWeights, control points 25 px inside each end.
    const bx = u * u * u * x0 + 3 * u * u * t * (x0 + 25) + 3 * u * t * t * (x1 - 25) + t * t * t * x1;
    const by = (u * u * u + 3 * u * u * t) * y0 + (3 * u * t * t + t * t * t) * y1;
    d = Math.min(d, Math.hypot(bx - x, by - y));
  }
  return d;
}
