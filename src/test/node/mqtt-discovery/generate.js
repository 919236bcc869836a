'use strict';
// Regenerates the zigbee2mqtt discovery fixture: zigbee2mqtt's own Home Assistant extension
// (node_modules/zigbee2mqtt/dist/extension/homeassistant.js) runs its discovery over devices whose
// definitions zigbee-herdsman-converters resolves from their real Zigbee model ids. Only the radio
// (zigbee-herdsman) and the MQTT client are stand-ins: the extension's publish calls are recorded.
//
//   cd src/test/node/mqtt-discovery && npm ci --ignore-scripts && node generate.js
//
// Writes ../../resources/mqtt/devices/zigbee2mqtt.json: {source, zigbee2mqtt, converters, devices,
// messages: [{topic, payload}] (the discovery configs), states: [{topic, payload}]}.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

// zigbee2mqtt reads its settings from ZIGBEE2MQTT_DATA/configuration.yaml when its modules load.
const DEVICES = require('./devices.json');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'z2m-data-'));
const yamlDevices = DEVICES.map((d) => `  '${d.ieee}':\n    friendly_name: '${d.name}'\n`).join('');
fs.writeFileSync(path.join(dataDir, 'configuration.yaml'),
  'homeassistant:\n  enabled: true\n' +
  'mqtt:\n  base_topic: zigbee2mqtt\n  server: mqtt://localhost\n' +
  'serial:\n  port: /dev/null\n' +
  'advanced:\n  log_output: []\n  cache_state: true\n  last_seen: ISO_8601\n' +
  'availability:\n  enabled: true\n' +
  'devices:\n' + yamlDevices);
process.env.ZIGBEE2MQTT_DATA = dataDir;

const logger = require('zigbee2mqtt/dist/util/logger').default;
const EventBus = require('zigbee2mqtt/dist/eventBus').default;
const Device = require('zigbee2mqtt/dist/model/device').default;
const HomeAssistant = require('zigbee2mqtt/dist/extension/homeassistant').default;

const COORDINATOR = '0x00124b0022813c3e';

// zigbee2mqtt tells endpoints from groups by the class name.
class Endpoint {
  constructor(fields) {
    Object.assign(this, fields);
  }
}

/** What zigbee-herdsman would hold after a successful interview: enough for the definitions. */
function zhDevice(d) {
  const endpoints = (d.endpoints || [1]).map((ID) => new Endpoint({
    ID, deviceIeeeAddress: d.ieee, meta: {}, inputClusters: [], outputClusters: [], clusters: {},
    getDevice: () => undefined, supportsInputCluster: () => false, supportsOutputCluster: () => false,
    getInputClusters: () => [], getOutputClusters: () => [], binds: [], configuredReportings: [],
  }));
  return {
    ieeeAddr: d.ieee, networkAddress: 0x1234, modelID: d.modelID, manufacturerName: d.manufacturer,
    type: d.type || 'Router', powerSource: d.powerSource || 'Mains (single phase)',
    interviewState: 'SUCCESSFUL', interviewCompleted: true, softwareBuildID: d.softwareBuildID,
    dateCode: d.dateCode, endpoints, customClusters: {}, meta: {},
    getEndpoint: (ID) => endpoints.find((e) => e.ID === ID),
    isDeleted: false,
  };
}

// A state message as the device would publish it: one value for every property its definition
// exposes as reported state, within the ranges and values the definition declares.
const SAMPLE = { x: 0.4123, y: 0.3971, hue: 120, saturation: 80 };
const STATE_ACCESS = 1;

function sampleValue(expose) {
  if (expose.features && expose.type !== 'list') {
    const value = {};
    for (const feature of expose.features) {
      assign(value, feature);
    }
    return value;
  }
  if (expose.name in SAMPLE) {
    return SAMPLE[expose.name];
  }
  switch (expose.type) {
    case 'binary':
      return expose.value_on;
    case 'numeric': {
      if (expose.value_min !== undefined && expose.value_max !== undefined) {
        const middle = (expose.value_min + expose.value_max) / 2;
        return expose.value_step && expose.value_step < 1 ? middle : Math.round(middle);
      }
      return 23;
    }
    case 'enum':
      return expose.values[Math.min(1, expose.values.length - 1)];
    case 'text':
      return 'text';
    default:
      return undefined;
  }
}

