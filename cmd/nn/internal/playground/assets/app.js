// app.js: the playground page — one state object, the session with the
// server (api.js), the controls (controls.js) and a frame loop that draws
// the latest snapshot (render.js) with requestAnimationFrame, never queueing
// frames. The server trains; this page only draws what it is sent and sends
// back what the person did.
//
// window.nnPlayground exposes the state to the browser test
// (browser_test.go): what the last frame drew, and where a point is.

import { Session, ApiError, presets as fetchPresets } from './api.js';
import { palette, planeScale, fmt, sup } from './draw.js';
import { diagramLayout, hitDiagram } from './diagram.js';
import { drawFrame, flatPoints } from './render.js';
import { setupControls, writeControls, readControls, layerControls, clearErrors, showError } from './controls.js';
import { traceSteps, renderTrace } from './inspector.js';

const $ = (id) => document.getElementById(id);

/** FEATURES are protocol.go's Features, in its order. */
const FEATURES = ['x1', 'x2', 'x1^2', 'x2^2', 'x1x2', 'sin_x1', 'sin_x2'];

/** st is the page's whole state. */
const st = {
  session: null, stream: null,
  config: null,   // the configuration the server last accepted (also in the URL)
  hidden: [],     // the hidden layers the controls show
  snap: null,     // the latest snapshot
  points: [],     // its points, flat: {x1, x2, y, label, test}
  history: { epoch: [], train: [], test: [] },
  dirty: false,   // a snapshot or an option arrived since the last frame
  hover: null, highlight: 0, selected: null,
  trace: null, steps: [], cur: 0,
  drawn: null,    // what the last frame drew: {snap, view}
  frames: 0, fps: 0, // frames drawn: so far in this second, in the last second
  frameBytes: 0,      // the length of the last streamed snapshot's JSON
  pal: null,
};
window.nnPlayground = { st, ready: false, draw: () => draw(), pointClient: (i) => pointClient(i) };

/** canvases are the page's drawings. */
const canvases = { plane: $('plane'), diagram: $('diagram'), loss: $('loss'), grads: $('grads') };

/** say shows a message under the plot (kind 'error' or 'info'), or hides it. */
function say(text, kind = 'error') {
  const m = $('message');
  m.hidden = !text;
  m.textContent = text || '';
  m.className = `message ${kind === 'info' ? 'info' : ''}`;
}

/** fail shows an error of the server beside its control, or under the plot. */
function fail(e) {
  if (!(e instanceof ApiError)) { say(String(e)); console.warn(e); return; }
  if (!e.field || !showError(e.field, e.message)) say(e.message);
}

/** call runs a request on the session, making a new session once if the old one expired. */
async function call(fn) {
  try {
    return await fn(st.session);
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 404) throw e;
    await openSession(st.config || {});
    return fn(st.session);
  }
}

/** openSession makes a session with config and starts its stream. */
async function openSession(config) {
  st.stream?.close();
  const { session, response } = await Session.create(config);
  st.session = session;
  st.snap = null; // a new session counts its versions and frames from the start
  accept(response);
  st.stream = session.stream((snap, bytes) => { st.frameBytes = bytes; receive(snap); }, () => checkStream(session));
}

/** checkStream runs when the stream breaks: if the session is gone, it makes a new one. */
async function checkStream(session) {
  if (session !== st.session) return;
  try {
    await session.snapshot();
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) openSession(st.config).catch(fail);
  }
}

/** accept takes a SessionResponse: the configuration as the server completed it, and its snapshot. */
function accept(r) {
  clearErrors();
  st.config = r.config;
  if (!r.config.perceptron) st.hidden = r.config.hidden.map((l) => ({ ...l })); // kept for leaving perceptron mode
  history.replaceState(null, '', '#' + encodeURIComponent(JSON.stringify(r.config)));
  receive(r.snapshot);
  writeControls(r.config, st.snap.classes);
  placeLayerControls();
}

