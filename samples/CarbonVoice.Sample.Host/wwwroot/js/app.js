import { carbonvoiceApi, setApiKey, ApiError } from './carbonvoiceApi.js';

const $ = (selector) => document.querySelector(selector);
const state = { info: null, socket: null, selected: null, chunkToken: null, entities: [] };

function notice(text, isError = false) {
  const element = $('#notice');
  element.textContent = text;
  element.className = isError ? 'error' : '';
}

function describe(error) {
  return error instanceof ApiError ? `${error.status}: ${error.message}` : String(error);
}

function settings() {
  const key = $('#api-key').value.trim();
  const company = $('#company-id').value.trim();
  localStorage.setItem('cv.apiKey', key);
  localStorage.setItem('cv.company', company);
  setApiKey(key);
  return { key, company };
}

async function load() {
  settings();
  try {
    state.info = await carbonvoiceApi.getInfo();
  } catch (error) {
    notice(`Cannot load connector info (${describe(error)}). Check the API key.`, true);
    return;
  }
  state.entities = state.info.entities;
  $('#backend').textContent = state.info.backend === 'emulator'
    ? `Tenant ${state.info.tenant_id} · back end: embedded Carbon Voice emulator (${state.info.authorization_server ?? 'in-process'})`
    : `Tenant ${state.info.tenant_id} · back end: Carbon Voice`;
  await watch();
  await renderConnectors();
}

async function watch() {
  if (state.socket) state.socket.close();
  state.socket = await carbonvoiceApi.watchProgress(onProgress);
  state.socket.onopen = () => document.body.dataset.socket = 'open';
}

function onProgress(message) {
  if (message.type === 'hello') return;
  if (message.type === 'connector_status') {
    notice(`Connector ${message.connector_id}: ${message.status}. ${message.message ?? ''}`, message.status !== 'connected');
    renderConnectors();
    return;
  }
  const kind = message.type === 'ingest_progress' ? 'ingest' : 'sync';
  const percent = message.percent ?? (message.status === 'running' ? null : 0);
  const bar = $('#progress-bar');
  if (percent === null) bar.removeAttribute('value'); else bar.value = percent;
  const label = `${kind} ${message.status}` + (percent === null ? '' : ` ${Math.round(percent)}%`)
    + (message.phase ? ` · ${message.phase}` : '') + (message.entity ? ` · ${message.entity}` : '');
  $('#progress-label').textContent = label;
  $('#progress-label').dataset.kind = kind;
  $('#progress-label').dataset.status = message.status;
  const item = document.createElement('li');
  item.textContent = `${new Date(message.at).toLocaleTimeString()} ${label} (${message.processed}${message.total ? '/' + message.total : ''})`
    + (message.message ? ` – ${message.message}` : '');
  $('#progress-log').prepend(item);
  if (message.status !== 'running') {
    renderConnectors();
    if (kind === 'ingest' && message.status === 'succeeded') loadChunks(message.connector_id, true);
  }
}

async function renderConnectors() {
  const { company } = settings();
  let connectors;
  try {
    connectors = await carbonvoiceApi.list(company);
  } catch (error) {
    notice(`Cannot list connectors (${describe(error)}).`, true);
    return;
  }
  const container = $('#connectors');
  container.replaceChildren();
  if (connectors.length === 0) {
    container.innerHTML = '<p class="muted">No connectors yet: press “Connect Carbon Voice”.</p>';
    return;
  }
  for (const connector of connectors) container.append(renderConnector(connector));
}

function renderConnector(connector) {
  const card = document.createElement('article');
  card.className = 'connector';
  card.dataset.connectorId = connector.id;
  card.dataset.status = connector.connector_status;
  const header = document.createElement('header');
  const title = document.createElement('strong');
  title.textContent = connector.name;
  const status = document.createElement('span');
  status.className = `status status-${connector.connector_status}`;
  status.textContent = connector.connector_status;
  header.append(title, status);
  const details = document.createElement('p');
  details.className = 'muted';
  details.textContent = `${connector.external_user_email ?? ''} · last sync: ${connector.last_sync_at ? new Date(connector.last_sync_at).toLocaleString() : 'never'}`
    + (connector.status_message ? ` · ${connector.status_message}` : '');

  const entities = document.createElement('div');
  entities.className = 'entities';
  for (const entity of state.entities) {
    const label = document.createElement('label');
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.name = entity.entity_key;
    box.checked = connector.enabled_entities.includes(entity.entity_key);
    box.addEventListener('change', () => toggleEntities(connector.id, entities));
    label.append(box, ` ${entity.display_name}`);
    entities.append(label);
  }

  const actions = document.createElement('div');
  actions.className = 'actions';
  actions.append(
    button('Sync', 'sync', () => startSync(connector.id)),
    button('Ingest', 'ingest', () => startIngest(connector.id)),
    button('Chunks', 'chunks', () => loadChunks(connector.id, true)),
    button('Disconnect', 'disconnect', () => disconnect(connector.id)));
  card.append(header, details, entities, actions);
  return card;
}

