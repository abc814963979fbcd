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
 * socat is started through util-linux `setpriv --pdeathsig TERM`, which sets PR_SET_PDEATHSIG and then
 * execs socat in the same process: the kernel signals socat when the simulator that spawned it dies, even
 * by SIGKILL when no exit handler of ours runs. TERM rather than KILL so that socat still removes its pty
 * links on the way out. Without it an orphaned socat keeps both ptys (and their links) alive.
 */
const SETPRIV = 'setpriv';

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

  /** The socat process id while it runs (setpriv execs into socat, so it is the same process). */
  get pid(): number | undefined {
    return this.#socat?.pid;
  }

  async start(): Promise<void> {
    if (this.#socat) return;
    const socat = spawn(
      SETPRIV,
      [
        '--pdeathsig',
        'TERM',
        '--',
        this.options.socatPath ?? 'socat',
        '-d',
        '-d',
        `pty,raw,echo=0,link=${this.simPath}`,
        `pty,raw,echo=0,link=${this.devicePath}`,
      ],
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
      socat.once('error', (e) => reject(new Error(`cannot run setpriv + socat: ${e.message}`)));
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
