import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { build, type Plugin } from 'esbuild';

const ROOT = join(import.meta.dirname, '..', '..');
/** Inside the package (under node_modules: no linter or git looks there), so the bundle resolves npm packages. */
const BUILD_DIR = join(ROOT, 'node_modules', '.cache', 'storefloor-edge-agent-tests');

/** Our workspace packages ship TypeScript: bundle them; everything from npm stays a plain import. */
const externalNpmPackages: Plugin = {
  name: 'external-npm-packages',
  setup(builder) {
    builder.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith('@storefloor/') ? undefined : { path: args.path, external: true },
    );
  },
};

/** Bundles `src/main.ts` once per test file, so each of many restarts is a plain `node` start. */
export async function bundleAgent(): Promise<string> {
  mkdirSync(BUILD_DIR, { recursive: true });
  const outfile = join(BUILD_DIR, `edge-agent-${process.pid}-${Date.now()}.mjs`);
  await build({
    entryPoints: [join(ROOT, 'src', 'main.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    plugins: [externalNpmPackages],
    logLevel: 'silent',
  });
  return outfile;
}

export interface AgentProcessOptions {
  readonly bundle: string;
  readonly hqUrl: string;
  readonly dataDir: string;
  readonly enrollmentCode?: string;
  readonly lanPort?: number;
  /** More of the agent's environment (e.g. STOREFLOOR_CART_LINK_PORT). */
  readonly env?: Readonly<Record<string, string>>;
}

/** The edge agent as a real process, as a store runs it; `kill9()` is `kill -9`. */
export class AgentProcess {
  private constructor(
    readonly child: ChildProcess,
    readonly url: string,
    readonly port: number,
    readonly output: () => string,
  ) {}

  static start(options: AgentProcessOptions): Promise<AgentProcess> {
    const child = spawn(process.execPath, [options.bundle], {
      env: {
        ...process.env,
        STOREFLOOR_HQ_URL: options.hqUrl,
        STOREFLOOR_DATA_DIR: options.dataDir,
        STOREFLOOR_LAN_PORT: String(options.lanPort ?? 0),
        STOREFLOOR_LAN_HOST: '127.0.0.1',
        ...(options.enrollmentCode ? { STOREFLOOR_ENROLLMENT_CODE: options.enrollmentCode } : {}),
        LOG_LEVEL: 'info',
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    return new Promise((resolve, reject) => {
      const onData = (chunk: Buffer): void => {
        output += chunk.toString();
        const match = /"url":"(http:\/\/[^"]+)".*storefloor edge agent ready/.exec(output);
        if (match?.[1]) {
          const url = match[1];
          child.stdout?.off('data', onData);
          child.stdout?.on('data', (more: Buffer) => {
            output = (output + more.toString()).slice(-200_000);
          });
          resolve(new AgentProcess(child, url, Number(new URL(url).port), () => output));
        }
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', (chunk: Buffer) => {
        output += chunk.toString();
      });
      child.once('exit', (code, signal) =>
        reject(new Error(`agent exited (${code ?? signal}) before ready:\n${output}`)),
      );
    });
  }

  /** SIGKILL, and wait until the process is gone. */
  async kill9(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGKILL');
    await exited;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    await exited;
  }

  async status(): Promise<Record<string, unknown> & { enrolled: boolean; pendingTotal: number }> {
    const response = await fetch(`${this.url}/status`);
    return (await response.json()) as Record<string, unknown> & { enrolled: boolean; pendingTotal: number };
  }
}
