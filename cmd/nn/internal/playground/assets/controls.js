// controls.js: the page's controls and the configuration (protocol.go's
// Config) — writing a configuration into the controls, reading it back, the
// hidden layers' controls above the diagram, and the server's errors shown
// beside the control that caused them.

import { featureLabel } from './render.js';

const $ = (id) => document.getElementById(id);

/** dataKinds are the data sets (protocol.go's DataKinds) with their labels. */
export const dataKinds = [
  ['moons', 'Two moons'], ['circles', 'Circles'], ['spirals', 'Two spirals'], ['xor', 'XOR blobs'],
  ['gauss', 'Gaussian pair'], ['blobs3', 'Three blobs (3 classes)'], ['spirals3', 'Three spirals (3 classes)'],
  ['xor4', 'XOR, the 4 patterns (§8)'], ['and', 'AND, the 4 patterns (§1)'], ['worked', 'One sample (§9)'],
  ['sin', 'Curve: sin x + 0.3 sin 3x (§12)'], ['step', 'Curve: a step (§12)'], ['abs', 'Curve: |x| (§12)'],
  ['sawtooth', 'Curve: sawtooth, k folds (§13)'], ['custom', 'Your own points'],
];

/** curveKinds are the 1-D data sets; threeKinds those of three classes; fixedKinds those without points, noise or split. */
const curveKinds = ['sin', 'step', 'abs', 'sawtooth'];
const threeKinds = ['blobs3', 'spirals3'];
const fixedKinds = ['and', 'xor4', 'worked', 'custom'];

/** family is a data set's kind of problem: 'curve', 'three' or 'two' classes. */
export function family(kind, classes) {
  if (curveKinds.includes(kind) || (kind === 'custom' && classes === 0)) return 'curve';
  if (threeKinds.includes(kind) || (kind === 'custom' && classes > 2)) return 'three';
  return 'two';
}

/** outputChoices are the output/loss pairs protocol.go's Output allows for a family. */
const outputChoices = {
  two: [['sigmoid+bce', 'sigmoid, binary cross-entropy'], ['sigmoid+mse', 'sigmoid, squared error'],
    ['softmax+ce', 'softmax, cross-entropy'], ['softmax+mse', 'softmax, squared error'], ['identity+mse', 'identity, squared error']],
  three: [['softmax+ce', 'softmax, cross-entropy'], ['softmax+mse', 'softmax, squared error']],
  curve: [['identity+mse', 'identity, squared error']],
};

/** curveFeatures are the inputs a curve has. */
const curveFeatures = ['x1', 'x1^2', 'sin_x1'];

/** initLabels names the hand-set weights of the presets (protocol.go's Training.Init). */
const initLabels = {
  xavier: 'Xavier', he: 'He', 'xavier-normal': 'Xavier (normal)', 'he-normal': 'He (normal)',
  'worked-example': 'the §9 weights', sawtooth: 'the §13 sawtooth', stepsum: 'the §12 steps', 'hand-xor': 'the §8 XOR weights',
};

/** fillSelect fills a <select> with [value, label] pairs, keeping value if it is one of them. */
function fillSelect(sel, pairs, value) {
  sel.replaceChildren(...pairs.map(([v, label]) => new Option(label, v)));
  if (value != null) sel.value = value;
}

/** setupControls fills the menus and the feature toggles once. */
export function setupControls(features) {
  fillSelect($('dataset'), dataKinds);
  $('features').replaceChildren(...features.map((f) => {
    const label = document.createElement('label');
    label.innerHTML = `<input type="checkbox" value="${f}" data-field="features"> ${featureLabel[f] || f}`;
    return label;
  }));
}

/** writeControls shows a configuration in the controls. classes is the snapshot's number of classes. */
export function writeControls(c, classes) {
  const t = c.training, d = c.data;
  $('optimizer').value = t.optimizer;
  $('eta').value = t.eta;
  $('batch').value = t.batch;
  $('l2').value = t.l2;
  $('clip').value = t.clip_norm;
  fillSelect($('init'), ['xavier', 'he', 'xavier-normal', 'he-normal'].concat(initLabels[t.init] && !/^(xavier|he)/.test(t.init) ? [t.init] : [])
    .map((v) => [v, initLabels[v] || v]), t.init);
  $('seed').value = t.seed;
  $('perceptron').checked = c.perceptron;
  const fam = family(d.kind, classes);
  fillSelect($('output'), outputChoices[fam], `${c.output.activation}+${c.output.loss}`);
  $('dataset').value = d.kind;
  $('points').value = d.points;
  $('noise').value = d.noise;
  $('test').value = d.test_share;
  $('data-seed').value = d.seed;
  $('folds').value = d.k;
  $('k-field').hidden = d.kind !== 'sawtooth';
  const fixed = fixedKinds.includes(d.kind);
  for (const id of ['points', 'noise', 'test']) $(id).disabled = fixed;
  $('noise-v').value = Number(d.noise).toFixed(2);
  $('test-v').value = `${Math.round(d.test_share * 100)}%`;
  for (const box of $('features').querySelectorAll('input')) {
    box.checked = c.features.includes(box.value);
    box.disabled = fam === 'curve' && !curveFeatures.includes(box.value);
  }
  for (const id of ['optimizer', 'batch', 'l2', 'clip', 'init', 'output']) $(id).disabled = c.perceptron;
  $('layer-add').disabled = c.perceptron || c.hidden.length >= 6;
  $('layer-remove').disabled = c.perceptron || c.hidden.length === 0;
}

