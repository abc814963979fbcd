import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { createCanvas, Image } from '@napi-rs/canvas';
import { err, ok, type Result } from '@storefloor/core';
import { PNG } from 'pngjs';
import type { LabelRecord, SimDevice, SimDeviceKind, SimEndpoint } from '../sim-device.js';
import { listen, unplug } from '../tcp-server.js';
import { printTagMac, readTagMac } from './ap-mac.js';
import { readJpegFrame } from './jpeg-frame.js';
import { readPostForm } from './read-post-form.js';
import { type SimTag as TagRecordState, tagRecordJson } from './tag-record.js';

// Everything below is written from the OpenEPaperLink AP firmware (jjwbruijn/OpenEPaperLink at 468f6b77,
// ESP32_AP-Flasher/src/web.cpp and tag_db.cpp), not from our client (ARCHITECTURE.md §2).

export type AccessPointFault = 'ap-offline' | 'ap-busy' | 'tag-unreachable';
export const ACCESS_POINT_FAULTS: readonly AccessPointFault[] = ['ap-offline', 'ap-busy', 'tag-unreachable'];

export interface SimTagConfig {
  /** 12 or 16 hex characters, read as the firmware's hex2mac reads them. */
  readonly mac: string;
  readonly batteryMv?: number;
  readonly alias?: string;
  readonly hwType?: number;
  /** A tag that never acknowledges a transfer (out of radio range, flat battery). */
  readonly unreachable?: boolean;
}

export interface SimEslAccessPointOptions {
  readonly id: string;
  readonly host?: string;
  readonly port?: number;
  readonly tags: readonly SimTagConfig[];
  /**
   * Tag records per `/get_db` page. The firmware fills a 5000-byte JSON document and stops when less than an
   * average record + 500 bytes is left (tag_db.cpp:69-86): about seven records of 25 fields.
   */
  readonly pageSize?: number;
}

/** What became of one upload: shown on the tag, waiting for it, or never to be shown, and why. */
export type UploadOutcome = 'shown' | 'pending' | 'not-shown';

/** One POST to `/imgupload` or `/jsonupload`, as the AP took it. */
export interface LabelUpload {
  readonly route: '/imgupload' | '/jsonupload';
  /** The `mac` field as sent (empty when missing). */
  readonly macField: string;
  /** The tag it reached, as `/get_db` prints it; undefined when it reached none. */
  readonly mac?: string;
  readonly status: number;
  readonly answer: string;
  readonly outcome: UploadOutcome;
  /** Why it will never be shown (e.g. `invalid jpg: no SOI marker`, `mac not found`). */
  readonly reason?: string;
  readonly contentType?: string;
  readonly bytes: Buffer;
  readonly dither?: number;
  readonly receivedAt: string;
}

/** A tag as the simulator keeps it: the firmware's record plus the pixels it shows. */
type SimTag = TagRecordState & { shown?: ShownImage };

/** Decoded pixels of an image a tag shows. */
interface ShownImage {
  readonly width: number;
  readonly height: number;
  readonly rgba: Uint8Array;
}

/** The tag default before any upload: md5 all zeros (tag_db.h: tagRecord() md5{0}). */
const NO_IMAGE = new Uint8Array(16);
/** web.cpp:910: an image upload without `contentmode` sets content mode 24 ("External image"). */
const CONTENT_MODE_EXTERNAL_IMAGE = 24;
/** web.cpp:951: a JSON upload sets content mode 19 ("json template"). */
const CONTENT_MODE_JSON_TEMPLATE = 19;
/** web.cpp:290-291: `uint8_t startPos = atoi(pos)`: the position wraps at 256. */
const POS_MODULUS = 256;

/**
 * A simulated OpenEPaperLink access point: `GET /get_db` (paged by `pos`, or one tag by `mac`),
 * `GET /backup_db` (every record), `POST /imgupload` (multipart: `mac`, `dither`, … before `file`) and
 * `POST /jsonupload` (form: `mac`, `json`). Like the firmware, it answers 200 "Ok, saved" to any image for a
 * known tag and only then decodes it as a baseline JPEG: a PNG is saved, answered 200, and never shown
 * (`uploads()` records that). A reachable tag takes a shown image at once; an unreachable one keeps it pending.
 *
 * Faults: ap-offline (every connection drops unanswered), ap-busy (uploads answer 409 "Come back later", the
 * firmware's answer while it is not running, web.cpp:821-824), tag-unreachable (no tag acknowledges).
 */
