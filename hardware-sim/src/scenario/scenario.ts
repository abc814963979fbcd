import { err, ok, type Result } from '@storefloor/core';

/** One step of a scripted lane: what a shopper or a failing device does. */
export type ScenarioStep =
  | { readonly action: 'scan'; readonly device: string; readonly code: string; readonly symbology?: string }
  | { readonly action: 'weigh'; readonly device: string; readonly grams: number; readonly stable: boolean }
  | { readonly action: 'wait'; readonly ms: number }
  | { readonly action: 'fault'; readonly device: string; readonly kind: string }
  | { readonly action: 'clear'; readonly device: string };

export interface Scenario {
  readonly name: string;
  readonly steps: readonly ScenarioStep[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const nonEmpty = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

/** Validates a parsed scenario file; the message names the step and field. */
export function parseScenario(input: unknown): Result<Scenario, 'bad-scenario'> {
  if (!isRecord(input) || !Array.isArray(input.steps))
    return err('bad-scenario', 'a scenario needs a "steps" array');
  const name = typeof input.name === 'string' ? input.name : 'scenario';
  const steps: ScenarioStep[] = [];
  for (const [i, step] of input.steps.entries()) {
    const at = `steps[${i}]`;
    if (!isRecord(step)) return err('bad-scenario', `${at} must be an object`);
    const needDevice = () =>
      nonEmpty(step.device) ? undefined : err('bad-scenario', `${at}.device must be a device id`);
    switch (step.action) {
      case 'scan': {
        const bad = needDevice();
        if (bad) return bad;
        if (!nonEmpty(step.code)) return err('bad-scenario', `${at}.code must be a non-empty string`);
        if (step.symbology !== undefined && !nonEmpty(step.symbology)) {
          return err('bad-scenario', `${at}.symbology must be a string`);
        }
        steps.push({
          action: 'scan',
          device: step.device as string,
          code: step.code,
          ...(step.symbology ? { symbology: step.symbology as string } : {}),
        });
        break;
      }
      case 'weigh': {
        const bad = needDevice();
        if (bad) return bad;
        if (!Number.isInteger(step.grams)) return err('bad-scenario', `${at}.grams must be an integer`);
        steps.push({
          action: 'weigh',
          device: step.device as string,
          grams: step.grams as number,
          stable: step.stable !== false,
        });
        break;
      }
      case 'wait':
        if (!Number.isInteger(step.ms) || (step.ms as number) < 0 || (step.ms as number) > 600_000) {
          return err('bad-scenario', `${at}.ms must be an integer 0-600000`);
        }
        steps.push({ action: 'wait', ms: step.ms as number });
        break;
      case 'fault': {
        const bad = needDevice();
        if (bad) return bad;
        if (!nonEmpty(step.kind)) return err('bad-scenario', `${at}.kind must be a fault kind`);
        steps.push({ action: 'fault', device: step.device as string, kind: step.kind });
        break;
      }
      case 'clear': {
        const bad = needDevice();
        if (bad) return bad;
        steps.push({ action: 'clear', device: step.device as string });
        break;
      }
      default:
        return err(
          'bad-scenario',
          `${at}.action ${JSON.stringify(step.action)} is not scan, weigh, wait, fault or clear`,
        );
    }
  }
  return ok({ name, steps });
}
