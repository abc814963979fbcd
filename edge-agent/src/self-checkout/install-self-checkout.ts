import type { EmployeeDoc } from '@storefloor/core';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { LaneRegistry } from '../lan/lane-registry.js';
import type { LaneDocuments } from '../replica/lane-document-store.js';
import type { StoreReplica } from '../replica/store-replica.js';
import type { AgentDatabase } from '../state/agent-database.js';
import type { AgentIdentity } from '../state/agent-identity.js';
import { AlertBoard } from './alert-board.js';
import { type CheckAttendant, selfCheckoutRoutes } from './self-checkout-routes.js';

/**
 * The agent's wiring of the self-checkout routes: its tables, its replica's employees, its identity. Gives
 * back the alert board and the attendant check for the smart carts, whose alerts go on the same board.
 */
export async function installSelfCheckout(
  app: FastifyInstance,
  deps: {
    db: AgentDatabase;
    registry: LaneRegistry;
    documents: LaneDocuments;
    replica: StoreReplica | undefined;
    identity: () => AgentIdentity | undefined;
    log: FastifyBaseLogger;
  },
): Promise<{ board: AlertBoard; checkAttendant: CheckAttendant }> {
  const board = new AlertBoard(deps.db);
  const { checkAttendant } = await selfCheckoutRoutes(app, {
    board,
    registry: deps.registry,
    documents: deps.documents,
    agent: () => {
      const identity = deps.identity();
      return identity ? { storeId: identity.storeId, deviceId: identity.deviceId } : undefined;
    },
    employee: async (id) => {
      if (!deps.replica) throw new Error('the store replica is not open');
      const doc = await deps.replica.employees.findOne(id).exec();
      return doc ? (doc.toJSON() as unknown as EmployeeDoc) : undefined;
    },
    onAuditFailed: (error) => deps.log.error({ error }, 'self-checkout audit entry not written'),
  });
  return { board, checkAttendant };
}