export class SimEslAccessPoint implements SimDevice {
  readonly id: string;
  readonly kind: SimDeviceKind = 'shelf-labels';
  readonly protocol = 'openepaperlink-http';
  readonly faultKinds: readonly string[] = ACCESS_POINT_FAULTS;
  readonly #faults = new Set<AccessPointFault>();
  /** In insertion order, as the firmware's `std::vector<tagRecord*> tagDB`. */
  readonly #tags: SimTag[] = [];
  readonly #uploads: LabelUpload[] = [];
  readonly #sockets = new Set<Socket>();
  readonly #hanging = new Set<ServerResponse>();
  readonly #host: string;
  readonly #port: number;
  readonly #pageSize: number;
  #server: Server | undefined;

  constructor(options: SimEslAccessPointOptions) {
    if (!options.id) throw new TypeError('sim access point option "id" is required');
    if (options.pageSize !== undefined && (!Number.isSafeInteger(options.pageSize) || options.pageSize < 1))
      throw new TypeError('sim access point option "pageSize" must be a positive integer');
    this.id = options.id;
    this.#host = options.host ?? '127.0.0.1';
    this.#port = options.port ?? 0;
    this.#pageSize = options.pageSize ?? 7;
    for (const t of options.tags) {
      const mac = readTagMac(t.mac);
      if (!mac)
        throw new TypeError(
          `sim access point tag mac ${JSON.stringify(t.mac)} is not 12 or 16 hex characters`,
        );
      if (this.#find(mac)) throw new TypeError(`sim access point tag mac ${t.mac} is listed twice`);
      this.#tags.push({
        mac,
        alias: t.alias ?? '',
        lastseen: 0,
        contentMode: 0,
        pendingCount: 0,
        md5: NO_IMAGE,
        modeConfigJson: '',
        batteryMv: t.batteryMv ?? 2900,
        hwType: t.hwType ?? 0,
        updateCount: 0,
        updateLast: 0,
        reachable: !(t.unreachable ?? false),
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
    this.#hanging.clear();
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
    const tag = this.#find(readTagMac(mac));
    if (!tag) return err('mac-not-found', mac);
    tag.reachable = reachable;
    return ok(undefined);
  }

  /** Labels that show an image now. */
  labels(): LabelRecord[] {
    return this.#tags
      .filter((t) => t.updateCount > 0)
      .map((t) => ({ labelId: printTagMac(t.mac), updatedAt: new Date(t.lastseen * 1000).toISOString() }));
  }

  uploads(): LabelUpload[] {
    return [...this.#uploads];
  }

  /** What the tag shows now, as a PNG: the last image it took, or undefined (nothing yet, or a template). */
  labelPng(labelId: string): Buffer | undefined {
    const shown = this.#find(readTagMac(labelId))?.shown;
    if (!shown) return undefined;
    const png = new PNG({ width: shown.width, height: shown.height });
    png.data = Buffer.from(shown.rgba);
    return PNG.sync.write(png);
  }

  #find(mac: Uint8Array | undefined): SimTag | undefined {
    if (!mac) return undefined;
    return this.#tags.find((t) => Buffer.compare(t.mac, mac) === 0);
  }

  async #route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    try {
      for await (const c of req) chunks.push(c as Buffer);
    } catch {
      return; // the client went away mid-body
    }
    const body = Buffer.concat(chunks);
    // An AP that lost power or Wi-Fi answers nothing: the connection just drops.
    if (this.#faults.has('ap-offline')) {
      res.socket?.destroy();
      return;
    }
    const url = new URL(req.url ?? '/', 'http://ap');
    const contentType = req.headers['content-type'];
    if (req.method === 'GET' && url.pathname === '/get_db') return this.#getDb(url, res);
    if (req.method === 'GET' && url.pathname === '/backup_db') return this.#backupDb(res);
    if (req.method === 'POST' && url.pathname === '/imgupload')
      return this.#imgUpload(contentType, body, res);
    if (req.method === 'POST' && url.pathname === '/jsonupload')
      return this.#jsonUpload(contentType, body, res);
    // web.cpp:795-800: anything else is a bare 404.
    return send(res, 404, 'text/plain', '');
  }

