import {
  createRevision,
  fillWithDefaultSettings,
  getLengthOfPrimaryKey,
  type MangoQuery,
  normalizeMangoQuery,
  now,
  prepareQuery,
  type RxCollection,
  type RxDocumentData,
  type RxJsonSchema,
  type RxStorageInstance,
} from 'rxdb';
import { type Observable, ReplaySubject } from 'rxjs';
import type { SyncHttpError } from './sync-http-error.js';

/** A document the upstream refused for good: parked here, kept in the local database, not pushed again as is. */
export interface RefusedDocument {
  /** The remote collection it was pushed to. */
  readonly collection: string;
  readonly id: string;
  /** The upstream's answer: HTTP status, stable code of its catalog, message and detail. */
  readonly status: number;
  readonly code: string;
  readonly message: string;
  readonly detail?: string;
  /** Epoch ms of the first refusal, and of the latest one (a retry refused again). */
  readonly firstRefusedAt: number;
  readonly lastRefusedAt: number;
  /** How many pushes of it were refused. */
  readonly attempts: number;
}

interface StoredRefusal extends RefusedDocument {
  /** What the upstream held of the document when it was refused (null: nothing), for an explicit retry. */
  readonly assumedMasterState?: Record<string, unknown>;
}

/** The refusal to record for one pushed row. */
export interface Refusal {
  readonly id: string;
  readonly error: SyncHttpError;
  readonly assumedMasterState: Record<string, unknown> | null | undefined;
}

/**
 * The quarantine of one replication: the documents its upstream refused for good, kept in a storage instance
 * of the collection's own database (IndexedDB in a browser, SQLite at the edge), beside RxDB's replication
 * meta data. Not an RxCollection: the replicated set already uses the 13 that RxDB's open-source edition opens
 * (ARCHITECTURE.md §3). Not registered as the collection's "connected storage" either: RxDB's schema migration
 * refuses to migrate a connected storage that is not its replication meta data, so a new version of the
 * collection's schema would no longer open; its own schema version stays 0 whatever the collection's is.
 */
