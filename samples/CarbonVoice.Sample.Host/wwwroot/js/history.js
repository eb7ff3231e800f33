// The sync-history table: one row per run (sync or ingestion), newest first.
import { count } from './format.js';


function duration(seconds) {
  if (seconds == null) return 'running…';
  if (seconds < 60) return `${seconds.toFixed(seconds < 10 ? 1 : 0)} s`;
  return `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
}

function records(run) {
  const failed = run.records_failed > 0 ? ` · ${count(run.records_failed)} failed` : '';
  return run.sync_type === 'ingestion'
    ? `${count(run.records_fetched)} read${failed}`
    : `${count(run.records_fetched)} fetched · ${count(run.records_created)} new · ${count(run.records_updated)} changed · ${count(run.records_deleted)} deleted${failed}`;
}

function cell(row, text, className) {
  const td = document.createElement('td');
  td.textContent = text;
  if (className) td.className = className;
  row.append(td);
  return td;
}

/** Fills the table's body with the runs. */
export function renderHistory(table, runs) {
  const body = table.tBodies[0];
  body.replaceChildren();
  if (runs.length === 0) {
    const row = body.insertRow();
    const td = cell(row, 'No run yet.', 'muted');
    td.colSpan = 6;
    return;
  }

  for (const run of runs) {
    const row = body.insertRow();
    row.dataset.runId = run.id;
    row.dataset.status = run.status;
    cell(row, new Date(run.started_at).toLocaleString());
    cell(row, duration(run.duration_seconds), 'number');
    cell(row, run.sync_type);
    cell(row, records(run));
    cell(row, run.chunks_written == null ? '—' : `${count(run.chunks_written)} written · ${count(run.chunks_deleted)} deleted`);
    const outcome = cell(row, '');
    const badge = document.createElement('span');
    badge.className = `status status-${run.status}`;
    badge.textContent = run.status;
    outcome.append(badge);
    const note = run.status_message ?? (run.error_count > 0 ? `${count(run.error_count)} errors` : '');
    if (note) {
      const small = document.createElement('span');
      small.className = 'muted small';
      small.textContent = ` ${note}`;
      outcome.append(small);
    }
  }
}
