import { describe, expect, it } from 'vitest';
import { ownDocumentsWin } from './own-documents-win.js';

type Sale = { id: string; deviceId: string; status: 'open' | 'completed'; total: number };
const handler = ownDocumentsWin<Sale>('lane-1', (s) => s.status === 'completed');
const resolve = (newDocumentState: Sale, realMasterState: Sale) =>
  handler.resolve({ newDocumentState, realMasterState, assumedMasterState: undefined } as never, 'test');

describe('own documents win a push conflict', () => {
  const open: Sale = { id: 's1', deviceId: 'lane-1', status: 'open', total: 0 };
  const completed: Sale = { id: 's1', deviceId: 'lane-1', status: 'completed', total: 1190 };

  it('keeps the lane its completed sale when the upstream still has the open copy (a lost push answer)', async () => {
    expect(await resolve(completed, open)).toEqual(completed);
  });

  it('never changes a version the upstream already holds as final', async () => {
    const other: Sale = { ...completed, total: 999 };
    expect(await resolve(other, completed)).toEqual(completed);
  });

  it("leaves another device's documents as the upstream has them", async () => {
    const theirs: Sale = { id: 's2', deviceId: 'lane-2', status: 'open', total: 5 };
    const mineLocally: Sale = { ...theirs, total: 7 };
    expect(await resolve(mineLocally, theirs)).toEqual(theirs);
  });
});
