// One card per entity: name, state, a detail line and the controls its domain supports.
// A card is built once and then updated in place, so keyboard focus and a slider being dragged
// survive the live updates. Actions go to the server; the card changes only when the resulting
// WebSocket event arrives.

import { el, uid, humanize, setText, shortTime } from './dom.js';
import { switchControl, sliderControl, buttonRow, numberForm, selectControl } from './controls.js';

/** Domains in the order they are shown inside an area; the rest follow alphabetically. */
export const DOMAIN_ORDER = ['light', 'switch', 'fan', 'cover', 'climate', 'lock', 'sensor', 'binary_sensor'];

const DOMAIN_TITLES = {
  light: 'Lights', switch: 'Switches', fan: 'Fans', cover: 'Covers', climate: 'Climate',
  lock: 'Locks', sensor: 'Sensors', binary_sensor: 'Binary sensors',
};

export function domainTitle(domain) {
  return DOMAIN_TITLES[domain] ?? humanize(domain);
}

const percent = (value, full) => `${Math.round((Number(value) / full) * 100)}%`;
const isUnavailable = (e) => e.available === false || e.state === 'unavailable';

/** Builds the controls for one domain; `run(action, parameters)` sends an action. */
const CONTROLS = {
  light: (entity, nameId, run) => {
    const controls = [switchControl({
      label: 'Power', labelledBy: nameId, isOn: (e) => e.state === 'on',
      toggle: (e) => run(e.state === 'on' ? 'turn_off' : 'turn_on'),
    })];
    const modes = entity.attributes?.supported_color_modes;
    if (!(Array.isArray(modes) && modes.length === 1 && modes[0] === 'onoff')) {
      controls.push(sliderControl({
        label: 'Brightness', labelledBy: nameId, min: 0, max: 255,
        read: (e) => (e.state === 'on' ? Number(e.attributes?.brightness ?? 255) : 0),
        format: (v) => percent(v, 255),
        commit: (v) => run('set_brightness', { brightness: v }),
      }));
    }
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
  })],
};

function powerSwitch(nameId, run) {
  return switchControl({
    label: 'Power', labelledBy: nameId, isOn: (e) => e.state === 'on',
    toggle: (e) => run(e.state === 'on' ? 'turn_off' : 'turn_on'),
  });
}

function stateText(entity) {
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

function detailText(entity) {
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

/**
 * Creates the card for `entity`. `act(entityId, action, parameters)` returns a promise that
 * rejects when the server refused the action; the card then shows the server's state again.
 */
export function createCard(entity, act) {
  const nameId = uid('entity-name');
  const name = el('h5', { class: 'card-name', id: nameId }, entity.name || entity.entity_id);
  const state = el('span', { class: 'card-state' });
  const detail = el('p', { class: 'card-detail' });
  const changed = el('time', { class: 'card-changed' });
  const card = el(
    'article',
    { class: 'card', 'aria-labelledby': nameId, dataset: { entityId: entity.entity_id, domain: entity.domain } },
    el('header', { class: 'card-head' }, name, state),
    detail,
  );
  let current = entity;
  const run = (action, parameters) => {
    card.setAttribute('aria-busy', 'true');
    return act(current.entity_id, action, parameters)
      .catch(() => controls.forEach((c) => c.reset()))
      .finally(() => card.removeAttribute('aria-busy'));
  };
  const controls = (CONTROLS[entity.domain] ?? (() => []))(entity, nameId, run);
  let fieldset = null;
  if (controls.length > 0) {
    fieldset = el('fieldset', { class: 'card-controls' },
      el('legend', { class: 'visually-hidden' }, `${entity.name || entity.entity_id} controls`),
      controls.map((c) => c.element));
    card.append(fieldset);
  }
  card.append(el('p', { class: 'card-foot' }, el('span', { class: 'entity-id' }, entity.entity_id), changed));

  function update(next, { flash = false } = {}) {
    current = next;
    setText(name, next.name || next.entity_id);
    setText(state, stateText(next));
    setText(detail, detailText(next));
    detail.hidden = detail.textContent === '';
    setText(changed, shortTime(next.last_changed));
    changed.dateTime = next.last_changed ?? '';
    card.dataset.state = next.state ?? '';
    card.classList.toggle('is-on', ['on', 'open', 'unlocked', 'heat', 'cool', 'heat_cool', 'auto'].includes(next.state));
    card.classList.toggle('is-unavailable', isUnavailable(next));
    if (fieldset) fieldset.disabled = isUnavailable(next);
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
