export { createTransport } from './create-transport.js';
export type {
  ConfigError,
  DeviceConfig,
  DeviceSpec,
  SerialLineConfig,
  TransportType,
} from './device-config.js';
export { parseDeviceConfig } from './device-config.js';
export type { DriverFactory } from './driver-catalog.js';
export { DriverCatalog, registerScannerAndScaleDrivers } from './driver-catalog.js';
