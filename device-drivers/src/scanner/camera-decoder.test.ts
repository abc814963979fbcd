import bwipjs from 'bwip-js/node';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { CameraDecoder, type CameraFrame } from './camera-decoder.js';

/** Renders a code with bwip-js to PNG and decodes the PNG into RGBA, like a camera frame. */
async function render(bcid: string, text: string, extra: Record<string, unknown> = {}): Promise<CameraFrame> {
  const png = await bwipjs.toBuffer({
    bcid,
    text,
    scale: 3,
    paddingwidth: 12,
    paddingheight: 12,
    backgroundcolor: 'FFFFFF',
    ...extra,
  });
  const image = PNG.sync.read(png);
  return { width: image.width, height: image.height, pixels: new Uint8Array(image.data), format: 'rgba' };
}

function toLuminance(frame: CameraFrame): CameraFrame {
  const pixels = new Uint8Array(frame.width * frame.height);
  for (let i = 0; i < pixels.length; i += 1) pixels[i] = frame.pixels[i * 4 + 1] ?? 0;
  return { ...frame, pixels, format: 'luminance' };
}

describe('camera frames through @zxing/library', () => {
  const decoder = new CameraDecoder();

  it('reads an EAN-13 from RGBA pixels', async () => {
    const frame = await render('ean13', '4006381333931', { height: 20 });
    expect(decoder.decode(frame)).toEqual({
      ok: true,
      value: { code: '4006381333931', symbology: 'ean-13', source: 'camera' },
    });
  });

  it('reads an EAN-13 from a luminance buffer', async () => {
    const frame = toLuminance(await render('ean13', '5901234123457', { height: 20 }));
    expect(decoder.decode(frame)).toMatchObject({
      ok: true,
      value: { code: '5901234123457', symbology: 'ean-13' },
    });
  });

  it('reads a QR code', async () => {
    const frame = await render('qrcode', 'https://store.example/p/123');
    expect(decoder.decode(frame)).toMatchObject({
      ok: true,
      value: { code: 'https://store.example/p/123', symbology: 'qr' },
    });
  });

  it('reads a GS1-128 as Code 128 data', async () => {
    const frame = await render('gs1-128', '(01)04012345678901(10)ABC123', { height: 15 });
    const result = decoder.decode(frame);
    expect(result).toMatchObject({ ok: true, value: { symbology: 'code-128' } });
    expect(result.ok && result.value.code.replaceAll('\u001d', '')).toBe('010401234567890110ABC123');
  });

  it('reads a GS1 DataBar', async () => {
    const frame = await render('databaromni', '(01)04012345678901', { height: 20 });
    expect(decoder.decode(frame)).toMatchObject({
      ok: true,
      value: { code: '0104012345678901', symbology: 'gs1-databar' },
    });
  });

  it('reports a frame with no code, or a frame of the wrong size, as a typed error', () => {
    const blank: CameraFrame = {
      width: 100,
      height: 60,
      pixels: new Uint8Array(6000).fill(255),
      format: 'luminance',
    };
    expect(decoder.decode(blank)).toMatchObject({ ok: false, reason: 'no-code' });
    expect(decoder.decode({ ...blank, pixels: new Uint8Array(10) })).toMatchObject({
      ok: false,
      reason: 'bad-frame',
    });
  });
});
