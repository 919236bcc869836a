// The automation editor page: the rules with enable/disable, run now, edit, duplicate and delete; a
// form for triggers, conditions and actions (entity pickers, durations, times) or the raw JSON; the
// server's 422 invalid_params shown at the field they name; each rule's runs with their step traces.
// The rule format is docs/AUTOMATIONS.md; the form edits that document directly.

import { el, uid, humanize, setText, shortTime } from './dom.js';
import { ApiError } from './session.js';

const LEVELS = ['info', 'success', 'warning', 'error'];

// Fields per type: [name, kind, label]. Kinds: entity (id picker), text, list (comma-separated:
// one value or a list), number, duration ("2s", "5m"), time (HH:MM), bool, select:<a|b>, json.
// A type the form does not know (choose, and/or/not…) is edited as the item's JSON.
const TRIGGERS = {
  state: [['entity_id', 'entity', 'Entity'], ['from', 'list', 'From'], ['to', 'list', 'To'], ['for', 'duration', 'For'], ['attribute', 'text', 'Attribute']],
  numeric: [['entity_id', 'entity', 'Entity'], ['above', 'number', 'Above'], ['below', 'number', 'Below'], ['for', 'duration', 'For'], ['attribute', 'text', 'Attribute']],
  time: [['at', 'time', 'At']],
  cron: [['cron', 'text', 'Cron (min hour day month weekday)']],
  interval: [['every', 'duration', 'Every']],
  event: [['event_type', 'text', 'Event type'], ['data', 'json', 'Data (JSON)']],
  manual: [],
};
const CONDITIONS = {
  state: [['entity_id', 'entity', 'Entity'], ['state', 'list', 'State'], ['for', 'duration', 'For'], ['attribute', 'text', 'Attribute']],
  numeric: [['entity_id', 'entity', 'Entity'], ['above', 'number', 'Above'], ['below', 'number', 'Below'], ['attribute', 'text', 'Attribute']],
  time: [['after', 'time', 'After'], ['before', 'time', 'Before']],
};
const ACTIONS = {
  entity_action: [['entity_id', 'entity', 'Entity'], ['action', 'text', 'Action'], ['parameters', 'json', 'Parameters (JSON)']],
  notify: [['title', 'text', 'Title'], ['message', 'text', 'Message'], ['level', `select:${LEVELS.join('|')}`, 'Level']],
  delay: [['delay', 'duration', 'Delay']],
  wait_for_state: [['entity_id', 'entity', 'Entity'], ['state', 'list', 'State'], ['timeout', 'duration', 'Timeout'], ['continue_on_timeout', 'bool', 'Continue on timeout']],
  fire_event: [['event_type', 'text', 'Event type'], ['data', 'json', 'Data (JSON)']],
};
const SECTIONS = [
  { key: 'triggers', title: 'Triggers', types: TRIGGERS, first: 'state', noun: 'trigger' },
  { key: 'conditions', title: 'Conditions', types: CONDITIONS, first: 'state', noun: 'condition' },
  { key: 'actions', title: 'Actions', types: ACTIONS, first: 'entity_action', noun: 'action' },
];
const JSON_TYPE = '(JSON)';

function newRule() {
  return { name: '', enabled: true, mode: 'single', triggers: [{ type: 'state' }], conditions: [], actions: [{ type: 'entity_action' }] };
}

/** The editable part of a rule (server-set fields left out). */
function editable(rule) {
  const { created_at: _c, updated_at: _u, ...rest } = rule;
  return structuredClone(rest);
}

function displayValue(kind, value) {
  if (value === undefined || value === null) return '';
  if (kind === 'json') return JSON.stringify(value);
  if (kind === 'list' && Array.isArray(value)) return value.join(', ');
  return String(value);
}

/** Reads one input into the rule's value; '' means "not set". Throws a message for bad JSON. */
function parseValue(kind, text) {
  const value = text.trim();
  if (value === '') return undefined;
  if (kind === 'number') return Number.isNaN(Number(value)) ? value : Number(value);
  if (kind === 'json') {
    try {
      return JSON.parse(value);
    } catch {
      throw new Error('is not valid JSON');
    }
  }
  if (kind === 'list' && value.includes(',')) return value.split(',').map((v) => v.trim()).filter(Boolean);
  return value;
}

