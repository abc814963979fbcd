import { err, ok, type Result } from '@storefloor/core';
import { Device, type DeviceOptions } from '../device/device.js';
import type { DeviceKind } from '../device/device-kind.js';
import { normalizeLabelMac } from './label-mac.js';
import { parseTagRecord, type ShelfLabelTag } from './shelf-label-tag.js';

export type ShelfLabelFailure =
  | 'ap-offline'
  | 'ap-busy'
  | 'mac-not-found'
  | 'invalid-mac'
  | 'unsupported-image'
  | 'bad-response'
  | 'rejected';

export interface ShelfLabelAccessPointOptions extends DeviceOptions {
  /** Base URL of the access point, e.g. `http://192.168.1.50`. */
  readonly url: string;
  /** Per-request timeout (default 5000 ms). */
  readonly timeoutMs?: number;
}

export interface ImageUploadOptions {
  /** 0 off, 1 Floyd-Steinberg (the AP's default), 2 ordered. */
  readonly dither?: 0 | 1 | 2;
}

/** Events as `data`: the tag list each time it is read. */
export type ShelfLabelEvent = { readonly kind: 'tags'; readonly tags: readonly ShelfLabelTag[] };

/** Pages of `/get_db` are chained by `continu`; stop after this many to survive a looping AP. */
const MAX_PAGES = 1000;

function imageType(bytes: Uint8Array): 'image/png' | 'image/jpeg' | undefined {
  if (bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) return 'image/png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  return undefined;
}

/**
 * A client for an OpenEPaperLink-compatible access point's HTTP API (`/imgupload`, `/jsonupload`,
 * `/get_db`). Opening probes `/get_db`; an AP that stops answering is reported offline and probed again
 * with backoff. Every call returns a value: `ap-offline`, `mac-not-found`, `ap-busy`…
 */
export class ShelfLabelAccessPoint extends Device<ShelfLabelEvent> {
  readonly kind: DeviceKind = 'shelf-labels';
  readonly #base: string;
  readonly #timeoutMs: number;

  constructor(options: ShelfLabelAccessPointOptions) {
    super(options);
    let url: URL;
    try {
      url = new URL(options.url);
    } catch {
      throw new TypeError(
        `shelf-label option "url" must be an absolute URL, got ${JSON.stringify(options.url)}`,
      );
    }
    this.#base = url.toString().replace(/\/$/, '');
    this.#timeoutMs = options.timeoutMs ?? 5000;
  }

  location(): string {
    return this.#base;
  }

  protected async connect(): Promise<Result<void>> {
    const probe = await this.#request('/get_db?pos=0', { method: 'GET' });
    if (!probe.ok)
      return err(probe.reason === 'ap-offline' ? 'no-answer' : probe.reason, probe.detail, this.#base);
    return ok(undefined);
  }

  protected async disconnect(): Promise<void> {}

  async #request(
    path: string,
    init: RequestInit,
  ): Promise<Result<{ status: number; body: string }, ShelfLabelFailure>> {
    let response: Response;
    try {
      response = await fetch(`${this.#base}${path}`, {
        ...init,
        signal: AbortSignal.timeout(this.#timeoutMs),
      });
    } catch (e) {
      return err('ap-offline', e instanceof Error ? e.message : String(e), this.#base);
    }
    const body = await response.text().catch(() => '');
    if (response.status >= 500) return err('ap-offline', `HTTP ${response.status}`, this.#base);
    return ok({ status: response.status, body });
  }

  /** Maps an upload answer; a lost AP is also reported as a lost link so it is probed with backoff. */
  #uploadResult(
    r: Result<{ status: number; body: string }, ShelfLabelFailure>,
    mac: string,
  ): Result<void, ShelfLabelFailure> {
    if (!r.ok) {
      if (r.reason === 'ap-offline') this.linkLost('device-gone', r.detail);
      return r;
    }
    const { status, body } = r.value;
    if (status === 200) return ok(undefined);
    if (status === 409) return err('ap-busy', body, this.#base);
    if (status === 400 && /mac not found/i.test(body)) return err('mac-not-found', mac, this.#base);
    return err('rejected', `HTTP ${status}: ${body}`, this.#base);
  }

  /** Uploads a rendered label image (PNG or JPEG) for the tag with this MAC (`POST /imgupload`). */
  async pushLabelImage(
    mac: string,
    image: Uint8Array,
    options: ImageUploadOptions = {},
  ): Promise<Result<void, ShelfLabelFailure>> {
    const tag = normalizeLabelMac(mac);
    if (!tag) return err('invalid-mac', mac);
    const type = imageType(image);
    if (!type) return err('unsupported-image', 'expected PNG or JPEG bytes');
    const form = new FormData();
    form.set('mac', tag);
    form.set('dither', String(options.dither ?? 1));
    form.set('file', new Blob([image], { type }), type === 'image/png' ? 'label.png' : 'label.jpg');
    return this.#uploadResult(await this.#request('/imgupload', { method: 'POST', body: form }), tag);
  }

  /** Uploads a JSON drawing template for the tag (`POST /jsonupload`, form fields `mac` and `json`). */
  async pushLabelJson(mac: string, template: unknown): Promise<Result<void, ShelfLabelFailure>> {
    const tag = normalizeLabelMac(mac);
    if (!tag) return err('invalid-mac', mac);
    const body = new URLSearchParams({ mac: tag, json: JSON.stringify(template) });
    return this.#uploadResult(await this.#request('/jsonupload', { method: 'POST', body }), tag);
  }

  /** Reads every tag the AP knows (`GET /get_db`, following `continu` pages). */
  async listTags(): Promise<Result<ShelfLabelTag[], ShelfLabelFailure>> {
    const tags: ShelfLabelTag[] = [];
    let pos = 0;
    for (let page = 0; page < MAX_PAGES; page++) {
      const r = await this.#request(`/get_db?pos=${pos}`, { method: 'GET' });
      if (!r.ok) {
        if (r.reason === 'ap-offline') this.linkLost('device-gone', r.detail);
        return r;
      }
      if (r.value.status !== 200) return err('bad-response', `HTTP ${r.value.status}`, this.#base);
      let parsed: unknown;
      try {
        parsed = JSON.parse(r.value.body);
      } catch {
        return err('bad-response', 'get_db is not JSON', this.#base);
      }
      const records = (parsed as { tags?: unknown }).tags;
      if (!Array.isArray(records)) return err('bad-response', 'get_db lacks tags', this.#base);
      for (const raw of records) {
        const t = parseTagRecord(raw);
        if (!t.ok) return t;
        tags.push(t.value);
      }
      const next = (parsed as { continu?: unknown }).continu;
      if (typeof next !== 'number' || next <= pos) {
        this.emitData({ kind: 'tags', tags });
        return ok(tags);
      }
      pos = next;
    }
    return err('bad-response', 'get_db pagination does not end', this.#base);
  }
}
