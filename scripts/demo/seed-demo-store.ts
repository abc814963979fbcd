import {
  employeeRow,
  memberRow,
  priceRow,
  productRow,
  promotionRow,
  taxRateRow,
} from './demo-import-rows.js';
import { demoOpeningPoints, demoOpeningStock, type LedgerAuthor } from './demo-ledgers.js';
import { type DemoSignIn, demoSignIns } from './demo-staff.js';
import { type DemoSupermarketOptions, demoSupermarket } from './demo-supermarket.js';

export type SeedDemoStoreOptions = DemoSupermarketOptions;

/** What one seed run wrote (`written`) and found already at HQ (`alreadyThere`), per kind. */
export interface SeedCount {
  readonly written: number;
  readonly alreadyThere: number;
}

export interface SeedDemoStoreResult {
  readonly storeId: string;
  readonly storeName: string;
  readonly storeCreated: boolean;
  readonly counts: Record<
    | 'taxRates'
    | 'products'
    | 'prices'
    | 'promotions'
    | 'members'
    | 'employees'
    | 'openingStock'
    | 'openingPoints',
    SeedCount
  >;
  readonly signIns: { readonly cashier: DemoSignIn; readonly manager: DemoSignIn };
  readonly durationMs: number;
}

export class DemoSeedError extends Error {
  constructor(
    readonly code: 'hq-unreachable' | 'hq-refused' | 'rows-rejected' | 'ledger-conflict',
    message: string,
  ) {
    super(message);
    this.name = 'DemoSeedError';
  }
}

interface ImportReport {
  accepted: number;
  unchanged: number;
  rejectedCount: number;
  rejected: { line: number; reason: string; field?: string }[];
}

/** Replication push batches stay under HQ's batch limit (core's DEFAULT_REPLICATION_LIMITS, 500 rows). */
const PUSH_BATCH = 500;

/**
 * Seeds the demo supermarket into HQ through its HTTP API only: the store with its settings, tax rates,
 * products, prices, promotions, members, employees (admin and import routes), then the opening stocktake
 * and points balances, which are transactions and so come from a device: the seed enrolls one, pushes
 * them, and revokes it. Idempotent: upserts come back `unchanged`, versions `version-exists`, and the
 * ledgers are skipped when HQ already holds the stocktake (their ids are deterministic besides).
 */
