// The sample host's page: connectors of a tenant and company, a dashboard of the selected connector (overall progress,
// per-entity and per-pillar charts, rate limit, sync history) and its chunks. Every load starts a new session: what
// an earlier tenant's requests or WebSocket deliver afterwards is dropped, so nothing of it stays on screen.
import { carbonvoiceApi, setApiKey, ApiError } from './carbonvoiceApi.js';
import { LiveConnection } from './live.js';
import { advance, idle } from './progress.js';
import { renderEntityChart, renderPillarChart, renderRateLimit } from './charts.js';
import { renderHistory } from './history.js';
import { notice, clearNotice, hasNotice } from './notices.js';
import { count } from './format.js';

const $ = (selector) => document.querySelector(selector);
const COMPANY_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;
const LIVE_TEXT = { connecting: 'Live updates: connecting…', open: 'Live updates: on', retrying: 'Live updates: lost, retrying…', closed: 'Live updates: off' };

let session = newSession();

function newSession(previous) {
  return {
    id: (previous?.id ?? 0) + 1,
    company: '',
    info: null,
    live: null,
    connectors: [],
    selected: null,
    running: new Map(), // connector id → { sync, ingest, starting }: a run of that kind is going, or being asked for
    progress: idle,
    ingestsAfterSync: true,
    chunkToken: null,
  };
}

const current = (s) => s === session;

/** An error as the middle of a sentence (the caller adds the full stop). */
function describe(error) {
  if (!(error instanceof ApiError)) return String(error);
  if (error.status === 401) return 'the API key was refused (401): check it, then press Load';
  const text = error.message.replace(/\.$/, '');
  return error.unreachable ? text : `${error.status}: ${text}`;
}

/** Reads and checks the settings; null (with the reason shown next to the field) when they cannot be used. */
function readSettings() {
  const keyInput = $('#api-key');
  const companyInput = $('#company-id');
  const key = keyInput.value.trim();
  const company = companyInput.value.trim();
  keyInput.setAttribute('aria-invalid', String(key === ''));
  companyInput.setAttribute('aria-invalid', String(!COMPANY_PATTERN.test(company)));
  if (key === '') {
    notice('Enter an API key (for example dev-key-tenant-a).', { tone: 'error', topic: 'settings' });
    keyInput.focus();
    return null;
  }

  if (!COMPANY_PATTERN.test(company)) {
    notice(`The company id “${company}” is not valid: use 1–64 letters, digits, “.”, “_” or “-”.`, { tone: 'error', topic: 'settings' });
    companyInput.focus();
    return null;
  }

  localStorage.setItem('cv.apiKey', key);
  localStorage.setItem('cv.company', company);
  setApiKey(key);
  return { key, company };
}

/** Empties everything a tenant put on screen. */
function resetView() {
  $('#backend').textContent = 'Loading…';
  $('#connectors').replaceChildren(muted('Loading…'));
  $('#dashboard').hidden = true;
  delete $('#dashboard').dataset.connectorId;
  $('#dashboard-title').textContent = 'Dashboard';
  for (const id of ['#entity-chart', '#pillar-chart', '#rate-limit', '#progress-log', '#chunks']) $(id).replaceChildren();
  $('#history').tBodies[0].replaceChildren();
  $('#chunk-browser').hidden = true;
  $('#chunk-total').textContent = '';
  $('#chunks-more').hidden = true;
  showProgress(idle);
}

async function load({ selected = null } = {}) {
  const settings = readSettings();
  if (!settings) return;
  session.live?.stop();
  const previousSelected = session.selected;
  session = newSession(session);
  const s = session;
  s.company = settings.company;
  s.selected = selected ?? previousSelected;
  resetView();
  try {
    s.info = await carbonvoiceApi.getInfo();
  } catch (error) {
    if (!current(s)) return;
    $('#backend').textContent = 'Not loaded.';
    $('#connectors').replaceChildren(muted('Not loaded.'));
    notice(`Cannot load the connector info: ${describe(error)}.`, { tone: 'error', topic: 'load' });
    return;
  }

  if (!current(s)) return;
  clearNotice(); // a good load answers whatever was wrong before
  $('#backend').textContent = s.info.backend === 'emulator'
    ? `Tenant ${s.info.tenant_id} · back end: embedded Carbon Voice emulator (${s.info.authorization_server ?? 'in-process'})`
    : `Tenant ${s.info.tenant_id} · back end: Carbon Voice`;
  s.live = new LiveConnection({
    onMessage: (message) => current(s) && onProgress(s, message),
    onState: (state, seconds) => current(s) && showLive(state, seconds),
    onReopen: () => current(s) && refreshConnectors(s),
  }).start();
  await refreshConnectors(s);
}

