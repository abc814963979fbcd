export {
  DEVICE_STATUS_ERRORS,
  type DeviceStatusErrorCode,
  type DeviceStatusOptions,
  deviceStatusRoutes,
  LaneDevicesBody,
  type StoreDeviceView,
} from './device-status-routes.js';
export {
  LANE_DEVICES_OFFLINE_AFTER_MS,
  LaneDeviceBoard,
  type LaneDeviceReport,
  type LaneDevicesView,
  type ReportedDevice,
} from './lane-device-board.js';
