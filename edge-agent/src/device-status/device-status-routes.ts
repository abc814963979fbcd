import { type Static, Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { replyTableError } from '../errors/reply-edge-error.js';
import type { LaneRegistry } from '../lan/lane-registry.js';
import { LaneDeviceBoard } from './lane-device-board.js';

/** Stable codes of the device-status routes, with their HTTP statuses (the agent's error body shape). */
export const DEVICE_STATUS_ERRORS = {
  unauthorized: { statusCode: 401, message: 'A valid device bearer token is required' },
  'token-revoked': { statusCode: 401, message: 'This device has been revoked' },
  'not-enrolled': { statusCode: 503, message: 'The edge agent is not enrolled at HQ yet' },
  'store-forbidden': { statusCode: 403, message: 'The device belongs to another store' },
} as const;
export type DeviceStatusErrorCode = keyof typeof DEVICE_STATUS_ERRORS;

const text = (max: number) => Type.String({ maxLength: max });
export const LaneDevicesBody = Type.Object(
  {
    hostConnected: Type.Boolean(),
    devices: Type.Array(
      Type.Object(
        {
          role: Type.String({ minLength: 1, maxLength: 32 }),
          deviceId: Type.String({ minLength: 1, maxLength: 64 }),
          health: Type.Union(
            ['online', 'offline', 'reconnecting', 'error', 'unknown'].map((h) => Type.Literal(h)),
          ),
          reason: Type.Optional(text(64)),
          detail: Type.Optional(text(500)),
          path: Type.Optional(text(200)),
        },
        { additionalProperties: false },
      ),
      { maxItems: 16 },
    ),
  },
  { additionalProperties: false },
);

/** One of the store's own devices (the agent's device host), as device-drivers' DeviceHost lists it. */
export interface StoreDeviceView {
  readonly id: string;
  readonly kind: string;
  readonly state: string;
  readonly status: { readonly health: string; readonly reason?: string; readonly detail?: string };
  readonly location: string;
}

export interface DeviceStatusOptions {
  readonly registry: LaneRegistry;
  readonly storeId: () => string | undefined;
  /** The agent's own device host's devices, or undefined when the store has none configured. */
  readonly storeDevices: () => readonly StoreDeviceView[] | undefined;
  readonly board?: LaneDeviceBoard;
}

const replyError = (reply: FastifyReply, code: DeviceStatusErrorCode) =>
  replyTableError(DEVICE_STATUS_ERRORS, reply, code);

declare module 'fastify' {
  interface FastifyRequest {
    deviceStatusLane?: string;
  }
}

/**
 * `POST /api/lanes/devices`: a lane's renderer says what its device host reports (on every change and every
 * 30 s). `GET /api/devices`: every lane of the store with its last report and online flag, and the store's own
 * devices, for the manager's Devices screen. Both take a lane's bearer token, as the other lane routes do.
 */
export function deviceStatusRoutes(app: FastifyInstance, options: DeviceStatusOptions): LaneDeviceBoard {
  const board = options.board ?? new LaneDeviceBoard();
  const requireLane = async (request: FastifyRequest, reply: FastifyReply) => {
    const token = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    if (!token) return void replyError(reply, 'unauthorized');
    const storeId = options.storeId();
    if (!storeId) return void replyError(reply, 'not-enrolled');
    const auth = options.registry.authenticate(token);
    if (!auth.ok) return void replyError(reply, auth.reason);
    if (auth.lane.storeId !== storeId) return void replyError(reply, 'store-forbidden');
    request.deviceStatusLane = auth.lane.deviceId;
  };

  app.post<{ Body: Static<typeof LaneDevicesBody> }>(
    '/api/lanes/devices',
    { schema: { body: LaneDevicesBody }, preHandler: requireLane },
    async (request) => {
      const deviceId = request.deviceStatusLane as string;
      return { receivedAt: board.report(deviceId, request.body) };
    },
  );
  app.get('/api/devices', { preHandler: requireLane }, async () => {
    const storeId = options.storeId();
    const lanes = options.registry.list().filter((l) => l.storeId === storeId && l.revokedAt === null);
    const store = options.storeDevices();
    return {
      offlineAfterMs: board.offlineAfterMs,
      lanes: board.view(lanes),
      store: store === undefined ? { configured: false, devices: [] } : { configured: true, devices: store },
    };
  });
  return board;
}
