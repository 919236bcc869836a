// The admin page (role admin): users (create, disable, roles, reset password), long-lived tokens
// (create with topics, shown once with a copy button, revoke), adapters (status, last error,
// resync) and the system's figures. Everything goes through the REST API of docs/API.md.

import { el, uid, humanize, setText, shortTime } from './dom.js';

function bytes(n) {
  return Number(n) > 0 ? `${Math.round(Number(n) / (1 << 20))} MiB` : '–';
}

export class AdminPage {
  constructor({ root, session, toasts }) {
    this.root = root;
    this.session = session;
    this.toasts = toasts;
    this.users = el('tbody');
    this.tokens = el('tbody');
    this.adapters = el('tbody');
    this.system = el('dl', { class: 'facts' });
    this.newToken = el('div', { class: 'new-token', 'aria-live': 'polite' });
    root.replaceChildren(
      el('h2', { id: 'admin-page-title' }, 'Administration'),
      this.#section('Users', this.#userForm(), this.#table(['User', 'Roles', 'Status', 'Actions'], this.users)),
      this.#section('Long-lived tokens', this.#tokenForm(), this.newToken,
        this.#table(['Name', 'Topics', 'Expires', 'Status', 'Actions'], this.tokens)),
      this.#section('Adapters', this.#table(['Adapter', 'Status', 'Entities', 'Last error', 'Actions'], this.adapters)),
      this.#section('System', this.system));
  }

  async load() {
    await Promise.all([this.#loadUsers(), this.#loadTokens(), this.#loadAdapters(), this.#loadSystem()]);
  }

  #section(title, ...content) {
    const id = uid('admin-section');
    return el('section', { class: 'panel admin-section', 'aria-labelledby': id }, el('h3', { id }, title), content);
  }

  #table(headings, body) {
    return el('div', { class: 'table-wrap' }, el('table', { class: 'steps admin-table' },
      el('thead', {}, el('tr', {}, headings.map((h) => el('th', { scope: 'col' }, h)))), body));
  }

  async #call(method, path, body, done) {
    try {
      const answer = await this.session.api(method, path, body);
      if (done) this.toasts.show({ level: 'success', title: done, message: '' });
      return answer;
    } catch (e) {
      this.toasts.show({ level: 'error', title: 'Not done', message: e.message });
      return null;
    }
  }

