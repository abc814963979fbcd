import type { ByteTransport } from '../transport/byte-transport.js';
import { HidTransport } from '../transport/hid-transport.js';
import { type SerialLineSettings, SerialTransport } from '../transport/serial-transport.js';
import { TcpTransport } from '../transport/tcp-transport.js';
import type { DeviceSpec } from './device-config.js';

/**
 * The byte transport a validated spec asks for. `defaults` are the protocol's own line settings
 * (9600 7E1 for a Toledo scale); the config's `serial` block overrides them.
 * http and ws devices have no byte transport: their drivers speak HTTP/WebSocket themselves.
 */
export function createTransport(
  spec: DeviceSpec,
  defaults: Omit<SerialLineSettings, 'path'> = { baudRate: 9600 },
): ByteTransport | undefined {
  switch (spec.transport) {
    case 'serial':
      return new SerialTransport({ ...defaults, ...spec.serial, path: spec.path ?? '' });
    case 'tcp': {
      const at = (spec.address ?? '').lastIndexOf(':');
      return new TcpTransport({
        host: (spec.address ?? '').slice(0, at),
        port: Number((spec.address ?? '').slice(at + 1)),
      });
    }
    case 'hid': {
      if (spec.path !== undefined) return new HidTransport({ path: spec.path });
      const [vendor, product] = (spec.address ?? '').split(':');
      return new HidTransport({
        vendorId: Number.parseInt(vendor ?? '', 16),
        productId: Number.parseInt(product ?? '', 16),
      });
    }
    case 'http':
    case 'ws':
      return undefined;
  }
}
