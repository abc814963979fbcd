import { err, ok, type Result } from '@storefloor/core';
import { Device, type DeviceOptions } from '../device/device.js';
import type { DeviceKind } from '../device/device-kind.js';
import { checkLabelJpeg } from './label-jpeg.js';
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
/**
 * The AP reads `pos` into a `uint8_t` (OpenEPaperLink ESP32_AP-Flasher/src/web.cpp, the `/get_db` handler:
 * `uint8_t startPos = atoi(...)`), so `pos=260` is read as 4: past 255 a page is not where `continu` said.
 */
const MAX_POS = 255;
/** The AP's only answer that means an upload was taken (web.cpp, doImageUpload and doJsonUpload). */
const SAVED = 'Ok, saved';

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
    if (status === 200 && body.trim() === SAVED) return ok(undefined);
    // The image route answers a bare 200 of its own when its upload handler said nothing: no file part
    // arrived, or the AP could not read the MAC (web.cpp: `/imgupload` route and doImageUpload).
    if (status === 200)
      return err('rejected', `HTTP 200 without "${SAVED}": ${JSON.stringify(body)}`, this.#base);
    if (status === 409) return err('ap-busy', body, this.#base);
    if (status === 400 && /mac not found/i.test(body)) return err('mac-not-found', mac, this.#base);
    return err('rejected', `HTTP ${status}: ${body}`, this.#base);
  }

  /**
   * Uploads a rendered label for the tag with this MAC (`POST /imgupload`). JPEG only, baseline: the AP
   * decodes every upload as JPEG and answers 200 to a PNG that it never shows, so a PNG is refused here
   * (`unsupported-image`); `encodeLabelJpeg` turns a rendered bitmap into the right bytes.
   */
  async pushLabelImage(
    mac: string,
    jpeg: Uint8Array,
    options: ImageUploadOptions = {},
  ): Promise<Result<void, ShelfLabelFailure>> {
    const tag = normalizeLabelMac(mac);
    if (!tag) return err('invalid-mac', mac);
    const usable = checkLabelJpeg(jpeg);
    if (!usable.ok) return usable;
    // Field order matters: the AP reads `mac` and `dither` only if they come before the file part
    // (doImageUpload checks `mac` at the file's first chunk and reads `dither` at its last).
    const form = new FormData();
    form.set('mac', tag);
    form.set('dither', String(options.dither ?? 1));
    form.set('file', new Blob([jpeg], { type: 'image/jpeg' }), `${tag}.jpg`);
    return this.#uploadResult(await this.#request('/imgupload', { method: 'POST', body: form }), tag);
  }

  /** Uploads a JSON drawing template for the tag (`POST /jsonupload`, form fields `mac` and `json`). */
  async pushLabelJson(mac: string, template: unknown): Promise<Result<void, ShelfLabelFailure>> {
    const tag = normalizeLabelMac(mac);
    if (!tag) return err('invalid-mac', mac);
    const body = new URLSearchParams({ mac: tag, json: JSON.stringify(template) });
    return this.#uploadResult(await this.#request('/jsonupload', { method: 'POST', body }), tag);
  }

  /** Reads one tag (`GET /get_db?mac=`), wherever it sits in the AP's list. */
  async getTag(mac: string): Promise<Result<ShelfLabelTag, ShelfLabelFailure>> {
    const tag = normalizeLabelMac(mac);
    if (!tag) return err('invalid-mac', mac);
    const page = await this.#getJson(`/get_db?mac=${tag}`);
    if (!page.ok) return page;
    const records = (page.value as { tags?: unknown }).tags;
    if (!Array.isArray(records)) return err('bad-response', 'get_db lacks tags', this.#base);
    if (records.length === 0) return err('mac-not-found', tag, this.#base);
    return parseTagRecord(records[0]);
  }

  /**
   * Reads every tag the AP knows. Pages of `/get_db` are followed by `continu` while it fits the AP's
   * 8-bit `pos`; past 255 a page would start elsewhere (pos modulo 256), so the whole list is read from
   * `/backup_db` instead, which the AP writes fresh for the request (web.cpp `/backup_db`: saveDB, then the
   * file). Tags are keyed by MAC, so a repeated record never counts twice.
   */
  async listTags(): Promise<Result<ShelfLabelTag[], ShelfLabelFailure>> {
    const tags = new Map<string, ShelfLabelTag>();
    let pos = 0;
    for (let page = 0; page < MAX_PAGES; page++) {
      const r = await this.#getJson(`/get_db?pos=${pos}`);
      if (!r.ok) return r;
      const records = (r.value as { tags?: unknown }).tags;
      if (!Array.isArray(records)) return err('bad-response', 'get_db lacks tags', this.#base);
      let repeated = false;
      for (const raw of records) {
        const t = parseTagRecord(raw);
        if (!t.ok) return t;
        if (tags.has(t.value.mac)) repeated = true;
        tags.set(t.value.mac, t.value);
      }
      const next = (r.value as { continu?: unknown }).continu;
      if (repeated || (typeof next === 'number' && next > MAX_POS)) return this.#listFromBackup();
      if (typeof next !== 'number' || next <= pos) return this.#listed([...tags.values()]);
      pos = next;
    }
    return err('bad-response', 'get_db pagination does not end', this.#base);
  }

  /** `/backup_db`: `[` + each record inside its own one-element array + `]` (tag_db.cpp, saveDB). */
  async #listFromBackup(): Promise<Result<ShelfLabelTag[], ShelfLabelFailure>> {
    const r = await this.#getJson('/backup_db');
    if (!r.ok) return r;
    if (!Array.isArray(r.value)) return err('bad-response', 'backup_db is not a JSON array', this.#base);
    const tags = new Map<string, ShelfLabelTag>();
    for (const entry of r.value) {
      const raw = Array.isArray(entry) ? entry[0] : entry;
      const t = parseTagRecord(raw);
      if (!t.ok) return t;
      tags.set(t.value.mac, t.value);
    }
    return this.#listed([...tags.values()]);
  }

  #listed(tags: ShelfLabelTag[]): Result<ShelfLabelTag[], ShelfLabelFailure> {
    this.emitData({ kind: 'tags', tags });
    return ok(tags);
  }

  async #getJson(path: string): Promise<Result<unknown, ShelfLabelFailure>> {
    const r = await this.#request(path, { method: 'GET' });
    if (!r.ok) {
      if (r.reason === 'ap-offline') this.linkLost('device-gone', r.detail);
      return r;
    }
    if (r.value.status !== 200) return err('bad-response', `HTTP ${r.value.status}`, this.#base);
    let parsed: unknown;
    try {
      parsed = JSON.parse(r.value.body);
    } catch {
      return err('bad-response', `${path} is not JSON`, this.#base);
    }
    if (typeof parsed === 'object' && parsed !== null && 'error' in parsed)
      return err('bad-response', String((parsed as { error: unknown }).error), this.#base);
    return ok(parsed);
  }
}