function showLive(state, seconds) {
  document.body.dataset.socket = state;
  const live = $('#live');
  live.dataset.state = state;
  live.textContent = state === 'retrying' && seconds ? `Live updates: lost, retrying in ${seconds} s…` : LIVE_TEXT[state];
}

function muted(text) {
  const p = document.createElement('p');
  p.className = 'muted';
  p.textContent = text;
  return p;
}

function runningOf(s, connectorId) {
  if (!s.running.has(connectorId)) s.running.set(connectorId, { sync: false, ingest: false, starting: { sync: false, ingest: false } });
  return s.running.get(connectorId);
}

async function refreshConnectors(s) {
  let connectors;
  try {
    connectors = await carbonvoiceApi.list(s.company);
  } catch (error) {
    if (!current(s)) return;
    const field = error instanceof ApiError ? error.fieldError('company_id') : undefined;
    notice(field ? `Company id: ${field}` : `Cannot list the connectors: ${describe(error)}.`, { tone: 'error', topic: 'load' });
    return;
  }

  if (!current(s)) return;
  s.connectors = connectors;
  if (!connectors.some((c) => c.id === s.selected)) {
    s.selected = (connectors.find((c) => c.connector_status === 'connected') ?? connectors[0])?.id ?? null;
  }

  renderConnectors(s);
  await refreshDashboard(s);
}

function renderConnectors(s) {
  const container = $('#connectors');
  if (s.connectors.length === 0) {
    container.replaceChildren(muted(`No connectors for company ${s.company} yet: press “Connect Carbon Voice”.`));
    return;
  }

  container.replaceChildren(...s.connectors.map((connector) => renderConnector(s, connector)));
}

function renderConnector(s, connector) {
  const card = document.createElement('article');
  card.className = 'connector' + (connector.id === s.selected ? ' selected' : '');
  card.dataset.connectorId = connector.id;
  card.dataset.status = connector.connector_status;
  card.setAttribute('aria-labelledby', `title-${connector.id}`);

  const header = document.createElement('header');
  const title = document.createElement('h3');
  title.id = `title-${connector.id}`;
  title.textContent = connector.name;
  const status = document.createElement('span');
  status.className = `status status-${connector.connector_status}`;
  status.textContent = connector.connector_status;
  header.append(title, status);

  const details = document.createElement('p');
  details.className = 'muted';
  details.textContent = [
    connector.external_user_email,
    `last sync: ${connector.last_sync_at ? new Date(connector.last_sync_at).toLocaleString() : 'never'}`,
    connector.status_message,
  ].filter(Boolean).join(' · ');

  const entities = document.createElement('fieldset');
  entities.className = 'entities';
  const legend = document.createElement('legend');
  legend.textContent = 'Entities to sync';
  entities.append(legend);
  for (const entity of s.info.entities) {
    const label = document.createElement('label');
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.name = entity.entity_key;
    box.checked = connector.enabled_entities.includes(entity.entity_key);
    box.addEventListener('change', () => toggleEntities(s, connector, entities, box));
    label.append(box, ` ${entity.display_name}`);
    entities.append(label);
  }

  const actions = document.createElement('div');
  actions.className = 'actions';
  const connected = connector.connector_status === 'connected';
  const show = button('Show data', 'select', () => select(s, connector.id));
  show.setAttribute('aria-pressed', String(connector.id === s.selected));
  actions.append(button('Sync', 'sync', () => startSync(s, connector)), button('Ingest', 'ingest', () => startIngest(s, connector)), show);
  if (!connected) actions.append(button('Reconnect', 'reconnect', () => reconnect(connector), 'primary'));
  if (connector.connector_status !== 'disconnected') actions.append(button('Disconnect', 'disconnect', () => confirmDisconnect(s, connector), 'danger'));
  const reason = document.createElement('p');
  reason.className = 'hint';
  reason.id = `reason-${connector.id}`;
  card.append(header, details, entities, actions, reason);
  updateActions(s, card, connector);
  return card;
}

