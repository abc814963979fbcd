import { Command } from 'commander';
import type { CliIo } from '../cli-io.js';
import { connectHq, expectAnswer, requireStore } from '../hq-connection.js';
import {
  addStoreSettingsOptions,
  type StoreSettingsFlags,
  storeSettingsFrom,
} from '../store-settings-options.js';
import type { GlobalFlags } from './global-flags.js';

interface StoreAnswer {
  readonly storeId: string;
  readonly name: string;
  readonly settings?: Record<string, unknown>;
}

/** `storefloor stores create|update|show`: stores and their versioned settings. */
export function storesCommand(io: CliIo, globals: () => GlobalFlags): Command {
  const stores = new Command('stores').description('create stores and write new versions of their settings');

  addStoreSettingsOptions(
    stores
      .command('create <storeId>')
      .description('register a store; with settings, its first settings version')
      .requiredOption('--name <name>', 'the store name people see'),
  ).action(async (storeId: string, flags: StoreSettingsFlags & { name: string }) => {
    const hq = connectHq(globals(), io);
    const { name, ...settingsFlags } = flags;
    const settings = await storeSettingsFrom(settingsFlags);
    const body = Object.keys(settings).length === 0 ? { storeId, name } : { storeId, name, settings };
    const created = expectAnswer(
      await hq.post<StoreAnswer>('/api/admin/stores', body),
      `creating store ${storeId}`,
    );
    if (globals().json) return io.out(`${JSON.stringify(created)}\n`);
    io.out(`created store ${created.storeId} "${created.name}"\n`);
    if (created.settings) io.out(describeSettings(created.settings));
  });

  addStoreSettingsOptions(
    stores
      .command('update <storeId>')
      .description(
        'write a NEW settings version (in force from --valid-from, default now); nothing is edited',
      )
      .option('--name <name>', 'a new store name'),
  ).action(async (storeId: string, flags: StoreSettingsFlags & { name?: string }) => {
    const hq = connectHq(globals(), io);
    const { name, ...settingsFlags } = flags;
    const changes = await storeSettingsFrom(settingsFlags);
    if (name !== undefined) changes.name = name;
    const answer = await hq.patch<StoreAnswer>(`/api/admin/stores/${encodeURIComponent(storeId)}`, changes);
    if (!answer.ok && answer.code === 'unknown-store') await requireStore(hq, storeId);
    const written = expectAnswer(answer, `updating store ${storeId}`);
    if (globals().json) return io.out(`${JSON.stringify(written)}\n`);
    io.out(`store ${storeId}: new settings version\n`);
    if (written.settings) io.out(describeSettings(written.settings));
  });

  stores
    .command('show <storeId>')
    .description('the settings in force and every settings version')
    .action(async (storeId: string) => {
      const hq = connectHq(globals(), io);
      await requireStore(hq, storeId);
      const store = expectAnswer(
        await hq.get<{
          storeId: string;
          name: string;
          settingsInForce: Record<string, unknown> | null;
          settingsVersions: Record<string, unknown>[];
        }>(`/api/admin/stores/${encodeURIComponent(storeId)}`),
        `store ${storeId}`,
      );
      if (globals().json) return io.out(`${JSON.stringify(store)}\n`);
      io.out(
        `store ${store.storeId} "${store.name}", ${store.settingsVersions.length} settings version(s)\n`,
      );
      io.out(
        store.settingsInForce ? describeSettings(store.settingsInForce) : '  no settings in force now\n',
      );
    });
  return stores;
}

function describeSettings(settings: Record<string, unknown>): string {
  const show = (value: unknown): string =>
    Array.isArray(value) ? value.join(', ') : String(value).replace(/\n/g, ' / ');
  const fields = [
    'currency',
    'taxMode',
    'taxRounding',
    'cashRoundingStep',
    'timeZone',
    'businessDayStartHour',
    'languages',
    'receiptHeader',
    'receiptFooter',
    'address',
    'validFrom',
  ];
  return fields
    .filter((field) => settings[field] !== undefined && settings[field] !== '')
    .map((field) =>
      field === 'validFrom'
        ? `  validFrom: ${new Date(Number(settings[field])).toISOString()}\n`
        : `  ${field}: ${show(settings[field])}\n`,
    )
    .join('');
}
