export type { IdGeneratorOptions } from './id-generator.js';
export { createIdGenerator } from './id-generator.js';
export type { RandomBytes } from './uuidv7.js';
export { formatUuidv7, isUuidv7, UUIDV7_MAX_TIMESTAMP, uuidv7, uuidv7Timestamp } from './uuidv7.js';
