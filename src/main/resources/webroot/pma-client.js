// PMA WebSocket protocol v1 client for browsers (see docs/DASHBOARD.md and docs/WEBSOCKET.md).
//
// PmaClient keeps one connection to /ws alive for as long as it is started: it authenticates with
// the current token, (re)subscribes, takes an entity snapshot on every (re)connect, detects dead
// connections with application-level pings, and reconnects with exponential backoff and jitter.
// EntityStore turns the snapshot plus the ordered entity events into the current state.
// Both are free of any DOM code so that they can be reused by other frontends.

const ENTITY_EVENTS = new Set(['pma_entity_state_changed', 'pma_entity_added', 'pma_entity_removed']);

/** The current entities, built from pma_entity_snapshot and the entity events that follow it. */
export class EntityStore extends EventTarget {
  constructor() {
    super();
    this.entities = new Map();
    this.lastSeq = -1;
  }

  /** Replaces everything: a snapshot is the complete truth as of its seq (also after a server restart). */
  applySnapshot(entities, seq) {
    this.entities = new Map(entities.map((e) => [e.entity_id, e]));
    this.lastSeq = Number.isFinite(seq) ? seq : -1;
    this.dispatchEvent(new CustomEvent('reset', { detail: { entities: [...this.entities.values()] } }));
  }

  /**
   * Applies one entity event. Events at or below the last applied seq are duplicates or stale
   * (for example replayed across a reconnect) and are ignored; returns whether it was applied.
   */
  applyEvent(type, data, seq) {
    if (Number.isFinite(seq) && seq <= this.lastSeq) return false;
    if (Number.isFinite(seq)) this.lastSeq = seq;
    if (type === 'pma_entity_removed') {
      this.entities.delete(data.entity_id);
      this.#emit('removed', { entity_id: data.entity_id });
      return true;
    }
    const entity = type === 'pma_entity_added' ? data.entity : this.#changed(data);
    this.entities.set(entity.entity_id, entity);
    this.#emit(type === 'pma_entity_added' ? 'added' : 'changed', { entity, event: data });
    return true;
  }

  #changed(data) {
    const previous = this.entities.get(data.entity_id) ?? {
      entity_id: data.entity_id,
      domain: data.entity_id.split('.')[0],
      name: data.entity_id,
      attributes: {},
      available: true,
    };
    return {
      ...previous,
      state: data.new_state,
      // include_attributes:false subscriptions omit attributes: keep the ones we know then.
      attributes: data.attributes ?? previous.attributes,
      source: data.source ?? previous.source,
      last_changed: data.last_changed ?? previous.last_changed,
      last_updated: data.last_updated ?? previous.last_updated,
      // A customisation (PATCH) carries the labels in force: name and hidden always, area and icon when set.
      ...(data.hidden === undefined ? {} : {
        name: data.name, area: data.area ?? null, icon: data.icon ?? null, hidden: data.hidden,
      }),
    };
  }

  #emit(kind, detail) {
    this.dispatchEvent(new CustomEvent(kind, { detail }));
  }
}

/**
 * One self-healing connection to PMA's /ws.
 *
 * options:
 *   url            ws:// or wss:// URL of /ws
 *   auth           { token(): string|null, refresh(): Promise<string|null> } — refresh returns a new
 *                  token or null when the session is over
 *   entityTopics   topics subscribed with snapshot:true (default ['entity_updates'])
 *   topics()       function returning the other topics, called after each authentication
 *   pingIntervalMs, pongTimeoutMs, connectTimeoutMs, backoffBaseMs, backoffMaxMs
 *
 * Events (CustomEvent.detail): 'state' {state, attempt, retryInMs}, 'message' {message} for every
 * server message that is not an entity event, 'authenticated' {data}, 'auth-lost' {reason}.
 * Entity data goes to client.store (an EntityStore).
 */