/** Sync is off while a sync runs and on a connector that is not connected; Ingest is off while an ingestion runs. */
function updateActions(s, card, connector) {
  const running = runningOf(s, connector.id);
  const connected = connector.connector_status === 'connected';
  const sync = card.querySelector('button[data-action=sync]');
  const ingest = card.querySelector('button[data-action=ingest]');
  const busy = (kind) => running[kind] || running.starting[kind];
  sync.disabled = !connected || busy('sync');
  ingest.disabled = busy('ingest');
  const reason = card.querySelector('.hint');
  reason.textContent = !connected
    ? `This connector is ${connector.connector_status}: reconnect it to sync.`
    : busy('sync') ? 'A sync is running.' : busy('ingest') ? 'An ingestion is running.' : '';
  sync.setAttribute('aria-describedby', reason.id);
}

function refreshActions(s, connectorId) {
  const card = document.querySelector(`.connector[data-connector-id="${connectorId}"]`);
  const connector = s.connectors.find((c) => c.id === connectorId);
  if (card && connector) updateActions(s, card, connector);
}

function button(text, action, onClick, className) {
  const element = document.createElement('button');
  element.type = 'button';
  element.textContent = text;
  element.dataset.action = action;
  if (className) element.className = className;
  element.addEventListener('click', onClick);
  return element;
}

async function select(s, connectorId) {
  s.selected = connectorId;
  s.progress = idle;
  showProgress(idle);
  $('#progress-log').replaceChildren();
  renderConnectors(s);
  await refreshDashboard(s);
}

async function refreshDashboard(s) {
  const connector = s.connectors.find((c) => c.id === s.selected);
  const dashboard = $('#dashboard');
  if (!connector) {
    dashboard.hidden = true;
    $('#chunk-browser').hidden = true;
    return;
  }

  dashboard.dataset.ready = 'false';
  let entities, overview, runs;
  try {
    [entities, overview, runs] = await Promise.all([
      carbonvoiceApi.getEntities(connector.id), carbonvoiceApi.getOverview(connector.id), carbonvoiceApi.listRuns(connector.id, 10)]);
  } catch (error) {
    if (current(s)) notice(`Cannot load the dashboard: ${describe(error)}.`, { tone: 'error', topic: 'load' });
    return;
  }

  if (!current(s) || s.selected !== connector.id) return;
  const running = runningOf(s, connector.id);
  running.sync = overview.active_sync !== null;
  running.ingest = overview.active_ingestion !== null;
  s.ingestsAfterSync = overview.ingests_after_sync;
  refreshActions(s, connector.id);
  if (s.progress.state === 'idle' && (running.sync || running.ingest)) {
    // Opened while a run goes on (another tab, a webhook): say so until its next message.
    s.progress = { ...idle, percent: null, label: running.sync ? 'A sync is running…' : 'An ingestion is running…', state: 'running', stage: running.sync ? 'sync' : 'ingest' };
    showProgress(s.progress);
  }
  dashboard.hidden = false;
  dashboard.dataset.connectorId = connector.id;
  $('#dashboard-title').textContent = `Dashboard · ${connector.name}`;
  renderEntityChart($('#entity-chart'), entities);
  renderPillarChart($('#pillar-chart'), overview);
  renderRateLimit($('#rate-limit'), overview.rate_limit);
  renderHistory($('#history'), runs.items);
  dashboard.dataset.ready = 'true';
  await loadChunks(s, true);
  performance.mark('cv-dashboard-ready'); // for measuring: from navigation start to a filled dashboard and chunk list
}

