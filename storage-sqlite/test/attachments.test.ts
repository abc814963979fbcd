import type { RxCollection, RxDatabase } from 'rxdb';
import { addRxPlugin, createRxDatabase } from 'rxdb';
import { RxDBAttachmentsPlugin } from 'rxdb/plugins/attachments';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getRxStorageSQLite } from '../src/index.js';
import { temporaryDirectory } from './fixtures.js';

addRxPlugin(RxDBAttachmentsPlugin);

type ReceiptDoc = { id: string; saleId: string };
type Db = RxDatabase<{ receipts: RxCollection<ReceiptDoc> }>;

const receiptSchema = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: { id: { type: 'string', maxLength: 40 }, saleId: { type: 'string', maxLength: 40 } },
  required: ['id', 'saleId'],
  attachments: {},
} as const;

describe('attachments', () => {
  let dir: ReturnType<typeof temporaryDirectory>;
  let db: Db;

  async function open(): Promise<Db> {
    const opened = await createRxDatabase<{ receipts: RxCollection<ReceiptDoc> }>({
      name: 'store',
      storage: getRxStorageSQLite({ directory: dir.path, synchronous: 'NORMAL' }),
      multiInstance: false,
    });
    await opened.addCollections({ receipts: { schema: receiptSchema } });
    return opened;
  }

  beforeEach(async () => {
    dir = temporaryDirectory();
    db = await open();
  });
  afterEach(async () => {
    await db.close();
    dir.remove();
  });

  it('stores a receipt image, survives reopen, and drops it on removal', async () => {
    const receipt = await db.receipts.insert({ id: 'r-1', saleId: 's-1' });
    const bytes = new Uint8Array(5000).map((_, i) => (i * 31) % 256);
    await receipt.putAttachment({ id: 'receipt.png', type: 'image/png', data: new Blob([bytes]) });

    await db.close();
    db = await open();
    const reopened = await db.receipts.findOne('r-1').exec();
    const attachment = reopened?.getAttachment('receipt.png');
    expect(attachment?.type).toBe('image/png');
    const data = await attachment!.getData();
    expect(new Uint8Array(await data.arrayBuffer())).toEqual(bytes);

    await attachment!.remove();
    const afterRemoval = await db.receipts.findOne('r-1').exec();
    expect(afterRemoval?.allAttachments()).toEqual([]);
  });
});