function button(text, action, onClick) {
  const element = document.createElement('button');
  element.type = 'button';
  element.textContent = text;
  element.dataset.action = action;
  element.addEventListener('click', onClick);
  return element;
}

async function toggleEntities(connectorId, container) {
  const enabled = [...container.querySelectorAll('input:checked')].map((box) => box.name);
  try {
    await carbonvoiceApi.update(connectorId, { enabledEntities: enabled });
    notice(`Entities saved: ${enabled.join(', ') || 'none'}.`);
  } catch (error) {
    notice(`Cannot save entities (${describe(error)}).`, true);
  }
}

async function startSync(connectorId) {
  try {
    const run = await carbonvoiceApi.startSync(connectorId);
    notice(`Sync ${run.sync_log_id} (${run.sync_type}) started.`);
  } catch (error) {
    notice(error.status === 409 && error.problem?.sync_log_id
      ? `A sync is already running (${error.problem.sync_log_id}).`
      : `Cannot start the sync (${describe(error)}).`, true);
  }
}

async function startIngest(connectorId) {
  try {
    const run = await carbonvoiceApi.startIngest(connectorId);
    notice(`Ingestion ${run.sync_log_id} started.`);
  } catch (error) {
    notice(`Cannot start ingestion (${describe(error)}).`, true);
  }
}

async function disconnect(connectorId) {
  const purge = window.confirm('Also delete the synced data? (Cancel keeps it.)');
  try {
    await carbonvoiceApi.disconnect(connectorId, purge);
    notice(`Disconnected${purge ? ' and purged' : ''}.`);
    await renderConnectors();
  } catch (error) {
    notice(`Cannot disconnect (${describe(error)}).`, true);
  }
}

async function loadChunks(connectorId, reset) {
  if (reset) {
    state.selected = connectorId;
    state.chunkToken = null;
    $('#chunks').replaceChildren();
  }
  try {
    const page = await carbonvoiceApi.listChunks(connectorId, { pillar: $('#chunk-pillar').value, continuationToken: state.chunkToken, limit: 20 });
    $('#chunk-total').textContent = `(${page.total})`;
    for (const chunk of page.items) {
      const item = document.createElement('article');
      item.className = 'chunk';
      const meta = document.createElement('div');
      meta.className = 'meta';
      meta.textContent = `${chunk.entity_type} · ${chunk.pillar} · ${chunk.token_count} tokens · ${chunk.source_key}#${chunk.index}`;
      const text = document.createElement('div');
      text.textContent = chunk.text;
      item.append(meta, text);
      $('#chunks').append(item);
    }
    if (page.items.length === 0 && reset) $('#chunks').innerHTML = '<p class="muted">No chunks yet: sync, then ingest.</p>';
    state.chunkToken = page.continuation_token;
    $('#chunks-more').hidden = !state.chunkToken;
  } catch (error) {
    notice(`Cannot load chunks (${describe(error)}).`, true);
  }
}

$('#api-key').value = localStorage.getItem('cv.apiKey') || $('#api-key').value;
$('#company-id').value = localStorage.getItem('cv.company') || $('#company-id').value;
$('#reload').addEventListener('click', load);
$('#chunk-pillar').addEventListener('change', () => state.selected && loadChunks(state.selected, true));
$('#chunks-more').addEventListener('click', () => state.selected && loadChunks(state.selected, false));
$('#connect').addEventListener('click', async () => {
  const { company } = settings();
  try {
    const { authorization_url } = await carbonvoiceApi.startOAuth(company);
    window.location.assign(authorization_url);
  } catch (error) {
    notice(`Cannot start the authorization (${describe(error)}).`, true);
  }
});

const connected = new URLSearchParams(window.location.search).get('connected');
if (connected) {
  notice(`Carbon Voice connected (connector ${connected}).`);
  history.replaceState(null, '', '/');
}
load();