async function toggleEntities(s, connector, container, changed) {
  const enabled = [...container.querySelectorAll('input:checked')].map((box) => box.name);
  if (enabled.length === 0) {
    changed.checked = true;
    notice('Keep at least one entity enabled: a sync of nothing would succeed with 0 records.', { tone: 'error', topic: 'entities' });
    return;
  }

  try {
    const updated = await carbonvoiceApi.update(connector.id, { enabledEntities: enabled });
    if (!current(s)) return;
    connector.enabled_entities = updated.enabled_entities;
    notice(`Entities saved: ${enabled.length} enabled.`, { tone: 'success', topic: 'entities' });
    if (connector.id === s.selected) await refreshDashboard(s);
  } catch (error) {
    if (!current(s)) return;
    changed.checked = !changed.checked;
    notice(`Cannot save the entities: ${describe(error)}.`, { tone: 'error', topic: 'entities' });
  }
}

const RUNS = {
  sync: { what: 'sync', start: (id) => carbonvoiceApi.startSync(id), started: (run) => `Sync started (${run.sync_type}).`, busy: 'A sync of this connector is already running.' },
  ingest: { what: 'ingestion', start: (id) => carbonvoiceApi.startIngest(id), started: () => 'Ingestion started.', busy: 'An ingestion of this connector is already running.' },
};

const startSync = (s, connector) => startRun(s, connector, 'sync');
const startIngest = (s, connector) => startRun(s, connector, 'ingest');

async function startRun(s, connector, kind) {
  const running = runningOf(s, connector.id);
  if (running[kind] || running.starting[kind]) return;
  running.starting[kind] = true; // off at once: a second click cannot ask for a second run
  refreshActions(s, connector.id);
  const topic = `run:${connector.id}`;
  try {
    if (s.selected !== connector.id) await select(s, connector.id);
    const run = await RUNS[kind].start(connector.id);
    if (!current(s)) return;
    running.starting[kind] = false;
    // Said only while it runs: a short run may have ended (over the WebSocket) before this answer arrived.
    if (run.status === 'running' && !running.ended?.has(run.sync_log_id)) {
      running[kind] = true;
      notice(RUNS[kind].started(run), { topic });
    }
  } catch (error) {
    if (!current(s)) return;
    running.starting[kind] = false;
    if (error.status === 409 && error.problem?.sync_log_id !== undefined && error.problem?.connector_status === undefined) {
      running[kind] = true;
      notice(RUNS[kind].busy, { topic });
    } else {
      notice(`Cannot start the ${RUNS[kind].what}: ${describe(error)}.`, { tone: 'error', topic });
    }
  } finally {
    if (current(s)) refreshActions(s, connector.id);
  }
}

function confirmDisconnect(s, connector) {
  const dialog = $('#disconnect-dialog');
  $('#disconnect-name').textContent = connector.name;
  $('#purge-data').checked = false;
  dialog.returnValue = '';
  dialog.addEventListener('close', () => {
    if (dialog.returnValue === 'disconnect' && current(s)) disconnect(s, connector, $('#purge-data').checked);
  }, { once: true });
  dialog.showModal();
}

async function disconnect(s, connector, purge) {
  try {
    const result = await carbonvoiceApi.disconnect(connector.id, purge);
    if (!current(s)) return;
    notice(result.data_purged
      ? `Disconnected ${connector.name} and purged its data (${count(result.raw_records_deleted)} records, ${count(result.chunks_deleted)} chunks deleted).`
      : `Disconnected ${connector.name}; its synced data is kept.`, { tone: 'success', topic: `connector:${connector.id}` });
    await refreshConnectors(s);
  } catch (error) {
    if (current(s)) notice(`Cannot disconnect: ${describe(error)}.`, { tone: 'error', topic: `connector:${connector.id}` });
  }
}

async function startAuthorization(company) {
  try {
    const { authorization_url } = await carbonvoiceApi.startOAuth(company);
    window.location.assign(authorization_url);
  } catch (error) {
    const field = error instanceof ApiError ? error.fieldError('company_id') : undefined;
    notice(field ? `Company id: ${field}` : `Cannot start the authorization: ${describe(error)}.`, { tone: 'error', topic: 'connect' });
  }
}

function reconnect(connector) {
  setApiKey($('#api-key').value.trim());
  startAuthorization(connector.company_id);
}

