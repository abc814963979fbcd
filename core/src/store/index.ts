export { businessDayOf } from './business-day.js';
export { storeSettingsInForce } from './store-settings-in-force.js';
