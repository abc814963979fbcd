/**
 * The lane's device config for a hardware-sim instance, read from its control API (`GET /devices`): the
 * simulator's scanner and scale ptys, its printer's TCP port, its nexo terminal's HTTPS URL (with the
 * certificate to pin) and its face-pay device. Only the development launcher
 * and tests use this; a real lane reads its device config file.
 */
interface SimDeviceListing {
  readonly id: string;
  readonly kind: string;
  readonly protocol: string;
  readonly path?: string;
  readonly port?: number;
  readonly url?: string;
}

export interface SimLaneDeviceIds {
  readonly scanner?: string;
  readonly scale?: string;
  readonly printer?: string;
  readonly terminal?: string;
  readonly facePay?: string;
  /** A kiosk's bagging-area scale (a second scale device, `bagging` on the host); lanes have none. */
  readonly bagging?: string;
}

/** The POIID hardware-sim's nexo terminal answers to unless its config names another. */
const SIM_POI_ID = 'P400Plus-275039202';

const DEFAULT_IDS: Required<Omit<SimLaneDeviceIds, 'bagging'>> = {
  scanner: 'scanner-1',
  scale: 'scale-1',
  printer: 'printer-1',
  terminal: 'terminal-1',
  facePay: 'face-pay-1',
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
  // The simulated nexo terminal serves HTTPS with its own self-signed certificate: the lane pins it.
  const certificate = await fetch(
    `${simUrl.replace(/\/+$/, '')}/devices/${encodeURIComponent(terminal.id)}/certificate`,
  );
  const ca = certificate.ok ? await certificate.text() : undefined;
  const facePay = listing.find((d) => d.id === want.facePay);
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
      // A scanner-scale (the counter's scanner with the scale in it) is one device: the renderer gives it
      // both roles.
      ...(scanner.kind === 'scanner-scale'
        ? [
            {
              id: 'scanner-scale',
              kind: 'scanner-scale',
              transport: 'serial',
              path: scanner.path,
              protocol: scanner.protocol,
              ...(options.scalePollMs === undefined
                ? {}
                : { options: { pollIntervalMs: options.scalePollMs } }),
            },
          ]
        : [
            {
              id: 'scanner',
              kind: 'scanner',
              transport: 'serial',
              path: scanner.path,
              protocol: 'aim-serial',
            },
            {
              id: 'scale',
              kind: 'scale',
              transport: 'serial',
              path: scale.path,
              protocol: scale.protocol,
              ...(options.scalePollMs === undefined
                ? {}
                : { options: { pollIntervalMs: options.scalePollMs } }),
            },
          ]),
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
        transport: 'http',
        address: terminal.url,
        protocol: 'nexo-https',
        options: { saleId: 'storefloor-lane', poiId: SIM_POI_ID, ...(ca ? { ca } : {}), pollDelayMs: 200 },
      },
      ...(facePay
        ? [
            {
              id: 'face-pay',
              kind: 'face-pay',
              transport: 'http',
              address: facePay.url,
              protocol: 'face-pay-http',
            },
          ]
        : []),
    ],
  };
}
