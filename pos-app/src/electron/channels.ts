/** IPC channels between the Electron main process and the preload; the only ones the renderer can reach. */
export const DEVICES_CHANNEL = 'storefloor:devices';
export const LANE_CONFIG_CHANNEL = 'storefloor:lane-config';
