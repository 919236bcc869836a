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

/** A small form with a number input and a submit button (climate target temperature). */
export function numberForm({ label, labelledBy, read, limits, commit, submitLabel = 'Set' }) {
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
    input,
    el('button', { type: 'submit', class: 'button' }, submitLabel),
  );
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
