import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { CliFailure } from './cli-io.js';

/** Options naming store settings fields (core's StoreDoc); anything else comes from `--settings file.json`. */
export interface StoreSettingsFlags {
  readonly settings?: string;
  readonly currency?: string;
  readonly taxMode?: string;
  readonly taxRounding?: string;
  readonly cashRoundingStep?: string;
  readonly timeZone?: string;
  readonly businessDayStartHour?: string;
  readonly receiptHeader?: string;
  readonly receiptFooter?: string;
  readonly languages?: string;
  readonly address?: string;
  readonly validFrom?: string;
}

export function addStoreSettingsOptions(command: Command): Command {
  return command
    .option(
      '--settings <file.json>',
      'settings as a JSON object (core StoreDoc fields); flags below override it',
    )
    .option('--currency <ISO 4217>', 'till currency, e.g. CNY')
    .option('--tax-mode <mode>', 'inclusive (shelf prices include tax) or exclusive')
    .option('--tax-rounding <rounding>', 'line or document')
    .option('--cash-rounding-step <minor units>', 'cash rounded to this many minor units')
    .option('--time-zone <IANA>', 'e.g. Asia/Shanghai')
    .option('--business-day-start-hour <0-23>', 'local hour a business day starts (the cut-over)')
    .option('--receipt-header <text>', 'receipt header; "\\n" separates lines')
    .option('--receipt-footer <text>', 'receipt footer; "\\n" separates lines')
    .option('--languages <tags>', 'BCP 47 tags, default first, comma-separated: zh-CN,en')
    .option('--address <text>', 'postal address')
    .option('--valid-from <instant>', 'ISO 8601 with offset, from when these settings apply');
}

const integer = (flag: string, value: string): number => {
  if (!/^-?\d+$/.test(value.trim()))
    throw new CliFailure('invalid-option', `${flag} must be a whole number, got "${value}"`);
  return Number(value);
};

/** The settings object HQ's store routes take; HQ checks every field with core's schema. */
export async function storeSettingsFrom(flags: StoreSettingsFlags): Promise<Record<string, unknown>> {
  let settings: Record<string, unknown> = {};
  if (flags.settings !== undefined) {
    let text: string;
    try {
      text = await readFile(flags.settings, 'utf8');
    } catch (error) {
      throw new CliFailure(
        'file-unreadable',
        `${flags.settings} cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
      );
    }
    try {
      settings = JSON.parse(text) as Record<string, unknown>;
    } catch (error) {
      throw new CliFailure('invalid-settings', `${flags.settings} is not JSON: ${(error as Error).message}`);
    }
    if (typeof settings !== 'object' || settings === null || Array.isArray(settings)) {
      throw new CliFailure('invalid-settings', `${flags.settings} must hold one JSON object`);
    }
  }
  const lines = (text: string): string => text.replace(/\\n/g, '\n');
  const set: Record<string, unknown> = { ...settings };
  if (flags.currency !== undefined) set.currency = flags.currency;
  if (flags.taxMode !== undefined) set.taxMode = flags.taxMode;
  if (flags.taxRounding !== undefined) set.taxRounding = flags.taxRounding;
  if (flags.cashRoundingStep !== undefined)
    set.cashRoundingStep = integer('--cash-rounding-step', flags.cashRoundingStep);
  if (flags.timeZone !== undefined) set.timeZone = flags.timeZone;
  if (flags.businessDayStartHour !== undefined)
    set.businessDayStartHour = integer('--business-day-start-hour', flags.businessDayStartHour);
  if (flags.receiptHeader !== undefined) set.receiptHeader = lines(flags.receiptHeader);
  if (flags.receiptFooter !== undefined) set.receiptFooter = lines(flags.receiptFooter);
  if (flags.languages !== undefined) set.languages = flags.languages.split(',').map((tag) => tag.trim());
  if (flags.address !== undefined) set.address = flags.address;
  if (flags.validFrom !== undefined) set.validFrom = flags.validFrom;
  return set;
}
