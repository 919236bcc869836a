// Finding things: the search box (name and id, as you type), the area navigation, the device-type
// filters, "show hidden" and the pinned favourites. Holds the filter; the board applies it.

import { el, setText } from './dom.js';
import { domainTitle, compareDomains } from './entity-cards.js';

const FAVOURITES_KEY = 'pma.favourites';
const ALL = '\u0000all'; // the "All areas" button's value: no real area is called that

/** Pinned entity ids, kept in this browser (localStorage). */
export class Favourites extends EventTarget {
  constructor(storage = window.localStorage) {
    super();
    this.storage = storage;
    this.ids = new Set(this.#read());
  }

  has(entityId) {
    return this.ids.has(entityId);
  }

  toggle(entityId) {
    if (this.ids.has(entityId)) this.ids.delete(entityId);
    else this.ids.add(entityId);
    this.storage.setItem(FAVOURITES_KEY, JSON.stringify([...this.ids]));
    this.dispatchEvent(new CustomEvent('change', { detail: { entityId, pinned: this.ids.has(entityId) } }));
  }

  #read() {
    try {
      const list = JSON.parse(this.storage.getItem(FAVOURITES_KEY) ?? '[]');
      return Array.isArray(list) ? list.filter((id) => typeof id === 'string') : [];
    } catch {
      return [];
    }
  }
}

/** What the board shows: `matches(entity)` decides per card. */
export class Finder extends EventTarget {
  constructor({ search, areaNav, domainFilters, showHidden }) {
    super();
    this.search = search;
    this.areaNav = areaNav;
    this.domainFilters = domainFilters;
    this.showHiddenButton = showHidden;
    this.query = '';
    this.area = null; // null = every area
    this.domains = new Set(); // empty = every domain
    this.showHidden = false;
    search.addEventListener('input', () => {
      this.query = search.value.trim().toLocaleLowerCase();
      this.#changed();
    });
    search.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && search.value) {
        search.value = '';
        this.query = '';
        this.#changed();
      }
    });
    areaNav.addEventListener('click', (e) => this.#pickArea(e));
    domainFilters.addEventListener('click', (e) => this.#toggleDomain(e));
    showHidden.addEventListener('click', () => {
      this.showHidden = !this.showHidden;
      showHidden.setAttribute('aria-pressed', String(this.showHidden));
      this.#changed();
    });
  }

  matches(entity) {
    if (entity.hidden && !this.showHidden) return false;
    if (this.area !== null && (entity.area ?? '') !== this.area) return false;
    if (this.domains.size > 0 && !this.domains.has(entity.domain)) return false;
    if (!this.query) return true;
    return entity.entity_id.toLocaleLowerCase().includes(this.query)
      || (entity.name ?? '').toLocaleLowerCase().includes(this.query);
  }

  /** Rebuilds the area and domain buttons from what exists (`areas` sorted, '' = no area). */
  options({ areas, domains, hiddenCount }) {
    if (this.area !== null && !areas.includes(this.area)) this.area = null;
    for (const d of [...this.domains]) if (!domains.includes(d)) this.domains.delete(d);
    const chip = (label, value, pressed) => el('button', {
      type: 'button', class: 'chip', 'aria-pressed': String(pressed), dataset: { value },
    }, label);
    this.#replace(this.areaNav, [chip('All areas', ALL, this.area === null),
      ...areas.map((a) => chip(a === '' ? 'No area' : a, a, this.area === a))]);
    this.#replace(this.domainFilters, [...domains].sort(compareDomains)
      .map((d) => chip(domainTitle(d), d, this.domains.has(d))));
    this.showHiddenButton.hidden = hiddenCount === 0 && !this.showHidden;
    setText(this.showHiddenButton, `Show hidden (${hiddenCount})`);
  }

  #pickArea(event) {
    const button = event.target.closest('button');
    if (!button) return;
    this.area = button.dataset.value === ALL ? null : button.dataset.value;
    this.#changed();
  }

  #toggleDomain(event) {
    const button = event.target.closest('button');
    if (!button) return;
    const domain = button.dataset.value;
    if (this.domains.has(domain)) this.domains.delete(domain);
    else this.domains.add(domain);
    this.#changed();
  }

  /** Replaces buttons only when their labels changed, so keyboard focus stays where it is. */
  #replace(parent, buttons) {
    const same = parent.children.length === buttons.length
      && buttons.every((b, i) => parent.children[i].dataset.value === b.dataset.value
        && parent.children[i].textContent === b.textContent);
    if (!same) {
      parent.replaceChildren(...buttons);
      return;
    }
    buttons.forEach((b, i) => parent.children[i].setAttribute('aria-pressed', b.getAttribute('aria-pressed')));
  }

  #changed() {
    this.dispatchEvent(new Event('change'));
  }
}