export class AutomationEditor {
  /** `root` is the page's container; `entities()` lists [{entity_id, name}] for the pickers. */
  constructor({ root, session, toasts, entities }) {
    this.root = root;
    this.session = session;
    this.toasts = toasts;
    this.entities = entities;
    this.rules = [];
    this.editing = null; // {rule, id|null, json: boolean}
    this.list = el('ul', { class: 'rule-list', role: 'list' });
    this.note = el('p', { class: 'muted' });
    this.editorBox = el('div', { class: 'rule-editor-box' });
    this.pickerId = uid('entity-options');
    this.picker = el('datalist', { id: this.pickerId });
    root.replaceChildren(
      el('div', { class: 'section-head' }, el('h2', { id: 'automations-page-title' }, 'Automations'),
        el('button', { type: 'button', class: 'button button-primary', onclick: () => this.edit(null) }, 'New automation')),
      this.note, this.list, this.editorBox, this.picker);
  }

  async load() {
    try {
      const body = await this.session.api('GET', '/api/v1/automations');
      this.rules = Array.isArray(body) ? body : body?.automations ?? [];
      setText(this.note, this.rules.length === 0 ? 'No automations yet. Create one with "New automation".' : '');
    } catch (e) {
      this.rules = [];
      setText(this.note, e instanceof ApiError && e.status === 404 ? 'Automations are not available on this server.'
        : `Automations could not be loaded: ${e.message}`);
    }
    this.#renderList();
  }

  /** An automation_triggered event: the rule's runs may be on screen. */
  triggered(data) {
    if (this.editing?.id === data.automation_id) setTimeout(() => this.#loadRuns(data.automation_id), 300);
  }

  #renderList() {
    this.list.replaceChildren(...this.rules.map((rule) => {
      const nameId = uid('rule-name');
      const enabled = rule.enabled !== false;
      return el('li', { class: 'rule', dataset: { automationId: rule.id, enabled: String(enabled) } },
        el('span', { class: 'rule-name', id: nameId }, rule.name || rule.id),
        el('span', { class: 'muted rule-summary' }, `${rule.triggers?.length ?? 0} trigger(s) · ${rule.actions?.length ?? 0} action(s) · ${rule.mode ?? 'single'}`),
        el('div', { class: 'button-row', role: 'group', 'aria-labelledby': nameId },
          el('button', { type: 'button', role: 'switch', class: 'switch', 'aria-checked': String(enabled),
            'aria-labelledby': `${nameId} ${nameId}-en`, onclick: () => this.#post(rule, enabled ? 'disable' : 'enable') },
          el('span', { class: 'switch-track', 'aria-hidden': 'true' }, el('span', { class: 'switch-thumb' })),
          el('span', { class: 'switch-label', id: `${nameId}-en` }, 'Enabled')),
          this.#button('Run now', nameId, () => this.#run(rule)),
          this.#button('Edit', nameId, () => this.edit(rule)),
          this.#button('Duplicate', nameId, () => this.#duplicate(rule)),
          this.#button('Delete', nameId, () => this.#delete(rule))));
    }));
  }

  #button(label, nameId, onclick) {
    const wordId = uid('word');
    return el('button', { type: 'button', class: 'button', 'aria-labelledby': `${wordId} ${nameId}`, onclick },
      el('span', { id: wordId }, label));
  }

  async #post(rule, what) {
    try {
      await this.session.api('POST', `/api/v1/automations/${encodeURIComponent(rule.id)}/${what}`);
      await this.load();
    } catch (e) {
      this.toasts.show({ level: 'error', title: `${humanize(what)} failed`, message: `${rule.name}: ${e.message}` });
    }
  }

  async #run(rule) {
    try {
      const answer = await this.session.api('POST', `/api/v1/automations/${encodeURIComponent(rule.id)}/trigger`, {});
      this.toasts.show({ level: 'info', title: `${rule.name}: ${humanize(answer?.status ?? 'started')}`, message: 'Run now' });
      if (this.editing?.id !== rule.id) this.edit(rule);
      setTimeout(() => this.#loadRuns(rule.id), 300);
    } catch (e) {
      this.toasts.show({ level: 'error', title: 'Run now failed', message: `${rule.name}: ${e.message}` });
    }
  }

  #duplicate(rule) {
    const copy = editable(rule);
    delete copy.id;
    copy.name = `${rule.name} (copy)`;
    this.edit(null, copy);
  }

