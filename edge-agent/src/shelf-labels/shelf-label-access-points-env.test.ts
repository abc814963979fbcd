import { describe, expect, it } from 'vitest';
import { accessPointsFromEnv } from './shelf-label-access-points-env.js';

describe('STOREFLOOR_ESL_AP_URL', () => {
  it('reads one URL, several, and named ones; unset means no labels', () => {
    expect(accessPointsFromEnv(undefined)).toEqual([]);
    expect(accessPointsFromEnv(' ')).toEqual([]);
    expect(accessPointsFromEnv('http://127.0.0.1:9001/')).toEqual([
      { id: 'ap-1', url: 'http://127.0.0.1:9001' },
    ]);
    expect(accessPointsFromEnv('front=http://10.0.0.7, http://10.0.0.8')).toEqual([
      { id: 'front', url: 'http://10.0.0.7' },
      { id: 'ap-2', url: 'http://10.0.0.8' },
    ]);
  });

  it('names the variable when a value is not an http URL', () => {
    expect(() => accessPointsFromEnv('not a url')).toThrow(/STOREFLOOR_ESL_AP_URL/);
    expect(() => accessPointsFromEnv('ftp://10.0.0.7')).toThrow(/http:\/\//);
  });
});
