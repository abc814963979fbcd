// Public surface of @storefloor/pos-app for the virtual store launcher and the Electron shell.
export type { LaneHostOptions, RunningLaneHost } from './host/lane-host.js';
export { createLaneDeviceHost, startLaneHost } from './host/lane-host.js';
export type { SimLaneDeviceIds } from './host/sim-lane-devices.js';
export { laneDevicesFromSim } from './host/sim-lane-devices.js';
export type { LaneServerOptions, RunningLaneServer } from './serve/serve-lane.js';
export { buildRenderer, RENDERER_DIST, startLaneServer } from './serve/serve-lane.js';
export { UpstreamProxy } from './serve/upstream-proxy.js';
