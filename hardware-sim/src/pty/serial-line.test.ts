import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SerialPort } from 'serialport';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SerialLine } from './serial-line.js';

describe('serial line', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'storefloor-serial-line-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('pulls and replugs in the order asked, even when the simulator stops right after a fault is cleared', async () => {
    const line = new SerialLine({ dir, name: 'scale-1', baudRate: 9600 });
    await line.connect();
    // A scenario's last steps: unplug, clear (replug in the background), and the simulator stops at once.
    line.plugInBackground(false);
    line.plugInBackground(true);
    await line.disconnect();
    expect(line.connected).toBe(false);
    // Any replug still opening the vanished pty would surface here as an unhandled rejection.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(line.connected).toBe(false);
  });

  it('carries bytes again after a background replug', async () => {
    const line = new SerialLine({ dir, name: 'scale-1', baudRate: 9600 });
    await line.connect();
    line.plugInBackground(false);
    line.plugInBackground(true);
    await line.connect();
    expect(line.connected).toBe(true);
    const driverSide = new SerialPort({ path: line.devicePath, baudRate: 9600 });
    await new Promise<void>((resolve, reject) => driverSide.once('open', resolve).once('error', reject));
    const received = new Promise<string>((resolve) =>
      driverSide.once('data', (chunk: Buffer) => resolve(chunk.toString())),
    );
    await line.write(new TextEncoder().encode('W'));
    expect(await received).toBe('W');
    await new Promise<void>((resolve) => driverSide.close(() => resolve()));
    await line.disconnect();
  });
});