  #userForm() {
    const form = el('form', { class: 'admin-form', 'aria-label': 'New user', onsubmit: async (e) => {
      e.preventDefault();
      const f = form.elements;
      const roles = ['user', ...(f['new-admin'].checked ? ['admin'] : [])];
      if (await this.#call('POST', '/api/v1/users', { username: f['new-username'].value.trim(), password: f['new-password'].value, roles }, 'User created')) {
        form.reset();
        this.#loadUsers();
      }
    } },
    this.#field('new-username', 'Username', { autocomplete: 'off' }),
    this.#field('new-password', 'Password', { type: 'password', autocomplete: 'new-password' }),
    el('label', { class: 'check' }, el('input', { type: 'checkbox', id: 'new-admin', name: 'new-admin' }), 'Administrator'),
    el('button', { type: 'submit', class: 'button button-primary' }, 'Create user'));
    return form;
  }

  #field(id, label, extra = {}) {
    return el('div', { class: 'field' }, el('label', { for: id }, label), el('input', { id, name: id, ...extra }));
  }

  async #loadUsers() {
    const users = (await this.#call('GET', '/api/v1/users')) ?? [];
    this.users.replaceChildren(...users.map((u) => {
      const admin = (u.roles ?? []).includes('admin');
      const nameId = uid('user');
      const button = (label, run) => {
        const wordId = uid('w');
        return el('button', { type: 'button', class: 'button', 'aria-labelledby': `${wordId} ${nameId}`, onclick: run }, el('span', { id: wordId }, label));
      };
      return el('tr', { dataset: { userId: u.id, username: u.username } },
        el('td', { id: nameId }, u.username), el('td', {}, (u.roles ?? []).join(', ')),
        el('td', {}, u.disabled ? 'Disabled' : 'Active'),
        el('td', {}, el('div', { class: 'button-row' },
          button(u.disabled ? 'Enable' : 'Disable', () => this.#patchUser(u, { disabled: !u.disabled }, u.disabled ? 'Enabled' : 'Disabled')),
          button(admin ? 'Make user' : 'Make admin', () => this.#patchUser(u, { roles: admin ? ['user'] : ['user', 'admin'] }, 'Roles changed')),
          button('Reset password', () => {
            const password = window.prompt(`New password for ${u.username}`);
            if (password) this.#patchUser(u, { password }, 'Password reset');
          }))));
    }));
  }

  async #patchUser(user, changes, done) {
    if (await this.#call('PATCH', `/api/v1/users/${encodeURIComponent(user.id)}`, changes, done)) this.#loadUsers();
  }

  #tokenForm() {
    const form = el('form', { class: 'admin-form', 'aria-label': 'New long-lived token', onsubmit: async (e) => {
      e.preventDefault();
      const f = form.elements;
      const topics = f['token-topics'].value.split(',').map((t) => t.trim()).filter(Boolean);
      const created = await this.#call('POST', '/api/v1/auth/tokens', {
        name: f['token-name'].value.trim(), expires_in_days: Number(f['token-days'].value), ...(topics.length ? { topics } : {}),
      }, 'Token created');
      if (!created) return;
      form.reset();
      this.#showOnce(created);
      this.#loadTokens();
    } },
    this.#field('token-name', 'Name', { autocomplete: 'off' }),
    this.#field('token-days', 'Valid for (days)', { type: 'number', min: 1, value: 365 }),
    this.#field('token-topics', 'Topics (comma-separated; empty = all)', { autocomplete: 'off', placeholder: 'entity_updates:sensor.*' }),
    el('button', { type: 'submit', class: 'button button-primary' }, 'Create token'));
    return form;
  }

  /** The token text exists only in this answer: shown once, with a copy button, never stored. */
  #showOnce(created) {
    const text = el('input', { id: 'new-token-text', readonly: true, value: created.token, class: 'search' });
    this.newToken.replaceChildren(
      el('p', {}, `Token "${created.name}": copy it now, it is not shown again.`),
      el('div', { class: 'field' }, el('label', { for: 'new-token-text' }, 'Token'), text),
      el('div', { class: 'button-row' },
        el('button', { type: 'button', class: 'button', onclick: async () => {
          try {
            await navigator.clipboard.writeText(created.token);
            this.toasts.show({ level: 'success', title: 'Copied', message: '' });
          } catch {
            text.select();
          }
        } }, 'Copy token'),
        el('button', { type: 'button', class: 'button', onclick: () => this.newToken.replaceChildren() }, 'Done')));
  }

  async #loadTokens() {
    const tokens = (await this.#call('GET', '/api/v1/auth/tokens')) ?? [];
    this.tokens.replaceChildren(...tokens.map((t) => {
      const nameId = uid('token');
      const revoked = Boolean(t.revoked_at);
      return el('tr', { dataset: { tokenId: t.id } },
        el('td', { id: nameId }, t.name), el('td', {}, (t.topics ?? ['all']).join(', ')),
        el('td', {}, shortTime(t.expires_at)), el('td', {}, revoked ? 'Revoked' : 'Active'),
        el('td', {}, revoked ? '' : el('button', { type: 'button', class: 'button', 'aria-labelledby': `${nameId}-w ${nameId}`,
          onclick: async () => {
            if (await this.#call('DELETE', `/api/v1/auth/tokens/${encodeURIComponent(t.id)}`, undefined, 'Token revoked') !== null) this.#loadTokens();
          } }, el('span', { id: `${nameId}-w` }, 'Revoke'))));
    }));
  }

  async #loadAdapters() {
    const body = (await this.#call('GET', '/api/v1/adapters')) ?? [];
    const adapters = Array.isArray(body) ? body : body.adapters ?? [];
    this.adapters.replaceChildren(...adapters.map((a) => {
      const nameId = uid('adapter');
      return el('tr', { dataset: { adapterId: a.adapter_id } },
        el('td', { id: nameId }, `${a.name ?? a.adapter_id} (${a.adapter_type ?? ''})`), el('td', {}, humanize(a.status ?? '')),
        el('td', {}, String(a.entity_count ?? '')), el('td', {}, a.last_error ?? '–'),
        el('td', {}, el('button', { type: 'button', class: 'button', 'aria-labelledby': `${nameId}-w ${nameId}`,
          onclick: async () => {
            const sync = await this.#call('POST', `/api/v1/adapters/${encodeURIComponent(a.adapter_id)}/sync`, undefined);
            if (sync) this.toasts.show({ level: 'success', title: `Resync ${humanize(sync.status ?? 'done')}`, message: `${sync.entities_found ?? 0} entities found` });
            this.#loadAdapters();
          } }, el('span', { id: `${nameId}-w` }, 'Resync'))));
    }));
  }

  async #loadSystem() {
    const [s, alerts] = await Promise.all([this.#call('GET', '/api/v1/system/status'), this.#alerts()]);
    if (!s) return;
    const rows = [['Status', humanize(s.status)], ['Alerts', alerts], ['Version', s.version],
      ['Clients', `${s.websocket?.connected_clients} (${s.websocket?.authenticated_clients} signed in)`],
      ['Memory (RSS)', bytes(s.memory?.rss_bytes)], ['Heap', `${bytes(s.memory?.heap_used_bytes)} of ${bytes(s.memory?.heap_max_bytes)}`],
      ['CPU', `${s.cpu?.process_percent}% · load ${s.cpu?.system_load_average}`], ['Database', humanize(s.database?.status)]];
    this.system.replaceChildren(...rows.flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, String(v ?? ''))]));
  }

  /** The performance alerts raised now, from /health (which answers 503 with the same report when down). */
  async #alerts() {
    let health;
    try {
      health = await this.session.api('GET', '/health');
    } catch (e) {
      health = e.problem;
    }
    const performance = health?.checks?.performance;
    if (!performance) return 'unknown';
    return performance.status === 'ok' ? 'none' : performance.detail;
  }
}
