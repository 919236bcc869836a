// The entity detail view, opened from any card: state, controls (with the ones a card has no room
// for), attributes, and the user's customisation (name, area, icon, hidden) saved with
// PATCH /api/v1/entities/{id}. A modal <dialog>: Escape closes it and focus returns to the card.
//
// The section #entity-history is where the entity's history (graph and logbook) goes: the view
// empties it and dispatches 'entity-detail-open' {entityId, container} on the dialog each time
// an entity is shown, and 'entity-detail-close' when the dialog closes.

import { el, uid, setText, shortTime, humanize } from './dom.js';
import { buildControls, stateText, detailText, iconText, isUnavailable } from './entity-cards.js';
import { ApiError } from './session.js';

const FIELDS = ['name', 'area', 'icon'];

function attributeText(value) {
  if (value === null || value === undefined) return '—';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

export class EntityDetail {
  /** `dialog` is the empty <dialog>; `act` sends actions; `areas()` lists known areas for suggestions. */
  constructor({ dialog, session, act, toasts, areas, favourites }) {
    this.favourites = favourites;
    this.dialog = dialog;
    this.session = session;
    this.act = act;
    this.toasts = toasts;
    this.areas = areas;
    this.store = null;
    this.entity = null;
    this.controls = [];
    dialog.addEventListener('close', () => {
      this.entity = null;
      dialog.dispatchEvent(new CustomEvent('entity-detail-close'));
      this.returnFocus?.focus();
    });
    // A click on the backdrop (outside the dialog's box) closes it, as Escape does.
    dialog.addEventListener('click', (e) => {
      if (e.target === dialog) dialog.close();
    });
  }

  attach(store) {
    this.store = store;
    const follow = (e) => {
      const entity = e.detail.entity;
      if (this.entity && entity.entity_id === this.entity.entity_id) this.#update(entity);
    };
    store.addEventListener('changed', follow);
    store.addEventListener('added', follow);
    store.addEventListener('removed', (e) => {
      if (this.entity?.entity_id === e.detail.entity_id) {
        setText(this.stateLine, 'This device has been removed.');
      }
    });
    store.addEventListener('reset', () => {
      const now = this.entity && store.entities.get(this.entity.entity_id);
      if (now) this.#update(now);
    });
  }

  /** The entity currently shown, or null. */
  get openEntityId() {
    return this.entity?.entity_id ?? null;
  }

  open(entityId) {
    const entity = this.store?.entities.get(entityId);
    if (!entity) return;
    this.returnFocus = document.activeElement;
    this.#build(entity);
    if (!this.dialog.open) this.dialog.showModal();
    this.dialog.dispatchEvent(new CustomEvent('entity-detail-open', {
      detail: { entityId, container: this.historyContainer },
    }));
  }

  close() {
    if (this.dialog.open) this.dialog.close();
  }

  #build(entity) {
    this.entity = entity;
    const titleId = 'entity-detail-title';
    this.icon = el('span', { class: 'card-icon', 'aria-hidden': 'true' });
    this.title = el('span');
    this.stateValue = el('strong', { class: 'detail-state-value' });
    this.stateLine = el('span', { class: 'muted' });
    this.attributes = el('dl', { class: 'facts attributes' });
    this.historyContainer = el('section', {
      id: 'entity-history', class: 'entity-history', 'aria-label': 'History', dataset: { entityId: entity.entity_id },
    });
    const run = (action, parameters) => this.act(this.entity.entity_id, action, parameters)
      .catch(() => this.controls.forEach((c) => c.reset()));
    this.controls = buildControls(entity, titleId, run, true);
    this.dialog.replaceChildren(
      el('header', { class: 'detail-head' },
        el('h2', { id: titleId }, this.icon, this.title),
        this.pin = el('button', {
          type: 'button', class: 'button button-quiet', 'aria-pressed': 'false',
          onclick: () => {
            this.favourites.toggle(this.entity.entity_id);
            this.#showPin();
          },
        }, 'Pin to favourites'),
        el('button', { type: 'button', class: 'button button-quiet', onclick: () => this.close() }, 'Close')),
      el('p', { class: 'detail-state' }, this.stateValue, ' ', this.stateLine),
      this.controls.length > 0
        ? el('fieldset', { class: 'card-controls detail-controls' },
          el('legend', { class: 'visually-hidden' }, 'Controls'), this.controls.map((c) => c.element))
        : null,
      this.historyContainer,
      el('section', { 'aria-labelledby': 'entity-attributes-title' },
        el('h3', { id: 'entity-attributes-title' }, 'Attributes'), this.attributes),
      this.#customisationForm(entity),
    );
    this.#update(entity);
    this.#showPin();
  }

  #showPin() {
    const pinned = this.favourites.has(this.entity.entity_id);
    this.pin.setAttribute('aria-pressed', String(pinned));
    setText(this.pin, pinned ? '★ Pinned' : '☆ Pin to favourites');
  }

  #update(entity) {
    this.entity = entity;
    setText(this.title, entity.name || entity.entity_id);
    setText(this.icon, iconText(entity));
    const detail = detailText(entity);
    setText(this.stateValue, stateText(entity));
    setText(this.stateLine, [detail, `since ${shortTime(entity.last_changed)}`,
      `${entity.entity_id} · ${entity.source ?? ''}${entity.adapter_id ? ` (${entity.adapter_id})` : ''}`,
      entity.hidden ? 'hidden on the board' : ''].filter(Boolean).join(' · '));
    const attrs = Object.entries(entity.attributes ?? {}).sort(([a], [b]) => a.localeCompare(b));
    this.attributes.replaceChildren(...attrs.flatMap(([k, v]) => [el('dt', {}, humanize(k)), el('dd', {}, attributeText(v))]));
    if (attrs.length === 0) this.attributes.replaceChildren(el('dd', { class: 'muted' }, 'None'));
    const fieldset = this.dialog.querySelector('.detail-controls');
    if (fieldset) fieldset.disabled = isUnavailable(entity);
    this.controls.forEach((c) => c.update(entity));
    this.#fillForm(entity, false);
  }

  #customisationForm(entity) {
    const listId = uid('areas');
    const input = (field, label, extra = {}) => {
      const id = `entity-${field}`;
      return el('div', { class: 'field' }, el('label', { for: id }, label),
        el('input', { id, name: field, maxlength: field === 'icon' ? 64 : 255, autocomplete: 'off', ...extra }),
        el('p', { class: 'field-error', id: `${id}-error` }));
    };
    this.error = el('p', { class: 'form-error', role: 'alert' });
    this.form = el('form', { class: 'customise', 'aria-labelledby': 'entity-customise-title', novalidate: true,
      onsubmit: (e) => {
        e.preventDefault();
        this.#save();
      } },
    el('h3', { id: 'entity-customise-title' }, 'Customise'),
    el('p', { class: 'muted' }, 'Kept by PMA whatever the adapter reports. Leave a field empty to use the adapter\'s value.'),
    el('div', { class: 'customise-fields' },
      input('name', 'Name'),
      input('area', 'Area', { list: listId }),
      input('icon', 'Icon (an emoji)')),
    el('datalist', { id: listId }, this.areas().map((a) => el('option', { value: a }))),
    el('label', { class: 'check' }, el('input', { type: 'checkbox', name: 'hidden', id: 'entity-hidden' }), 'Hide on the board'),
    this.error,
    el('div', { class: 'button-row' },
      el('button', { type: 'submit', class: 'button button-primary' }, 'Save'),
      el('button', { type: 'button', class: 'button', onclick: () => this.#reset() }, 'Reset to the adapter\'s values')));
    this.form.addEventListener('input', () => { this.form.dataset.dirty = 'true'; });
    this.#fillForm(entity, true);
    return this.form;
  }

  /** Shows the entity's labels in the form, unless the user is editing it (then `force` only). */
  #fillForm(entity, force) {
    if (!this.form || (!force && this.form.dataset.dirty === 'true')) return;
    for (const field of FIELDS) this.form.elements[field].value = entity[field] ?? '';
    this.form.elements.hidden.checked = Boolean(entity.hidden);
    delete this.form.dataset.dirty;
  }

  async #save() {
    const body = {};
    for (const field of FIELDS) {
      const value = this.form.elements[field].value.trim();
      if (value !== (this.entity[field] ?? '')) body[field] = value === '' ? null : value;
    }
    const hidden = this.form.elements.hidden.checked;
    if (hidden !== Boolean(this.entity.hidden)) body.hidden = hidden;
    if (Object.keys(body).length === 0) {
      setText(this.error, 'Nothing changed.');
      return;
    }
    await this.#patch(body, 'Saved');
  }

  #reset() {
    return this.#patch({ name: null, area: null, icon: null, hidden: null }, 'Reset to the adapter\'s values');
  }

  async #patch(body, done) {
    setText(this.error, '');
    this.form.querySelectorAll('.field-error').forEach((p) => setText(p, ''));
    const id = this.entity.entity_id;
    try {
      const entity = await this.session.api('PATCH', `/api/v1/entities/${encodeURIComponent(id)}`, body);
      delete this.form.dataset.dirty;
      if (this.entity?.entity_id === id) this.#fillForm(entity, true);
      this.toasts.show({ level: 'success', title: done, message: entity.name ?? id });
    } catch (e) {
      const message = e instanceof ApiError ? e.message : `The server cannot be reached: ${e.message}`;
      const field = FIELDS.find((f) => message.includes(`'${f}'`));
      if (field) setText(this.form.querySelector(`#entity-${field}-error`), message);
      setText(this.error, `Not saved: ${message}`);
    }
  }
}