export class RefusedDocuments {
  readonly #byId = new Map<string, RxDocumentData<StoredRefusal>>();
  readonly #changes = new ReplaySubject<readonly RefusedDocument[]>(1);
  #queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly instance: RxStorageInstance<StoredRefusal, unknown, unknown>,
    private readonly token: string,
    private readonly remoteCollection: string,
  ) {}

  static async open(
    collection: RxCollection,
    replicationIdentifier: string,
    remoteCollection: string,
  ): Promise<RefusedDocuments> {
    const db = collection.database;
    const name = `storefloor-refused-${await db.hashFunction(`${collection.name}-${replicationIdentifier}`)}`;
    const schema = refusalSchema(getLengthOfPrimaryKey(collection.schema.jsonSchema));
    const instance = await db.storage.createStorageInstance<StoredRefusal>({
      databaseName: db.name,
      collectionName: name,
      databaseInstanceToken: db.token,
      multiInstance: db.multiInstance,
      options: {},
      schema,
      password: db.password,
      devMode: false,
    });
    const refused = new RefusedDocuments(instance, db.token, remoteCollection);
    // The storage answers deleted documents too (RxCollection adds this selector itself).
    const live = { selector: { _deleted: { $eq: false } } } as MangoQuery<RxDocumentData<StoredRefusal>>;
    const stored = await instance.query(prepareQuery(schema, normalizeMangoQuery(schema, live)));
    for (const doc of stored.documents) refused.#byId.set(doc.id, doc);
    refused.#emit();
    return refused;
  }

  /** The parked documents, oldest refusal first; emits the current list on subscription and on each change. */
  get changes$(): Observable<readonly RefusedDocument[]> {
    return this.#changes.asObservable();
  }

  list(): readonly RefusedDocument[] {
    return [...this.#byId.values()].map(publicView).sort((a, b) => a.firstRefusedAt - b.firstRefusedAt);
  }

  has(id: string): boolean {
    return this.#byId.has(id);
  }

  assumedMasterStateOf(id: string): Record<string, unknown> | null {
    return this.#byId.get(id)?.assumedMasterState ?? null;
  }

  /**
   * Records refusals and forgets documents the upstream took: one durable write, done before the push handler
   * returns to RxDB (which then counts those rows as pushed), so a crash in between re-pushes them at worst.
   */
  settle(refusals: readonly Refusal[], acceptedIds: readonly string[]): Promise<void> {
    const forget = acceptedIds.filter((id) => this.#byId.has(id));
    if (refusals.length === 0 && forget.length === 0) return Promise.resolve();
    return this.#serially(async () => {
      const at = Date.now();
      const rows = new Map<
        string,
        { previous?: RxDocumentData<StoredRefusal>; document: RxDocumentData<StoredRefusal> }
      >();
      for (const id of forget) {
        const previous = this.#byId.get(id);
        if (previous) rows.set(id, { previous, document: this.#revise(previous, { ...previous }, true) });
      }
      for (const { id, error, assumedMasterState } of refusals) {
        const previous = this.#byId.get(id);
        const record: StoredRefusal = {
          collection: this.remoteCollection,
          id,
          status: error.status,
          code: error.code,
          message: error.reason,
          ...(error.detail === undefined ? {} : { detail: error.detail }),
          firstRefusedAt: previous?.firstRefusedAt ?? at,
          lastRefusedAt: at,
          attempts: (previous?.attempts ?? 0) + 1,
          // The first refusal's assumed master state is what the upstream still holds (it wrote nothing since).
          ...(previous
            ? previous.assumedMasterState === undefined
              ? {}
              : { assumedMasterState: previous.assumedMasterState }
            : assumedMasterState
              ? { assumedMasterState }
              : {}),
        };
        rows.set(id, { ...(previous ? { previous } : {}), document: this.#revise(previous, record, false) });
      }
      const written = await this.instance.bulkWrite([...rows.values()], 'storefloor-refused-documents');
      if (written.error.length > 0) {
        throw new Error(`could not record refused documents: ${JSON.stringify(written.error[0])}`);
      }
      for (const [id, { document }] of rows) {
        if (document._deleted) this.#byId.delete(id);
        else this.#byId.set(id, document);
      }
      this.#emit();
    });
  }

  close(): Promise<void> {
    this.#changes.complete();
    return this.#serially(() => this.instance.close());
  }

  #revise(
    previous: RxDocumentData<StoredRefusal> | undefined,
    record: StoredRefusal,
    deleted: boolean,
  ): RxDocumentData<StoredRefusal> {
    const {
      _rev: _r,
      _meta: _m,
      _attachments: _a,
      _deleted: _d,
      ...body
    } = record as RxDocumentData<StoredRefusal>;
    return {
      ...(body as StoredRefusal),
      _deleted: deleted,
      _rev: createRevision(this.token, previous),
      _meta: { lwt: now() },
      _attachments: {},
    };
  }

  #serially<T>(work: () => Promise<T>): Promise<T> {
    const next = this.#queue.then(work, work);
    this.#queue = next.catch(() => undefined);
    return next;
  }

  #emit(): void {
    this.#changes.next(this.list());
  }
}

function publicView(doc: RxDocumentData<StoredRefusal>): RefusedDocument {
  return {
    collection: doc.collection,
    id: doc.id,
    status: doc.status,
    code: doc.code,
    message: doc.message,
    ...(doc.detail === undefined ? {} : { detail: doc.detail }),
    firstRefusedAt: doc.firstRefusedAt,
    lastRefusedAt: doc.lastRefusedAt,
    attempts: doc.attempts,
  };
}

function refusalSchema(idLength: number): RxJsonSchema<RxDocumentData<StoredRefusal>> {
  return fillWithDefaultSettings<StoredRefusal>({
    title: 'StorefloorRefusedDocument',
    version: 0,
    primaryKey: 'id',
    type: 'object',
    additionalProperties: false,
    properties: {
      id: { type: 'string', maxLength: idLength },
      collection: { type: 'string' },
      status: { type: 'integer' },
      code: { type: 'string' },
      message: { type: 'string' },
      detail: { type: 'string' },
      firstRefusedAt: { type: 'number' },
      lastRefusedAt: { type: 'number' },
      attempts: { type: 'integer' },
      assumedMasterState: { type: 'object', additionalProperties: true },
    },
    required: [
      'id',
      'collection',
      'status',
      'code',
      'message',
      'firstRefusedAt',
      'lastRefusedAt',
      'attempts',
    ],
  });
}
