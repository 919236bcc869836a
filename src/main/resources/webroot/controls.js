// Reusable entity controls: a power switch, a range slider, a button row and a number form.
// Each returns {element, update(entity), reset()}. None of them changes what it shows on its own:
// the state shown always comes from update(), i.e. from the server's events.

import { el, uid, setText } from './dom.js';

/** A role="switch" button; `isOn(entity)` decides the checked state, `toggle(entity)` acts. */
export function switchControl({ label, labelledBy, isOn, toggle }) {
  const labelId = uid('switch-label');
  let current = null;
  const button = el(
    'button',
    {
      type: 'button',
      role: 'switch',
      class: 'switch',
      'aria-checked': 'false',
      'aria-labelledby': `${labelledBy} ${labelId}`,
      onclick: () => current && toggle(current),
    },
    el('span', { class: 'switch-track', 'aria-hidden': 'true' }, el('span', { class: 'switch-thumb' })),
    el('span', { class: 'switch-label', id: labelId }, label),
  );
  return {
    element: button,
    update(entity) {
      current = entity;
      button.setAttribute('aria-checked', String(isOn(entity)));
    },
    reset() {},
  };
}

/**
 * A labelled range input. The value the user is choosing is shown in the <output>; it is sent
 * when the user lets go (the 'change' event, debounced for keyboard repeat), and the slider then
 * follows whatever the server reports.
 */
export function sliderControl({ label, labelledBy, min, max, step = 1, read, format, commit }) {
  const id = uid('range');
  const labelId = uid('range-label');
  const input = el('input', {
    type: 'range', id, min, max, step, class: 'slider', 'aria-labelledby': `${labelledBy} ${labelId}`,
  });
  const output = el('output', { for: id, class: 'slider-value' });
  let editing = false;
  let pending = null;
  let current = null;
  const show = (value) => {
    setText(output, format(value));
    input.setAttribute('aria-valuetext', format(value));
  };
  input.addEventListener('input', () => {
    editing = true;
    show(Number(input.value));
  });
  input.addEventListener('change', () => {
    clearTimeout(pending);
    pending = setTimeout(() => {
      editing = false;
      commit(Number(input.value));
    }, 250);
  });
  const sync = () => {
    if (!current || editing) return;
    const value = read(current);
    input.value = String(value);
    show(value);
  };
  return {
    element: el('div', { class: 'slider-row' }, el('label', { for: id, id: labelId }, label), input, output),
    update(entity) {
      current = entity;
      sync();
    },
    reset() {
      editing = false;
      sync();
    },
  };
}

/** A row of plain buttons, e.g. Open / Stop / Close. `actions` is [{label, run}]. */
export function buttonRow({ labelledBy, actions }) {
  const row = el('div', { class: 'button-row', role: 'group', 'aria-labelledby': labelledBy });
  for (const action of actions) {
    row.append(el('button', { type: 'button', class: 'button', onclick: action.run }, action.label));
  }
  return { element: row, update() {}, reset() {} };
}

/**
 * A small form with a number input and a submit button (climate target temperature). With
 * `stepper`, − and + buttons send the shown value one step down or up at once; like a slider's
 * output the input shows the value being sent, then the server's when its event arrives.
 */
export function numberForm({ label, labelledBy, read, limits, commit, submitLabel = 'Set', stepper = false }) {
  const id = uid('number');
  const labelId = uid('number-label');
  const input = el('input', {
    type: 'number', id, class: 'number', inputmode: 'decimal', 'aria-labelledby': `${labelledBy} ${labelId}`,
  });
  let dirty = false;
  let current = null;
  input.addEventListener('input', () => {
    dirty = true;
  });
  const form = el(
    'form',
    {
      class: 'number-form',
      onsubmit: (event) => {
        event.preventDefault();
        if (!input.checkValidity() || input.value === '') {
          input.reportValidity();
          return;
        }
        dirty = false;
        commit(Number(input.value));
      },
    },
    el('label', { for: id, id: labelId }, label),
    stepper ? stepButton('−', 'Lower', -1) : null,
    input,
    stepper ? stepButton('+', 'Raise', 1) : null,
    // With − and + a typed value is sent with Enter; without them a button sends it.
    stepper ? null : el('button', { type: 'submit', class: 'button' }, submitLabel),
  );
  function stepButton(symbol, word, direction) {
    const wordId = uid('step');
    return el('button', {
      type: 'button', class: 'button step', 'aria-labelledby': `${wordId} ${labelledBy} ${labelId}`,
      onclick: () => {
        if (!current) return;
        const { min, max, step } = limits(current);
        const base = input.value === '' ? Number(read(current) ?? min) : Number(input.value);
        const next = Math.min(max, Math.max(min, Math.round((base + direction * step) / step) * step));
        input.value = String(next);
        dirty = false;
        commit(next);
      },
    }, el('span', { 'aria-hidden': 'true' }, symbol), el('span', { id: wordId, class: 'visually-hidden' }, word));
  }
  const sync = () => {
    if (!current || dirty) return;
    const { min, max, step } = limits(current);
    input.min = String(min);
    input.max = String(max);
    input.step = String(step);
    const value = read(current);
    input.value = value === null || value === undefined ? '' : String(value);
  };
  return {
    element: form,
    update(entity) {
      current = entity;
      sync();
    },
    reset() {
      dirty = false;
      sync();
    },
  };
}

