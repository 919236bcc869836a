// The dashboard's composition root: wires the session, the protocol client and the views.

import { PmaClient } from './pma-client.js';
import { Session, ApiError } from './session.js';
import { EntityBoard } from './entity-board.js';
import { Toasts } from './toasts.js';
import { ConnectionIndicator, SystemStatusPanel, AdapterStrip } from './status-panels.js';
import { AutomationList } from './automations.js';
import { Finder, Favourites } from './finder.js';
import { EntityDetail } from './entity-detail.js';
import { AutomationEditor } from './automation-editor.js';
import { NotificationList } from './notification-list.js';
import { AdminPage } from './admin.js';
import { humanize } from './dom.js';
import { attachHistory } from './entity-history.js';

const $ = (id) => document.getElementById(id);

const session = new Session();
const toasts = new Toasts({ polite: $('toasts-polite'), assertive: $('toasts-assertive') });
const indicator = new ConnectionIndicator({
  root: $('connection'), label: $('connection-label'), board: $('board'), staleNote: $('stale-note'),
});
const systemPanel = new SystemStatusPanel({ root: $('system-facts'), badge: $('system-badge'), list: $('system-facts') });
const adapters = new AdapterStrip({ list: $('adapter-list'), note: $('adapter-note') });
const automations = new AutomationList({ list: $('automation-list'), note: $('automation-note'), session });
const favourites = new Favourites();
const finder = new Finder({
  search: $('search'), areaNav: $('area-nav'), domainFilters: $('domain-filters'), showHidden: $('show-hidden'),
});
const detail = new EntityDetail({
  dialog: $('entity-detail'), session, act, toasts, favourites,
  areas: () => [...new Set([...(client?.store.entities.values() ?? [])].map((e) => e.area).filter(Boolean))].sort(),
});
// Its history section is filled by entity-history.js (graph or timeline, and the logbook).
attachHistory($('entity-detail'), session);
const board = new EntityBoard({
  root: $('board'), empty: $('devices-empty'), noneMatch: $('devices-none-match'), count: $('device-count'),
  act, open: (id) => detail.open(id), finder, favourites,
});

let client = null;

const editor = new AutomationEditor({
  root: $('automations-view'), session, toasts,
  entities: () => [...(client?.store.entities.values() ?? [])].sort((a, b) => a.entity_id.localeCompare(b.entity_id)),
});

const notifications = new NotificationList({ root: $('notifications-view'), badge: $('unread-count'), session, toasts });

const admin = new AdminPage({ root: $('admin-view'), session, toasts });

const PAGES = { '#/automations': 'automations', '#/notifications': 'notifications', '#/admin': 'admin' };

