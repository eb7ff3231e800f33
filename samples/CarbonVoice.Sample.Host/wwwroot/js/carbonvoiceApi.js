// Mirrors the integration guide's frontend/src/api/carbonvoiceApi.ts, in plain JavaScript (no build step).
// Every call sends the tenant's API key; errors are RFC 7807 problem details, thrown as ApiError.

/** @typedef {{ id: string, tenant_id: string, company_id: string, connector_type: 'carbonvoice',
 *   connector_status: 'connected'|'disconnected'|'expired'|'error', name: string, status_message: string|null,
 *   external_company_id: string|null, external_company_name: string|null, external_user_email: string|null,
 *   enabled_entities: string[], token_expires_at: string|null, last_sync_at: string|null, last_sync_log_id: string|null,
 *   created_at: string, updated_at: string }} CarbonVoiceConnector */

const BASE = '/api/connectors/carbonvoice';

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }

  /** True when the host did not answer at all (status 0). */
  get unreachable() { return this.status === 0; }

  /** The validation message of one field of a 400 problem, or undefined. */
  fieldError(field) { return this.problem?.errors?.[field]?.[0]; }
}

let apiKey = '';

/** Sets the tenant API key sent in the X-Api-Key header (never in a URL: the WebSocket gets a single-use ticket). */
export function setApiKey(key) { apiKey = key; }

async function request(method, path, { params, body } = {}) {
  const url = new URL(BASE + path, window.location.origin);
  for (const [name, value] of Object.entries(params || {})) {
    if (value !== undefined && value !== null && value !== '') url.searchParams.set(name, value);
  }
  const headers = { 'X-Api-Key': apiKey, Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  // credentials: the OAuth start sets the HttpOnly cookie that binds the authorization to this browser; the
  // callback (a top-level navigation back from Carbon Voice) must carry it.
  let response;
  let text;
  try {
    response = await fetch(url, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
    text = await response.text();
  } catch {
    // fetch rejects (a TypeError) only when no answer came: the host is stopped or the network is down.
    throw new ApiError(0, { title: 'The sample host is not answering', detail: 'The sample host is not answering: is it still running? Start it again, then press Load.' });
  }

  const data = parse(text);
  if (!response.ok) throw new ApiError(response.status, data);
  return data;
}

function parse(text) {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return { detail: text.slice(0, 200) }; // a proxy's or server's plain-text error page
  }
}

export const api = {
  get: (path, options) => request('GET', path, options),
  post: (path, body, options) => request('POST', path, { ...options, body }),
  patch: (path, body) => request('PATCH', path, { body }),
  delete: (path, options) => request('DELETE', path, options),
};

export const carbonvoiceApi = {
  getInfo: async () => api.get('/info'),

  /** @returns {Promise<CarbonVoiceConnector[]>} */
  list: async (companyId) => api.get('/', { params: { company_id: companyId } }),

  /** @returns {Promise<CarbonVoiceConnector>} */
  get: async (connectorId) => api.get(`/${connectorId}`),

  update: async (connectorId, { name, enabledEntities } = {}) =>
    api.patch(`/${connectorId}`, { name, enabled_entities: enabledEntities }),

  disconnect: async (connectorId, purgeData = false) =>
    api.delete(`/${connectorId}`, { params: { purge_data: purgeData } }),

  startOAuth: async (companyId) => api.post('/oauth/start', undefined, { params: { company_id: companyId } }),

  getEntities: async (connectorId) => api.get(`/${connectorId}/entities`),

  startSync: async (connectorId, syncType) =>
    api.post(`/${connectorId}/sync`, syncType ? { sync_type: syncType } : undefined),

  getSyncStatus: async (connectorId, syncLogId) => api.get(`/${connectorId}/sync/${syncLogId}`),

  startIngest: async (connectorId) => api.post(`/${connectorId}/ingest`),

  /** The connector's runs, newest first: `{ items: [...] }`. */
  listRuns: async (connectorId, limit = 10) => api.get(`/${connectorId}/sync`, { params: { limit } }),

  /** Chunks per pillar, the runs holding the connector's leases, and the rate-limit state last observed. */
  getOverview: async (connectorId) => api.get(`/${connectorId}/overview`),

  listChunks: async (connectorId, { pillar, conversationId, entityType, continuationToken, limit } = {}) =>
    api.get(`/${connectorId}/chunks`, {
      params: { pillar, conversation_id: conversationId, entity_type: entityType, continuation_token: continuationToken, limit },
    }),

  /**
   * Opens the tenant's progress WebSocket with a single-use ticket (the API key never goes in a URL); calls onMessage
   * with each progress update. Resolves to the WebSocket.
   */
  watchProgress: async (onMessage) => {
    const { url } = await api.post('/progress/tickets');
    const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
    const socket = new WebSocket(`${scheme}://${window.location.host}${url}`);
    socket.onmessage = (event) => onMessage(JSON.parse(event.data));
    return socket;
  },
};
