// The automation list with each rule's last run (GET /api/v1/automations and .../runs), kept fresh
// by automation_triggered events. A server without the automation API gets a clear notice instead.

import { el, humanize, setText, shortTime } from './dom.js';
import { ApiError } from './session.js';

/** Accepts a bare array or an object wrapping one (`{automations: [...]}`, `{runs: [...]}`, `{items: [...]}`). */
function listOf(body, key) {
  if (Array.isArray(body)) return body;
  if (Array.isArray(body?.[key])) return body[key];
  if (Array.isArray(body?.items)) return body.items;
  return [];
}

function runTime(run) {
  return run.finished_at ?? run.started_at ?? run.triggered_at ?? run.created_at ?? null;
}

function latestRun(runs) {
  return runs.reduce((latest, run) => {
    if (!latest) return run;
    return Date.parse(runTime(run) ?? 0) > Date.parse(runTime(latest) ?? 0) ? run : latest;
  }, null);
}

export class AutomationList {
  constructor({ list, note, session }) {
    this.list = list;
    this.note = note;
    this.session = session;
    this.rows = new Map(); // automation id -> {row, last}
    this.refetch = new Map();
  }

  async load() {
    let automations;
    try {
      automations = listOf(await this.session.api('GET', '/api/v1/automations'), 'automations');
    } catch (e) {
      this.rows.clear();
      this.list.replaceChildren();
      const missing = e instanceof ApiError && (e.status === 404 || e.status === 501);
      this.#note(missing ? 'Automations are not available on this server.' : `Automations could not be loaded: ${e.message}`,
        missing ? 'unavailable' : 'error');
      return;
    }
    this.rows.clear();
    this.list.replaceChildren();
    if (automations.length === 0) {
      this.#note('No automations yet.', 'empty');
      return;
    }
    this.#note('', 'ok');
    automations.sort((a, b) => (a.name ?? a.id).localeCompare(b.name ?? b.id));
    for (const automation of automations) this.#addRow(automation);
    await Promise.all(automations.map((a) => this.#loadRuns(a.id)));
  }

  /** An automation_triggered event: show it at once, then fetch the run's outcome. */
  triggered(data) {
    const entry = this.rows.get(data.automation_id);
    if (!entry) return;
    setText(entry.last, `Triggered ${shortTime(data.triggered_at)}`);
    entry.row.dataset.lastRun = 'triggered';
    clearTimeout(this.refetch.get(data.automation_id));
    this.refetch.set(data.automation_id, setTimeout(() => this.#loadRuns(data.automation_id), 1500));
  }

  #addRow(automation) {
    const last = el('span', { class: 'automation-last' }, 'Not run yet');
    const enabled = automation.enabled !== false;
    const row = el('li', { class: 'automation', dataset: { automationId: automation.id, enabled: String(enabled) } },
      el('span', { class: 'automation-name' }, automation.name ?? automation.id),
      el('span', { class: 'automation-enabled' }, enabled ? 'Enabled' : 'Disabled'),
      last);
    this.list.append(row);
    this.rows.set(automation.id, { row, last });
  }

  async #loadRuns(id) {
    const entry = this.rows.get(id);
    if (!entry) return;
    try {
      const run = latestRun(listOf(await this.session.api('GET', `/api/v1/automations/${encodeURIComponent(id)}/runs`), 'runs'));
      if (!run) return;
      const outcome = run.result ?? run.status ?? '';
      entry.row.dataset.lastRun = outcome || 'run';
      setText(entry.last, `Last run ${shortTime(runTime(run))}${outcome ? ` · ${humanize(outcome)}` : ''}${run.error ? ` · ${run.error}` : ''}`);
    } catch (e) {
      setText(entry.last, `Runs unavailable (${e.message})`);
    }
  }

  #note(text, kind) {
    this.note.hidden = !text;
    this.note.dataset.kind = kind;
    setText(this.note, text);
  }
}