/** receive takes a snapshot: new points and history entries are merged, the next frame draws it. */
function receive(snap) {
  // A frame from before the last change, or older than the one shown, arrives late: drop it.
  if (st.snap && (snap.version < st.snap.version || (snap.version === st.snap.version && snap.seq < st.snap.seq))) return;
  if (snap.points) {
    st.points = flatPoints(snap.points);
    if (st.snap && snap.version !== st.snap.version) closeInspector();
  }
  const h = st.history, from = snap.history_from;
  for (const k of ['epoch', 'train', 'test']) h[k].length = Math.min(h[k].length, from);
  for (const e of snap.history || []) {
    h.epoch.push(e.epoch);
    h.train.push(e.train_loss ?? NaN);
    h.test.push(e.test_loss ?? NaN);
  }
  const shapeChanged = !st.snap || st.snap.layers.length !== snap.layers.length ||
    st.snap.layers.some((l, i) => l.b.length !== snap.layers[i].b.length) || st.snap.inputs.length !== snap.inputs.length;
  st.snap = snap;
  if (shapeChanged) placeLayerControls();
  showState(snap);
  st.dirty = true;
}

/** showState writes the counters, the figures, the play button and the message of a snapshot. */
function showState(s) {
  $('epoch-count').value = s.epoch;
  $('step-count').value = s.step;
  const playing = s.state === 'playing';
  $('play').textContent = playing ? '❚❚ Pause' : '▶ Play';
  $('play').setAttribute('aria-pressed', String(playing));
  const l = s.latest, metric = s.classes ? 'accuracy' : 'R²';
  const m = (v) => (v == null ? '–' : s.classes ? `${(100 * v).toFixed(1)}%` : fmt(v, 4));
  const p = s.perceptron;
  let html = p ? `<span>updates <b>${p.updates}</b></span><span>mistakes in the last epoch <b>${p.mistakes}</b></span>`
    : `<span>train loss <b>${l.train_loss == null ? '–' : fmt(l.train_loss, 4)}</b></span>
<span>test loss <b>${l.test_loss == null ? '–' : fmt(l.test_loss, 4)}</b></span>`;
  html += `<span>train ${metric} <b>${m(l.train_metric)}</b></span><span>test ${metric} <b>${m(l.test_metric)}</b></span>`;
  if (p) html += `<span><b>${p.converged ? 'converged' : 'not converged'}</b></span>`;
  $('stats').innerHTML = html;
  if (s.message) say(s.message, s.state === 'diverged' ? 'error' : 'info');
  else if (!$('message').dataset.preset) say('');
}

/** frame draws the latest snapshot if anything changed since the last frame; it runs every animation frame. */
function frame() {
  requestAnimationFrame(frame);
  if (st.dirty && st.snap) draw();
}

/** draw draws the latest snapshot now. */
function draw() {
  st.dirty = false;
  const view = drawFrame(canvases, st.snap, {
    points: st.points, history: { ...st.history, empty: st.snap.perceptron ? 'the perceptron rule has no loss: it counts mistakes' : 'press ▶ Play' }, highlight: st.highlight, hover: st.hover,
    discrete: $('discrete').checked, showTest: $('show-test').checked, selected: st.selected,
  }, st.pal);
  st.drawn = { snap: st.snap, view };
  st.frames++;
}

/** pointClient returns where point i is drawn, in the viewport's CSS pixels (for the browser test). */
function pointClient(i) {
  const r = canvases.plane.getBoundingClientRect();
  const s = planeScale(st.drawn.view.box, r.width, r.height), p = st.points[i];
  return { x: r.left + s.px(p.x1), y: r.top + s.py(st.snap.curve ? p.y : p.x2) };
}

/** countFrames keeps st.fps, the frames drawn in the last second. */
function countFrames() {
  st.fps = st.frames;
  st.frames = 0;
}

/** sendConfig sends the controls' configuration; the server's answer or error is shown. */
async function sendConfig() {
  const c = readControls(st.config, st.hidden, st.snap?.classes ?? 2);
  try {
    accept(await call((s) => s.setConfig(c)));
  } catch (e) {
    clearErrors();
    fail(e);
  }
}

/** control sends a play, pause, step, epoch or reset. */
async function control(action) {
  try {
    receive(await call((s) => s.control(action)));
  } catch (e) { fail(e); }
}