  /** web.cpp:278-296 and tag_db.cpp:69-91. */
  #getDb(url: URL, res: ServerResponse): void {
    const macParam = url.searchParams.get('mac');
    if (macParam !== null) {
      const mac = readTagMac(macParam);
      const tag = this.#find(mac);
      send(
        res,
        200,
        'application/json',
        mac
          ? JSON.stringify({ tags: tag ? [tagRecordJson(tag)] : [] })
          : '{"error": "malformatted parameter"}',
      );
      return;
    }
    const startPos = uint8(atoi(url.searchParams.get('pos') ?? '0'));
    const page: Record<string, unknown>[] = [];
    let continu: number | undefined;
    for (let c = startPos; c < this.#tags.length; c++) {
      page.push(tagRecordJson(this.#tags[c] as SimTag));
      // tag_db.cpp:85-88: when the document is full, `continu` is the next index, even past the last tag.
      if (page.length === this.#pageSize) {
        continu = c + 1;
        break;
      }
    }
    send(
      res,
      200,
      'application/json',
      JSON.stringify(continu === undefined ? { tags: page } : { tags: page, continu }),
    );
  }

  /**
   * web.cpp:760-763 saves the DB and sends the file; saveDB (tag_db.cpp:153-167) writes `[`, then each record
   * pretty-printed inside its own one-element array, comma-separated, then `]`.
   */
  #backupDb(res: ServerResponse): void {
    const records = this.#tags.map((t) => JSON.stringify([tagRecordJson(t)], null, 2));
    res.writeHead(200, {
      'content-type': 'application/octet-stream',
      'content-disposition': 'attachment; filename="tagDB.json"',
    });
    res.end(`[${records.join(',')}]`);
  }

  /** web.cpp:271-275 and doImageUpload, web.cpp:819-921. */
  async #imgUpload(contentType: string | undefined, body: Buffer, res: ServerResponse): Promise<void> {
    const form = await readPostForm(contentType, body);
    const file = form.file;
    const macField = form.before.get('mac') ?? '';
    const note = (status: number, answer: string, outcome: UploadOutcome, reason?: string, mac?: string) =>
      this.#note({
        route: '/imgupload',
        macField,
        status,
        answer,
        outcome,
        bytes: file?.bytes ?? Buffer.alloc(0),
        ...(file ? { contentType: file.mimeType } : {}),
        ...(reason ? { reason } : {}),
        ...(mac ? { mac } : {}),
      });
    // No file part reached the upload handler: only the route's own `request->send(200)` answers (web.cpp:273).
    if (!file) {
      note(200, '', 'not-shown', form.malformed ? `malformed form: ${form.malformed}` : 'no file part');
      return send(res, 200, 'text/plain', '');
    }
    if (this.#faults.has('ap-busy')) {
      note(409, 'Come back later', 'not-shown', 'ap-busy');
      return send(res, 409, 'text/plain', 'Come back later');
    }
    if (!form.before.has('mac')) {
      note(400, 'parameters incomplete', 'not-shown', 'no mac before the file');
      return send(res, 400, 'text/plain', 'parameters incomplete');
    }
    const mac = readTagMac(macField);
    if (!mac) {
      // web.cpp:884-885: hex2mac fails, the handler sends nothing and the route's bare 200 answers.
      note(200, '', 'not-shown', `hex2mac refuses ${JSON.stringify(macField)}`);
      return send(res, 200, 'text/plain', '');
    }
    const tag = this.#find(mac);
    if (!tag) {
      note(400, 'mac not found', 'not-shown', 'mac not found');
      return send(res, 400, 'text/plain', 'mac not found');
    }
    const dither = atoi(form.before.get('dither') ?? '1');
    tag.contentMode = form.before.has('contentmode')
      ? uint8(atoi(form.before.get('contentmode') ?? '0'))
      : CONTENT_MODE_EXTERNAL_IMAGE;
    send(res, 200, 'text/plain', 'Ok, saved');
    // Then the content runner draws it: jpg2buffer, whatever the part's name or type said (the upload is
    // saved as `<mac>_<millis>.jpg`, web.cpp:832).
    const pixels = decodeForTag(file.bytes);
    const shownAs = printTagMac(tag.mac);
    const base = {
      route: '/imgupload' as const,
      macField,
      mac: shownAs,
      status: 200,
      answer: 'Ok, saved',
      bytes: file.bytes,
      contentType: file.mimeType,
      dither,
    };
    if (!pixels.ok) {
      this.#note({ ...base, outcome: 'not-shown', reason: `invalid jpg: ${pixels.detail ?? ''}` });
      return;
    }
    this.#note({ ...base, outcome: this.#deliver(tag, pixels.value.rgba, pixels.value) });
  }

  /** doJsonUpload, web.cpp:925-962. */
  async #jsonUpload(contentType: string | undefined, body: Buffer, res: ServerResponse): Promise<void> {
    const form = await readPostForm(contentType, body);
    const fields = new Map([...form.before, ...form.after]);
    const macField = fields.get('mac') ?? '';
    const json = fields.get('json');
    const bytes = Buffer.from(json ?? '', 'utf8');
    const note = (status: number, answer: string, outcome: UploadOutcome, reason?: string, mac?: string) =>
      this.#note({
        route: '/jsonupload',
        macField,
        status,
        answer,
        outcome,
        bytes,
        contentType: 'application/json',
        ...(reason ? { reason } : {}),
        ...(mac ? { mac } : {}),
      });
    if (this.#faults.has('ap-busy')) {
      note(409, 'come back later', 'not-shown', 'ap-busy');
      return send(res, 409, 'text/plain', 'come back later');
    }
    if (!fields.has('mac') || json === undefined) {
      note(400, 'Missing parameters', 'not-shown', 'missing parameters');
      return send(res, 400, 'text/plain', 'Missing parameters');
    }
    const mac = readTagMac(macField);
    if (!mac) {
      // web.cpp:933-958: when hex2mac fails the handler returns without answering; the request hangs until
      // the client gives up.
      note(0, '', 'not-shown', `hex2mac refuses ${JSON.stringify(macField)}: no answer`);
      this.#hanging.add(res);
      return;
    }
    const tag = this.#find(mac);
    if (!tag) {
      note(400, 'mac not found in tagDB', 'not-shown', 'mac not found in tagDB');
      return send(res, 400, 'text/plain', 'mac not found in tagDB');
    }
    tag.contentMode = CONTENT_MODE_JSON_TEMPLATE;
    send(res, 200, 'text/plain', 'Ok, saved');
    let template: unknown;
    try {
      template = JSON.parse(json);
    } catch {
      note(200, 'Ok, saved', 'not-shown', 'template is not JSON', printTagMac(tag.mac));
      return;
    }
    // The tag shows the template as the AP draws it; its hash stands for that drawing.
    const drawn = new Uint8Array(Buffer.from(JSON.stringify(template), 'utf8'));
    note(200, 'Ok, saved', this.#deliver(tag, drawn), undefined, printTagMac(tag.mac));
  }

  /** prepareDataAvail (newproto.cpp:164-260): a new image is queued, and a reachable tag takes it. */
  #deliver(tag: SimTag, drawn: Uint8Array, image?: ShownImage): UploadOutcome {
    const md5 = new Uint8Array(createHash('md5').update(drawn).digest());
    // newproto.cpp:211-217: the same image as the current one is not sent again.
    if (Buffer.compare(md5, tag.md5) === 0 && tag.updateCount > 0) return 'shown';
    if (!tag.reachable || this.#faults.has('tag-unreachable')) {
      tag.pendingCount++;
      return 'pending';
    }
    tag.md5 = md5;
    if (image) tag.shown = image;
    else delete tag.shown;
    tag.pendingCount = 0;
    tag.lastseen = Math.floor(Date.now() / 1000);
    tag.updateCount++;
    tag.updateLast = tag.lastseen;
    return 'shown';
  }

  #note(upload: Omit<LabelUpload, 'receivedAt'>): void {
    this.#uploads.push({ ...upload, receivedAt: new Date().toISOString() });
  }
}

