import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { err, ok, type Result } from '@storefloor/core';
import type { DeviceKind } from '@storefloor/device-drivers';
import type { LabelRecord, SimDevice, SimEndpoint } from '../sim-device.js';
import { listen, unplug } from '../tcp-server.js';
import { multipartBoundary, parseMultipartForm } from './multipart-form.js';

export type AccessPointFault = 'ap-offline' | 'tag-unreachable';
export const ACCESS_POINT_FAULTS: readonly AccessPointFault[] = ['ap-offline', 'tag-unreachable'];

export interface SimTagConfig {
  /** 12 or 16 hex characters. */
  readonly mac: string;
  readonly batteryMv?: number;
  readonly alias?: string;
  /** A tag that never acknowledges a transfer (out of radio range, flat battery). */
  readonly unreachable?: boolean;
}

export interface SimEslAccessPointOptions {
  readonly id: string;
  readonly host?: string;
  readonly port?: number;
  readonly tags: readonly SimTagConfig[];
  /** Tag records per `/get_db` page (the real AP pages at about 5000 bytes). */
  readonly pageSize?: number;
}

/** What the AP received for a tag: an image or a JSON template, with its MD5 as the AP reports it. */
export interface LabelUpload {
  readonly mac: string;
  readonly kind: 'image' | 'json';
  readonly contentType: string;
  readonly hash: string;
  readonly bytes: Buffer;
  readonly dither?: number;
  readonly receivedAt: string;
  /** Whether the tag acknowledged it (and now shows it). */
  readonly delivered: boolean;
}

interface TagState {
  mac: string;
  hash: string;
  lastseen: number;
  pending: number;
  batteryMv: number;
  alias: string;
  contentMode: number;
  updatecount: number;
  unreachable: boolean;
}

const EMPTY_HASH = '0'.repeat(32);
/** OpenEPaperLink content modes: 24 external image, 19 JSON template. */
const CONTENT_MODE_IMAGE = 24;
const CONTENT_MODE_JSON = 19;

function normalize(mac: string): string | undefined {
  const hex = mac.replace(/[:\-\s]/g, '').toUpperCase();
  if (/^[0-9A-F]{16}$/.test(hex)) return hex;
  if (/^[0-9A-F]{12}$/.test(hex)) return `${hex}0000`;
  return undefined;
}

/**
 * A simulated OpenEPaperLink access point: `GET /get_db`, `POST /imgupload` (multipart: mac, dither,
 * file), `POST /jsonupload` (form: mac, json). Tags are registered by MAC in the config; a reachable
 * tag takes an upload at once (hash, lastseen, updatecount change), an unreachable one keeps it pending.
 *
 * Faults: ap-offline (every request answers 503), tag-unreachable (no tag acknowledges anything).
 */
export class SimEslAccessPoint implements SimDevice {
  readonly id: string;
  readonly kind: DeviceKind = 'shelf-labels';
  readonly protocol = 'openepaperlink-http';
  readonly faultKinds: readonly string[] = ACCESS_POINT_FAULTS;
  readonly #faults = new Set<AccessPointFault>();
  readonly #tags = new Map<string, TagState>();
  readonly #uploads: LabelUpload[] = [];
  readonly #sockets = new Set<Socket>();
  readonly #host: string;
  readonly #port: number;
  readonly #pageSize: number;
  #server: Server | undefined;

