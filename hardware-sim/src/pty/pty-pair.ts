import { type ChildProcess, spawn } from 'node:child_process';
import { access } from 'node:fs/promises';
import { join } from 'node:path';

export interface PtyPairOptions {
  /** Directory for the two symlinks (a private temp dir). */
  readonly dir: string;
  /** Base name: the driver opens `<dir>/<name>`, the simulator holds `<dir>/<name>.sim`. */
  readonly name: string;
  readonly socatPath?: string;
}

/**
 * Two real pseudo-terminals joined by socat: the simulator holds one end and a driver opens the other
 * exactly as it would a serial port. Stopping kills socat, which closes both ends (a pulled cable).
 */
export class PtyPair {
  readonly devicePath: string;
  readonly simPath: string;
  #socat: ChildProcess | undefined;
  #exited: Promise<void> = Promise.resolve();

  constructor(private readonly options: PtyPairOptions) {
    this.devicePath = join(options.dir, options.name);
    this.simPath = join(options.dir, `${options.name}.sim`);
  }

  get running(): boolean {
    return this.#socat !== undefined;
  }

  async start(): Promise<void> {
    if (this.#socat) return;
    const socat = spawn(
      this.options.socatPath ?? 'socat',
      ['-d', '-d', `pty,raw,echo=0,link=${this.simPath}`, `pty,raw,echo=0,link=${this.devicePath}`],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    this.#socat = socat;
    this.#exited = new Promise((resolve) => socat.once('exit', () => resolve()));
    let stderr = '';
    await new Promise<void>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        stderr += chunk.toString();
        // socat -d -d logs "starting data transfer loop" once both ptys (and their links) exist.
        if (stderr.includes('starting data transfer loop')) {
          socat.stderr?.off('data', onData);
          socat.stderr?.resume();
          resolve();
        }
      };
      socat.stderr?.on('data', onData);
      socat.once('error', (e) => reject(new Error(`cannot run socat: ${e.message}`)));
      socat.once('exit', (code) =>
        reject(new Error(`socat exited (${code}) before the ptys were ready: ${stderr}`)),
      );
    });
    await access(this.devicePath);
    socat.once('exit', () => {
      if (this.#socat === socat) this.#socat = undefined;
    });
  }

  async stop(): Promise<void> {
    const socat = this.#socat;
    if (!socat) return;
    this.#socat = undefined;
    socat.kill('SIGTERM');
    await this.#exited;
  }
}
