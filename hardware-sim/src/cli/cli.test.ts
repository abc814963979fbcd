import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../../bin/storefloor-hardware-sim.js', import.meta.url));
const scenario = fileURLToPath(new URL('../scenario/examples/lane-basic.json', import.meta.url));

/** Runs the real bin: starts the simulator on a free port, replays the example, stops with SIGTERM. */
describe('storefloor-hardware-sim bin', () => {
  const children: ChildProcess[] = [];

  afterEach(() => {
    // A failed assertion must not leave the simulator (and its socat children) running.
    for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGTERM');
  });

  it('starts, lists devices, replays a scenario against itself, and stops cleanly', async () => {
    const sim = spawn(process.execPath, [bin, 'start', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(sim);
    let out = '';
    const url = await new Promise<string>((resolve, reject) => {
      sim.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /control API (http:\/\/\S+)/.exec(out);
        if (match && out.includes('scale-2')) resolve(match[1]!);
      });
      sim.once('exit', (code) => reject(new Error(`sim exited ${code}: ${out}`)));
    });
    expect(out).toMatch(/scanner-1\s+scanner\s+aim-serial\s+\/\S+scanner-1/);
    const devices = (await (await fetch(`${url}/devices`)).json()) as {
      devices: Array<{ id: string; kind: string; path?: string; port?: number; url?: string }>;
    };
    expect(devices.devices.map((d) => [d.id, d.kind])).toEqual([
      ['scanner-1', 'scanner'],
      ['scale-1', 'scale'],
      ['scale-2', 'scale'],
      ['printer-1', 'printer'],
      ['terminal-1', 'payment-terminal'],
      ['wallet-gateway-1', 'wallet-gateway'],
      ['face-pay-1', 'face-pay'],
      ['esl-ap-1', 'shelf-labels'],
    ]);
    // Every device names the endpoint a driver opens: a pty path, a TCP port or a URL.
    for (const d of devices.devices) expect(d.path ?? d.port ?? d.url).toBeTruthy();

    const replay = spawn(process.execPath, [bin, 'replay', scenario, '--sim', url], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(replay);
    let replayOut = '';
    replay.stdout.on('data', (c: Buffer) => {
      replayOut += c.toString();
    });
    const replayCode = await new Promise((resolve) => replay.once('exit', resolve));
    expect(replayOut).toContain('replayed 14 steps');
    expect(replayCode).toBe(0);

    sim.kill('SIGTERM');
    expect(await new Promise((resolve) => sim.once('exit', resolve))).toBe(0);
  }, 30_000);
});
