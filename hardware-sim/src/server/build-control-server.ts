import type { Result } from '@storefloor/core';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import type { ControlPageProduct } from '../control-page/control-page-products.js';
import { controlPageRoutes } from '../control-page/control-page-routes.js';
import type { SimRegistry } from '../registry.js';
import type { SimDevice } from '../sim-device.js';
import { statusFor } from './control-errors.js';

export interface ControlServerOptions {
  readonly registry: SimRegistry;
  readonly logger?: boolean;
  /** What the control page (`GET /`) offers to scan; empty by default. */
  readonly products?: readonly ControlPageProduct[];
}

const idParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', minLength: 1 } },
} as const;

function fail(reply: FastifyReply, code: string, message: string): FastifyReply {
  return reply.code(statusFor(code)).send({ code, message });
}

/** A device's own answer: its failure reason becomes the error code, success is `{ ok: true, ...extra }`. */
function answer(reply: FastifyReply, result: Result<void>, extra: Record<string, unknown> = {}) {
  if (!result.ok) return fail(reply, result.reason, result.detail ?? result.reason);
  return { ok: true, ...extra };
}

/** The optional members of `SimDevice`: what a device can be asked to do, listed by GET /devices. */
const CAPABILITIES = [
  'scan',
  'setWeight',
  'receipts',
  'receiptPng',
  'labels',
  'labelPng',
  'transactions',
  'startSession',
  'removeItem',
  'requestCheckout',
  'certificatePem',
] as const;
type Capability = (typeof CAPABILITIES)[number];

/**
 * The device a route acts on, or the reply already sent: 404 `device-not-found`, or 409
 * `capability-missing` (saying what the device cannot do) when the route needs a capability it lacks.
 */
function deviceFor(
  registry: SimRegistry,
  id: string,
  reply: FastifyReply,
  need?: { capability: Capability; cannot: string },
): SimDevice | undefined {
  const device = registry.get(id);
  if (!device) {
    fail(reply, 'device-not-found', `no device "${id}"`);
    return undefined;
  }
  if (need && typeof device[need.capability] !== 'function') {
    fail(reply, 'capability-missing', `${device.id} (${device.kind}) ${need.cannot}`);
    return undefined;
  }
  return device;
}

/** A device's listing: what a driver needs to open it, and what can be done to it. */
export function describeDevice(device: SimDevice): Record<string, unknown> {
  const capabilities = CAPABILITIES.filter((name) => typeof device[name] === 'function');
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

  controlPageRoutes(app, options.products ?? []);

  const listing = (device: SimDevice) => {
    const station = registry.stationOf(device.id);
    return { ...describeDevice(device), ...(station === undefined ? {} : { station }) };
  };
  app.get('/devices', async () => ({ devices: registry.list().map(listing) }));

  app.get<{ Params: { id: string } }>(
    '/devices/:id',
    { schema: { params: idParams } },
    async (req, reply) => {
      const device = deviceFor(registry, req.params.id, reply);
      if (!device) return reply;
      return listing(device);
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
      const device = deviceFor(registry, req.params.id, reply, { capability: 'scan', cannot: 'cannot scan' });
      if (!device?.scan) return reply;
      return answer(reply, await device.scan(req.body.code, req.body.symbology));
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
      const device = deviceFor(registry, req.params.id, reply, {
        capability: 'setWeight',
        cannot: 'has no platter',
      });
      if (!device?.setWeight) return reply;
      return answer(reply, device.setWeight(req.body.grams, req.body.stable));
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
      const device = deviceFor(registry, req.params.id, reply);
      if (!device) return reply;
      return answer(reply, device.injectFault(req.body.kind), { faults: device.faults });
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/devices/:id/fault',
    { schema: { params: idParams } },
    async (req, reply) => {
      const device = deviceFor(registry, req.params.id, reply);
      if (!device) return reply;
      device.clearFaults();
      return { ok: true, faults: device.faults };
    },
  );

  app.get<{ Params: { id: string } }>(
    '/devices/:id/certificate',
    { schema: { params: idParams } },
    async (req, reply) => {
      const device = deviceFor(registry, req.params.id, reply, {
        capability: 'certificatePem',
        cannot: 'serves no TLS certificate',
      });
      if (!device?.certificatePem) return reply;
      const pem = device.certificatePem();
      if (!pem) return fail(reply, 'capability-missing', `${device.id} serves plain HTTP`);
      return reply.type('application/x-pem-file').send(pem);
    },
  );

  app.get<{ Params: { id: string } }>(
    '/devices/:id/receipts',
    { schema: { params: idParams } },
    async (req, reply) => {
      const device = deviceFor(registry, req.params.id, reply, {
        capability: 'receipts',
        cannot: 'prints no receipts',
      });
      if (!device?.receipts) return reply;
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
      const device = deviceFor(registry, req.params.id, reply, {
        capability: 'receiptPng',
        cannot: 'renders no receipt images',
      });
      if (!device?.receiptPng) return reply;
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
      const device = deviceFor(registry, req.params.id, reply, {
        capability: 'labels',
        cannot: 'holds no labels',
      });
      if (!device?.labels) return reply;
      return { labels: device.labels() };
    },
  );

  app.get<{ Params: { id: string; label: string } }>('/devices/:id/labels/:label', async (req, reply) => {
    const device = deviceFor(registry, req.params.id, reply, {
      capability: 'labelPng',
      cannot: 'renders no label images',
    });
    if (!device?.labelPng) return reply;
    const labelId = req.params.label.replace(/\.png$/, '');
    const png = device.labelPng(labelId);
    if (!png) return fail(reply, 'label-not-found', `label "${labelId}" on ${device.id} shows no image`);
    return reply.type('image/png').send(png);
  });

  app.get<{ Params: { id: string } }>(
    '/devices/:id/transactions',
    { schema: { params: idParams } },
    async (req, reply) => {
      const device = deviceFor(registry, req.params.id, reply, {
        capability: 'transactions',
        cannot: 'records no transactions',
      });
      if (!device?.transactions) return reply;
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
      const device = deviceFor(registry, req.params.id, reply, {
        capability: 'startSession',
        cannot: 'has no shopping session',
      });
      if (!device?.startSession) return reply;
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
      const device = deviceFor(registry, req.params.id, reply, {
        capability: 'removeItem',
        cannot: 'holds no items',
      });
      if (!device?.removeItem) return reply;
      return answer(reply, device.removeItem(req.body.code));
    },
  );

  app.post<{ Params: { id: string } }>(
    '/devices/:id/checkout',
    { schema: { params: idParams } },
    async (req, reply) => {
      const device = deviceFor(registry, req.params.id, reply, {
        capability: 'requestCheckout',
        cannot: 'cannot check out',
      });
      if (!device?.requestCheckout) return reply;
      return answer(reply, device.requestCheckout());
    },
  );

  return app;
}
