export { SyncMetrics } from './sync-metrics.js';