/** placeLayerControls puts the hidden layers' controls over the diagram's columns. */
function placeLayerControls() {
  if (!st.snap || !st.config) return;
  const c = canvases.diagram;
  const sizes = [st.snap.inputs.length, ...st.snap.layers.map((l) => l.b.length)];
  const lay = diagramLayout(sizes, c.clientWidth, c.clientHeight);
  const xs = lay.x.map((x) => x + lay.size / 2);
  const hidden = st.config.perceptron ? [] : st.hidden;
  const out = st.snap.layers[st.snap.layers.length - 1].activation;
  if (hidden.length + 2 !== xs.length) return; // the snapshot of the new shape is on its way
  layerControls($('layer-controls'), xs, hidden, out, st.config.perceptron, (i, layer) => { st.hidden[i] = layer; sendConfig(); });
  $('net-summary').textContent = sizes.join('–');
}

/** planeHit returns the index of the point within 8 pixels of (x, y) on the plot, or −1. */
function planeHit(x, y, trainOnly) {
  const v = st.drawn?.view;
  if (!v) return -1;
  const s = planeScale(v.box, canvases.plane.clientWidth, canvases.plane.clientHeight);
  let best = -1, bestD = 8;
  st.points.forEach((p, i) => {
    if ((trainOnly && p.test) || (p.test && !$('show-test').checked)) return;
    const d = Math.hypot(s.px(p.x1) - x, s.py(st.snap.curve ? p.y : p.x2) - y);
    if (d < bestD) { bestD = d; best = i; }
  });
  return best;
}

/** clickPlane adds or removes a point, or inspects one, as the click mode says. */
async function clickPlane(ev) {
  const r = canvases.plane.getBoundingClientRect();
  const x = ev.clientX - r.left, y = ev.clientY - r.top;
  const inspect = document.querySelector('input[name=click-mode]:checked').value === 'inspect';
  try {
    if (inspect) {
      const i = planeHit(x, y, true);
      if (i >= 0) await inspectPoint(i);
      return;
    }
    const i = planeHit(x, y, false);
    if (i >= 0) {
      accept(await call((s) => s.removePoint(i)));
      return;
    }
    const s = planeScale(st.drawn.view.box, r.width, r.height);
    const label = Number(document.querySelector('input[name=add-class]:checked').value);
    const point = st.snap.curve ? { x: [s.x(x)], y: s.y(y), label: 0 } : { x: [s.x(x), s.y(y)], label };
    accept(await call((sess) => sess.addPoint(point)));
  } catch (e) { fail(e); }
}

/** inspectPoint pauses training and opens the inspector on training point i. */
async function inspectPoint(i) {
  if (st.snap.state === 'playing') await control('pause');
  const t = await call((s) => s.trace(i));
  st.trace = t;
  st.steps = traceSteps(t);
  st.selected = i;
  $('inspector').hidden = false;
  showStep(0);
  $('inspector').scrollIntoView({ behavior: 'smooth', block: 'nearest' });
}

/** showStep shows step k of the trace and highlights its layer. */
function showStep(k) {
  st.cur = Math.max(0, Math.min(st.steps.length - 1, k));
  const step = renderTrace($('insp-body'), st.trace, st.steps, st.cur);
  st.highlight = step.layer;
  for (const b of document.querySelectorAll('[data-stage]')) b.setAttribute('aria-pressed', String(b.dataset.stage === step.stage));
  $('insp-prev').disabled = st.cur === 0;
  $('insp-next').disabled = st.cur === st.steps.length - 1;
  st.dirty = true;
}

/** closeInspector hides the inspector and its highlights. */
function closeInspector() {
  $('inspector').hidden = true;
  st.trace = null;
  st.highlight = 0;
  st.selected = null;
  st.dirty = true;
}

/** hoverDiagram shows a unit's or weight's value and gradient under the mouse. */
function hoverDiagram(ev) {
  if (!st.snap) return;
  const c = canvases.diagram, r = c.getBoundingClientRect();
  const x = ev.clientX - r.left, y = ev.clientY - r.top;
  const sizes = [st.snap.inputs.length, ...st.snap.layers.map((l) => l.b.length)];
  const hit = hitDiagram({ sizes }, c.clientWidth, c.clientHeight, x, y);
  const tip = $('tooltip');
  if (JSON.stringify(hit) !== JSON.stringify(st.hover)) { st.hover = hit; st.dirty = true; }
  if (!hit) { tip.hidden = true; return; }
  tip.textContent = hoverText(hit);
  tip.hidden = false;
  tip.style.left = `${Math.min(x + 14, c.clientWidth - tip.offsetWidth)}px`;
  tip.style.top = `${y + 14}px`;
}

