// An entity's past, shown in its detail view: a graph of a numeric entity (uPlot; beyond two days
// the hourly statistics, mean with its min–max band), a state timeline for any other entity, and
// its logbook. A range picker (6 h, 24 h by default, 7 d, 30 d) reloads it. It listens for the
// detail view's 'entity-detail-open' {entityId, container} and 'entity-detail-close' events.

import uPlot from './vendor/uplot/uPlot.esm.js';
import { el, setText, shortTime } from './dom.js';

const RANGES = [['6 h', 6], ['24 h', 24], ['7 days', 168], ['30 days', 720]];
const DEFAULT_HOURS = 24;
const STATISTICS_BEYOND_HOURS = 48;
const LOGBOOK_SHOWN = 50;
const ON_STATES = new Set(['on', 'open', 'unlocked', 'home', 'heat', 'cool', 'playing']);

const isNumber = (state) => state !== null && state !== '' && Number.isFinite(Number(state));

/** Connects the history to a detail dialog; `session.api` reads the REST API. */
export function attachHistory(dialog, session) {
  let current = null;
  dialog.addEventListener('entity-detail-open', (e) => {
    current?.destroy();
    current = new EntityHistory(e.detail.container, e.detail.entityId, session);
  });
  dialog.addEventListener('entity-detail-close', () => {
    current?.destroy();
    current = null;
  });
}

class EntityHistory {
  constructor(container, entityId, session) {
    this.entityId = entityId;
    this.session = session;
    this.plot = null;
    this.generation = 0;
    const pickerId = `history-range-${entityId.replace(/\W/g, '-')}`;
    this.picker = el('select', { id: pickerId, class: 'history-range' },
      RANGES.map(([label, hours]) => el('option', { value: hours, selected: hours === DEFAULT_HOURS }, label)));
    this.picker.addEventListener('change', () => this.load());
    this.status = el('p', { class: 'muted history-status', role: 'status' });
    this.chart = el('div', { class: 'history-chart', 'data-testid': 'history-chart' });
    this.logbook = el('ol', { class: 'history-logbook', 'aria-label': 'Logbook' });
    // The detail view's container is the labelled section; this fills it.
    this.root = el('div', { class: 'history-body' },
      el('div', { class: 'history-head' },
        el('h3', {}, 'History'),
        el('label', { for: pickerId }, 'Range'), this.picker),
      this.status, this.chart,
      el('h3', {}, 'Logbook'), this.logbook);
    container.replaceChildren(this.root);
    this.load();
  }

  destroy() {
    this.generation += 1;
    this.plot?.destroy();
    this.plot = null;
    this.root.remove();
  }

  async load() {
    const generation = ++this.generation;
    const hours = Number(this.picker.value);
    const end = new Date();
    const start = new Date(end.getTime() - hours * 3_600_000);
    const range = `entity_id=${encodeURIComponent(this.entityId)}&start=${start.toISOString()}&end=${end.toISOString()}`;
    setText(this.status, 'Loading…');
    try {
      const entity = await this.session.api('GET', `/api/v1/entities/${encodeURIComponent(this.entityId)}`);
      const numeric = isNumber(entity.state);
      const [series, logbook] = await Promise.all([
        numeric && hours > STATISTICS_BEYOND_HOURS
          ? this.session.api('GET', `/api/v1/statistics?${range}&period=hour`)
          : this.session.api('GET', `/api/v1/history?${range}&minimal=true`),
        this.session.api('GET', `/api/v1/logbook?${range}`),
      ]);
      if (generation !== this.generation) return; // a newer range or entity took over
      const data = series[this.entityId] ?? [];
      this.plot?.destroy();
      this.plot = null;
      this.chart.replaceChildren();
      if (numeric && hours > STATISTICS_BEYOND_HOURS) this.drawStatistics(data, start, end);
      else if (numeric) this.drawNumbers(data, start, end);
      else this.drawTimeline(data, start, end);
      setText(this.status, data.length === 0 ? 'Nothing recorded in this range.' : '');
      this.showLogbook(logbook);
    } catch (error) {
      if (generation === this.generation) setText(this.status, `History unavailable (${error.message ?? error}).`);
    }
  }

  chartOptions(series) {
    const width = Math.max(280, this.chart.clientWidth || 560);
    return { width, height: 200, series: [{}, ...series], axes: [{}, { size: 56 }], legend: { show: true } };
  }

  drawNumbers(items, start, end) {
    const xs = [];
    const ys = [];
    for (const item of items) {
      xs.push(Math.max(item.lc, start.getTime()) / 1000);
      ys.push(isNumber(item.s) ? Number(item.s) : null);
    }
    if (ys.length > 0) { // the last value holds until now
      xs.push(end.getTime() / 1000);
      ys.push(ys[ys.length - 1]);
    }
    this.chart.dataset.kind = 'numbers';
    this.plot = new uPlot(this.chartOptions([{ label: 'State', stroke: '#2f6fde', width: 2 }]),
      [xs, ys], this.chart);
  }

  drawStatistics(rows, start, end) {
    const data = [[], [], [], []];
    for (const row of rows) {
      data[0].push(Date.parse(row.start) / 1000);
      data[1].push(row.min);
      data[2].push(row.mean);
      data[3].push(row.max);
    }
    this.chart.dataset.kind = 'statistics';
    this.plot = new uPlot(this.chartOptions([
      { label: 'Min', stroke: '#9ab6ea' },
      { label: 'Mean (hourly)', stroke: '#2f6fde', width: 2 },
      { label: 'Max', stroke: '#9ab6ea' },
    ]), data, this.chart);
  }

  drawTimeline(items, start, end) {
    this.chart.dataset.kind = 'timeline';
    const from = start.getTime();
    const span = end.getTime() - from;
    const bar = el('div', { class: 'history-timeline', role: 'list', 'aria-label': 'State timeline' });
    items.forEach((item, i) => {
      const begin = Math.max(item.lc, from);
      const until = i + 1 < items.length ? items[i + 1].lc : end.getTime();
      const share = Math.max(0, (until - begin) / span) * 100;
      const segment = el('span', {
        class: `history-segment${ON_STATES.has(item.s) ? ' is-on' : ''}${item.s === 'unavailable' ? ' is-unavailable' : ''}`,
        role: 'listitem',
        title: `${item.s} from ${shortTime(new Date(begin).toISOString())}`,
        dataset: { state: item.s },
      }, el('span', { class: 'visually-hidden' }, `${item.s} from ${shortTime(new Date(begin).toISOString())}`));
      // Through the CSSOM: the Content-Security-Policy (style-src 'self') drops style attributes.
      segment.style.flexBasis = `${share.toFixed(3)}%`;
      bar.append(segment);
    });
    this.chart.append(bar);
  }

  showLogbook(entries) {
    const recent = entries.slice(-LOGBOOK_SHOWN).reverse();
    this.logbook.replaceChildren(...recent.map((entry) => el('li', {},
      el('time', { datetime: entry.when }, shortTime(entry.when)), ' ', `${entry.name} ${entry.message}`)));
    if (recent.length === 0) this.logbook.append(el('li', { class: 'muted' }, 'No events in this range.'));
  }
}
