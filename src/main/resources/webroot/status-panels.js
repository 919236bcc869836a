// The header's connection indicator, the latest system_status, and the adapter-status strip.

import { el, humanize, setText, shortTime } from './dom.js';

const CONNECTION_TEXT = {
  idle: 'Not connected',
  connecting: 'Connecting…',
  authenticating: 'Signing in…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
  stopped: 'Offline',
};

/** Shows the PmaClient state; `board` is dimmed while what it shows may be out of date. */
export class ConnectionIndicator {
  constructor({ root, label, board, staleNote }) {
    this.root = root;
    this.label = label;
    this.board = board;
    this.staleNote = staleNote;
  }

  show({ state, attempt, retryInMs }) {
    this.root.dataset.state = state;
    let text = CONNECTION_TEXT[state] ?? humanize(state);
    if (state === 'reconnecting' && retryInMs > 0) {
      text = `Reconnecting in ${Math.max(1, Math.round(retryInMs / 1000))} s (attempt ${attempt})`;
    }
    setText(this.label, text);
    const stale = state !== 'live';
    this.board.classList.toggle('is-stale', stale);
    this.staleNote.hidden = !stale || state === 'connecting';
  }
}

function formatUptime(seconds) {
  const s = Number(seconds) || 0;
  const days = Math.floor(s / 86400);
  const hours = Math.floor((s % 86400) / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  if (days > 0) return `${days} d ${hours} h`;
  if (hours > 0) return `${hours} h ${minutes} min`;
  return `${minutes} min ${Math.floor(s % 60)} s`;
}

function formatBytes(bytes) {
  const n = Number(bytes);
  if (!Number.isFinite(n)) return '';
  return n >= 1 << 30 ? `${(n / (1 << 30)).toFixed(1)} GiB` : `${Math.round(n / (1 << 20))} MiB`;
}

function memoryText(memory) {
  const heap = memory.heap_used_bytes !== undefined ? `heap ${formatBytes(memory.heap_used_bytes)}` : '';
  if (memory.rss_bytes > 0) return `${formatBytes(memory.rss_bytes)} RSS${heap ? ` (${heap})` : ''}`;
  return heap;
}

/** The latest system_status payload as a definition list. */
export class SystemStatusPanel {
  constructor({ root, badge, list }) {
    this.root = root;
    this.badge = badge;
    this.list = list;
  }

  waiting(text = 'Waiting for the first status report…') {
    this.badge.dataset.status = 'unknown';
    setText(this.badge, 'Unknown');
    this.list.replaceChildren(el('p', { class: 'muted' }, text));
  }

  show(data, timestamp) {
    const status = data.status ?? 'unknown';
    this.badge.dataset.status = status;
    setText(this.badge, humanize(status));
    const ws = data.websocket ?? {};
    const memory = data.memory ?? {};
    const rows = [
      ['Version', data.version],
      ['Uptime', data.uptime_seconds !== undefined ? formatUptime(data.uptime_seconds) : ''],
      ['Clients', ws.connected_clients !== undefined ? `${ws.connected_clients} (${ws.authenticated_clients ?? 0} signed in)` : ''],
      ['Entities', data.entities?.count],
      ['Database', humanize(data.database?.status ?? '')],
      // The process's resident set (what the machine gives it); the JVM heap is a part of it.
      ['Memory', memoryText(memory)],
      ['Reported', shortTime(timestamp)],
    ].filter(([, value]) => value !== undefined && value !== null && value !== '');
    this.list.replaceChildren(el('dl', { class: 'facts' },
      rows.map(([term, value]) => [el('dt', {}, term), el('dd', {}, String(value))])));
  }
}

/** One chip per adapter, fed by GET /api/v1/adapters, pma_adapter_status and system_status.adapters. */
export class AdapterStrip {
  constructor({ list, note }) {
    this.list = list;
    this.note = note;
    this.adapters = new Map();
    this.emptyText = 'No adapters reported yet.';
  }

  /** Shown instead of the chips while there are none (e.g. the adapter list is for admins only). */
  setEmptyText(text) {
    this.emptyText = text;
    this.#render();
  }

  load(adapters) {
    this.adapters.clear();
    for (const adapter of adapters) this.adapters.set(adapter.adapter_id, adapter);
    this.#render();
  }

  /** A pma_adapter_status payload. */
  update(adapter) {
    this.adapters.set(adapter.adapter_id, { ...this.adapters.get(adapter.adapter_id), ...adapter });
    this.#render();
  }

  /** system_status.adapters: {id: status}. */
  updateStatuses(statuses) {
    for (const [id, status] of Object.entries(statuses ?? {})) {
      const known = this.adapters.get(id) ?? { adapter_id: id, name: id };
      const value = typeof status === 'string' ? status : status?.status;
      this.adapters.set(id, { ...known, status: value ?? known.status });
    }
    this.#render();
  }

  #render() {
    const items = [...this.adapters.values()].sort((a, b) => a.adapter_id.localeCompare(b.adapter_id));
    this.list.replaceChildren(...items.map((a) => {
      const status = a.status ?? 'unknown';
      const details = [a.adapter_type, a.entity_count !== undefined ? `${a.entity_count} entities` : '', a.last_error]
        .filter(Boolean).join(' · ');
      return el('li', { class: 'adapter', dataset: { adapterId: a.adapter_id, status } },
        el('span', { class: 'dot', 'aria-hidden': 'true' }),
        el('span', { class: 'adapter-name' }, a.name || a.adapter_id),
        el('span', { class: 'adapter-status' }, humanize(status)),
        details ? el('span', { class: 'adapter-details' }, details) : null);
    }));
    this.note.hidden = items.length > 0;
    if (items.length === 0) setText(this.note, this.emptyText);
  }
}
