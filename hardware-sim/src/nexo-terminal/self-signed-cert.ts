import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface SelfSignedCert {
  readonly key: string;
  readonly cert: string;
}

/**
 * A fresh self-signed certificate for `host` (an IP or a name), made with the openssl CLI at start. A real
 * terminal presents its own certificate on the local Terminal API port; the lane pins it (or its CA).
 */
export async function selfSignedCert(host: string): Promise<SelfSignedCert> {
  const dir = await mkdtemp(join(tmpdir(), 'nexo-cert-'));
  try {
    const san = /^[\d.]+$/.test(host) || host.includes(':') ? `IP:${host}` : `DNS:${host}`;
    await run('openssl', [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
      '-days',
      '2',
      '-subj',
      '/CN=storefloor-sim-nexo-terminal',
      '-addext',
      `subjectAltName=${san}`,
    ]);
    return {
      key: await readFile(join(dir, 'key.pem'), 'utf8'),
      cert: await readFile(join(dir, 'cert.pem'), 'utf8'),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
