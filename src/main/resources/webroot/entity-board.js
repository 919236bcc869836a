// The entity cards grouped by area, then by domain. Listens to an EntityStore and keeps the DOM in
// step with it: a snapshot rebuilds the board (reusing cards that still exist), events touch one card.

import { el, uid, humanize } from './dom.js';
import { createCard, domainTitle, DOMAIN_ORDER } from './entity-cards.js';

const NO_AREA = '';

function areaTitle(area) {
  return area === NO_AREA ? 'No area' : humanize(area);
}

function compareAreas(a, b) {
  if (a === NO_AREA) return 1;
  if (b === NO_AREA) return -1;
  return a.localeCompare(b);
}

function compareDomains(a, b) {
  const ia = DOMAIN_ORDER.indexOf(a);
  const ib = DOMAIN_ORDER.indexOf(b);
  if (ia !== ib) return (ia === -1 ? 99 : ia) - (ib === -1 ? 99 : ib);
  return a.localeCompare(b);
}

/** Lets a domain group claim room for its cards, so small groups share a row (see styles.css). */
function sizeGroup(list) {
  list.closest('.domain-group')?.style.setProperty('--cards', String(Math.max(1, list.children.length)));
}

function sortKey(entity) {
  return (entity.name || entity.entity_id).toLocaleLowerCase();
}

/** Inserts `node` into `parent` before the first child whose key sorts after `key`. */
function insertSorted(parent, node, key, compare) {
  node.dataset.sortKey = key;
  const after = [...parent.children].find((child) => compare(child.dataset.sortKey, key) > 0);
  parent.insertBefore(node, after ?? null);
}

export class EntityBoard {
  /** `root` receives the area sections; `act` sends actions (see createCard); `empty` is shown when there is nothing. */
  constructor({ root, empty, count, act }) {
    this.root = root;
    this.empty = empty;
    this.count = count;
    this.act = act;
    this.cards = new Map(); // entity_id -> {card, area, domain}
  }

  attach(store) {
    store.addEventListener('reset', (e) => this.reset(e.detail.entities));
    store.addEventListener('added', (e) => this.upsert(e.detail.entity, true));
    store.addEventListener('changed', (e) => this.upsert(e.detail.entity, true));
    store.addEventListener('removed', (e) => this.remove(e.detail.entity_id));
  }

  reset(entities) {
    const keep = new Set(entities.map((e) => e.entity_id));
    for (const id of [...this.cards.keys()]) if (!keep.has(id)) this.remove(id);
    for (const entity of entities) this.upsert(entity, false);
    this.#refreshSummary();
  }

  upsert(entity, flash) {
    const area = entity.area ?? NO_AREA;
    const domain = entity.domain ?? entity.entity_id.split('.')[0];
    const known = this.cards.get(entity.entity_id);
    if (known && known.area === area && known.domain === domain) {
      known.card.update(entity, { flash });
      return;
    }
    if (known) this.remove(entity.entity_id);
    const card = createCard(entity, this.act);
    const list = this.#domainList(area, domain);
    const item = el('li', { class: 'card-item' }, card.element);
    insertSorted(list, item, sortKey(entity), (a, b) => a.localeCompare(b));
    sizeGroup(list);
    this.cards.set(entity.entity_id, { card, area, domain, item });
    this.#refreshSummary();
  }

  remove(entityId) {
    const known = this.cards.get(entityId);
    if (!known) return;
    this.cards.delete(entityId);
    const list = known.item.parentElement;
    known.item.remove();
    if (list) sizeGroup(list);
    if (list && list.children.length === 0) {
      const domainSection = list.closest('.domain-group');
      const areaSection = domainSection?.closest('.area');
      domainSection?.remove();
      if (areaSection && !areaSection.querySelector('.domain-group')) areaSection.remove();
    }
    this.#refreshSummary();
  }

  #areaSection(area) {
    const existing = [...this.root.children].find((s) => s.dataset.area === area);
    if (existing) return existing;
    const headingId = uid('area');
    const section = el('section', { class: 'area', 'aria-labelledby': headingId, dataset: { area } },
      el('h3', { id: headingId, class: 'area-title' }, areaTitle(area)),
      el('div', { class: 'area-body' }));
    insertSorted(this.root, section, area, compareAreas);
    section.dataset.area = area;
    return section;
  }

  #domainList(area, domain) {
    const section = this.#areaSection(area).querySelector('.area-body');
    const existing = [...section.querySelectorAll(':scope > .domain-group')].find((g) => g.dataset.domain === domain);
    if (existing) return existing.querySelector('ul');
    const headingId = uid('domain');
    const group = el('section', { class: 'domain-group', 'aria-labelledby': headingId, dataset: { domain } },
      el('h4', { id: headingId, class: 'domain-title' }, domainTitle(domain)),
      el('ul', { class: 'cards', role: 'list' }));
    const groups = [...section.querySelectorAll(':scope > .domain-group')];
    const after = groups.find((g) => compareDomains(g.dataset.domain, domain) > 0);
    section.insertBefore(group, after ?? null);
    return group.querySelector('ul');
  }

  #refreshSummary() {
    const size = this.cards.size;
    this.empty.hidden = size > 0;
    this.count.textContent = size === 1 ? '1 device' : `${size} devices`;
  }
}