/** hoverText describes a unit or weight of the diagram: value and gradient, 1-based as in the notes. */
function hoverText(hit) {
  if (hit.kind === 'unit' && hit.l === 0) return `input ${hit.j + 1}: ${st.snap.inputs[hit.j]}`;
  const ly = st.snap.layers[hit.l - 1];
  const g = (v) => (v == null ? '–' : fmt(v, 4));
  if (hit.kind === 'unit') {
    return `layer ${hit.l}, unit ${hit.j + 1} (${ly.activation})\nb${sup(hit.l)}[${hit.j + 1}] = ${fmt(ly.b[hit.j], 4)}\n∂L/∂b = ${g(ly.grad_b?.[hit.j])}`;
  }
  const name = `W${sup(hit.l)}[${hit.j + 1},${hit.k + 1}]`;
  return `${name} = ${fmt(ly.w[hit.j][hit.k], 4)}\n∂L/∂w = ${g(ly.grad_w?.[hit.j]?.[hit.k])}`;
}

/** download saves text as a file of the given name. */
function download(text, name, type) {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([text], { type }));
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

/** upload reads the file chosen in input and sends its text with send. */
async function upload(input, send) {
  const f = input.files[0];
  input.value = '';
  if (!f) return;
  try {
    accept(await call((s) => send(s, f)));
  } catch (e) { clearErrors(); fail(e); }
}

/** gradCheck runs the gradient check over the batch of the last step and shows its largest difference. */
async function gradCheck() {
  const out = $('gradcheck-result');
  out.textContent = 'checking every parameter by central differences…';
  try {
    const g = await call((s) => s.gradCheck());
    const batch = g.step > 0 ? `the batch of step ${g.step}` : `the first ${g.samples} training points (no step yet)`;
    out.textContent = `largest relative difference ${fmt(g.max_rel_diff, 2)} at ${g.where}` +
      ` (backprop ${fmt(g.backprop, 6)}, central difference ${fmt(g.numerical, 6)}),` +
      ` largest absolute difference ${fmt(g.max_abs_diff, 2)}, ${g.params} parameters,` +
      ` ${g.samples} samples (${batch}), h = ${fmt(g.h)}`;
  } catch (e) { out.textContent = ''; fail(e); }
}

/** copyMarkdown copies the trace as `nn explain -format markdown` writes it. */
async function copyMarkdown() {
  const b = $('insp-copy');
  try {
    await navigator.clipboard.writeText(st.trace.markdown);
    b.textContent = 'Copied ✓';
  } catch {
    download(st.trace.markdown, 'trace.md', 'text/markdown');
    b.textContent = 'Saved as trace.md';
  }
  setTimeout(() => { b.textContent = 'Copy as Markdown'; }, 2000);
}

/** showPresets writes one button per preset of the notes. */
function showPresets(list) {
  $('presets').replaceChildren(...list.map((p) => {
    const b = document.createElement('button');
    b.textContent = `${p.section} ${p.title.split(":")[0]}`;
    b.title = p.text;
    b.onclick = async () => {
      closeInspector();
      try {
        accept(await call((s) => s.setConfig(p.config)));
        $('message').dataset.preset = p.id;
        say(`${p.section} ${p.title}: ${p.text}`, 'info');
      } catch (e) { fail(e); }
    };
    return b;
  }));
}

