import { describe, expect, it } from 'vitest';
import { replicateStorefloorCollection } from './replicate-storefloor-collection.js';

describe('replicateStorefloorCollection options', () => {
  const collection = { name: 'sales' } as never;

  it('fails at construction naming a missing url, token, bad batchSize or empty deviceId', () => {
    expect(() => replicateStorefloorCollection({ collection, url: '', token: 't' })).toThrow(/"url"/);
    expect(() => replicateStorefloorCollection({ collection, url: 'http://x', token: '' })).toThrow(
      /"token"/,
    );
    expect(() =>
      replicateStorefloorCollection({ collection, url: 'http://x', token: 't', batchSize: 0 }),
    ).toThrow(/"batchSize"/);
    expect(() =>
      replicateStorefloorCollection({ collection, url: 'http://x', token: 't', deviceId: '' }),
    ).toThrow(/"deviceId"/);
  });
});
