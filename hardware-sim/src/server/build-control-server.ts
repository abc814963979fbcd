import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import type { SimRegistry } from '../registry.js';
import type { SimDevice } from '../sim-device.js';
import { statusFor } from './control-errors.js';

export interface ControlServerOptions {
  readonly registry: SimRegistry;
  readonly logger?: boolean;
}

const idParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', minLength: 1 } },
} as const;

function fail(reply: FastifyReply, code: string, message: string): FastifyReply {
  return reply.code(statusFor(code)).send({ code, message });
}

/** A device's listing: what a driver needs to open it, and what can be done to it. */
export function describeDevice(device: SimDevice): Record<string, unknown> {
  const capabilities = (
    [
      'scan',
      'setWeight',
      'receipts',
      'labels',
      'transactions',
      'startSession',
      'removeItem',
      'requestCheckout',
    ] as const
  ).filter((name) => typeof device[name] === 'function');
  return {
    id: device.id,
    kind: device.kind,
    protocol: device.protocol,
    ...device.endpoint(),
    faults: device.faults,
    faultKinds: device.faultKinds,
    capabilities,
  };
}

/**
 * The simulator's control API (HTTP JSON on loopback): list devices, drive them (scan, weigh), inject
 * and clear faults, read what printers, label access points and terminals received.
 */
