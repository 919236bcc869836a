// One card per entity: name, state, a detail line and the controls its domain supports.
// A card is built once and then updated in place, so keyboard focus and a slider being dragged
// survive the live updates. Actions go to the server; the card changes only when the resulting
// WebSocket event arrives.

import { el, uid, humanize, setText } from './dom.js';
import { switchControl, sliderControl, buttonRow, numberForm, selectControl, colorControls } from './controls.js';

/** Domains in the order they are shown inside an area; the rest follow alphabetically. */
export const DOMAIN_ORDER = ['light', 'switch', 'fan', 'cover', 'climate', 'lock', 'sensor', 'binary_sensor'];

const DOMAIN_TITLES = {
  light: 'Lights', switch: 'Switches', fan: 'Fans', cover: 'Covers', climate: 'Climate',
  lock: 'Locks', sensor: 'Sensors', binary_sensor: 'Binary sensors',
};

export function domainTitle(domain) {
  return DOMAIN_TITLES[domain] ?? humanize(domain);
}

export function compareDomains(a, b) {
  const ia = DOMAIN_ORDER.indexOf(a);
  const ib = DOMAIN_ORDER.indexOf(b);
  if (ia !== ib) return (ia === -1 ? 99 : ia) - (ib === -1 ? 99 : ib);
  return a.localeCompare(b);
}

/** Brightness 0–255 (the action's unit) as the whole percent a person reads, and back. */
export const brightnessPercent = (brightness) => Math.round((Number(brightness) / 255) * 100);
export const brightnessFromPercent = (pct) => Math.round((Number(pct) / 100) * 255);

const percent = (value, full) => `${Math.round((Number(value) / full) * 100)}%`;
export const isUnavailable = (e) => e.available === false || e.state === 'unavailable';

/** Builds the controls for one domain; `run(action, parameters)` sends an action. */
const CONTROLS = {
  light: (entity, nameId, run, detailed) => {
    const controls = [switchControl({
      label: 'Power', labelledBy: nameId, isOn: (e) => e.state === 'on',
      toggle: (e) => run(e.state === 'on' ? 'turn_off' : 'turn_on'),
    })];
    const modes = entity.attributes?.supported_color_modes;
    if (!(Array.isArray(modes) && modes.length === 1 && modes[0] === 'onoff')) {
      // The slider moves in the unit it shows (%); the action takes 0–255.
      controls.push(sliderControl({
        label: 'Brightness', labelledBy: nameId, min: 0, max: 100,
        read: (e) => (e.state === 'on' ? brightnessPercent(e.attributes?.brightness ?? 255) : 0),
        format: (v) => `${v}%`,
        commit: (v) => run('set_brightness', { brightness: brightnessFromPercent(v) }),
      }));
    }
    if (detailed) controls.push(...colorControls(entity, nameId, run));
    return controls;
  },
  switch: (entity, nameId, run) => [powerSwitch(nameId, run)],
  fan: (entity, nameId, run) => {
    const controls = [powerSwitch(nameId, run)];
    if (entity.attributes && 'percentage' in entity.attributes) {
      controls.push(sliderControl({
        label: 'Speed', labelledBy: nameId, min: 0, max: 100, step: 10,
        read: (e) => Number(e.attributes?.percentage ?? 0),
        format: (v) => `${v}%`,
        commit: (v) => run('set_percentage', { percentage: v }),
      }));
    }
    return controls;
  },
  lock: (entity, nameId, run) => [switchControl({
    label: 'Locked', labelledBy: nameId, isOn: (e) => e.state === 'locked',
    toggle: (e) => run(e.state === 'locked' ? 'unlock' : 'lock'),
  })],
  cover: (entity, nameId, run) => {
    const controls = [buttonRow({
      labelledBy: nameId,
      actions: [
        { label: 'Open', run: () => run('open') },
        { label: 'Stop', run: () => run('stop') },
        { label: 'Close', run: () => run('close') },
      ],
    })];
    if (entity.attributes && 'current_position' in entity.attributes) {
      controls.push(sliderControl({
        label: 'Position', labelledBy: nameId, min: 0, max: 100,
        read: (e) => Number(e.attributes?.current_position ?? 0),
        format: (v) => `${v}%`,
        commit: (v) => run('set_position', { position: v }),
      }));
    }
    return controls;
  },
  climate: (entity, nameId, run) => [selectControl({
    label: 'Mode', labelledBy: nameId,
    read: (e) => e.state,
    options: (e) => (Array.isArray(e.attributes?.hvac_modes) ? e.attributes.hvac_modes : [e.state]),
    format: humanize,
    commit: (mode) => run('set_hvac_mode', { hvac_mode: mode }),
  }), numberForm({
    label: `Target ${entity.attributes?.unit_of_measurement ?? '°C'}`, labelledBy: nameId,
    read: (e) => e.attributes?.temperature,
    limits: (e) => ({
      min: e.attributes?.min_temp ?? 5, max: e.attributes?.max_temp ?? 35, step: e.attributes?.target_temp_step ?? 0.5,
    }),
    commit: (v) => run('set_temperature', { temperature: v }),
    stepper: true,
  })],
};

/**
 * The controls of `entity`'s domain, each {element, update, reset}; `detailed` (the detail view)
 * adds the ones a card has no room for (colour).
 */
export function buildControls(entity, nameId, run, detailed = false) {
  return (CONTROLS[entity.domain] ?? (() => []))(entity, nameId, run, detailed);
}

