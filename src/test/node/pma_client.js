class PMAWebSocketClient {
  constructor(url, token) {
    this.url = url;
    this.token = token;
    this.ws = null;
    this.subscriptions = new Set();
  }

  connect() {
    this.ws = new WebSocket(this.url);
    
    this.ws.onopen = () => {
      console.log('Connected to PMA Backend');
      if (this.token) this.authenticate();
      this.resubscribe();
    };

    this.ws.onmessage = (event) => {
      this.handleMessage(JSON.parse(event.data));
    };

    this.ws.onclose = () => {
      console.log('Disconnected, reconnecting in 5s...');
      setTimeout(() => this.connect(), 5000);
    };

    this.ws.onerror = (error) => {
      console.error('WebSocket Error:', error);
    };
  }

  send(type, data) {
    if (this.ws && this.ws.readyState === WebSocket.OPEN) {
      this.ws.send(JSON.stringify({ type, data }));
    }
  }

  authenticate() {
    this.send('authenticate', { token: this.token });
  }

  subscribeToEntity(entityId) {
    const topic = `entity_updates:${entityId}`;
    this.subscriptions.add(topic);
    this.send('subscribe', { topics: [topic] });
  }

  resubscribe() {
    if (this.subscriptions.size > 0) {
      this.send('subscribe', { topics: Array.from(this.subscriptions) });
    }
  }

  handleMessage(message) {
    switch (message.type) {
      case 'pma_entity_state_changed':
        console.log(`Entity ${message.data.entity_id} changed state.`);
        break;
      // Handle other types
    }
  }
}
