// api.js: the page's side of protocol.go — one function per endpoint, errors
// as ApiError {status, message, field}, and the snapshot stream.

/** ApiError is an error answer of the server: its ErrorResponse and status. */
export class ApiError extends Error {
  constructor(status, message, field = '') {
    super(message);
    this.status = status;
    this.field = field;
  }
}

/** request sends a request and returns the decoded JSON answer (or the text when asText). */
async function request(method, path, body, { type = 'application/json', asText = false } = {}) {
  const init = { method, headers: {} };
  if (body !== undefined) {
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
    init.headers['Content-Type'] = type;
  }
  let res;
  try {
    res = await fetch(path, init);
  } catch (e) {
    throw new ApiError(0, 'the server does not answer: is nn serve still running?');
  }
  if (!res.ok) {
    let msg = res.statusText, field = '';
    try {
      const e = await res.json();
      msg = e.error || msg;
      field = e.field || '';
    } catch { /* not JSON: keep the status text */ }
    throw new ApiError(res.status, msg, field);
  }
  if (asText) return res.text();
  return res.status === 204 ? null : res.json();
}

/** Session is one session of the server: its id and its endpoints. */
export class Session {
  constructor(id) { this.id = id; this.base = `/api/sessions/${id}`; }

  static async create(config) {
    const r = await request('POST', '/api/sessions', config);
    return { session: new Session(r.id), response: r };
  }
  setConfig(config) { return request('PUT', `${this.base}/config`, config); }
  control(action) { return request('POST', `${this.base}/control`, { action }); }
  snapshot() { return request('GET', `${this.base}/snapshot`); }
  addPoint(point) { return request('POST', `${this.base}/points`, { add: point }); }
  removePoint(index) { return request('POST', `${this.base}/points`, { remove: index }); }
  trace(point) { return request('POST', `${this.base}/trace`, { point }); }
  gradCheck() { return request('POST', `${this.base}/gradcheck`); }
  model() { return request('GET', `${this.base}/model`, undefined, { asText: true }); }
  loadModel(text) { return request('PUT', `${this.base}/model`, text); }
  csv() { return request('GET', `${this.base}/data.csv`, undefined, { asText: true }); }
  loadCSV(text) { return request('PUT', `${this.base}/data.csv`, text, { type: 'text/csv' }); }
  close() { return fetch(this.base, { method: 'DELETE', keepalive: true }).catch(() => {}); }

  /**
   * stream opens the snapshot stream and calls onSnapshot with each one (and
   * the length of its JSON); it
   * returns the EventSource (close it to stop). EventSource reconnects by
   * itself; onError is called when the stream breaks.
   */
  stream(onSnapshot, onError) {
    const es = new EventSource(`${this.base}/stream`);
    es.addEventListener('snapshot', (e) => onSnapshot(JSON.parse(e.data), e.data.length));
    es.onerror = () => onError?.(es);
    return es;
  }
}

/** presets returns the presets of the notes' sections. */
export const presets = () => request('GET', '/api/presets');