export class PmaClient extends EventTarget {
  constructor(options) {
    super();
    this.url = options.url;
    this.auth = options.auth;
    this.entityTopics = options.entityTopics ?? ['entity_updates'];
    this.topics = options.topics ?? (() => []);
    this.pingIntervalMs = options.pingIntervalMs ?? 15000;
    this.pongTimeoutMs = options.pongTimeoutMs ?? 7000;
    this.connectTimeoutMs = options.connectTimeoutMs ?? 10000;
    this.backoffBaseMs = options.backoffBaseMs ?? 500;
    this.backoffMaxMs = options.backoffMaxMs ?? 15000;
    this.store = new EntityStore();
    this.state = 'idle';
    this.ws = null;
    this.attempt = 0;
    this.timers = { retry: null, ping: null, pong: null, connect: null };
    this.requestCounter = 0;
    this.running = false;
  }

  start() {
    if (this.running) return;
    this.running = true;
    this.#connect();
  }

  stop() {
    this.running = false;
    this.#clearTimers();
    this.#drop(1000, 'client stopped');
    this.#setState('stopped');
  }

  /** Connect now instead of waiting for the backoff timer (e.g. the browser came back online). */
  retryNow() {
    if (!this.running || this.ws) return;
    clearTimeout(this.timers.retry);
    this.#connect();
  }

  /** Sends the current token on the open socket (after a proactive refresh). */
  reauthenticate() {
    if (this.ws?.readyState === WebSocket.OPEN) this.#authenticate();
  }

  send(type, data) {
    if (this.ws?.readyState !== WebSocket.OPEN) return null;
    const requestId = `${type}-${++this.requestCounter}`;
    const message = data === undefined ? { type, request_id: requestId } : { type, data, request_id: requestId };
    this.ws.send(JSON.stringify(message));
    return requestId;
  }