  async #delete(rule) {
    if (!window.confirm(`Delete the automation "${rule.name}"?`)) return;
    try {
      await this.session.api('DELETE', `/api/v1/automations/${encodeURIComponent(rule.id)}`);
      if (this.editing?.id === rule.id) this.#closeEditor();
      await this.load();
    } catch (e) {
      this.toasts.show({ level: 'error', title: 'Delete failed', message: `${rule.name}: ${e.message}` });
    }
  }

  /** Opens the editor: `rule` null for a new one (optionally prefilled with `draft`). */
  edit(rule, draft = null) {
    this.picker.replaceChildren(...this.entities().map((e) => el('option', { value: e.entity_id }, e.name ?? '')));
    this.editing = { id: rule?.id ?? null, rule: rule ? editable(rule) : draft ?? newRule(), json: false };
    this.#renderEditor();
    this.editorBox.querySelector('input, textarea')?.focus();
    if (rule) this.#loadRuns(rule.id);
  }

  #closeEditor() {
    this.editing = null;
    this.editorBox.replaceChildren();
  }

  #renderEditor() {
    const { rule, id, json } = this.editing;
    const titleId = uid('editor-title');
    this.formError = el('div', { class: 'form-error', role: 'alert' });
    this.runs = el('div', { class: 'runs' });
    const body = json
      ? el('div', { class: 'field' }, el('label', { for: 'rule-json' }, 'Rule (JSON)'),
        el('textarea', { id: 'rule-json', class: 'rule-json', rows: 18, spellcheck: 'false' }, JSON.stringify(rule, null, 2)))
      : this.#formFields(rule);
    const form = el('form', { class: 'rule-editor', 'aria-labelledby': titleId, novalidate: true,
      onsubmit: (e) => {
        e.preventDefault();
        this.#save();
      } },
    el('div', { class: 'section-head' },
      el('h3', { id: titleId }, id ? `Edit "${rule.name}"` : 'New automation'),
      el('button', { type: 'button', class: 'button button-quiet', 'aria-pressed': String(json),
        onclick: () => this.#toggleJson() }, json ? 'Edit as form' : 'Edit as JSON')),
    body, this.formError,
    el('div', { class: 'button-row' },
      el('button', { type: 'submit', class: 'button button-primary' }, 'Save'),
      el('button', { type: 'button', class: 'button', onclick: () => this.#closeEditor() }, 'Cancel')));
    this.form = form;
    this.editorBox.replaceChildren(form, id ? el('section', { 'aria-label': 'Runs' }, el('h3', {}, 'Runs'), this.runs) : null);
  }

  #formFields(rule) {
    const top = el('div', { class: 'rule-top' },
      this.#input('name', 'text', 'Name', rule.name),
      this.#input('description', 'text', 'Description', rule.description),
      this.#input('mode', 'select:single|restart|queued|parallel', 'Mode', rule.mode ?? 'single'),
      this.#input('enabled', 'bool', 'Enabled', rule.enabled !== false));
    return el('div', { class: 'rule-form' }, top, SECTIONS.map((s) => this.#section(s, rule[s.key] ?? [])));
  }

  #section(section, items) {
    const titleId = uid('section');
    return el('fieldset', { class: 'rule-section', 'aria-labelledby': titleId },
      el('legend', { id: titleId }, section.title),
      items.map((item, index) => this.#item(section, item, index)),
      el('button', { type: 'button', class: 'button', onclick: () => this.#change(() => {
        this.editing.rule[section.key] = [...(this.editing.rule[section.key] ?? []), { type: section.first }];
      }) }, `Add ${section.noun}`));
  }

  #item(section, item, index) {
    const path = `${section.key}[${index}]`;
    const known = Object.hasOwn(section.types, item.type);
    const typeId = uid('type');
    const select = el('select', { id: typeId, class: 'select', dataset: { path: `${path}.type` },
      onchange: () => this.#change(() => {
        this.editing.rule[section.key][index] = select.value === JSON_TYPE ? item : { type: select.value };
      }) },
    [...Object.keys(section.types), ...(known ? [] : [item.type ?? JSON_TYPE])].map((t) => el('option', { value: t }, humanize(t))));
    select.value = known ? item.type : item.type ?? JSON_TYPE;
    const fields = known
      ? section.types[item.type].map(([name, kind, label]) => this.#input(`${path}.${name}`, kind, label, item[name]))
      : [this.#input(path, 'json', `${humanize(section.noun)} (JSON)`, item)];
    return el('div', { class: 'rule-item', dataset: { path } },
      el('div', { class: 'rule-item-head' },
        el('label', { for: typeId }, `${humanize(section.noun)} ${index + 1}`), select,
        el('button', { type: 'button', class: 'button button-quiet', onclick: () => this.#change(() => {
          this.editing.rule[section.key].splice(index, 1);
        }) }, `Remove ${section.noun} ${index + 1}`)),
      el('div', { class: 'rule-fields' }, fields),
      el('p', { class: 'field-error', dataset: { errorFor: path } }));
  }

  /** One labelled input bound to `path` in the rule ("triggers[0].for"). */
  #input(path, kind, label, value) {
    const id = uid('rule-field');
    const errorId = `${id}-error`;
    const common = { id, dataset: { path, kind }, 'aria-describedby': errorId };
    let input;
    if (kind === 'bool') {
      input = el('input', { ...common, type: 'checkbox', checked: Boolean(value) });
      return el('div', { class: 'field field-check' }, el('label', { class: 'check' }, input, label),
        el('p', { class: 'field-error', id: errorId, dataset: { errorFor: path } }));
    }
    if (kind.startsWith('select:')) {
      input = el('select', { ...common, class: 'select' }, el('option', { value: '' }, '—'),
        kind.slice(7).split('|').map((o) => el('option', { value: o }, humanize(o))));
      input.value = value ?? '';
    } else if (kind === 'json' && path.endsWith(']')) {
      input = el('textarea', { ...common, rows: 4, spellcheck: 'false' }, displayValue('json', value));
    } else {
      const type = { time: 'time', number: 'number' }[kind] ?? 'text';
      input = el('input', { ...common, type, value: displayValue(kind, value), autocomplete: 'off',
        step: kind === 'time' ? 1 : kind === 'number' ? 'any' : undefined,
        list: kind === 'entity' ? this.pickerId : undefined,
        placeholder: { duration: 'e.g. 30s, 5m, 1h30m', entity: 'e.g. light.kitchen', list: 'on (or: on, off)' }[kind] });
    }
    return el('div', { class: 'field' }, el('label', { for: id }, label), input,
      el('p', { class: 'field-error', id: errorId, dataset: { errorFor: path } }));
  }

  /** Reads the form into the rule, applies `mutation`, and shows the form again. */
  #change(mutation) {
    try {
      this.#readForm();
    } catch {
      // A field that does not parse yet keeps its text in the form; the structure change goes on.
    }
    mutation();
    this.#renderEditor();
  }

  #readForm() {
    if (this.editing.json) {
      this.editing.rule = JSON.parse(this.form.querySelector('#rule-json').value);
      return;
    }
    const rule = { ...this.editing.rule };
    const errors = [];
    for (const input of this.form.querySelectorAll('[data-path]')) {
      const { path, kind } = input.dataset;
      if (!kind) continue;
      let value;
      try {
        value = kind === 'bool' ? input.checked : parseValue(kind, input.value);
      } catch (e) {
        errors.push({ name: path, reason: e.message });
        continue;
      }
      setPath(rule, path, value);
    }
    this.editing.rule = rule;
    if (errors.length) throw Object.assign(new Error('invalid input'), { invalidParams: errors });
  }

  #toggleJson() {
    try {
      this.#readForm();
    } catch (e) {
      this.#showErrors(e.invalidParams ?? [{ name: '', reason: e.message }]);
      return;
    }
    this.editing.json = !this.editing.json;
    this.#renderEditor();
  }

  async #save() {
    this.#showErrors([]);
    try {
      this.#readForm();
    } catch (e) {
      this.#showErrors(e.invalidParams ?? [{ name: '', reason: `The JSON is not valid: ${e.message}` }]);
      return;
    }
    const { id, rule } = this.editing;
    try {
      const saved = id
        ? await this.session.api('PUT', `/api/v1/automations/${encodeURIComponent(id)}`, rule)
        : await this.session.api('POST', '/api/v1/automations', rule);
      this.toasts.show({ level: 'success', title: 'Saved', message: saved.name });
      await this.load();
      this.edit(saved);
    } catch (e) {
      const params = e instanceof ApiError ? e.problem?.invalid_params : null;
      this.#showErrors(params?.length ? params : [{ name: '', reason: e.message }]);
    }
  }

  /** Puts each {name, reason} at the field whose path it names, or the nearest item, or the form. */
  #showErrors(params) {
    for (const p of this.form.querySelectorAll('.field-error')) setText(p, '');
    for (const input of this.form.querySelectorAll('[aria-invalid]')) input.removeAttribute('aria-invalid');
    setText(this.formError, '');
    const general = [];
    for (const { name, reason } of params) {
      let path = name;
      let target = null;
      while (path && !target) {
        target = this.editing.json ? null : this.form.querySelector(`[data-error-for="${CSS.escape(path)}"]`);
        if (!target) path = path.includes('.') || path.includes('[') ? path.replace(/(\.[^.[\]]+|\[\d+\])$/, '') : '';
      }
      if (target) {
        setText(target, [target.textContent, `${name} ${reason}`].filter(Boolean).join('; '));
        this.form.querySelector(`[data-path="${CSS.escape(path)}"]`)?.setAttribute('aria-invalid', 'true');
      } else {
        general.push(name ? `${name} ${reason}` : reason);
      }
    }
    setText(this.formError, general.length ? `Not saved: ${general.join('; ')}` : (params.length ? 'Not saved: see the marked fields.' : ''));
    this.form.querySelector('[aria-invalid="true"]')?.focus();
  }

  async #loadRuns(id) {
    if (this.editing?.id !== id || !this.runs) return;
    let runs;
    try {
      const body = await this.session.api('GET', `/api/v1/automations/${encodeURIComponent(id)}/runs`);
      runs = Array.isArray(body) ? body : body?.runs ?? [];
    } catch (e) {
      setText(this.runs, `Runs could not be loaded: ${e.message}`);
      return;
    }
    if (this.editing?.id !== id) return;
    this.runs.replaceChildren(runs.length === 0 ? el('p', { class: 'muted' }, 'No runs yet.') : el('ol', { class: 'run-list' },
      runs.map((run) => el('li', { class: 'run', dataset: { result: run.result } },
        el('details', {},
          el('summary', {}, `${humanize(run.result)} · ${shortTime(run.started_at)} · ${humanize(run.trigger?.type ?? '')}${run.error ? ` · ${run.error}` : ''}`),
          el('table', { class: 'steps' },
            el('thead', {}, el('tr', {}, ['Step', 'Type', 'Result', 'Detail'].map((h) => el('th', { scope: 'col' }, h)))),
            el('tbody', {}, (run.steps ?? []).map((s) => el('tr', {},
              el('td', {}, s.path), el('td', {}, s.type), el('td', {}, s.result), el('td', {}, s.detail ?? ''))))))))));
  }
}

/** Sets `value` at "a[0].b" in `target` (undefined removes it), copying the arrays and objects on the way. */
function setPath(target, path, value) {
  const keys = path.match(/[^.[\]]+/g).map((k) => (/^\d+$/.test(k) ? Number(k) : k));
  let node = target;
  for (let i = 0; i < keys.length - 1; i += 1) {
    const next = node[keys[i]];
    node[keys[i]] = Array.isArray(next) ? [...next] : { ...next };
    node = node[keys[i]];
  }
  const last = keys[keys.length - 1];
  if (value === undefined) {
    if (Array.isArray(node)) node[last] = {};
    else delete node[last];
  } else {
    node[last] = value;
  }
}