function powerSwitch(nameId, run) {
  return switchControl({
    label: 'Power', labelledBy: nameId, isOn: (e) => e.state === 'on',
    toggle: (e) => run(e.state === 'on' ? 'turn_off' : 'turn_on'),
  });
}

export function stateText(entity) {
  if (isUnavailable(entity)) return 'Unavailable';
  const unit = entity.attributes?.unit_of_measurement;
  if (entity.domain === 'binary_sensor' && entity.attributes?.device_class === 'motion') {
    return entity.state === 'on' ? 'Motion' : 'Clear';
  }
  if (unit && entity.state !== null && entity.state !== '' && !Number.isNaN(Number(entity.state))) {
    return `${entity.state} ${unit}`;
  }
  return humanize(entity.state ?? 'unknown');
}

export function detailText(entity) {
  const a = entity.attributes ?? {};
  switch (entity.domain) {
    case 'light':
      return entity.state === 'on' && a.brightness !== undefined && a.brightness !== null
        ? `Brightness ${percent(a.brightness, 255)}` : '';
    case 'cover':
      return a.current_position !== undefined ? `${a.current_position}% open` : '';
    case 'fan':
      return entity.state === 'on' && a.percentage !== undefined ? `Speed ${a.percentage}%` : '';
    case 'climate': {
      const unit = a.unit_of_measurement ?? '°C';
      const now = a.current_temperature !== undefined ? `Now ${a.current_temperature} ${unit}` : '';
      const target = a.temperature !== undefined && a.temperature !== null ? `target ${a.temperature} ${unit}` : '';
      return [now, target].filter(Boolean).join(' · ');
    }
    default:
      return a.device_class ? humanize(a.device_class) : '';
  }
}

/** A short icon (an emoji) is shown beside the name; names such as "mdi:sofa" need an icon font and are not. */
export function iconText(entity) {
  const icon = entity.icon ?? '';
  return icon && !icon.includes(':') && [...icon].length <= 4 ? icon : '';
}

/**
 * Creates the card for `entity`. `act(entityId, action, parameters)` returns a promise that
 * rejects when the server refused the action; the card then shows the server's state again.
 * `open(entityId)` shows the detail view; `favourites` tells whether the card is pinned.
 */
export function createCard(entity, { act, open, favourites }) {
  const nameId = uid('entity-name');
  const icon = el('span', { class: 'card-icon', 'aria-hidden': 'true' });
  const nameText = el('span', { class: 'card-name-text' });
  // Pinned cards show a star; pinning and unpinning is in the detail view.
  const pin = el('span', { class: 'pin-mark', 'aria-hidden': 'true' });

  const opener = el('button', {
    type: 'button', class: 'card-open', 'aria-haspopup': 'dialog', onclick: () => open(current.entity_id),
  }, icon, nameText, pin);
  const name = el('h5', { class: 'card-name', id: nameId }, opener);
  const state = el('span', { class: 'card-state' });
  const detail = el('span', { class: 'card-detail' });
  const card = el(
    'article',
    { class: 'card', 'aria-labelledby': nameId, dataset: { entityId: entity.entity_id, domain: entity.domain } },
    el('header', { class: 'card-head' },
      el('div', { class: 'card-title' }, name, el('p', { class: 'card-status' }, state, detail))),
  );
  let current = entity;
  const headControls = [];
  const run = (action, parameters) => {
    card.setAttribute('aria-busy', 'true');
    return act(current.entity_id, action, parameters)
      .catch(() => [...headControls, ...controls].forEach((c) => c.reset()))
      .finally(() => card.removeAttribute('aria-busy'));
  };
  const controls = buildControls(entity, nameId, run);
  // A power (or lock) switch sits in the card's header row, its word visually hidden: the card stays one line.
  if (controls[0]?.element.getAttribute('role') === 'switch') {
    const power = controls.shift();
    power.element.classList.add('switch-compact');
    card.querySelector('.card-head').append(power.element);
    headControls.push(power);
  }
  let fieldset = null;
  if (controls.length > 0) {
    fieldset = el('fieldset', { class: 'card-controls' },
      el('legend', { class: 'visually-hidden' }, `${entity.name || entity.entity_id} controls`),
      controls.map((c) => c.element));
    card.append(fieldset);
  }

  function update(next, { flash = false } = {}) {
    current = next;
    const label = next.name || next.entity_id;
    setText(nameText, label);
    setText(icon, iconText(next));
    icon.hidden = icon.textContent === '';
    setText(state, stateText(next));
    // Sensors say it all in their state; their device class is in the detail view.
    setText(detail, ['sensor', 'binary_sensor'].includes(next.domain) ? '' : detailText(next));
    detail.hidden = detail.textContent === '';
    setText(pin, favourites.has(next.entity_id) ? '★' : '');
    opener.title = `${next.entity_id}: details`;
    card.dataset.state = next.state ?? '';
    card.classList.toggle('is-on', ['on', 'open', 'unlocked', 'heat', 'cool', 'heat_cool', 'auto'].includes(next.state));
    card.classList.toggle('is-unavailable', isUnavailable(next));
    card.classList.toggle('is-hidden', Boolean(next.hidden));
    if (fieldset) fieldset.disabled = isUnavailable(next);
    headControls.forEach((c) => {
      c.element.disabled = isUnavailable(next);
      c.update(next);
    });
    controls.forEach((c) => c.update(next));
    if (flash) {
      card.classList.remove('flash');
      void card.offsetWidth; // restart the highlight animation
      card.classList.add('flash');
    }
  }

  update(entity);
  return { element: card, update, get entity() { return current; } };
}