function assign(target, expose) {
  if (expose.property === undefined || (expose.access & STATE_ACCESS) === 0 && !expose.features) {
    if (expose.features) {
      for (const feature of expose.features) {
        assign(target, feature);
      }
    }
    return;
  }
  const value = sampleValue(expose);
  if (value === undefined) {
    return;
  }
  if (expose.features && ['light', 'switch', 'cover', 'lock', 'climate', 'fan'].includes(expose.type)) {
    Object.assign(target, value);
  } else if (typeof target[expose.property] === 'object' && typeof value === 'object') {
    Object.assign(target[expose.property], value); // color_xy and color_hs share "color"
  } else {
    target[expose.property] = value;
  }
}

function sampleState(exposes) {
  const state = {};
  for (const expose of exposes) {
    assign(state, expose);
    if (expose.type === 'light' && state.color_temp !== undefined) {
      // The light converters report the mode the light is in; the sample colour is xy.
      state.color_mode = state.color && state.color.x !== undefined ? 'xy' : 'color_temp';
    }
  }
  return state;
}

async function main() {
  logger.init();
  const devices = [];
  const wrong = [];
  for (const d of DEVICES) {
    const device = new Device(zhDevice(d));
    await device.resolveDefinition();
    if (!device.definition || device.definition.generated || device.definition.model !== d.model) {
      wrong.push(`${d.modelID} resolved to ${device.definition && device.definition.model}, expected ${d.model}`);
    }
    devices.push(device);
  }
  if (wrong.length > 0) {
    throw new Error(wrong.join('\n'));
  }
  const messages = [];
  const mqtt = {
    publish: async (topic, payload, options) => {
      const base = options.baseTopic || 'zigbee2mqtt';
      messages.push({ topic: `${base}/${topic}`, payload });
    },
    subscribe: async () => {}, unsubscribe: async () => {},
  };
  const zigbee = {
    getCoordinatorVersion: async () => ({ type: 'zStack3x0', meta: { revision: 20230507 } }),
    firstCoordinatorEndpoint: () => ({ deviceIeeeAddress: COORDINATOR }),
    * devicesIterator() { yield* devices; },
    * groupsIterator() {},
    * devicesAndGroupsIterator() { yield* devices; },
    resolveEntity: (id) => devices.find((x) => x.ieeeAddr === id || x.name === id),
  };
  const state = { exists: () => false, get: () => ({}) };
  const extension = new HomeAssistant(zigbee, mqtt, state, async () => {}, new EventBus(),
    async () => {}, () => {}, async () => {});
  await extension.start();
  // start() publishes after waiting 5 s for retained configs (none here).
  await new Promise((resolve) => setTimeout(resolve, 6000));
  // What zigbee2mqtt leaves retained on the broker: the bridge's and each device's availability
  // (availability.enabled: true), then each device's state.
  const states = [{ topic: 'zigbee2mqtt/bridge/state', payload: JSON.stringify({ state: 'online' }) }];
  for (const device of devices) {
    states.push({ topic: `zigbee2mqtt/${device.name}/availability`, payload: JSON.stringify({ state: 'online' }) });
    states.push({ topic: `zigbee2mqtt/${device.name}`, payload: JSON.stringify(sampleState(device.exposes())) });
  }
  const version = require('zigbee2mqtt/package.json').version;
  const converters = require('zigbee-herdsman-converters/package.json').version;
  const file = path.join(__dirname, '..', '..', 'resources', 'mqtt', 'devices', 'zigbee2mqtt.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const out = {
    source: `zigbee2mqtt ${version} (dist/extension/homeassistant.js) over zigbee-herdsman-converters ${converters}; generated by src/test/node/mqtt-discovery/generate.js`,
    zigbee2mqtt: version,
    converters,
    devices: DEVICES.map((d) => ({ name: d.name, ieee: d.ieee, model: d.model, vendor: devices.find((x) => x.ieeeAddr === d.ieee).definition.vendor })),
    messages,
    states,
  };
  fs.writeFileSync(file, JSON.stringify(out, null, 1) + '\n');
  fs.rmSync(dataDir, { recursive: true, force: true });
  console.log(`${messages.length} messages from ${devices.length} devices -> ${file}`);
  process.exit(0);
}

main().catch((e) => { console.error(e); process.exit(1); });