/**
 * readControls returns the configuration the controls show: base (the last
 * one the server accepted) with each control's value, and hidden as the
 * hidden layers. A change of the data set to another kind of problem drops
 * the output and the features, so the server picks those that fit; the
 * perceptron has no hidden layer.
 */
export function readControls(base, hidden, classes) {
  const c = structuredClone(base);
  const t = c.training, d = c.data;
  t.optimizer = $('optimizer').value;
  t.eta = Number($('eta').value);
  t.batch = Number($('batch').value);
  t.l2 = Number($('l2').value);
  t.clip_norm = Number($('clip').value);
  t.init = $('init').value;
  t.seed = Number($('seed').value);
  const [act, loss] = $('output').value.split('+');
  c.output = { activation: act, loss };
  c.perceptron = $('perceptron').checked;
  const kind = $('dataset').value;
  if (family(kind, classes) !== family(d.kind, classes)) {
    delete c.output;
    delete c.features;
  } else {
    c.features = [...$('features').querySelectorAll('input:checked')].map((b) => b.value);
  }
  if (kind !== d.kind && d.kind === 'custom') delete d.custom;
  d.kind = kind;
  d.points = Number($('points').value);
  d.noise = Number($('noise').value);
  d.test_share = Number($('test').value);
  d.seed = Number($('data-seed').value);
  d.k = Number($('folds').value);
  c.hidden = c.perceptron ? [] : hidden.map((l) => ({ ...l })); // the perceptron is one unit
  return c;
}

/**
 * layerControls writes the controls above the diagram's columns, at the
 * centres xs (CSS pixels): the inputs, each hidden layer's units (− and +)
 * and activation, and the output. onChange(i, layer) is called with a
 * changed hidden layer.
 */
export function layerControls(el, xs, hidden, outputName, disabled, onChange) {
  const width = xs.length > 1 ? Math.min(150, xs[1] - xs[0] - 6) : 150;
  const narrow = width < 80, label = narrow ? actShort : actLabel;
  const col = (x, html) => {
    const div = document.createElement('div');
    div.className = narrow ? 'layer-col narrow' : 'layer-col';
    div.style.left = `${x}px`;
    div.style.width = `${width}px`;
    div.innerHTML = html;
    el.append(div);
    return div;
  };
  el.replaceChildren();
  const roomy = xs.length < 2 || xs[1] - xs[0] > 125; // room for the word "units"
  col(xs[0], '<span class="name">inputs</span>');
  hidden.forEach((ly, i) => {
    const div = col(xs[i + 1], `<span class="units" title="layer ${i + 1}: ${ly.units} units">
  <button aria-label="One unit fewer in layer ${i + 1}" data-d="-1">−</button>
  <span>${ly.units}${roomy ? ` unit${ly.units === 1 ? '' : 's'}` : ''}</span>
  <button aria-label="One unit more in layer ${i + 1}" data-d="1">+</button></span>
<label class="visually-hidden" for="act-${i}">Activation of layer ${i + 1}</label>
<select id="act-${i}" data-field="hidden[${i}].activation">${['step', 'sigmoid', 'tanh', 'relu', 'leakyrelu', 'identity']
    .map((a) => `<option value="${a}"${a === ly.activation ? ' selected' : ''}>${label[a]}</option>`).join('')}</select>
<span class="err" data-for="hidden[${i}]"></span>`);
    div.querySelectorAll('button').forEach((b) => {
      const units = ly.units + Number(b.dataset.d);
      b.disabled = disabled || units < 1 || units > 16;
      b.onclick = () => onChange(i, { ...ly, units });
    });
    const sel = div.querySelector('select');
    sel.disabled = disabled;
    sel.onchange = () => onChange(i, { ...ly, activation: sel.value });
  });
  col(xs[xs.length - 1], `<span class="name">output</span><span class="name">${outputName}</span>`);
}

/** actLabel is how the layer menus write an activation. */
const actLabel = { step: 'step', sigmoid: 'sigmoid', tanh: 'tanh', relu: 'ReLU', leakyrelu: 'leaky ReLU', identity: 'identity' };

/** actShort is the same in narrow columns. */
const actShort = { step: 'step', sigmoid: 'σ', tanh: 'tanh', relu: 'ReLU', leakyrelu: 'leaky', identity: 'id' };

/** clearErrors removes every error shown beside a control. */
export function clearErrors() {
  for (const e of document.querySelectorAll('.err')) e.textContent = '';
  for (const e of document.querySelectorAll('[aria-invalid]')) e.removeAttribute('aria-invalid');
}

/**
 * showError shows the server's message beside the control of field (a JSON
 * path of the configuration such as "training.eta" or "hidden[2].units"):
 * the error element of the longest prefix of the path that has one. It
 * returns false when none has.
 */
export function showError(field, message) {
  for (let f = field; f;) {
    const err = document.querySelector(`.err[data-for="${CSS.escape(f)}"]`);
    if (err) {
      err.textContent = message;
      const ctl = document.querySelector(`[data-field="${CSS.escape(f)}"]`) || document.querySelector(`[data-field^="${CSS.escape(f)}"]`);
      ctl?.setAttribute('aria-invalid', 'true');
      return true;
    }
    const shorter = f.replace(/(\.[^.[\]]*|\[\d+\])$/, '');
    if (shorter === f) break;
    f = shorter;
  }
  return false;
}
