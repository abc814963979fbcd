import { Counter, collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import type { AgentStatus } from './agent-status.js';

/** Prometheus metrics of the agent; gauges are read from the status snapshot at each scrape. */
export class AgentMetrics {
  readonly registry = new Registry();
  readonly pushedDocuments: Counter<'collection'>;
  readonly lanePushes: Counter<'collection' | 'outcome'>;

  constructor(status: () => AgentStatus) {
    collectDefaultMetrics({ register: this.registry, prefix: 'storefloor_edge_' });
    const registers = [this.registry];
    this.pushedDocuments = new Counter({
      name: 'storefloor_edge_upstream_documents_pushed_total',
      help: 'Documents pushed to HQ (including identical re-pushes after a crash)',
      labelNames: ['collection'],
      registers,
    });
    this.lanePushes = new Counter({
      name: 'storefloor_edge_lane_pushes_total',
      help: 'Lane push requests by outcome (ok or the error code)',
      labelNames: ['collection', 'outcome'],
      registers,
    });
    new Gauge({
      name: 'storefloor_edge_hq_connected',
      help: '1 when the last exchange with HQ succeeded',
      registers,
      collect() {
        this.set(status().hq.connected ? 1 : 0);
      },
    });
    new Gauge({
      name: 'storefloor_edge_hq_lag_seconds',
      help: 'Age of the oldest document not yet at HQ',
      registers,
      collect() {
        this.set(status().hq.lagSeconds);
      },
    });
    new Gauge({
      name: 'storefloor_edge_hq_last_success_timestamp_seconds',
      help: 'When the agent last exchanged with HQ successfully',
      registers,
      collect() {
        const at = status().hq.lastSuccessAt;
        this.set(at ? Date.parse(at) / 1000 : 0);
      },
    });
    new Gauge({
      name: 'storefloor_edge_pending_documents',
      help: 'Documents stored at the agent and not yet at HQ, per collection',
      labelNames: ['collection'],
      registers,
      collect() {
        for (const [collection, pending] of Object.entries(status().pending))
          this.set({ collection }, pending);
      },
    });
    new Gauge({
      name: 'storefloor_edge_hq_refused_documents',
      help: 'Documents HQ refused for good, per collection: kept in the replica, not pushed again',
      labelNames: ['collection'],
      registers,
      collect() {
        for (const [collection, refused] of Object.entries(status().rejectedCount))
          this.set({ collection }, refused);
      },
    });
    new Gauge({
      name: 'storefloor_edge_replica_ok',
      help: '0 when the replica or the agent tables refuse writes (disk full, damaged file)',
      registers,
      collect() {
        this.set(status().replica.ok ? 1 : 0);
      },
    });
    new Gauge({
      name: 'storefloor_edge_lane_streams',
      help: 'Open live streams of lanes',
      registers,
      collect() {
        this.set(status().lanes.openStreams);
      },
    });
  }
}
