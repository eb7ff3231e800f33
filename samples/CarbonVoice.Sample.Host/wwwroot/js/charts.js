// Small inline-SVG charts (no library; the Content-Security-Policy allows no inline style, so colours come from
// classes in site.css). Each chart carries an aria-label with every number it draws.

import { count } from './format.js';

const SVG = 'http://www.w3.org/2000/svg';

function svg(name, attributes = {}, text) {
  const element = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, String(value));
  if (text !== undefined) element.textContent = text;
  return element;
}

function legend(items) {
  const list = document.createElement('ul');
  list.className = 'legend';
  for (const { className, text } of items) {
    const item = document.createElement('li');
    const swatch = document.createElement('span');
    swatch.className = `swatch ${className}`;
    swatch.setAttribute('aria-hidden', 'true');
    item.append(swatch, text);
    list.append(item);
  }
  return list;
}

function empty(text) {
  const note = document.createElement('p');
  note.className = 'muted';
  note.textContent = text;
  return note;
}

const SERIES = [
  { key: 'record_count', name: 'records', className: 'series-records' },
  { key: 'deleted_count', name: 'deleted', className: 'series-deleted' },
  { key: 'chunk_count', name: 'chunks', className: 'series-chunks' },
];

/** Per entity: records, deleted records and chunks as three bars, for the enabled entities and any with data. */
export function renderEntityChart(container, entities) {
  const shown = entities.filter((e) => e.enabled || e.record_count > 0 || e.deleted_count > 0 || e.chunk_count > 0);
  container.replaceChildren();
  if (shown.length === 0) {
    container.append(empty('No entity enabled.'));
    return;
  }

  const max = Math.max(0, ...shown.flatMap((e) => SERIES.map((s) => e[s.key])));
  if (max === 0) {
    container.append(empty(`Nothing stored for ${shown.length} enabled entities: sync to fill them.`));
    return;
  }

  const [labelWidth, barArea, barHeight, rowGap] = [105, 215, 9, 10];
  const rowHeight = SERIES.length * (barHeight + 2) + rowGap;
  const chart = svg('svg', {
    viewBox: `0 0 ${labelWidth + barArea + 45} ${shown.length * rowHeight}`,
    class: 'entity-chart',
    role: 'img',
    'aria-label': shown.map((e) => `${e.display_name}: ${SERIES.map((s) => `${count(e[s.key])} ${s.name}`).join(', ')}`).join('; '),
  });
  shown.forEach((entity, row) => {
    const top = row * rowHeight;
    const group = svg('g', { 'data-entity': entity.entity_key });
    group.append(svg('text', { x: 0, y: top + 1.5 * barHeight + 6, class: 'label' }, entity.display_name.replace(/ \(.*\)$/, '')));
    SERIES.forEach((series, index) => {
      const y = top + index * (barHeight + 2);
      const value = entity[series.key];
      const width = value === 0 ? 0 : Math.max(1, (barArea * value) / max);
      group.append(
        svg('rect', { x: labelWidth, y, width, height: barHeight, rx: 2, class: `bar ${series.className}`, 'data-value': value }),
        svg('text', { x: labelWidth + width + 4, y: y + barHeight - 0.5, class: 'value' }, count(value)));
    });
    chart.append(group);
  });
  container.append(legend(SERIES.map((s) => ({ className: s.className, text: s.name }))), chart);
}

/** Chunks per pillar: one bar split by pillar, with a legend giving counts and shares. */
export function renderPillarChart(container, overview) {
  container.replaceChildren();
  const total = overview.chunk_count;
  if (total === 0) {
    container.append(empty('No chunks yet: sync, then ingest.'));
    return;
  }

  const chart = svg('svg', {
    viewBox: '0 0 400 24',
    class: 'pillar-chart',
    role: 'img',
    'aria-label': overview.pillars.map((p) => `${p.pillar}: ${count(p.chunk_count)} chunks`).join('; '),
  });
  let x = 0;
  overview.pillars.forEach((pillar, index) => {
    const width = (400 * pillar.chunk_count) / total;
    if (width > 0) chart.append(svg('rect', { x, y: 0, width, height: 24, class: `bar pillar-${index % 4}`, 'data-pillar': pillar.pillar, 'data-value': pillar.chunk_count }));
    x += width;
  });
  container.append(chart, legend(overview.pillars.map((pillar, index) => ({
    className: `pillar-${index % 4}`,
    text: `${pillar.pillar.replaceAll('_', ' ')}: ${count(pillar.chunk_count)} (${Math.round((100 * pillar.chunk_count) / total)} %)`,
  }))));
}

/** The rate-limit state the host last saw for the connector: a meter of the requests left, and when the window resets. */
export function renderRateLimit(container, rateLimit, now = new Date()) {
  container.replaceChildren();
  if (!rateLimit) {
    container.append(empty('No Carbon Voice call seen for this connector since the host started.'));
    return;
  }

  const { limit, remaining } = rateLimit;
  if (limit != null && remaining != null) {
    const meter = document.createElement('meter');
    Object.assign(meter, { min: 0, max: limit, value: remaining, low: limit * 0.2, high: limit * 0.5, optimum: limit });
    meter.id = 'rate-meter';
    meter.setAttribute('aria-label', 'Requests left in the window');
    const text = document.createElement('p');
    text.className = 'rate-text';
    text.textContent = `${count(remaining)} of ${count(limit)} requests left`;
    container.append(meter, text);
  }

  const details = document.createElement('p');
  details.className = 'muted small';
  const reset = rateLimit.reset_at ? new Date(rateLimit.reset_at) : null;
  details.textContent = [
    reset ? (reset > now ? `window resets at ${reset.toLocaleTimeString()}` : 'window has reset since') : null,
    `seen ${new Date(rateLimit.observed_at).toLocaleTimeString()}`,
  ].filter(Boolean).join(' · ');
  container.append(details);
}