function showProgress(progress) {
  const bar = $('#progress-bar');
  if (progress.percent === null) bar.removeAttribute('value'); else bar.value = progress.percent;
  const label = $('#overall-label');
  label.textContent = progress.label;
  label.dataset.state = progress.state;
  label.dataset.stage = progress.stage ?? '';
}

function onProgress(s, message) {
  if (message.type === 'hello') return;
  const connector = s.connectors.find((c) => c.id === message.connector_id);
  if (message.type === 'connector_status') {
    notice(`${connector?.name ?? 'A connector'} is ${message.status}${message.message ? `: ${message.message}` : '.'}`,
      { tone: message.status === 'connected' ? 'info' : 'error', topic: `connector:${message.connector_id}` });
    refreshConnectors(s);
    return;
  }

  const kind = message.type === 'ingest_progress' ? 'ingest' : 'sync';
  const running = runningOf(s, message.connector_id);
  const final = message.status !== 'running';
  running[kind] = !final;
  if (final) (running.ended ??= new Set()).add(message.sync_log_id);
  refreshActions(s, message.connector_id);
  if (message.connector_id !== s.selected) {
    if (final) refreshConnectors(s);
    return;
  }

  s.progress = advance(s.progress, message, s.ingestsAfterSync);
  showProgress(s.progress);
  const item = document.createElement('li');
  item.textContent = `${new Date(message.at).toLocaleTimeString()} ${s.progress.label}`;
  item.dataset.kind = kind;
  item.dataset.status = message.status;
  const log = $('#progress-log');
  log.prepend(item);
  while (log.children.length > 200) log.lastChild.remove();
  if (!final) return;

  // The run's end answers the notice that it started; a failure gets its own.
  if (message.status === 'succeeded') clearNotice(`run:${message.connector_id}`);
  else notice(s.progress.label, { tone: 'error', topic: `run:${message.connector_id}` });
  refreshConnectors(s);
}

async function loadChunks(s, reset) {
  const connectorId = s.selected;
  if (!connectorId) return;
  if (reset) s.chunkToken = null;
  let page;
  try {
    page = await carbonvoiceApi.listChunks(connectorId, { pillar: $('#chunk-pillar').value, continuationToken: s.chunkToken, limit: 20 });
  } catch (error) {
    if (current(s)) notice(`Cannot load the chunks: ${describe(error)}.`, { tone: 'error', topic: 'chunks' });
    return;
  }

  if (!current(s) || s.selected !== connectorId) return;
  const list = $('#chunks');
  if (reset) list.replaceChildren();
  $('#chunk-browser').hidden = false;
  $('#chunk-total').textContent = `(${count(page.total)})`;
  for (const chunk of page.items) {
    const item = document.createElement('article');
    item.className = 'chunk';
    const meta = document.createElement('div');
    meta.className = 'meta';
    meta.textContent = `${chunk.entity_type} · ${chunk.pillar} · ${chunk.token_count} tokens · ${chunk.source_key}#${chunk.index}`;
    const text = document.createElement('div');
    text.textContent = chunk.text;
    item.append(meta, text);
    list.append(item);
  }

  if (page.items.length === 0 && reset) list.replaceChildren(muted('No chunks: sync, then ingest.'));
  s.chunkToken = page.continuation_token;
  $('#chunks-more').hidden = !s.chunkToken;
}

$('#api-key').value = localStorage.getItem('cv.apiKey') || $('#api-key').value;
$('#company-id').value = localStorage.getItem('cv.company') || $('#company-id').value;
$('#settings').addEventListener('submit', (event) => {
  event.preventDefault();
  load();
});
$('#chunk-pillar').addEventListener('change', () => loadChunks(session, true));
$('#chunks-more').addEventListener('click', () => loadChunks(session, false));
$('#connect').addEventListener('click', () => {
  const settings = readSettings();
  if (settings) startAuthorization(settings.company);
});

const connected = new URLSearchParams(window.location.search).get('connected');
if (connected) history.replaceState(null, '', '/');
load({ selected: connected }).then(() => {
  // The first load can end after the page is usable: never cover what a click said meanwhile (say, "Sync started").
  if (connected && session.connectors.some((c) => c.id === connected) && !hasNotice()) notice('Carbon Voice connected.', { tone: 'success', topic: 'connect' });
});
