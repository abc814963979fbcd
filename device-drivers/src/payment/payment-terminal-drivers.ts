import { readFileSync } from 'node:fs';
import type { DeviceSpec } from '../config/device-config.js';
import type { DriverCatalog } from '../config/driver-catalog.js';
import { NexoPaymentTerminal } from './nexo-payment-terminal.js';

/** The card terminal protocol a lane config names: nexo Sale-to-POI over the terminal's local HTTPS API. */
export const DEFAULT_PAYMENT_TERMINAL_PROTOCOL = 'nexo-https';

const NEXO_OPTIONS = [
  'saleId',
  'poiId',
  'ca',
  'caFile',
  'replyTimeoutMs',
  'statusTimeoutMs',
  'statusAttempts',
  'pollDelayMs',
];

function nexoTerminal(spec: DeviceSpec): NexoPaymentTerminal {
  if (spec.transport !== 'http')
    throw new TypeError(
      `device ${spec.id}: protocol "${spec.protocol}" needs transport http (an https:// address)`,
    );
  const o = spec.options ?? {};
  for (const key of Object.keys(o)) {
    if (!NEXO_OPTIONS.includes(key))
      throw new TypeError(
        `device ${spec.id}: "${key}" is not a nexo terminal option (${NEXO_OPTIONS.join(', ')})`,
      );
  }
  for (const key of ['saleId', 'poiId', 'ca', 'caFile']) {
    if (o[key] !== undefined && typeof o[key] !== 'string')
      throw new TypeError(`device ${spec.id}: option "${key}" must be a string`);
  }
  for (const key of ['replyTimeoutMs', 'statusTimeoutMs', 'statusAttempts', 'pollDelayMs']) {
    if (o[key] !== undefined && typeof o[key] !== 'number')
      throw new TypeError(`device ${spec.id}: option "${key}" must be a number`);
  }
  if (typeof o.saleId !== 'string' || typeof o.poiId !== 'string')
    throw new TypeError(`device ${spec.id}: options "saleId" and "poiId" are required for a nexo terminal`);
  let ca = o.ca as string | undefined;
  if (ca === undefined && typeof o.caFile === 'string') {
    try {
      ca = readFileSync(o.caFile, 'utf8');
    } catch (e) {
      throw new TypeError(`device ${spec.id}: option "caFile" cannot be read: ${(e as Error).message}`);
    }
  }
  const n = (key: string) => (typeof o[key] === 'number' ? { [key]: o[key] as number } : {});
  return new NexoPaymentTerminal({
    id: spec.id,
    url: spec.address ?? '',
    saleId: o.saleId,
    poiId: o.poiId,
    ...(ca === undefined ? {} : { ca }),
    ...n('replyTimeoutMs'),
    ...n('statusTimeoutMs'),
    ...n('statusAttempts'),
    ...n('pollDelayMs'),
  });
}

/** The card terminal driver: `payment-terminal/nexo-https`, nexo Sale-to-POI over the terminal's local HTTPS API. */
export function registerPaymentTerminalDrivers(catalog: DriverCatalog): DriverCatalog {
  return catalog.register('payment-terminal', DEFAULT_PAYMENT_TERMINAL_PROTOCOL, nexoTerminal);
}