/** Pages by URL hash: #/ (home), #/automations and #/notifications. */
function showPage() {
  const page = PAGES[window.location.hash] ?? 'home';
  const signedIn = session.active;
  $('dashboard-view').hidden = !signedIn || page !== 'home';
  $('automations-view').hidden = !signedIn || page !== 'automations';
  $('notifications-view').hidden = !signedIn || page !== 'notifications';
  $('admin-view').hidden = !signedIn || page !== 'admin' || !session.isAdmin();
  $('admin-link').hidden = !session.isAdmin();
  for (const link of document.querySelectorAll('#page-nav a')) {
    if (link.dataset.page === page) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  if (signedIn && page === 'automations') editor.load();
  if (signedIn && page === 'admin' && session.isAdmin()) admin.load();
  if (signedIn) notifications.load(); // the unread count in the header, and the page
}
window.addEventListener('hashchange', showPage);

/** Sends an action; the card changes when the server's event arrives, never before. */
async function act(entityId, action, parameters) {
  try {
    await session.api('POST', `/api/v1/entities/${encodeURIComponent(entityId)}/action`, { action, parameters: parameters ?? {} });
  } catch (e) {
    toasts.show({ level: 'error', title: `${humanize(action)} failed`, message: `${entityId}: ${e.message}` });
    throw e;
  }
}

function topics() {
  const common = ['system_status', 'automation_events'];
  return session.isAdmin() ? [...common, 'system_events:adapter_status'] : common;
}

function onMessage({ type, data = {}, timestamp }) {
  if (type === 'system_status') {
    systemPanel.show(data, timestamp);
    adapters.updateStatuses(data.adapters);
  } else if (type === 'pma_adapter_status') {
    adapters.update(data);
  } else if (type === 'notification') {
    toasts.show(data);
    setTimeout(() => notifications.load(), 500); // stored right after it is published
  } else if (type === 'automation_triggered') {
    automations.triggered(data);
    editor.triggered(data);
  } else if (type === 'subscription_failure') {
    for (const { topic, reason } of data.topics ?? []) {
      if (topic === 'system_status') systemPanel.waiting(`System status unavailable (${reason}).`);
      console.warn(`PMA: subscription to ${topic} refused: ${reason}`);
    }
  }
}

async function loadAdapters() {
  try {
    const list = await session.api('GET', '/api/v1/adapters');
    adapters.load(Array.isArray(list) ? list : list?.adapters ?? []);
  } catch (e) {
    const text = e instanceof ApiError && e.status === 403
      ? 'Adapter details are for administrators; states follow the system status.'
      : `Adapters could not be loaded: ${e.message}`;
    adapters.setEmptyText(text);
  }
}

function wsUrl() {
  return `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/ws`;
}

function startClient() {
  client?.stop();
  client = new PmaClient({ url: wsUrl(), auth: { token: () => session.token, refresh: () => session.refresh() }, topics });
  board.attach(client.store);
  detail.attach(client.store);
  let wasLive = false;
  client.addEventListener('state', (e) => {
    indicator.show(e.detail);
    const live = e.detail.state === 'live';
    // After a (re)connect the server may have restarted: reload what only REST provides.
    if (live && !wasLive) {
      loadAdapters();
      automations.load();
    }
    wasLive = live;
  });
  client.addEventListener('message', (e) => onMessage(e.detail.message));
  client.addEventListener('auth-lost', (e) => session.logout(`Your session has ended (${e.detail.reason}). Please sign in again.`));
  client.start();
}

function showDashboard() {
  $('login-view').hidden = true;
  $('page-nav').hidden = false;
  showPage();
  $('user-box').hidden = false;
  $('user-name').textContent = session.user?.username ?? '';
  systemPanel.waiting();
  session.keepAlive();
  startClient();
}

function showLogin(reason = '') {
  detail.close();
  client?.stop();
  client = null;
  board.reset([]);
  toasts.clear();
  indicator.show({ state: 'idle', attempt: 0, retryInMs: 0 });
  $('dashboard-view').hidden = true;
  $('automations-view').hidden = true;
  $('notifications-view').hidden = true;
  $('admin-view').hidden = true;
  $('page-nav').hidden = true;
  $('user-box').hidden = true;
  $('login-view').hidden = false;
  $('login-reason').hidden = !reason;
  $('login-reason').textContent = reason;
  $('username').focus();
}

function loginErrorText(error) {
  if (!(error instanceof ApiError)) return 'The server cannot be reached. Please try again.';
  if (error.status === 401) return 'Wrong username or password.';
  if (error.status === 429) return 'Too many attempts. Please wait a moment and try again.';
  return `Sign-in failed: ${error.message}`;
}

$('login-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const username = $('username').value.trim();
  const password = $('password').value;
  const error = $('login-error');
  if (!username || !password) {
    error.textContent = 'Enter your username and password.';
    (username ? $('password') : $('username')).focus();
    return;
  }
  $('login-submit').disabled = true;
  error.textContent = '';
  try {
    await session.login(username, password);
    $('password').value = '';
    showDashboard();
  } catch (e) {
    error.textContent = loginErrorText(e);
    $('password').focus();
  } finally {
    $('login-submit').disabled = false;
  }
});

$('logout').addEventListener('click', () => session.logout());

const THEME_TEXT = { auto: 'Theme: automatic', light: 'Theme: light', dark: 'Theme: dark' };
function showTheme() {
  $('theme-switch').textContent = THEME_TEXT[window.pmaTheme.chosen()];
}
$('theme-switch').addEventListener('click', () => {
  window.pmaTheme.next();
  showTheme();
});
showTheme();

// The System and Automations panels start closed (their summaries show the health badge), so a
// screen starts with the devices; a panel the person opened or closed stays so (localStorage).
for (const panel of document.querySelectorAll('details.collapsible')) {
  const key = `pma.panel.${panel.id}`;
  panel.open = localStorage.getItem(key) === 'open';
  // The person's own choice (a click on the summary) is remembered; the width-based default is not.
  panel.querySelector('summary').addEventListener('click', () => localStorage.setItem(key, panel.open ? 'closed' : 'open'));
}
session.addEventListener('ended', (e) => showLogin(e.detail.reason));
session.addEventListener('refreshed', () => client?.reauthenticate());
window.addEventListener('online', () => client?.retryNow());

if (session.active) showDashboard();
else showLogin();
