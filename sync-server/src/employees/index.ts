export { employeesImport } from './employees-import.js';
export type { ScryptCost } from './pin-hash.js';
export { DEFAULT_PIN_COST, hashPin, verifyPin } from './pin-hash.js';
