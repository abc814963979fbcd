import { resolve } from 'node:path';

export interface EdgeAgentConfig {
  /** HQ's base URL (sync server). */
  readonly hqUrl: string;
  /** Needed at the first start only: the agent's identity is stored after enrollment. */
  readonly enrollmentCode: string | undefined;
  readonly dataDir: string;
  readonly lanPort: number;
  readonly lanHost: string;
  readonly logLevel: string;
  /** The store's device file, when the agent hosts devices. */
  readonly devicesFile: string | undefined;
  /** The store's wallet credentials file (issue 15), readable by the agent alone. */
  readonly walletFile: string | undefined;
  /** The smart carts' WebSocket port; absent: no cart link. */
  readonly cartLinkPort: number | undefined;
  /** The nexo card terminals serving carts (`{ "terminals": [...] }`); needs the cart link. */
  readonly cartTerminalsFile: string | undefined;
}

const LOG_LEVELS = new Set(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

/** Reads the environment; a bad value fails here with a message naming the variable. */
export function agentConfigFromEnv(env: NodeJS.ProcessEnv = process.env): EdgeAgentConfig {
  const hqUrl = env.STOREFLOOR_HQ_URL?.trim() ?? '';
  if (!hqUrl) throw new Error('STOREFLOOR_HQ_URL is required (the sync server, e.g. https://hq.example)');
  let parsed: URL;
  try {
    parsed = new URL(hqUrl);
  } catch {
    throw new Error(`STOREFLOOR_HQ_URL must be an http:// or https:// URL, got "${hqUrl}"`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new Error(`STOREFLOOR_HQ_URL must be an http:// or https:// URL, got "${hqUrl}"`);
  }
  const portText = env.STOREFLOOR_LAN_PORT?.trim() || '8790';
  const lanPort = Number(portText);
  if (!/^\d+$/.test(portText) || !Number.isInteger(lanPort) || lanPort > 65_535) {
    throw new Error(`STOREFLOOR_LAN_PORT must be an integer 0-65535, got "${env.STOREFLOOR_LAN_PORT}"`);
  }
  const code = env.STOREFLOOR_ENROLLMENT_CODE?.trim() || undefined;
  if (code !== undefined && !/^[0-9A-Za-z-]{4,64}$/.test(code)) {
    throw new Error('STOREFLOOR_ENROLLMENT_CODE must be the code HQ issued, like 7KQ2-MX9D-4RTB');
  }
  const cartPortText = env.STOREFLOOR_CART_LINK_PORT?.trim() || undefined;
  const cartLinkPort = cartPortText === undefined ? undefined : Number(cartPortText);
  if (
    cartPortText !== undefined &&
    (!/^\d+$/.test(cartPortText) || cartLinkPort === undefined || cartLinkPort > 65_535)
  ) {
    throw new Error(`STOREFLOOR_CART_LINK_PORT must be an integer 0-65535, got "${cartPortText}"`);
  }
  const cartTerminalsFile = env.STOREFLOOR_CART_TERMINALS_FILE?.trim() || undefined;
  if (cartTerminalsFile !== undefined && cartLinkPort === undefined) {
    throw new Error('STOREFLOOR_CART_TERMINALS_FILE needs STOREFLOOR_CART_LINK_PORT (the carts it serves)');
  }
  const logLevel = env.LOG_LEVEL?.trim() || 'info';
  if (!LOG_LEVELS.has(logLevel)) {
    throw new Error(`LOG_LEVEL must be one of ${[...LOG_LEVELS].join(', ')}, got "${logLevel}"`);
  }
  return {
    hqUrl: hqUrl.replace(/\/+$/, ''),
    enrollmentCode: code,
    dataDir: resolve(env.STOREFLOOR_DATA_DIR?.trim() || './data/edge-agent'),
    lanPort,
    lanHost: env.STOREFLOOR_LAN_HOST?.trim() || '0.0.0.0',
    logLevel,
    devicesFile: env.STOREFLOOR_DEVICES_FILE?.trim()
      ? resolve(env.STOREFLOOR_DEVICES_FILE.trim())
      : undefined,
    walletFile: env.STOREFLOOR_WALLET_FILE?.trim() ? resolve(env.STOREFLOOR_WALLET_FILE.trim()) : undefined,
    cartLinkPort,
    cartTerminalsFile: cartTerminalsFile === undefined ? undefined : resolve(cartTerminalsFile),
  };
}
