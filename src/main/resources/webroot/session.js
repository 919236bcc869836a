// The login session and authenticated REST calls.
//
// The JWT lives in memory and in sessionStorage (so a reload of the tab keeps the session but it
// never outlives the tab, and it is never put in a URL). It is refreshed a little before it expires;
// when a refresh is impossible the session ends and the app shows the login form again.

const STORAGE_KEY = 'pma.session';

/** A failed REST call, carrying the problem+json details when the server sent them. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

export class Session extends EventTarget {
  constructor(storage = window.sessionStorage) {
    super();
    this.storage = storage;
    this.current = this.#restore();
    this.refreshing = null;
    this.refreshTimer = null;
  }

  get token() {
    return this.current?.token ?? null;
  }

  get user() {
    return this.current?.user ?? null;
  }

  get active() {
    return this.current !== null;
  }

  isAdmin() {
    return (this.user?.roles ?? []).includes('admin');
  }

  async login(username, password) {
    const response = await fetch('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    const body = await readBody(response);
    if (!response.ok) throw new ApiError(response.status, body);
    this.#save(body);
  }

  /**
   * A fresh token for the same user, or null when the server refuses to extend the session; rejects
   * when the server cannot be reached. Concurrent calls share one request.
   */
  refresh() {
    if (!this.current) return Promise.resolve(null);
    if (!this.refreshing) {
      this.refreshing = this.#refreshOnce().finally(() => {
        this.refreshing = null;
      });
    }
    return this.refreshing;
  }

  logout(reason = '') {
    clearTimeout(this.refreshTimer);
    this.current = null;
    this.storage.removeItem(STORAGE_KEY);
    this.dispatchEvent(new CustomEvent('ended', { detail: { reason } }));
  }

  /** Starts the timer that refreshes the token before it expires (call once logged in). */
  keepAlive() {
    clearTimeout(this.refreshTimer);
    if (!this.current) return;
    const remaining = Date.parse(this.current.expires_at) - Date.now();
    const lead = Math.max(30_000, remaining * 0.2);
    // setTimeout's limit is ~24.8 days; long-lived tokens are simply re-checked then.
    const wait = Math.min(Math.max(remaining - lead, 1000), 2_000_000_000);
    this.refreshTimer = setTimeout(() => this.#scheduledRefresh(), wait);
  }

  async #scheduledRefresh() {
    try {
      if (await this.refresh()) this.keepAlive();
      // Refused: the token is kept until it expires; the socket or a 401 then ends the session.
    } catch (e) {
      // Unreachable server: try again shortly, as long as the token is still valid.
      if (this.current && Date.parse(this.current.expires_at) > Date.now()) {
        this.refreshTimer = setTimeout(() => this.#scheduledRefresh(), 10_000);
      }
    }
  }

  /**
   * An authenticated JSON request. A 401 triggers one token refresh and one retry; if that fails the
   * session ends. Resolves with the parsed body, rejects with ApiError.
   */
  async api(method, path, body) {
    let response = await this.#fetch(method, path, body);
    if (response.status === 401 && (await this.refresh())) {
      response = await this.#fetch(method, path, body);
    }
    const parsed = await readBody(response);
    if (response.status === 401) this.logout('Your session has expired. Please sign in again.');
    if (!response.ok) throw new ApiError(response.status, parsed);
    return parsed;
  }

  #fetch(method, path, body) {
    const headers = { Accept: 'application/json', Authorization: `Bearer ${this.token}` };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    return fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  }

  async #refreshOnce() {
    const response = await this.#fetch('POST', '/api/v1/auth/refresh');
    const body = await readBody(response);
    if (!this.current) return null; // signed out meanwhile
    if (response.ok && body?.token) {
      this.#save({ ...body, user: body.user ?? this.user });
      this.dispatchEvent(new CustomEvent('refreshed'));
      return body.token;
    }
    return null;
  }

  #save(body) {
    this.current = { token: body.token, expires_at: body.expires_at, user: body.user };
    this.storage.setItem(STORAGE_KEY, JSON.stringify(this.current));
  }

  #restore() {
    try {
      const saved = JSON.parse(this.storage.getItem(STORAGE_KEY));
      if (saved?.token && Date.parse(saved.expires_at) > Date.now()) return saved;
    } catch (e) {
      console.warn('PMA: discarding an unreadable saved session', e);
    }
    this.storage.removeItem(STORAGE_KEY);
    return null;
  }
}

async function readBody(response) {
  const text = await response.text();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return { detail: text };
  }
}
