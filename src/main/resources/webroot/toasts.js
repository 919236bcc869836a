// Notification toasts. Two live regions: polite for info/success, assertive for warnings/errors,
// so a screen reader announces each toast once without stealing focus.

import { el, uid } from './dom.js';

const LEVELS = new Set(['info', 'success', 'warning', 'error']);
const MAX_VISIBLE = 5;

export class Toasts {
  constructor({ polite, assertive }) {
    this.polite = polite;
    this.assertive = assertive;
  }

  /** Shows a toast; `level` is a PROTOCOL.md notification level. */
  show({ level = 'info', title = '', message = '' }) {
    const safeLevel = LEVELS.has(level) ? level : 'info';
    const urgent = safeLevel === 'warning' || safeLevel === 'error';
    const region = urgent ? this.assertive : this.polite;
    const titleId = uid('toast-title');
    const toast = el(
      'div',
      { class: `toast toast-${safeLevel}`, 'aria-labelledby': titleId, dataset: { level: safeLevel } },
      el('div', { class: 'toast-body' },
        el('p', { class: 'toast-title', id: titleId }, title || capitalize(safeLevel)),
        message ? el('p', { class: 'toast-message' }, message) : null),
      el('button', { type: 'button', class: 'toast-close', 'aria-label': 'Dismiss notification', onclick: () => dismiss() }, '×'),
    );
    let timer = null;
    const dismiss = () => {
      clearTimeout(timer);
      toast.remove();
    };
    const arm = () => {
      timer = setTimeout(dismiss, urgent ? 15000 : 8000);
    };
    // Keep a toast while the pointer or keyboard focus is on it (WCAG 2.2.1, timing adjustable).
    toast.addEventListener('mouseenter', () => clearTimeout(timer));
    toast.addEventListener('mouseleave', arm);
    toast.addEventListener('focusin', () => clearTimeout(timer));
    toast.addEventListener('focusout', arm);
    region.append(toast);
    while (region.children.length > MAX_VISIBLE) region.firstElementChild.remove();
    arm();
    return toast;
  }

  clear() {
    this.polite.replaceChildren();
    this.assertive.replaceChildren();
  }
}

function capitalize(text) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
