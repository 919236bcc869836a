// The notifications page: the history the server keeps (GET /api/v1/notifications), with this
// user's unread count in the header, "Mark read", "Dismiss" and "Mark all read" stored server-side
// per user. New `notification` messages refresh it.

import { el, uid, humanize, setText, shortTime } from './dom.js';

export class NotificationList {
  constructor({ root, badge, session, toasts }) {
    this.root = root;
    this.badge = badge;
    this.session = session;
    this.toasts = toasts;
    this.showDismissed = false;
    this.items = [];
    this.list = el('ul', { class: 'notification-list', role: 'list' });
    this.note = el('p', { class: 'muted' });
    const toggle = el('button', { type: 'button', class: 'chip', 'aria-pressed': 'false', onclick: () => {
      this.showDismissed = !this.showDismissed;
      toggle.setAttribute('aria-pressed', String(this.showDismissed));
      this.#render();
    } }, 'Show dismissed');
    root.replaceChildren(
      el('div', { class: 'section-head' }, el('h2', { id: 'notifications-page-title' }, 'Notifications'),
        el('div', { class: 'button-row' }, toggle,
          el('button', { type: 'button', class: 'button', onclick: () => this.#mark('read_all') }, 'Mark all read'))),
      this.note, this.list);
  }

  /** Reloads the list and the unread count. */
  async load() {
    try {
      this.items = await this.session.api('GET', '/api/v1/notifications');
      setText(this.note, '');
    } catch (e) {
      this.items = [];
      setText(this.note, `Notifications could not be loaded: ${e.message}`);
    }
    this.#render();
  }

  #render() {
    const unread = this.items.filter((n) => !n.read).length;
    setText(this.badge, unread > 0 ? String(unread) : '');
    this.badge.hidden = unread === 0;
    this.badge.setAttribute('aria-label', `${unread} unread`);
    const shown = this.items.filter((n) => this.showDismissed || !n.dismissed);
    if (shown.length === 0 && !this.note.textContent) setText(this.note, 'No notifications.');
    this.list.replaceChildren(...shown.map((n) => {
      const titleId = uid('note-title');
      return el('li', { class: `notification level-${n.level}`, dataset: { id: n.id, read: String(n.read), dismissed: String(n.dismissed) } },
        el('p', { class: 'notification-title', id: titleId }, n.title || humanize(n.level)),
        el('p', {}, n.message),
        el('p', { class: 'muted' }, [shortTime(n.created_at), n.source, n.read ? (n.dismissed ? 'dismissed' : 'read') : 'unread']
          .filter(Boolean).join(' · ')),
        el('div', { class: 'button-row', role: 'group', 'aria-labelledby': titleId },
          n.read ? null : el('button', { type: 'button', class: 'button', onclick: () => this.#mark(`${encodeURIComponent(n.id)}/read`) }, 'Mark read'),
          n.dismissed ? null : el('button', { type: 'button', class: 'button', onclick: () => this.#mark(`${encodeURIComponent(n.id)}/dismiss`) }, 'Dismiss')));
    }));
  }

  async #mark(what) {
    try {
      await this.session.api('POST', `/api/v1/notifications/${what}`);
    } catch (e) {
      this.toasts.show({ level: 'error', title: 'Not saved', message: e.message });
    }
    await this.load();
  }
}