  constructor(options: SimEslAccessPointOptions) {
    if (!options.id) throw new TypeError('sim access point option "id" is required');
    this.id = options.id;
    this.#host = options.host ?? '127.0.0.1';
    this.#port = options.port ?? 0;
    this.#pageSize = options.pageSize ?? 10;
    for (const t of options.tags) {
      const mac = normalize(t.mac);
      if (!mac)
        throw new TypeError(
          `sim access point tag mac ${JSON.stringify(t.mac)} is not 12 or 16 hex characters`,
        );
      this.#tags.set(mac, {
        mac,
        hash: EMPTY_HASH,
        lastseen: 0,
        pending: 0,
        batteryMv: t.batteryMv ?? 2900,
        alias: t.alias ?? '',
        contentMode: 0,
        updatecount: 0,
        unreachable: t.unreachable ?? false,
      });
    }
  }

  get faults(): readonly string[] {
    return [...this.#faults];
  }

  start(): Promise<void> {
    if (this.#server) return Promise.resolve();
    const server = createServer((req, res) => void this.#route(req, res));
    server.on('connection', (s) => {
      this.#sockets.add(s);
      s.on('close', () => this.#sockets.delete(s));
    });
    this.#server = server;
    return listen(server, this.#port, this.#host);
  }

  async stop(): Promise<void> {
    const server = this.#server;
    this.#server = undefined;
    await unplug(server, this.#sockets);
  }

  endpoint(): SimEndpoint {
    const address = this.#server?.address() as AddressInfo | null | undefined;
    return address ? { port: address.port, url: `http://${this.#host}:${address.port}` } : {};
  }

  injectFault(kind: string): Result<void> {
    if (!(ACCESS_POINT_FAULTS as readonly string[]).includes(kind))
      return err('unknown-fault', `access point faults: ${ACCESS_POINT_FAULTS.join(', ')}`);
    this.#faults.add(kind as AccessPointFault);
    return ok(undefined);
  }

  clearFaults(): void {
    this.#faults.clear();
  }

  /** Makes one tag (un)reachable, as a tag moved out of or back into radio range. */
  setTagReachable(mac: string, reachable: boolean): Result<void> {
    const tag = this.#tags.get(normalize(mac) ?? '');
    if (!tag) return err('mac-not-found', mac);
    tag.unreachable = !reachable;
    return ok(undefined);
  }

  labels(): LabelRecord[] {
    return [...this.#tags.values()]
      .filter((t) => t.updatecount > 0)
      .map((t) => ({ labelId: t.mac, updatedAt: new Date(t.lastseen * 1000).toISOString() }));
  }

  uploads(): LabelUpload[] {
    return [...this.#uploads];
  }

  async #route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    if (this.#faults.has('ap-offline')) return send(res, 503, 'text/plain', 'Service Unavailable');
    const url = new URL(req.url ?? '/', 'http://ap');
    if (req.method === 'GET' && url.pathname === '/get_db') return this.#getDb(url, res);
    if (req.method === 'POST' && url.pathname === '/imgupload') return this.#imgUpload(req, body, res);
    if (req.method === 'POST' && url.pathname === '/jsonupload') return this.#jsonUpload(body, res);
    return send(res, 404, 'text/plain', 'Not found');
  }

  #getDb(url: URL, res: ServerResponse): void {
    const only = url.searchParams.get('mac');
    const all = [...this.#tags.values()].filter((t) => !only || t.mac === normalize(only));
    const pos = Math.max(0, Number.parseInt(url.searchParams.get('pos') ?? '0', 10) || 0);
    const page = all.slice(pos, pos + this.#pageSize).map((t) => ({
      mac: t.mac,
      hash: t.hash,
      lastseen: t.lastseen,
      pending: t.pending,
      alias: t.alias,
      contentMode: t.contentMode,
      batteryMv: t.batteryMv,
      updatecount: t.updatecount,
      RSSI: -60,
      LQI: 120,
      hwType: 0,
    }));
    const next = pos + this.#pageSize;
    send(
      res,
      200,
      'application/json',
      JSON.stringify(next < all.length ? { tags: page, continu: next } : { tags: page }),
    );
  }

  #imgUpload(req: IncomingMessage, body: Buffer, res: ServerResponse): void {
    const boundary = multipartBoundary(req.headers['content-type']);
    if (!boundary) {
      send(res, 400, 'text/plain', 'Missing parameters');
      return;
    }
    const parts = parseMultipartForm(body, boundary);
    const mac = parts.find((p) => p.name === 'mac')?.data.toString('utf8');
    const file = parts.find((p) => p.name === 'file');
    if (!mac || !file) {
      send(res, 400, 'text/plain', 'Missing parameters');
      return;
    }
    const dither = Number.parseInt(parts.find((p) => p.name === 'dither')?.data.toString('utf8') ?? '1', 10);
    const tag = this.#tags.get(normalize(mac) ?? '');
    if (!tag) {
      send(res, 400, 'text/plain', 'mac not found');
      return;
    }
    this.#store(
      tag,
      'image',
      file.contentType ?? 'application/octet-stream',
      file.data,
      CONTENT_MODE_IMAGE,
      dither,
    );
    send(res, 200, 'text/plain', 'Ok, saved');
  }

  #jsonUpload(body: Buffer, res: ServerResponse): void {
    const form = new URLSearchParams(body.toString('utf8'));
    const mac = form.get('mac');
    const json = form.get('json');
    if (!mac || json === null) {
      send(res, 400, 'text/plain', 'Missing parameters');
      return;
    }
    const tag = this.#tags.get(normalize(mac) ?? '');
    if (!tag) {
      send(res, 400, 'text/plain', 'mac not found in tagDB');
      return;
    }
    this.#store(tag, 'json', 'application/json', Buffer.from(json, 'utf8'), CONTENT_MODE_JSON);
    send(res, 200, 'text/plain', 'Ok, saved');
  }

  #store(
    tag: TagState,
    kind: 'image' | 'json',
    contentType: string,
    bytes: Buffer,
    mode: number,
    dither?: number,
  ): void {
    const hash = createHash('md5').update(bytes).digest('hex');
    const delivered = !tag.unreachable && !this.#faults.has('tag-unreachable');
    tag.contentMode = mode;
    if (delivered) {
      tag.hash = hash;
      tag.lastseen = Math.floor(Date.now() / 1000);
      tag.pending = 0;
      tag.updatecount++;
    } else {
      tag.pending++;
    }
    this.#uploads.push({
      mac: tag.mac,
      kind,
      contentType,
      hash,
      bytes,
      receivedAt: new Date().toISOString(),
      delivered,
      ...(dither !== undefined ? { dither } : {}),
    });
  }
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'content-type': type, 'access-control-allow-origin': '*' });
  res.end(body);
}
