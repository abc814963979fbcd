#!/usr/bin/env -S npx tsx
import { agentConfigFromEnv } from './agent-config.js';
import { accessPointsFromEnv } from './shelf-labels/shelf-label-access-points-env.js';
import { loadCartTerminals } from './smart-carts/cart-card-terminals.js';
import { startEdgeAgent } from './start-edge-agent.js';
import { loadWalletConfig } from './wallet/wallet-config.js';

/** `storefloor-edge-agent`: reads the environment, starts the agent, stops it on SIGINT/SIGTERM. */
async function main(): Promise<void> {
  const config = agentConfigFromEnv();
  const accessPoints = accessPointsFromEnv(process.env.STOREFLOOR_ESL_AP_URL);
  const agent = await startEdgeAgent({
    hqUrl: config.hqUrl,
    enrollmentCode: config.enrollmentCode,
    dataDir: config.dataDir,
    lanPort: config.lanPort,
    lanHost: config.lanHost,
    logger: { level: config.logLevel },
    ...(config.devicesFile ? { devicesFile: config.devicesFile } : {}),
    ...(config.walletFile ? { wallet: loadWalletConfig(config.walletFile) } : {}),
    ...(accessPoints.length > 0 ? { shelfLabels: { accessPoints } } : {}),
    ...(config.cartLinkPort !== undefined
      ? {
          carts: {
            port: config.cartLinkPort,
            ...(config.cartTerminalsFile ? { terminals: loadCartTerminals(config.cartTerminalsFile) } : {}),
          },
        }
      : {}),
  });
  agent.app.log.info(
    { url: agent.url, dataDir: config.dataDir, hq: config.hqUrl },
    'storefloor edge agent ready',
  );
  const shutdown = (signal: string): void => {
    agent.app.log.info({ signal }, 'shutting down');
    agent.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `storefloor-edge-agent failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
