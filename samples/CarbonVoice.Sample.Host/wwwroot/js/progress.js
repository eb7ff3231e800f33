// One overall progress across a sync and the ingestion that follows it, from the WebSocket's messages. Pure: no DOM.
// A sync fills the first half of the bar when an ingestion follows it (the second half), the whole bar otherwise; an
// ingestion started on its own fills the whole bar. Counters are always records (fetched by a sync, read by an
// ingestion); a run that did not succeed shows its outcome, never a percentage.

import { count } from './format.js';

/** The state before any run. */
export const idle = Object.freeze({ percent: 0, label: 'Idle.', state: 'idle', stage: null, afterSync: false, base: 0 });

/**
 * The overall progress after one progress message.
 * @param {typeof idle} previous the state before it
 * @param {{ type: string, status: string, phase?: string|null, entity?: string|null, processed?: number,
 *   percent?: number|null, message?: string|null }} message a sync_progress or ingest_progress message
 * @param {boolean} ingestsAfterSync whether the host starts an ingestion after a successful sync
 */
export function advance(previous, message, ingestsAfterSync) {
  const final = message.status !== 'running';
  if (message.type === 'sync_progress') {
    const share = ingestsAfterSync ? 0.5 : 1;
    if (!final) {
      return {
        percent: message.percent == null ? null : message.percent * share,
        label: join('Syncing', message.phase, `${count(message.processed)} records fetched`, percentText(message.percent)),
        state: 'running', stage: 'sync', afterSync: false,
      };
    }

    if (message.status === 'succeeded') {
      return ingestsAfterSync
        ? { percent: 50, label: join('Sync succeeded', `${count(message.processed)} records fetched`, 'ingestion next'), state: 'running', stage: 'sync', afterSync: true }
        : { percent: 100, label: join('Sync succeeded', `${count(message.processed)} records fetched`), state: 'succeeded', stage: 'sync', afterSync: false };
    }

    return ended(previous, 'Sync', message);
  }

  // An ingestion right after this page's sync fills the second half; one on its own the whole bar.
  const base = previous.stage === 'ingest' && previous.state === 'running' ? previous.base : (previous.afterSync ? 50 : 0);
  const share = base === 50 ? 0.5 : 1;
  if (!final) {
    return {
      percent: message.percent == null ? null : base + message.percent * share,
      label: join('Ingesting', message.phase === 'starting' ? null : message.phase, `${count(message.processed)} records read`, percentText(message.percent), message.message),
      state: 'running', stage: 'ingest', afterSync: false, base,
    };
  }

  if (message.status === 'succeeded') {
    return { percent: 100, label: 'Done: ingestion succeeded.', state: 'succeeded', stage: 'ingest', afterSync: false };
  }

  return ended(previous, 'Ingestion', message);
}

function ended(previous, what, message) {
  return {
    percent: previous.percent ?? 0,
    label: `${what} ${message.status}` + (message.message ? `: ${message.message}` : '.'),
    state: message.status, stage: message.type === 'sync_progress' ? 'sync' : 'ingest', afterSync: false,
  };
}

function percentText(percent) {
  return percent == null ? null : `${Math.floor(percent)} %`;
}

function join(...parts) {
  return parts.filter((part) => part !== null && part !== undefined && part !== '').join(' · ');
}
