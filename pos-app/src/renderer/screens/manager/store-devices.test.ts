import { describe, expect, it } from 'vitest';
import { deviceState } from './store-devices.js';

describe('what the Devices screen says of a device', () => {
  it('names the reason when there is one, and marks what needs someone', () => {
    // The statuses device-drivers' printer and scale drivers emit.
    expect(deviceState({ health: 'offline', reason: 'paper-out' })).toEqual({
      key: 'reason.paper-out',
      problem: true,
    });
    expect(deviceState({ health: 'online', reason: 'paper-near-end' })).toEqual({
      key: 'reason.paper-near-end',
      problem: true,
    });
    expect(deviceState({ health: 'online', reason: 'motion' })).toEqual({
      key: 'reason.motion',
      problem: true,
    });
  });

  it('takes an empty scale platter for a scale at rest', () => {
    expect(deviceState({ health: 'online', reason: 'no-weight' })).toEqual({
      key: 'health.online',
      problem: false,
    });
    expect(deviceState({ health: 'online' })).toEqual({ key: 'health.online', problem: false });
    expect(deviceState({ health: 'unknown' })).toEqual({ key: 'health.unknown', problem: true });
  });
});
