import { formatDecimalAmount } from '@storefloor/core';
import { Command } from 'commander';
import { CliFailure, type CliIo } from '../cli-io.js';
import { connectHq, expectAnswer, requireStore } from '../hq-connection.js';
import type { GlobalFlags } from './global-flags.js';

interface DeviceDayEnd {
  readonly deviceId: string;
  readonly label: string | null;
  readonly revoked: boolean;
  readonly lastPushAt: string | null;
  readonly stale: boolean;
  readonly missingStockMovements: number;
}

interface StoreDayEnd {
  readonly storeId: string;
  readonly businessDay: string;
  readonly devices: readonly DeviceDayEnd[];
  readonly shifts: { readonly open: number; readonly closed: number };
  readonly zReportReceived: boolean;
  readonly complete: boolean;
}

/** sync-server's `SalesDay`: amounts in minor units of `currency`. */
interface SalesDay {
  readonly storeId: string;
  readonly businessDay: string;
  readonly currency: string;
  readonly sales: { count: number; gross: number; discount: number; tax: number; total: number };
  readonly returns: { count: number; tax: number; total: number };
  readonly net: { tax: number; total: number };
  readonly tenders: readonly { kind: string; taken: number; refunded: number }[];
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function checkDay(flag: string, value: string): string {
  if (!DAY.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    throw new CliFailure('invalid-option', `${flag} must be a business day YYYY-MM-DD, got "${value}"`);
  }
  return value;
}

/** Amounts are formatted by core's money module only (integer minor units in, decimal text out). */
function amount(minor: number, currency: string): string {
  const text = formatDecimalAmount(minor, currency);
  return text.ok ? text.value : `${minor} (minor units)`;
}

/** `storefloor day-end <businessDay>`: per store, whether the day is closed and what is still missing. */
export function dayEndCommand(io: CliIo, globals: () => GlobalFlags): Command {
  return new Command('day-end')
    .argument('<businessDay>', 'YYYY-MM-DD, the store’s business day')
    .description(
      'day-end status per store: Z reports, open shifts, lanes that have not pushed or miss ledger lines',
    )
    .option('--store <storeId>', 'one store only')
    .option('--stale-after <minutes>', 'a device that has not pushed for this long is stale (default 360)')
    .action(async (businessDay: string, flags: { store?: string; staleAfter?: string }) => {
      checkDay('businessDay', businessDay);
      const hq = connectHq(globals(), io);
      if (flags.store !== undefined) await requireStore(hq, flags.store);
      const query = new URLSearchParams({ businessDay });
      if (flags.store !== undefined) query.set('storeId', flags.store);
      if (flags.staleAfter !== undefined) {
        if (!/^\d+$/.test(flags.staleAfter)) {
          throw new CliFailure('invalid-option', `--stale-after must be minutes, got "${flags.staleAfter}"`);
        }
        query.set('staleAfterMinutes', flags.staleAfter);
      }
      const { stores } = expectAnswer(
        await hq.get<{ stores: StoreDayEnd[] }>(`/api/admin/reports/day-end?${query}`),
        'day-end status',
      );
      if (globals().json) return io.out(`${JSON.stringify({ stores })}\n`);
      if (stores.length === 0) return io.out(`no stores at HQ\n`);
      for (const store of stores) {
        io.out(
          `${store.storeId} ${store.businessDay}: ${store.complete ? 'COMPLETE' : 'NOT COMPLETE'}; ` +
            `shifts ${store.shifts.closed} closed, ${store.shifts.open} open; ` +
            `Z report ${store.zReportReceived ? 'received' : 'missing'}\n`,
        );
        for (const device of store.devices) {
          const problems = [
            device.revoked ? 'revoked' : '',
            device.stale ? 'stale' : '',
            device.missingStockMovements > 0
              ? `${device.missingStockMovements} stock movement(s) missing`
              : '',
          ].filter((text) => text !== '');
          io.out(
            `  ${device.deviceId}${device.label ? ` (${device.label})` : ''}: last push ${device.lastPushAt ?? 'never'}` +
              `${problems.length > 0 ? `; ${problems.join(', ')}` : ''}\n`,
          );
        }
      }
    });
}

/** `storefloor sales --from --to`: sales, returns, net and tenders per store and business day. */
export function salesCommand(io: CliIo, globals: () => GlobalFlags): Command {
  return new Command('sales')
    .description('sales per store and business day')
    .requiredOption('--from <YYYY-MM-DD>', 'first business day')
    .option('--to <YYYY-MM-DD>', 'last business day (default: --from)')
    .option('--store <storeId>', 'one store only')
    .action(async (flags: { from: string; to?: string; store?: string }) => {
      const from = checkDay('--from', flags.from);
      const to = checkDay('--to', flags.to ?? flags.from);
      const hq = connectHq(globals(), io);
      if (flags.store !== undefined) await requireStore(hq, flags.store);
      const query = new URLSearchParams({ from, to });
      if (flags.store !== undefined) query.set('storeId', flags.store);
      const { days } = expectAnswer(
        await hq.get<{ days: SalesDay[] }>(`/api/admin/reports/sales?${query}`),
        'sales',
      );
      if (globals().json) return io.out(`${JSON.stringify({ days })}\n`);
      if (days.length === 0) return io.out(`no completed sales from ${from} to ${to}\n`);
      io.out('store\tbusiness day\tcurrency\tsales\ttotal\treturns\treturned\tnet\tnet tax\ttenders\n');
      for (const day of days) {
        const c = day.currency;
        const tenders = day.tenders
          .map((t) => `${t.kind} ${amount(t.taken, c)}${t.refunded ? ` (-${amount(t.refunded, c)})` : ''}`)
          .join(', ');
        io.out(
          [
            day.storeId,
            day.businessDay,
            c,
            day.sales.count,
            amount(day.sales.total, c),
            day.returns.count,
            amount(day.returns.total, c),
            amount(day.net.total, c),
            amount(day.net.tax, c),
            tenders,
          ].join('\t') + '\n',
        );
      }
    });
}
