/**
 * The lane's device config for a hardware-sim instance, read from its control API (`GET /devices`): the
 * simulator's scanner and scale ptys and its printer and terminal TCP ports. Only the development launcher
 * and tests use this; a real lane reads its device config file.
 */
interface SimDeviceListing {
  readonly id: string;
  readonly kind: string;
  readonly protocol: string;
  readonly path?: string;
  readonly port?: number;
}

export interface SimLaneDeviceIds {
  readonly scanner?: string;
  readonly scale?: string;
  readonly printer?: string;
  readonly terminal?: string;
  /** A kiosk's bagging-area scale (a second scale device, `bagging` on the host); lanes have none. */
  readonly bagging?: string;
}

const DEFAULT_IDS: Required<Omit<SimLaneDeviceIds, 'bagging'>> = {
  scanner: 'scanner-1',
  scale: 'scale-1',
  printer: 'printer-1',
  terminal: 'terminal-1',
};

export async function laneDevicesFromSim(
  simUrl: string,
  ids: SimLaneDeviceIds = {},
  options: { scalePollMs?: number; printerHost?: string } = {},
): Promise<{ devices: Record<string, unknown>[] }> {
  const response = await fetch(`${simUrl.replace(/\/+$/, '')}/devices`);
  if (!response.ok) throw new Error(`hardware-sim at ${simUrl} answered ${response.status}`);
  const listing = ((await response.json()) as { devices: SimDeviceListing[] }).devices;
  const want = { ...DEFAULT_IDS, ...ids };
  const find = (id: string) => {
    const device = listing.find((d) => d.id === id);
    if (!device)
      throw new Error(`hardware-sim has no device "${id}" (has ${listing.map((d) => d.id).join(', ')})`);
    return device;
  };
  const host = options.printerHost ?? new URL(simUrl).hostname;
  const scanner = find(want.scanner);
  const scale = find(want.scale);
  const printer = find(want.printer);
  const terminal = find(want.terminal);
  const bagging = want.bagging === undefined ? undefined : find(want.bagging);
  return {
    devices: [
      ...(bagging
        ? [
            {
              id: 'bagging',
              kind: 'scale',
              transport: 'serial',
              path: bagging.path,
              protocol: bagging.protocol,
              ...(options.scalePollMs === undefined
                ? {}
                : { options: { pollIntervalMs: options.scalePollMs } }),
            },
          ]
        : []),
      { id: 'scanner', kind: 'scanner', transport: 'serial', path: scanner.path, protocol: 'aim-serial' },
      {
        id: 'scale',
        kind: 'scale',
        transport: 'serial',
        path: scale.path,
        protocol: scale.protocol,
        ...(options.scalePollMs === undefined ? {} : { options: { pollIntervalMs: options.scalePollMs } }),
      },
      {
        id: 'printer',
        kind: 'printer',
        transport: 'tcp',
        address: `${host}:${printer.port}`,
        protocol: 'escpos',
      },
      {
        id: 'terminal',
        kind: 'payment-terminal',
        transport: 'tcp',
        address: `${host}:${terminal.port}`,
        protocol: 'ecr',
      },
    ],
  };
}
