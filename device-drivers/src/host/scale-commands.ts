import { err, ok } from '@storefloor/core';
import { ScaleDevice } from '../scale/scale-device.js';
import { ScannerScaleDevice } from '../scale/scanner-scale-device.js';
import type { DeviceCommand } from './device-host.js';

function asScale(run: (scale: ScaleDevice) => ReturnType<DeviceCommand['run']>): DeviceCommand['run'] {
  return async (device) =>
    device instanceof ScaleDevice ? run(device) : err('wrong-device-kind', `${device.id} is not a scale`);
}

/** `scale.read`, `scale.zero`, `scale.tare`, `scale.clear-tare` for the device host. */
export const SCALE_COMMANDS: Readonly<Record<string, DeviceCommand>> = {
  // A stable weight from a scale, or from the scale inside a scanner-scale (Magellan SCI), the same answer.
  'scale.read': {
    kind: 'scale',
    alsoFor: ['scanner-scale'],
    run: async (device) => {
      if (!(device instanceof ScaleDevice) && !(device instanceof ScannerScaleDevice))
        return err('wrong-device-kind', `${device.id} is not a scale`);
      const weight = await device.readWeight();
      return weight.ok ? ok({ grams: weight.value.grams, net: weight.value.net }) : weight;
    },
  },
  'scale.zero': {
    kind: 'scale',
    run: asScale(async (scale) => {
      const done = await scale.zero();
      return done.ok ? ok(null) : done;
    }),
  },
  'scale.tare': {
    kind: 'scale',
    run: asScale(async (scale) => {
      const done = await scale.tare();
      return done.ok ? ok(null) : done;
    }),
  },
  'scale.clear-tare': {
    kind: 'scale',
    run: asScale(async (scale) => {
      const done = await scale.clearTare();
      return done.ok ? ok(null) : done;
    }),
  },
};
