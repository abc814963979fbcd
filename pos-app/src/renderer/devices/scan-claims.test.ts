import { describe, expect, it } from 'vitest';
import { claimScans, scansClaimed } from './scan-claims.js';

describe('scanner claims of modal dialogs', () => {
  it('holds while any claim is open, releasing each once in any order', () => {
    expect(scansClaimed()).toBe(false);
    const a = claimScans();
    const b = claimScans();
    a();
    a();
    expect(scansClaimed()).toBe(true);
    b();
    expect(scansClaimed()).toBe(false);
  });
});
