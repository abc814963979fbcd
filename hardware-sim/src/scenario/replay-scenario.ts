import { err, ok, type Result } from '@storefloor/core';
import type { Scenario, ScenarioStep } from './scenario.js';

export interface ReplayOptions {
  /** Control API base URL, e.g. http://127.0.0.1:8790 */
  readonly sim: string;
  readonly onStep?: (index: number, step: ScenarioStep) => void;
  /** Injected so tests can shorten waits; defaults to a real timer. */
  readonly sleep?: (ms: number) => Promise<void>;
}

function request(step: Exclude<ScenarioStep, { action: 'wait' }>): {
  method: string;
  path: string;
  body?: unknown;
} {
  const device = `/devices/${encodeURIComponent(step.device)}`;
  switch (step.action) {
    case 'scan':
      return {
        method: 'POST',
        path: `${device}/scan`,
        body: { code: step.code, ...(step.symbology ? { symbology: step.symbology } : {}) },
      };
    case 'weigh':
      return { method: 'PUT', path: `${device}/weight`, body: { grams: step.grams, stable: step.stable } };
    case 'fault':
      return { method: 'POST', path: `${device}/fault`, body: { kind: step.kind } };
    case 'clear':
      return { method: 'DELETE', path: `${device}/fault` };
  }
}

/** Replays a scenario through the control API, step by step; stops at the first refused step. */
export async function replayScenario(
  scenario: Scenario,
  options: ReplayOptions,
): Promise<Result<{ steps: number }, 'step-failed' | 'sim-unreachable'>> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  for (const [index, step] of scenario.steps.entries()) {
    options.onStep?.(index, step);
    if (step.action === 'wait') {
      await sleep(step.ms);
      continue;
    }
    const { method, path, body } = request(step);
    let response: Response;
    try {
      response = await fetch(new URL(path, options.sim), {
        method,
        ...(body === undefined
          ? {}
          : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
      });
    } catch (e) {
      return err('sim-unreachable', `${options.sim}: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (!response.ok) {
      const reply = (await response.json().catch(() => ({}))) as { code?: string; message?: string };
      return err(
        'step-failed',
        `step ${index} (${step.action} ${step.device}): ${response.status} ${reply.code ?? ''} ${reply.message ?? ''}`.trim(),
      );
    }
  }
  return ok({ steps: scenario.steps.length });
}
