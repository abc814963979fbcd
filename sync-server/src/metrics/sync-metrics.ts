import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** Prometheus metrics of one server instance (own registry, so several instances can live in one process). */
export class SyncMetrics {
  readonly registry = new Registry();
  readonly pushes = new Counter({
    name: 'storefloor_sync_pushes_total',
    help: 'Push requests answered, by collection and outcome',
    labelNames: ['collection', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly pulls = new Counter({
    name: 'storefloor_sync_pulls_total',
    help: 'Pull requests answered, by collection',
    labelNames: ['collection'] as const,
    registers: [this.registry],
  });
  readonly documentsWritten = new Counter({
    name: 'storefloor_sync_documents_written_total',
    help: 'Documents written by device pushes, by collection',
    labelNames: ['collection'] as const,
    registers: [this.registry],
  });
  readonly conflicts = new Counter({
    name: 'storefloor_sync_conflicts_total',
    help: 'Pushed rows answered with a conflict (master state returned), by collection',
    labelNames: ['collection'] as const,
    registers: [this.registry],
  });
  readonly openStreams = new Gauge({
    name: 'storefloor_sync_open_streams',
    help: 'Live replication streams open on this instance',
    registers: [this.registry],
  });
  readonly replicationLag = new Histogram({
    name: 'storefloor_sync_replication_lag_seconds',
    help: 'Time from a write transaction to its fan-out on the live streams of this instance',
    buckets: [0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30],
    registers: [this.registry],
  });

  constructor(options: { defaultMetrics?: boolean } = {}) {
    if (options.defaultMetrics) collectDefaultMetrics({ register: this.registry });
  }
}
