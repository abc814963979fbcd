import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSimulator, startSimulator } from '../start-simulator.js';
import { replayScenario } from './replay-scenario.js';
import { parseScenario } from './scenario.js';

describe('lane scenarios', () => {
  let sim: RunningSimulator;

  beforeAll(async () => {
    sim = await startSimulator({
      port: 0,
      config: {
        devices: [
          { id: 'scanner-1', kind: 'scanner', protocol: 'aim-serial' },
          { id: 'scale-1', kind: 'scale', protocol: 'toledo-8217' },
        ],
      },
    });
  });

  afterAll(async () => {
    await sim?.stop();
  });

  it('validates steps, naming the bad field', () => {
    expect(parseScenario({ steps: [{ action: 'weigh', device: 'scale-1', grams: 1.5 }] })).toMatchObject({
      ok: false,
      detail: 'steps[0].grams must be an integer',
    });
    expect(parseScenario({ steps: [{ action: 'dance' }] })).toMatchObject({
      ok: false,
      reason: 'bad-scenario',
    });
  });

  it('replays the shipped example through the control API and leaves the devices as scripted', async () => {
    const file = new URL('./examples/lane-basic.json', import.meta.url);
    const scenario = parseScenario(JSON.parse(await readFile(file, 'utf8')));
    if (!scenario.ok) throw new Error(scenario.detail);
    const waits: number[] = [];
    const result = await replayScenario(scenario.value, {
      sim: sim.url,
      sleep: async (ms) => {
        waits.push(ms);
      },
    });
    expect(result).toEqual({ ok: true, value: { steps: scenario.value.steps.length } });
    expect(waits).toEqual([300, 500, 500, 1000]);
    expect(sim.registry.get('scanner-1')?.faults).toEqual([]);
    expect(sim.registry.get('scale-1')?.faults).toEqual([]);
  });

  it('stops at the first refused step with its index and code', async () => {
    const result = await replayScenario(
      {
        name: 't',
        steps: [
          { action: 'clear', device: 'scale-1' },
          { action: 'fault', device: 'scale-1', kind: 'fire' },
        ],
      },
      { sim: sim.url },
    );
    expect(result).toMatchObject({ ok: false, reason: 'step-failed' });
    expect(!result.ok && result.detail).toContain('step 1 (fault scale-1): 400 unknown-fault');
  });
});
