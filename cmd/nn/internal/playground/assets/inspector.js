// inspector.js: the backpropagation inspector — one sample's trace
// (protocol.go's TraceResponse, the library's MLP.Trace) written in the notes'
// notation (§5, §9, §10), one step at a time: forward layer by layer, the
// loss, backward layer by layer with the gradients beside their central
// differences, the update.

import { fmt, sup } from './draw.js';

/** num writes a number with 6 significant digits, as nn explain does. */
const num = (v) => fmt(v, 6);

/** diff returns a − b, NaN if either is null (a number that was not finite). */
const diff = (a, b) => (a == null || b == null ? NaN : a - b);

/** esc escapes text for HTML. */
const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);

/** vec writes a vector as [v₁ v₂ …]. */
const vec = (v) => `[${v.map(num).join('  ')}]`;

/** losses are the losses of protocol.go's Output.Loss: name and formula (§5). */
const losses = {
  bce: ['binary cross-entropy', 'L = −Σ<sub>k</sub> [y<sub>k</sub> log a<sup>L</sup><sub>k</sub> + (1 − y<sub>k</sub>) log(1 − a<sup>L</sup><sub>k</sub>)]'],
  ce: ['cross-entropy', 'L = −Σ<sub>k</sub> y<sub>k</sub> log a<sup>L</sup><sub>k</sub>'],
  mse: ['squared error', 'L = ½ ‖a<sup>L</sup> − y‖²'],
};

/** table writes an HTML table; each cell is text, or {text, attrs}. */
function table(head, rows) {
  const cell = (c, tag) => (typeof c === 'object' ? `<${tag} ${c.attrs}>${c.text}</${tag}>` : `<${tag}>${c}</${tag}>`);
  return `<table><thead><tr>${head.map((h) => `<th>${h}</th>`).join('')}</tr></thead><tbody>${
    rows.map((r) => `<tr>${r.map((c) => cell(c, 'td')).join('')}</tr>`).join('')}</tbody></table>`;
}

/** forwardStep is layer l's forward pass. */
function forwardStep(t, l) {
  const ly = t.layers[l - 1], p = sup(l - 1), q = sup(l);
  const input = l === 1 ? `<p>a⁰ = x = <span class="formula">${vec(t.x)}</span></p>` : '';
  return {
    stage: 'forward', layer: l, title: `Forward, layer ${l}: z${q} = W${q} a${p} + b${q},  a${q} = f(z${q}),  f = ${esc(ly.activation)}`,
    html: input + table(['j', `z${q}<sub>j</sub>`, `a${q}<sub>j</sub>`],
      ly.z.map((z, j) => [j + 1, num(z), { text: num(ly.a[j]), attrs: `data-a="${l}:${j}"` }])),
  };
}

/** lossStep is the loss of the output. */
function lossStep(t) {
  const L = t.layers.length;
  return {
    stage: 'forward', layer: L, title: `Loss (${losses[t.loss]?.[0] ?? esc(t.loss)}): ${losses[t.loss]?.[1] ?? ''}`,
    html: `<p>a${sup(L)} = <span class="formula">${vec(t.layers[L - 1].a)}</span>,  y = <span class="formula">${vec(t.y)}</span></p>
<p>L = <b data-cost>${num(t.cost)}</b></p>`,
  };
}

/** backwardStep is layer l's error δ^l and its gradients beside their central differences. */
function backwardStep(t, l) {
  const L = t.layers.length, ly = t.layers[l - 1], q = sup(l), r = sup(l + 1);
  const out = l === L;
  const title = out ? `Output error: δ${q} = ${esc(t.delta_rule).replace(/\^L/g, q)}` : `Backward, layer ${l}: δ${q} = ((W${r})ᵀ δ${r}) ⊙ f′(z${q})`;
  const head = ['j', out ? `∇<sub>a</sub>L` : `((W${r})ᵀ δ${r})<sub>j</sub>`];
  if (ly.f_prime) head.push(`f′(z${q}<sub>j</sub>)`);
  head.push(`δ${q}<sub>j</sub>`);
  const rows = ly.delta.map((d, j) => {
    const row = [j + 1, num(ly.grad_a[j])];
    if (ly.f_prime) row.push(num(ly.f_prime[j]));
    row.push({ text: num(d), attrs: `data-delta="${l}:${j}"` });
    return row;
  });
  return { stage: 'backward', layer: l, title, html: table(head, rows) + gradTable(t, l) };
}

/** gradTable lists ∂L/∂W^l and ∂L/∂b^l beside their central differences. */
function gradTable(t, l) {
  const ly = t.layers[l - 1], q = sup(l), p = sup(l - 1);
  const rows = [];
  const row = (name, g, n) => rows.push([name, num(g), num(n), fmt(diff(g, n), 2)]);
  ly.grad_w.forEach((gj, j) => gj.forEach((g, k) => row(`∂L/∂W${q}[${j + 1},${k + 1}]`, g, ly.num_grad_w[j][k])));
  ly.grad_b.forEach((g, j) => row(`∂L/∂b${q}[${j + 1}]`, g, ly.num_grad_b[j]));
  return `<p>Gradients: ∂L/∂W${q} = δ${q} (a${p})ᵀ,  ∂L/∂b${q} = δ${q}, beside central differences (h = ${fmt(t.h)})</p>
<div class="scroll">${table(['gradient', 'backprop', 'central difference', 'difference'], rows)}</div>`;
}

/** updateStep is the update θ ← θ − η ∂L/∂θ and the loss after it. */
function updateStep(t) {
  const rows = [];
  t.layers.forEach((ly, i) => {
    const q = sup(i + 1);
    ly.w.forEach((wj, j) => wj.forEach((w, k) => rows.push([`W${q}[${j + 1},${k + 1}]`, num(w), num(ly.w_after[j][k])])));
    ly.b.forEach((b, j) => rows.push([`b${q}[${j + 1}]`, num(b), num(ly.b_after[j])]));
  });
  return {
    stage: 'update', layer: 0, title: `Update: θ ← θ − η ∂L/∂θ with η = ${fmt(t.eta)}`,
    html: `<div class="scroll">${table(['parameter', 'before', 'after'], rows)}</div>
<p>Loss after the update: L = <b data-cost-after>${num(t.cost_after)}</b> (before: ${num(t.cost)}, change ${num(diff(t.cost_after, t.cost))})</p>`,
  };
}

/** traceSteps lists the steps of a trace in order: forward 1 … L, the loss, backward L … 1, the update. */
export function traceSteps(t) {
  const L = t.layers.length, steps = [];
  for (let l = 1; l <= L; l++) steps.push(forwardStep(t, l));
  steps.push(lossStep(t));
  for (let l = L; l >= 1; l--) steps.push(backwardStep(t, l));
  steps.push(updateStep(t));
  return steps;
}

/**
 * renderTrace writes the steps up to and including step cur into el, the
 * current one marked, and returns it.
 */
export function renderTrace(el, t, steps, cur) {
  const x = t.x.map((v) => num(v)).join(', ');
  const cmd = t.command ? `<p class="hint">The same in a terminal, after Download model: <code>${esc(t.command)}</code></p>` : '';
  el.innerHTML = `<p>Training point ${t.point + 1}: x = (${x}), y = ${vec(t.y)}. Step ${cur + 1} of ${steps.length}.</p>${cmd}` +
    steps.slice(0, cur + 1).map((s, i) =>
      `<div class="step${i === cur ? ' current' : ''}"><h3>${s.title}</h3>${s.html}</div>`).join('');
  return steps[cur];
}
