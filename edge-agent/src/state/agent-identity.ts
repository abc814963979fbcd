import type { AgentDatabase } from './agent-database.js';

/** Who the agent is at HQ: what enrollment returned. The token is kept to talk to HQ after a restart. */
export interface AgentIdentity {
  readonly deviceId: string;
  readonly storeId: string;
  readonly token: string;
  readonly hqUrl: string;
}

export function readAgentIdentity(db: AgentDatabase): AgentIdentity | undefined {
  const rows = db.prepare('SELECT key, value FROM agent_identity').all() as { key: string; value: string }[];
  const values = new Map(rows.map((row) => [row.key, row.value]));
  const deviceId = values.get('deviceId');
  const storeId = values.get('storeId');
  const token = values.get('token');
  const hqUrl = values.get('hqUrl');
  if (!deviceId || !storeId || !token || !hqUrl) return undefined;
  return { deviceId, storeId, token, hqUrl };
}

export function writeAgentIdentity(db: AgentDatabase, identity: AgentIdentity): void {
  const put = db.prepare(
    'INSERT INTO agent_identity (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  );
  db.transaction(() => {
    put.run('deviceId', identity.deviceId);
    put.run('storeId', identity.storeId);
    put.run('token', identity.token);
    put.run('hqUrl', identity.hqUrl);
  })();
}