  #connect() {
    this.#setState(this.attempt === 0 ? 'connecting' : 'reconnecting');
    const ws = new WebSocket(this.url);
    this.ws = ws;
    this.authRetried = false;
    // A handshake that never completes (a stalled network path) would otherwise wait for minutes.
    this.timers.connect = setTimeout(() => {
      if (ws !== this.ws || ws.readyState === WebSocket.OPEN) return;
      this.#drop(4001, 'connect timeout');
      this.#lost(4001, 'connect timeout');
    }, this.connectTimeoutMs);
    ws.onopen = () => {
      if (ws !== this.ws) return;
      clearTimeout(this.timers.connect);
      this.#setState('authenticating');
      this.#startPing();
      this.#authenticate();
    };
    ws.onmessage = (event) => {
      if (ws !== this.ws) return;
      this.#alive();
      this.#receive(event.data);
    };
    // onerror is always followed by onclose; the close handler alone decides what happens next.
    ws.onclose = (event) => {
      if (ws !== this.ws) return;
      this.#lost(event.code, event.reason);
    };
  }

  #authenticate() {
    const token = this.auth.token();
    if (!token) {
      this.#authLost('no session');
      return;
    }
    this.send('authenticate', { token });
  }

  #receive(raw) {
    let message;
    try {
      message = JSON.parse(raw);
    } catch (e) {
      console.warn('PMA: ignoring a frame that is not JSON', e);
      return;
    }
    const { type, data = {} } = message;
    if (ENTITY_EVENTS.has(type)) {
      this.store.applyEvent(type, data, message.seq);
      return;
    }
    if (type === 'pma_entity_snapshot') {
      this.store.applySnapshot(data.entities ?? [], data.seq);
      this.attempt = 0;
      this.#setState('live');
      return;
    }
    if (type === 'authentication_success') this.#authenticated(data);
    else if (type === 'authentication_failure') this.#authFailed(data);
    else if (type === 'authentication_expired') this.#authExpired();
    else if (type === 'subscription_failure' && this.#concernsEntities(data)) this.#setState('live');
    this.dispatchEvent(new CustomEvent('message', { detail: { message } }));
  }

  #authenticated(data) {
    this.authRetried = false;
    this.dispatchEvent(new CustomEvent('authenticated', { detail: { data } }));
    if (this.state === 'live') return; // an in-band refresh of a connection that is already subscribed
    // Unsubscribing first makes the following snapshot certain even when the server kept the topics.
    this.send('unsubscribe', { topics: this.entityTopics });
    this.send('subscribe', { topics: this.entityTopics, include_attributes: true, snapshot: true });
    const others = this.topics();
    if (others.length > 0) this.send('subscribe', { topics: others });
  }

  /** Entities refused (e.g. a token limited to other topics): the connection is still up, just without them. */
  #concernsEntities(data) {
    return (data.topics ?? []).some((t) => this.entityTopics.includes(t.topic));
  }

  async #authFailed(data) {
    // A token can expire while we were offline: one refresh, then one more try on this socket.
    if (this.authRetried) {
      this.#authLost(data.error ?? 'authentication failed');
      return;
    }
    this.authRetried = true;
    const ws = this.ws;
    const token = await this.#refresh();
    if (ws !== this.ws) return; // the socket was replaced meanwhile and authenticates on its own
    if (token) this.#authenticate();
    else this.#authLost(data.error ?? 'authentication failed');
  }

  async #authExpired() {
    // The server dropped the topics that need a login; after a new authenticate we subscribe again
    // with a fresh snapshot so that nothing missed in between stays stale.
    this.#setState('authenticating');
    const ws = this.ws;
    const token = await this.#refresh();
    if (ws !== this.ws) return;
    if (token) this.#authenticate();
    else this.#authLost('session expired');
  }

  async #refresh() {
    try {
      return await this.auth.refresh();
    } catch (e) {
      console.warn('PMA: token refresh failed', e);
      return null;
    }
  }

  #authLost(reason) {
    this.running = false;
    this.#clearTimers();
    this.#drop(1000, 'logged out');
    this.#setState('stopped');
    this.dispatchEvent(new CustomEvent('auth-lost', { detail: { reason } }));
  }

  #lost(code, reason) {
    this.ws = null;
    this.#clearTimers();
    if (!this.running) return;
    if (code === 1008) {
      this.#authLost(reason || 'authentication refused');
      return;
    }
    const ceiling = Math.min(this.backoffMaxMs, this.backoffBaseMs * 2 ** this.attempt);
    // "Equal jitter": at least half the ceiling, so clients restarted together spread out
    // without any of them hammering the server.
    const delay = Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
    this.attempt += 1;
    this.#setState('reconnecting', delay);
    this.timers.retry = setTimeout(() => this.#connect(), delay);
  }

  #startPing() {
    clearInterval(this.timers.ping);
    this.timers.ping = setInterval(() => {
      if (this.timers.pong) return; // the previous ping is still unanswered
      this.send('ping');
      this.timers.pong = setTimeout(() => this.#dead(), this.pongTimeoutMs);
    }, this.pingIntervalMs);
  }

  #alive() {
    clearTimeout(this.timers.pong);
    this.timers.pong = null;
  }

  /** Nothing came back in time: a half-open TCP connection would not report its close for minutes. */
  #dead() {
    const ws = this.ws;
    this.#drop(4000, 'ping timeout');
    if (ws) this.#lost(4000, 'ping timeout');
  }

  #drop(code, reason) {
    const ws = this.ws;
    this.ws = null;
    if (ws && ws.readyState <= WebSocket.OPEN) {
      try {
        ws.close(code, reason);
      } catch (e) {
        console.warn('PMA: close failed', e);
      }
    }
  }

  #clearTimers() {
    clearTimeout(this.timers.retry);
    clearInterval(this.timers.ping);
    clearTimeout(this.timers.pong);
    clearTimeout(this.timers.connect);
    this.timers = { retry: null, ping: null, pong: null, connect: null };
  }

  #setState(state, retryInMs = 0) {
    this.state = state;
    this.dispatchEvent(new CustomEvent('state', { detail: { state, attempt: this.attempt, retryInMs } }));
  }
}
