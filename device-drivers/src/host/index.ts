export type { DeviceCommand, HostSession } from './device-host.js';
export { DeviceHost } from './device-host.js';
export type {
  DeviceInfo,
  HostFailureReason,
  HostMessage,
  HostRequest,
  JsonValue,
  LifecycleCommand,
} from './host-messages.js';
export { LIFECYCLE_COMMANDS, parseHostRequest } from './host-messages.js';
export { SCALE_COMMANDS } from './scale-commands.js';
export type { WsHostOptions } from './ws-host-adapter.js';
export { serveDeviceHostOverWs } from './ws-host-adapter.js';
