import type { HostMessage } from '@storefloor/device-drivers';
import { createLaneDeviceHost } from '../../pos-app/src/host/lane-host.js';

/** A device host reply: a value, or a typed failure. */
export interface DeviceReply {
  readonly ok: boolean;
  readonly value?: unknown;
  readonly reason?: string;
  readonly detail?: string;
}

export type InvokeDevice = (deviceId: string, command: string, args: unknown) => Promise<DeviceReply>;

export interface LaneDevices {
  readonly invoke: InvokeDevice;
  shutdown(): Promise<void>;
}

/**
 * pos-app's lane device host in this process, every configured device opened, claimed and enabled on one
 * session (as the lane's renderer holds one), its commands called as the renderer calls them.
 */
export async function openLaneDevices(devices: readonly Record<string, unknown>[]): Promise<LaneDevices> {
  const host = createLaneDeviceHost({ devices });
  const session = host.connect();
  const pending = new Map<string, (result: DeviceReply) => void>();
  session.onMessage((message: HostMessage) => {
    if (message.type !== 'reply') return;
    pending.get(message.requestId)?.(message.result as DeviceReply);
    pending.delete(message.requestId);
  });
  let next = 1;
  const request = (body: Record<string, unknown>) =>
    new Promise<DeviceReply>((resolve) => {
      const requestId = `r${next++}`;
      pending.set(requestId, resolve);
      void session.send({ ...body, requestId });
    });
  for (const device of devices)
    for (const type of ['open', 'claim', 'enable']) {
      const done = await request({ type, deviceId: device.id });
      if (!done.ok) throw new Error(`${String(device.id)} ${type}: ${done.reason} ${done.detail ?? ''}`);
    }
  return {
    invoke: (deviceId, command, args) => request({ type: 'invoke', deviceId, command, args }),
    shutdown: () => host.shutdown(),
  };
}
