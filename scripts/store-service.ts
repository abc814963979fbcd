import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';

/**
 * One service of the virtual store, run as its own Node process exactly as it runs in production. Started
 * through util-linux's `setpriv --pdeathsig TERM` where it exists: the kernel ends a service whose launcher
 * died, even by `kill -9`, so no store process outlives `npm start`.
 */
export interface StoreService {
  readonly name: string;
  readonly pid: number | undefined;
  readonly exited: Promise<number | null>;
  isRunning(): boolean;
  /** SIGTERM, then SIGKILL after `graceMs` (default 5 s); resolves once the process is gone. */
  stop(graceMs?: number): Promise<void>;
}

export class StoreServiceError extends Error {
  constructor(
    readonly code: 'service-exited' | 'service-not-ready' | 'start-aborted',
    message: string,
  ) {
    super(message);
    this.name = 'StoreServiceError';
  }
}

const SETPRIV = '/usr/bin/setpriv';

export function startStoreService(options: {
  readonly name: string;
  readonly entry: string;
  readonly args?: readonly string[];
  readonly cwd: string;
  readonly env: Record<string, string>;
  readonly log: (line: string) => void;
}): StoreService {
  const node = [process.execPath, '--import', 'tsx', options.entry, ...(options.args ?? [])];
  const [command, ...args] = existsSync(SETPRIV) ? [SETPRIV, '--pdeathsig', 'TERM', ...node] : node;
  const child: ChildProcess = spawn(command as string, args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let running = true;
  const exited = new Promise<number | null>((resolveExit) => {
    child.once('exit', (code, signal) => {
      running = false;
      resolveExit(code ?? (signal ? 128 : null));
    });
    child.once('error', (error) => {
      running = false;
      options.log(`[${options.name}] could not start: ${error.message}`);
      resolveExit(null);
    });
  });
  const prefix = `[${options.name}]`;
  for (const stream of [child.stdout, child.stderr]) {
    let pending = '';
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) if (line.trim() !== '') options.log(`${prefix} ${line}`);
    });
  }
  return {
    name: options.name,
    pid: child.pid,
    exited,
    isRunning: () => running,
    async stop(graceMs = 5_000) {
      if (!running) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Polls `url` until it answers 2xx, the service exits, the deadline passes, or the start is aborted. */
export async function waitUntilReady(
  service: StoreService,
  url: string,
  options: { timeoutMs?: number; signal?: AbortSignal } = {},
): Promise<void> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (options.signal?.aborted) throw new StoreServiceError('start-aborted', 'the start was interrupted');
    if (!service.isRunning()) {
      throw new StoreServiceError(
        'service-exited',
        `${service.name} exited before it was ready (exit code ${await service.exited}); its output is above`,
      );
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      if (response.ok) return;
    } catch {
      // Not listening yet: keep polling until the deadline.
    }
    await new Promise((resolveWait) => setTimeout(resolveWait, 200));
  }
  throw new StoreServiceError(
    'service-not-ready',
    `${service.name} did not answer ${url} within ${timeoutMs} ms`,
  );
}

/**
 * Writes a file whole or not at all (a temporary file renamed over it), so a launcher killed mid-write leaves
 * the previous version or none, never half a file.
 */
export async function writeFileAtomically(file: string, text: string, mode = 0o644): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, text, { mode });
  await rename(temporary, file);
}