/**
 * The image data the tag would show: baseline JPEG only (see readJpegFrame), decoded to pixels by Skia's
 * libjpeg-turbo, native like the firmware's TJpgDec. jpeg-js took twice as long, and with several APs in one
 * simulator process its decoding was what held the uploads back (edge-agent/bench/shelf-labels.bench.ts).
 */
function decodeForTag(bytes: Buffer): Result<ShownImage, 'invalid-jpg'> {
  const frame = readJpegFrame(bytes);
  if (!frame.ok) return frame;
  try {
    const image = new Image();
    image.src = bytes;
    if (image.width === 0 || image.height === 0) return err('invalid-jpg', 'undecodable image data');
    const canvas = createCanvas(image.width, image.height);
    const ctx = canvas.getContext('2d');
    ctx.drawImage(image, 0, 0);
    const data = ctx.getImageData(0, 0, image.width, image.height).data;
    return ok({ width: image.width, height: image.height, rgba: new Uint8Array(data.buffer) });
  } catch (e) {
    return err('invalid-jpg', e instanceof Error ? e.message : String(e));
  }
}

/** C's atoi: leading spaces, an optional sign, then digits; anything else ends the number (0 if none). */
function atoi(text: string): number {
  const m = /^\s*([+-]?\d+)/.exec(text);
  return m ? Number.parseInt(m[1] as string, 10) : 0;
}

/** The conversion of an int to uint8_t: modulo 256. */
function uint8(n: number): number {
  return ((n % POS_MODULUS) + POS_MODULUS) % POS_MODULUS;
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'content-type': type, 'access-control-allow-origin': '*' });
  res.end(body);
}