export function buildControlServer(options: ControlServerOptions): FastifyInstance {
  const app = Fastify({ logger: options.logger ?? false });
  const { registry } = options;

  app.setErrorHandler(
    (error: { validation?: unknown; message: string; statusCode?: number }, _req, reply) => {
      if (error.validation) return fail(reply, 'bad-request', error.message);
      return reply.code(error.statusCode ?? 500).send({ code: 'internal', message: error.message });
    },
  );

  app.get('/devices', async () => ({ devices: registry.list().map(describeDevice) }));

  app.get<{ Params: { id: string } }>(
    '/devices/:id',
    { schema: { params: idParams } },
    async (req, reply) => {
      const device = registry.get(req.params.id);
      if (!device) return fail(reply, 'device-not-found', `no device "${req.params.id}"`);
      return describeDevice(device);
    },
  );

  app.post<{ Params: { id: string }; Body: { code: string; symbology?: string } }>(
    '/devices/:id/scan',
    {
      schema: {
        params: idParams,
        body: {
          type: 'object',
          required: ['code'],
          additionalProperties: false,
          properties: {
            code: { type: 'string', minLength: 1, maxLength: 4096 },
            symbology: { type: 'string' },
          },
        },
      },
    },
    async (req, reply) => {
      const device = registry.get(req.params.id);
      if (!device) return fail(reply, 'device-not-found', `no device "${req.params.id}"`);
      if (!device.scan) return fail(reply, 'capability-missing', `${device.id} (${device.kind}) cannot scan`);
      const result = await device.scan(req.body.code, req.body.symbology);
      if (!result.ok) return fail(reply, result.reason, result.detail ?? result.reason);
      return { ok: true };
    },
  );

  app.put<{ Params: { id: string }; Body: { grams: number; stable: boolean } }>(
    '/devices/:id/weight',
    {
      schema: {
        params: idParams,
        body: {
          type: 'object',
          required: ['grams', 'stable'],
          additionalProperties: false,
          properties: { grams: { type: 'integer' }, stable: { type: 'boolean' } },
        },
      },
    },
    async (req, reply) => {
      const device = registry.get(req.params.id);
      if (!device) return fail(reply, 'device-not-found', `no device "${req.params.id}"`);
      if (!device.setWeight)
        return fail(reply, 'capability-missing', `${device.id} (${device.kind}) has no platter`);
      const result = device.setWeight(req.body.grams, req.body.stable);
      if (!result.ok) return fail(reply, result.reason, result.detail ?? result.reason);
      return { ok: true };
    },
  );

  app.post<{ Params: { id: string }; Body: { kind: string } }>(
    '/devices/:id/fault',
    {
      schema: {
        params: idParams,
        body: {
          type: 'object',
          required: ['kind'],
          additionalProperties: false,
          properties: { kind: { type: 'string', minLength: 1 } },
        },
      },
    },
    async (req, reply) => {
      const device = registry.get(req.params.id);
      if (!device) return fail(reply, 'device-not-found', `no device "${req.params.id}"`);
      const result = device.injectFault(req.body.kind);
      if (!result.ok) return fail(reply, result.reason, result.detail ?? result.reason);
      return { ok: true, faults: device.faults };
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/devices/:id/fault',
    { schema: { params: idParams } },
    async (req, reply) => {
      const device = registry.get(req.params.id);
      if (!device) return fail(reply, 'device-not-found', `no device "${req.params.id}"`);
      device.clearFaults();
      return { ok: true, faults: device.faults };
    },
  );

  app.get<{ Params: { id: string } }>(
    '/devices/:id/receipts',
    { schema: { params: idParams } },
    async (req, reply) => {
      const device = registry.get(req.params.id);
      if (!device) return fail(reply, 'device-not-found', `no device "${req.params.id}"`);
      if (!device.receipts)
        return fail(reply, 'capability-missing', `${device.id} (${device.kind}) prints no receipts`);
      return {
        receipts: device.receipts().map((r) => ({
          ...r,
          png: `/devices/${encodeURIComponent(device.id)}/receipts/${encodeURIComponent(r.id)}.png`,
        })),
      };
    },
  );

  app.get<{ Params: { id: string; receipt: string } }>(
    '/devices/:id/receipts/:receipt',
    async (req, reply) => {
      const device = registry.get(req.params.id);
      if (!device) return fail(reply, 'device-not-found', `no device "${req.params.id}"`);
      if (!device.receiptPng)
        return fail(reply, 'capability-missing', `${device.id} renders no receipt images`);
      const receiptId = req.params.receipt.replace(/\.png$/, '');
      const png = device.receiptPng(receiptId);
      if (!png) return fail(reply, 'receipt-not-found', `no receipt "${receiptId}" on ${device.id}`);
      return reply.type('image/png').send(png);
    },
  );

  app.get<{ Params: { id: string } }>(
    '/devices/:id/labels',
    { schema: { params: idParams } },
    async (req, reply) => {
      const device = registry.get(req.params.id);
      if (!device) return fail(reply, 'device-not-found', `no device "${req.params.id}"`);
      if (!device.labels)
        return fail(reply, 'capability-missing', `${device.id} (${device.kind}) holds no labels`);
      return { labels: device.labels() };
    },
  );

  app.get<{ Params: { id: string } }>(
    '/devices/:id/transactions',
    { schema: { params: idParams } },
    async (req, reply) => {
      const device = registry.get(req.params.id);
      if (!device) return fail(reply, 'device-not-found', `no device "${req.params.id}"`);
      if (!device.transactions) {
        return fail(reply, 'capability-missing', `${device.id} (${device.kind}) records no transactions`);
      }
      return { transactions: device.transactions() };
    },
  );

  app.post<{ Params: { id: string }; Body: { memberId?: string } | undefined }>(
    '/devices/:id/session',
    {
      schema: {
        params: idParams,
        body: {
          type: ['object', 'null'],
          additionalProperties: false,
          properties: { memberId: { type: 'string', minLength: 1, maxLength: 64 } },
        },
      },
    },
    async (req, reply) => {
      const device = registry.get(req.params.id);
      if (!device) return fail(reply, 'device-not-found', `no device "${req.params.id}"`);
      if (!device.startSession)
        return fail(reply, 'capability-missing', `${device.id} (${device.kind}) has no shopping session`);
      return { ok: true, sessionId: device.startSession(req.body?.memberId) };
    },
  );

  app.post<{ Params: { id: string }; Body: { code: string } }>(
    '/devices/:id/remove',
    {
      schema: {
        params: idParams,
        body: {
          type: 'object',
          required: ['code'],
          additionalProperties: false,
          properties: { code: { type: 'string', minLength: 1, maxLength: 4096 } },
        },
      },
    },
    async (req, reply) => {
      const device = registry.get(req.params.id);
      if (!device) return fail(reply, 'device-not-found', `no device "${req.params.id}"`);
      if (!device.removeItem)
        return fail(reply, 'capability-missing', `${device.id} (${device.kind}) holds no items`);
      const result = device.removeItem(req.body.code);
      if (!result.ok) return fail(reply, result.reason, result.detail ?? result.reason);
      return { ok: true };
    },
  );

  app.post<{ Params: { id: string } }>(
    '/devices/:id/checkout',
    { schema: { params: idParams } },
    async (req, reply) => {
      const device = registry.get(req.params.id);
      if (!device) return fail(reply, 'device-not-found', `no device "${req.params.id}"`);
      if (!device.requestCheckout)
        return fail(reply, 'capability-missing', `${device.id} (${device.kind}) cannot check out`);
      const result = device.requestCheckout();
      if (!result.ok) return fail(reply, result.reason, result.detail ?? result.reason);
      return { ok: true };
    },
  );

  return app;
}
