// Drives the guide's JavaScript client under Node, with the ws package as the global WebSocket.
// The client is the one fixture every test uses (copied unchanged from websocket-guide.md and
// checked against it by GuideClientFixtureTest): src/test/resources/guide/pma-websocket-client.js.
// Usage: node run_js_client.js URL TOKEN ENTITY_ID
// Prints every received message as "MSG <json>" besides the client's own output, and subscribes to
// the entity once the first authentication succeeded, exactly as an application would.
const fs = require('fs');
const path = require('path');
const vm = require('vm');

globalThis.WebSocket = require('ws');
const source = fs.readFileSync(
    path.join(__dirname, '..', 'resources', 'guide', 'pma-websocket-client.js'), 'utf8');
const PMAWebSocketClient = vm.runInThisContext(source + '\nPMAWebSocketClient;');

const [url, token, entity] = process.argv.slice(2);

class ObservedClient extends PMAWebSocketClient {
  handleMessage(message) {
    console.log('MSG ' + JSON.stringify(message));
    super.handleMessage(message);
    if (message.type === 'authentication_success' && this.subscriptions.size === 0) {
      this.subscribeToEntity(entity);
    }
  }
}

new ObservedClient(url, token).connect();