/** A labelled <select>; `options(entity)` lists the values, the choice is sent at once. */
export function selectControl({ label, labelledBy, read, options, format, commit }) {
  const id = uid('select');
  const labelId = uid('select-label');
  const select = el('select', { id, class: 'select', 'aria-labelledby': `${labelledBy} ${labelId}` });
  let current = null;
  select.addEventListener('change', () => commit(select.value));
  const sync = () => {
    if (!current) return;
    const values = options(current);
    if (select.options.length !== values.length || values.some((v, i) => select.options[i].value !== v)) {
      select.replaceChildren(...values.map((v) => el('option', { value: v }, format(v))));
    }
    select.value = read(current);
  };
  return {
    element: el('div', { class: 'select-row' }, el('label', { for: id, id: labelId }, label), select),
    update(entity) {
      current = entity;
      sync();
    },
    reset: sync,
  };
}

const RGB_MODES = ['hs', 'rgb', 'rgbw', 'rgbww', 'xy'];

const hex = (rgb) => `#${rgb.map((c) => Math.max(0, Math.min(255, Math.round(Number(c) || 0))).toString(16).padStart(2, '0')).join('')}`;

/** Hue (0–360) and saturation (0–100) at full value as [r, g, b]. */
function hsToRgb([h, s]) {
  const sat = Number(s) / 100;
  const f = (n) => {
    const k = (n + Number(h) / 60) % 6;
    return 255 * (1 - sat * Math.max(0, Math.min(k, 4 - k, 1)));
  };
  return [f(5), f(3), f(1)];
}

/**
 * Colour controls for a light whose `supported_color_modes` allow them: a colour picker
 * (`set_color {rgb_color}`) and a colour temperature slider in kelvin (`set_color {color_temp_kelvin}`).
 * None for a light that lists no colour modes.
 */
export function colorControls(entity, labelledBy, run) {
  const modes = Array.isArray(entity.attributes?.supported_color_modes) ? entity.attributes.supported_color_modes : [];
  const controls = [];
  if (modes.some((m) => RGB_MODES.includes(m))) controls.push(colorPicker(labelledBy, run));
  if (modes.includes('color_temp')) {
    const a = entity.attributes;
    controls.push(sliderControl({
      label: 'Colour temperature', labelledBy,
      min: a.min_color_temp_kelvin ?? 2000, max: a.max_color_temp_kelvin ?? 6500, step: 50,
      read: (e) => Number(e.attributes?.color_temp_kelvin ?? e.attributes?.min_color_temp_kelvin ?? 2000),
      format: (v) => `${v} K`,
      commit: (v) => run('set_color', { color_temp_kelvin: v }),
    }));
  }
  return controls;
}

function colorPicker(labelledBy, run) {
  const id = uid('color');
  const labelId = uid('color-label');
  const input = el('input', { type: 'color', id, class: 'color', 'aria-labelledby': `${labelledBy} ${labelId}` });
  let current = null;
  const sync = () => {
    const a = current?.attributes ?? {};
    if (Array.isArray(a.rgb_color)) input.value = hex(a.rgb_color);
    else if (Array.isArray(a.hs_color)) input.value = hex(hsToRgb(a.hs_color));
  };
  input.addEventListener('change', () => {
    const v = input.value;
    run('set_color', { rgb_color: [1, 3, 5].map((i) => parseInt(v.slice(i, i + 2), 16)) });
  });
  return {
    element: el('div', { class: 'select-row' }, el('label', { for: id, id: labelId }, 'Colour'), input),
    update(entity) {
      current = entity;
      sync();
    },
    reset: sync,
  };
}
