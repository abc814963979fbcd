import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import {
  buildServer,
  type Database,
  openPgliteDatabase,
  writeMasterDocuments,
} from '@storefloor/sync-server';
import type { FastifyInstance } from 'fastify';

export const ADMIN_TOKEN = 'edge-agent-test-admin-token';

export interface StoredDocument {
  readonly id: string;
  readonly store_id: string;
  readonly data: Record<string, unknown>;
}

/**
 * A real HQ (sync-server's exported `buildServer` on PGlite in a folder) listening on loopback. `stop()` and
 * `start()` take it down and bring it back on the same port and data, as an outage would.
 */
export class HqServer {
  private app: FastifyInstance | undefined;
  private db: Database | undefined;
  port = 0;

  private constructor(private readonly dir: string) {}

  static async start(dir: string): Promise<HqServer> {
    const hq = new HqServer(dir);
    await hq.start();
    return hq;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return this.app !== undefined;
  }

  async start(): Promise<void> {
    this.db = await openPgliteDatabase(join(this.dir, 'hq'));
    this.app = await buildServer({
      db: this.db,
      adminToken: ADMIN_TOKEN,
      logger: false,
      closeDatabase: true,
    });
    await this.app.listen({ port: this.port, host: '127.0.0.1' });
    this.port = (this.app.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    const app = this.app;
    this.app = undefined;
    this.db = undefined;
    await app?.close();
  }

  async admin<T = Record<string, unknown>>(
    method: 'POST' | 'DELETE' | 'GET',
    path: string,
    body?: unknown,
  ): Promise<T> {
    const response = await fetch(`${this.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${ADMIN_TOKEN}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return JSON.parse(text) as T;
  }

  async createStore(storeId: string): Promise<void> {
    await this.admin('POST', '/api/admin/stores', { storeId, name: `Store ${storeId}` });
  }

  async enrollmentCode(storeId: string, role?: 'lane' | 'store-hub'): Promise<string> {
    const body = role ? { role } : {};
    return (await this.admin<{ code: string }>('POST', `/api/admin/stores/${storeId}/enrollment-codes`, body))
      .code;
  }

  async writeMaster(collection: string, documents: Record<string, unknown>[]): Promise<void> {
    const db = this.database();
    await db.transaction((tx) => writeMasterDocuments(tx, collection, documents));
  }

  async documents(collection: string, storeId: string): Promise<StoredDocument[]> {
    const { rows } = await this.database().query<StoredDocument>(
      'SELECT id, store_id, data FROM documents WHERE collection = $1 AND store_id = $2 ORDER BY id',
      [collection, storeId],
    );
    return rows;
  }

  private database(): Database {
    if (!this.db) throw new Error('HQ is stopped');
    return this.db;
  }
}
