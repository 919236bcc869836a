// The entity cards grouped by area, then by domain, with the pinned favourites first. Listens to an
// EntityStore and keeps the DOM in step with it: a snapshot rebuilds the board (reusing cards that
// still exist), events touch one card. The Finder's filter shows or hides cards without rebuilding.

import { el, uid, setText } from './dom.js';
import { createCard, domainTitle, compareDomains } from './entity-cards.js';

const NO_AREA = '';
const FAVOURITES = '\u0000favourites'; // sorts before every real area

function areaTitle(area) {
  if (area === FAVOURITES) return 'Favourites';
  return area === NO_AREA ? 'No area' : area;
}

function compareAreas(a, b) {
  if (a === b) return 0;
  if (a === FAVOURITES || b === NO_AREA) return -1;
  if (b === FAVOURITES || a === NO_AREA) return 1;
  return a.localeCompare(b);
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
  /**
   * `root` receives the area sections; `act` sends actions and `open` shows an entity's details
   * (see createCard); `empty` is shown when there is nothing, `noneMatch` when the filter hides all.
   */
  constructor({ root, empty, noneMatch, count, act, open, finder, favourites }) {
    this.root = root;
    this.empty = empty;
    this.noneMatch = noneMatch;
    this.count = count;
    this.cardOptions = { act, open, favourites };
    this.finder = finder;
    this.favourites = favourites;
    this.cards = new Map(); // entity_id -> {card, area, domain, item}
    this.pendingRefresh = false;
    finder.addEventListener('change', () => this.#refresh());
    favourites.addEventListener('change', (e) => {
      const known = this.cards.get(e.detail.entityId);
      if (known) this.upsert(known.card.entity, false);
    });
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
    this.#refresh();
  }

  upsert(entity, flash) {
    const area = this.favourites.has(entity.entity_id) ? FAVOURITES : entity.area ?? NO_AREA;
    const domain = entity.domain ?? entity.entity_id.split('.')[0];
    const known = this.cards.get(entity.entity_id);
    if (known && known.area === area && known.domain === domain) {
      known.card.update(entity, { flash });
      this.#show(known);
      this.#scheduleRefresh();
      return;
    }
    if (known) this.remove(entity.entity_id);
    const card = known?.card ?? createCard(entity, this.cardOptions);
    if (known) card.update(entity, { flash });
    const list = this.#domainList(area, domain);
    const item = known?.item ?? el('li', { class: 'card-item' }, card.element);
    insertSorted(list, item, sortKey(entity), (a, b) => a.localeCompare(b));
    const entry = { card, area, domain, item };
    this.cards.set(entity.entity_id, entry);
    this.#show(entry);
    this.#scheduleRefresh();
  }

  remove(entityId) {
    const known = this.cards.get(entityId);
    if (!known) return;
    this.cards.delete(entityId);
    const list = known.item.parentElement;
    known.item.remove();
    if (list && list.children.length === 0) {
      const domainSection = list.closest('.domain-group');
      const areaSection = domainSection?.closest('.area');
      domainSection?.remove();
      if (areaSection && !areaSection.querySelector('.domain-group')) areaSection.remove();
    }
    this.#scheduleRefresh();
  }

  /** The entity ids shown right now, in page order (for tests and keyboard users' orientation). */
  visibleIds() {
    return [...this.root.querySelectorAll('.card-item:not([hidden]) .card')].map((c) => c.dataset.entityId);
  }

  #show({ card, item }) {
    item.hidden = !this.finder.matches(card.entity);
  }

  /** Many events in one task (a snapshot, a burst) refresh the summary once. */
  #scheduleRefresh() {
    if (this.pendingRefresh) return;
    this.pendingRefresh = true;
    queueMicrotask(() => this.#refresh());
  }

  #refresh() {
    this.pendingRefresh = false;
    const areas = new Set();
    const domains = new Set();
    let hidden = 0;
    let shown = 0;
    for (const entry of this.cards.values()) {
      const entity = entry.card.entity;
      areas.add(entity.area ?? NO_AREA);
      domains.add(entry.domain);
      if (entity.hidden) hidden += 1;
      this.#show(entry);
      if (!entry.item.hidden) shown += 1;
    }
    for (const group of this.root.querySelectorAll('.domain-group')) {
      group.hidden = !group.querySelector('.card-item:not([hidden])');
    }
    for (const section of this.root.querySelectorAll('.area')) {
      section.hidden = !section.querySelector('.domain-group:not([hidden])');
    }
    this.finder.options({ areas: [...areas].sort(compareAreas), domains: [...domains], hiddenCount: hidden });
    const size = this.cards.size;
    this.empty.hidden = size > 0;
    this.noneMatch.hidden = size === 0 || shown > 0;
    setText(this.count, shown === size ? `${size} ${size === 1 ? 'device' : 'devices'}` : `${shown} of ${size} devices`);
  }

  #areaSection(area) {
    const existing = [...this.root.children].find((s) => s.dataset.area === area);
    if (existing) return existing;
    const headingId = uid('area');
    const section = el('section', { class: area === FAVOURITES ? 'area favourites' : 'area', 'aria-labelledby': headingId },
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
      el('h4', { id: headingId, class: 'domain-title visually-hidden' }, domainTitle(domain)),
      el('ul', { class: 'cards', role: 'list' }));
    const groups = [...section.querySelectorAll(':scope > .domain-group')];
    const after = groups.find((g) => compareDomains(g.dataset.domain, domain) > 0);
    section.insertBefore(group, after ?? null);
    return group.querySelector('ul');
  }
}