/** wire connects the controls to the state and the server. */
function wire() {
  const cfgInputs = '.settings select, .settings input, .data .field select, .data .field input, #features input';
  for (const el of document.querySelectorAll(cfgInputs)) {
    el.addEventListener('change', () => { delete $('message').dataset.preset; sendConfig(); });
  }
  $('noise').addEventListener('input', () => { $('noise-v').value = Number($('noise').value).toFixed(2); });
  $('test').addEventListener('input', () => { $('test-v').value = `${Math.round($('test').value * 100)}%`; });
  $('new-seed').onclick = () => { $('seed').value = Math.floor(Math.random() * 1e6); sendConfig(); };
  $('play').onclick = () => control(st.snap?.state === 'playing' ? 'pause' : 'play');
  $('step').onclick = () => control('step');
  $('epoch').onclick = () => control('epoch');
  $('reset').onclick = () => { closeInspector(); control('reset'); };
  $('layer-add').onclick = () => {
    const last = st.hidden[st.hidden.length - 1];
    st.hidden.push({ units: last ? last.units : 4, activation: last ? last.activation : 'tanh' });
    sendConfig();
  };
  $('layer-remove').onclick = () => { st.hidden.pop(); sendConfig(); };
  $('show-test').onchange = $('discrete').onchange = () => { st.dirty = true; };
  canvases.plane.addEventListener('click', clickPlane);
  canvases.diagram.addEventListener('mousemove', hoverDiagram);
  canvases.diagram.addEventListener('mouseleave', () => { $('tooltip').hidden = true; st.hover = null; st.dirty = true; });
  $('csv-export').onclick = async () => { try { download(await call((s) => s.csv()), 'nn-playground.csv', 'text/csv'); } catch (e) { fail(e); } };
  $('csv-file').onchange = () => upload($('csv-file'), async (s, f) => s.loadCSV(await f.text()));
  $('model-download').onclick = async () => { try { download(await call((s) => s.model()), 'nn-playground.json', 'application/json'); } catch (e) { fail(e); } };
  $('model-file').onchange = () => upload($('model-file'), async (s, f) => s.loadModel(await f.text()));
  $('gradcheck').onclick = gradCheck;
  wireInspector();
  document.addEventListener('keydown', keyDown);
  window.addEventListener('resize', () => { placeLayerControls(); st.dirty = true; });
  window.addEventListener('pagehide', () => { st.stream?.close(); st.session?.close(); });
  window.addEventListener('hashchange', async () => { // an address pasted into this tab
    closeInspector();
    try { accept(await call((s) => s.setConfig(configFromURL()))); } catch (e) { fail(e); }
  });
}

/** wireInspector connects the inspector's buttons. */
function wireInspector() {
  $('insp-prev').onclick = () => showStep(st.cur - 1);
  $('insp-next').onclick = () => showStep(st.cur + 1);
  for (const b of document.querySelectorAll('[data-stage]')) {
    b.onclick = () => showStep(st.steps.findIndex((s) => s.stage === b.dataset.stage));
  }
  $('insp-copy').onclick = copyMarkdown;
  $('insp-close').onclick = closeInspector;
}

/** keyDown: space plays or pauses, 0–2 pick the class of new points, i switches the click mode. */
function keyDown(ev) {
  if (ev.target.closest('input, select, textarea') || ev.ctrlKey || ev.metaKey || ev.altKey) return;
  if (ev.key === ' ' && !ev.target.closest('button')) {
    ev.preventDefault();
    $('play').click();
  } else if (/^[0-2]$/.test(ev.key)) {
    const r = document.querySelector(`input[name=add-class][value="${ev.key}"]`);
    r.checked = true;
  } else if (ev.key === 'i') {
    const modes = document.querySelectorAll('input[name=click-mode]');
    (modes[0].checked ? modes[1] : modes[0]).checked = true;
  }
}

/** configFromURL reads the configuration from the URL's fragment: JSON, or {} when there is none. */
function configFromURL() {
  const h = decodeURIComponent(location.hash.slice(1));
  if (!h) return {};
  try {
    return JSON.parse(h);
  } catch {
    say('The address does not hold a configuration this page can read; the default one is shown.');
    return {};
  }
}

/** start sets the page up: controls, presets, a session with the URL's configuration, the frame loop. */
async function start() {
  st.pal = palette();
  setupControls(FEATURES);
  wire();
  fetchPresets().then(showPresets).catch(fail);
  try {
    await openSession(configFromURL());
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 400) { fail(e); return; }
    await openSession({}).catch(fail); // a bad configuration in the URL: say why, start from the default
    say(`The configuration in the address was refused (${e.field || 'config'}: ${e.message}); the default one is shown.`);
  }
  requestAnimationFrame(frame);
  setInterval(countFrames, 1000);
  window.nnPlayground.ready = true;
}

start();
