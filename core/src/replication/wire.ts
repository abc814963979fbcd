/**
 * The HTTP replication protocol shared by the sync server, the edge agent and every client. It mirrors RxDB's
 * replication protocol (pull by checkpoint, push with assumed master state, a live stream that can say RESYNC).
 */

/** Where a pull resumes: the server-assigned write sequence and the id that broke ties. Never a device clock. */
export type ReplicationCheckpoint = { readonly sequence: number; readonly id: string };

/** Every document on the wire carries RxDB's soft-delete flag. */
export type WireDocument<D> = D & { readonly _deleted: boolean };

export type PullRequest = {
  /** `null` starts from the beginning. */
  readonly checkpoint: ReplicationCheckpoint | null;
  readonly batchSize: number;
};

export type PullResponse<D> = {
  readonly documents: readonly WireDocument<D>[];
  /** Checkpoint of the last document returned; the request's own checkpoint when nothing is new. */
  readonly checkpoint: ReplicationCheckpoint | null;
};

export type PushRow<D> = {
  /** What the client believes the server holds; `null` for a document the client creates. */
  readonly assumedMasterState: WireDocument<D> | null;
  readonly newDocumentState: WireDocument<D>;
};

/** The server's current state of every row whose assumed master state was wrong. Empty: all accepted. */
export type PushResponse<D> = WireDocument<D>[];

/** One message of the live stream; `'RESYNC'` tells the client to pull from its checkpoint again. */
export type StreamEvent<D> =
  | { readonly documents: readonly WireDocument<D>[]; readonly checkpoint: ReplicationCheckpoint }
  | 'RESYNC';

/** An entry of the server's single error catalog; clients branch on `code`, never on `message`. */
export type ReplicationError = {
  readonly code: string;
  readonly message: string;
  readonly statusCode: number;
};
