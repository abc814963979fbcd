// Public surface of @storefloor/hardware-sim (used by tests and the virtual store, never by production code).

export type { ControlPageProduct } from './control-page/control-page-products.js';
export { parseControlPageProducts } from './control-page/control-page-products.js';
export { defaultCatalog } from './default-catalog.js';
export { DEFAULT_SIM_CONFIG } from './default-sim-config.js';
export * from './face-pay/index.js';
export { FaultSet } from './fault-set.js';
export { lineNoise, wrongBaud } from './line-noise.js';
export * from './nexo-terminal/index.js';
export * from './printer/index.js';
export type { PtyPairOptions } from './pty/pty-pair.js';
export { PtyPair } from './pty/pty-pair.js';
export type { SerialLineOptions } from './pty/serial-line.js';
export { SerialLine } from './pty/serial-line.js';
export { SimFactoryCatalog, SimRegistry } from './registry.js';
export type { SimScaleOptions, SimScaleProtocol } from './scale/sim-scale.js';
export { SCALE_FAULTS, SimScale } from './scale/sim-scale.js';
export type { SimMagellanOptions } from './scanner/sim-magellan-scanner-scale.js';
export { SCANNER_SCALE_FAULTS, SimMagellanScannerScale } from './scanner/sim-magellan-scanner-scale.js';
export type { SimSerialScannerOptions } from './scanner/sim-serial-scanner.js';
export { SCANNER_FAULTS, SimSerialScanner } from './scanner/sim-serial-scanner.js';
export * from './scenario/index.js';
export type { ControlServerOptions } from './server/build-control-server.js';
export { buildControlServer, describeDevice } from './server/build-control-server.js';
export type { ControlErrorBody, ControlErrorCode } from './server/control-errors.js';
export { CONTROL_ERRORS, statusFor } from './server/control-errors.js';
export * from './shelf-labels/index.js';
export type { SimConfig } from './sim-config.js';
export { parseSimConfig } from './sim-config.js';
export type {
  LabelRecord,
  ReceiptRecord,
  SimDevice,
  SimDeviceFactory,
  SimDeviceKind,
  SimDeviceSpec,
  SimEndpoint,
  SimEnvironment,
} from './sim-device.js';
export { isSimDeviceKind, SIM_DEVICE_KINDS } from './sim-device.js';
export * from './smart-cart/index.js';
export type { RunningSimulator, StartSimulatorOptions } from './start-simulator.js';
export { DEFAULT_SIM_PORT, startSimulator } from './start-simulator.js';
export * from './wallet-gateway/index.js';
