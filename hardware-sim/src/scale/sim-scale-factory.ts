import type { SimDeviceFactory } from '../sim-device.js';
import type { NciResponderOptions, NciUnit } from './nci-responder.js';
import { SimScale } from './sim-scale.js';

const NCI_UNITS: readonly NciUnit[] = ['kg', 'lb', 'lb-oz'];

/**
 * `scale/toledo-8217` and `scale/nci`. Options: `capacityGrams` (default 15000); NCI only: `unit`
 * (`kg` | `lb` | `lb-oz`), `lowerCaseUnits`, `statusPrefix` (`S` before the status), `statusBytes` (2 | 3).
 * A bad option throws naming it (STYLE.md: bad options fail at construction).
 */
export const simScaleFactory: SimDeviceFactory = (spec, env) => {
  const o = spec.options ?? {};
  const at = `${spec.id}.options`;
  if (
    o.capacityGrams !== undefined &&
    !(Number.isInteger(o.capacityGrams) && (o.capacityGrams as number) > 0)
  ) {
    throw new TypeError(`${at}.capacityGrams must be a positive integer`);
  }
  if (o.unit !== undefined && !NCI_UNITS.includes(o.unit as NciUnit)) {
    throw new TypeError(`${at}.unit must be one of ${NCI_UNITS.join(', ')}`);
  }
  if (o.statusBytes !== undefined && o.statusBytes !== 2 && o.statusBytes !== 3) {
    throw new TypeError(`${at}.statusBytes must be 2 or 3`);
  }
  for (const flag of ['lowerCaseUnits', 'statusPrefix'] as const) {
    if (o[flag] !== undefined && typeof o[flag] !== 'boolean')
      throw new TypeError(`${at}.${flag} must be a boolean`);
  }
  const nci: NciResponderOptions = {
    ...(o.unit === undefined ? {} : { unit: o.unit as NciUnit }),
    ...(o.lowerCaseUnits === undefined ? {} : { lowerCaseUnits: o.lowerCaseUnits as boolean }),
    ...(o.statusPrefix === undefined ? {} : { statusPrefix: o.statusPrefix as boolean }),
    ...(o.statusBytes === undefined ? {} : { statusBytes: o.statusBytes as 2 | 3 }),
  };
  return new SimScale({
    id: spec.id,
    runDir: env.runDir,
    protocol: spec.protocol === 'nci' ? 'nci' : 'toledo-8217',
    nci,
    ...(o.capacityGrams === undefined ? {} : { capacityGrams: o.capacityGrams as number }),
  });
};