export async function seedDemoStore(
  hqUrl: string,
  adminToken: string,
  options: SeedDemoStoreOptions = {},
): Promise<SeedDemoStoreResult> {
  const started = performance.now();
  const base = hqUrl.replace(/\/$/, '');
  const demo = demoSupermarket(options);
  const call = async <T>(
    method: string,
    path: string,
    body?: unknown,
    token = adminToken,
  ): Promise<{ status: number; body: T }> => {
    let response: Response;
    try {
      response = await fetch(`${base}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (error) {
      throw new DemoSeedError(
        'hq-unreachable',
        `HQ at ${base} cannot be reached: ${(error as Error).message}`,
      );
    }
    const text = await response.text();
    return { status: response.status, body: (text === '' ? undefined : JSON.parse(text)) as T };
  };
  const expect = <T>(answer: { status: number; body: T }, ok: number[], what: string): T => {
    if (!ok.includes(answer.status)) {
      throw new DemoSeedError(
        'hq-refused',
        `${what}: HQ answered ${answer.status} ${JSON.stringify(answer.body)}`,
      );
    }
    return answer.body;
  };

  const created = await call('POST', '/api/admin/stores', {
    storeId: demo.storeId,
    name: demo.storeName,
    settings: demo.settings,
  });
  expect(created, [201, 409], 'creating the demo store');
  if (created.status === 409) {
    // A store registered without settings (the virtual store's first starts did so) gets the demo's now.
    const store = expect(
      await call<{ settingsInForce: unknown }>(
        'GET',
        `/api/admin/stores/${encodeURIComponent(demo.storeId)}`,
      ),
      [200],
      'reading the demo store',
    );
    if (store.settingsInForce === null) {
      expect(
        await call('PATCH', `/api/admin/stores/${encodeURIComponent(demo.storeId)}`, {
          ...demo.settings,
          validFrom: demo.validFrom,
        }),
        [201],
        'writing the demo store’s settings',
      );
    }
  }

  /** Upserts (products, members, employees) answer `unchanged`; versions answer `version-exists`. */
  const importRows = async (
    kind: string,
    rows: Record<string, unknown>[],
    query = '',
  ): Promise<SeedCount> => {
    const report = expect(
      await call<ImportReport>('POST', `/api/admin/import/${kind}${query}`, rows),
      [200],
      `importing the demo ${kind}`,
    );
    const versionsThere = report.rejected.every((row) => row.reason.startsWith('version-exists'));
    if (report.rejectedCount > 0 && !versionsThere) {
      const first = report.rejected.find((row) => !row.reason.startsWith('version-exists'));
      throw new DemoSeedError(
        'rows-rejected',
        `the demo ${kind}: ${report.rejectedCount} row(s) rejected, e.g. line ${first?.line} ${first?.field ?? ''}: ${first?.reason}`,
      );
    }
    return { written: report.accepted, alreadyThere: report.unchanged + report.rejectedCount };
  };

  const taxRates = await importRows('tax-rates', demo.taxRates.map(taxRateRow));
  const products = await importRows(
    'products',
    demo.catalog.map((item) => productRow(item.product)),
  );
  const prices = await importRows(
    'prices',
    demo.catalog.map((item) => priceRow(item.price)),
  );
  const promotions = await importRows('promotions', demo.promotions.map(promotionRow));
  const members = await importRows(
    'members',
    demo.members.map((item) => memberRow(item.member)),
  );

  // The stocktake is the seed's last step: when HQ holds it, the employees and ledgers are there too.
  const stock = expect(
    await call<{ products: unknown[] }>(
      'GET',
      `/api/admin/reports/stock?storeId=${encodeURIComponent(demo.storeId)}`,
    ),
    [200],
    'reading the demo store’s stock',
  );
  const ledgersThere = stock.products.length > 0;
  let employees: SeedCount = { written: 0, alreadyThere: demo.staff.length };
  let openingStock: SeedCount = { written: 0, alreadyThere: stock.products.length };
  let openingPoints: SeedCount = {
    written: 0,
    alreadyThere: demo.members.filter((member) => member.points !== 0).length,
  };
  if (!ledgersThere) {
    // PINs are hashed with a fresh salt on every import, so employees are imported with the ledgers only.
    employees = await importRows('employees', demo.staff.map(employeeRow));
    const code = expect(
      await call<{ code: string }>(
        'POST',
        `/api/admin/stores/${encodeURIComponent(demo.storeId)}/enrollment-codes`,
        {
          role: 'lane',
          ttlSeconds: 600,
        },
      ),
      [201],
      'an enrollment code for the seed device',
    );
    const device = expect(
      await call<{ deviceId: string; token: string }>('POST', '/api/enroll', {
        code: code.code,
        label: 'demo seed (revoked after seeding)',
      }),
      [201],
      'enrolling the seed device',
    );
    const author: LedgerAuthor = {
      storeId: demo.storeId,
      deviceId: device.deviceId,
      employeeId: demoSignIns(demo.storeId).manager.employeeId,
      at: demo.validFrom,
      seed: demo.seed,
    };
    const push = async (collection: string, docs: Record<string, unknown>[]): Promise<SeedCount> => {
      let conflicts = 0;
      for (let i = 0; i < docs.length; i += PUSH_BATCH) {
        const rows = docs
          .slice(i, i + PUSH_BATCH)
          .map((doc) => ({ assumedMasterState: null, newDocumentState: { ...doc, _deleted: false } }));
        const answer = expect(
          await call<unknown[]>('POST', `/sync/${collection}/push`, rows, device.token),
          [200],
          `pushing the opening ${collection}`,
        );
        conflicts += answer.length;
      }
      return { written: docs.length - conflicts, alreadyThere: conflicts };
    };
    try {
      openingPoints = await push(
        'loyalty_entries',
        demoOpeningPoints(demo.members, author) as unknown as Record<string, unknown>[],
      );
      openingStock = await push(
        'stock_movements',
        demoOpeningStock(demo.catalog, author) as unknown as Record<string, unknown>[],
      );
    } finally {
      // The seed device has done its work: nothing can write as it again, and day-end does not wait for it.
      await call('DELETE', `/api/admin/devices/${encodeURIComponent(device.deviceId)}`);
    }
  }
  return {
    storeId: demo.storeId,
    storeName: demo.storeName,
    storeCreated: created.status === 201,
    counts: { taxRates, products, prices, promotions, members, employees, openingStock, openingPoints },
    signIns: demoSignIns(demo.storeId),
    durationMs: Math.round(performance.now() - started),
  };
}
