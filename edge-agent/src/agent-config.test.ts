import { describe, expect, it } from 'vitest';
import { agentConfigFromEnv } from './agent-config.js';

describe('agentConfigFromEnv', () => {
  const base = { STOREFLOOR_HQ_URL: 'https://hq.example/' };

  it('reads the environment with defaults', () => {
    expect(agentConfigFromEnv({ ...base, STOREFLOOR_ENROLLMENT_CODE: '7KQ2-MX9D-4RTB' })).toMatchObject({
      hqUrl: 'https://hq.example',
      enrollmentCode: '7KQ2-MX9D-4RTB',
      lanPort: 8790,
      lanHost: '0.0.0.0',
      logLevel: 'info',
      cartLinkPort: undefined,
    });
  });

  it('serves carts only when STOREFLOOR_CART_LINK_PORT is set', () => {
    expect(agentConfigFromEnv({ ...base, STOREFLOOR_CART_LINK_PORT: '8791' }).cartLinkPort).toBe(8791);
    expect(agentConfigFromEnv({ ...base, STOREFLOOR_CART_LINK_PORT: ' ' }).cartLinkPort).toBeUndefined();
    expect(
      agentConfigFromEnv({
        ...base,
        STOREFLOOR_CART_LINK_PORT: '8791',
        STOREFLOOR_CART_TERMINALS_FILE: '/etc/storefloor/cart-terminals.json',
      }).cartTerminalsFile,
    ).toBe('/etc/storefloor/cart-terminals.json');
  });

  it.each([
    [{}, 'STOREFLOOR_HQ_URL'],
    [{ STOREFLOOR_HQ_URL: 'hq.example' }, 'STOREFLOOR_HQ_URL'],
    [{ STOREFLOOR_HQ_URL: 'ftp://hq.example' }, 'STOREFLOOR_HQ_URL'],
    [{ ...base, STOREFLOOR_LAN_PORT: '70000' }, 'STOREFLOOR_LAN_PORT'],
    [{ ...base, STOREFLOOR_LAN_PORT: '80a' }, 'STOREFLOOR_LAN_PORT'],
    [{ ...base, STOREFLOOR_ENROLLMENT_CODE: 'x y' }, 'STOREFLOOR_ENROLLMENT_CODE'],
    [{ ...base, LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ ...base, STOREFLOOR_CART_LINK_PORT: '65536' }, 'STOREFLOOR_CART_LINK_PORT'],
    [{ ...base, STOREFLOOR_CART_LINK_PORT: 'ws' }, 'STOREFLOOR_CART_LINK_PORT'],
    [{ ...base, STOREFLOOR_CART_TERMINALS_FILE: 'terminals.json' }, 'STOREFLOOR_CART_TERMINALS_FILE'],
  ])('names the bad option: %j', (env, option) => {
    expect(() => agentConfigFromEnv(env)).toThrow(option);
  });
});
