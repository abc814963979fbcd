import { writeFile } from 'node:fs/promises';
import { maskPhone } from '@storefloor/core';
import { Command } from 'commander';
import { CliFailure, type CliIo } from '../cli-io.js';
import { connectHq, expectAnswer } from '../hq-connection.js';
import type { GlobalFlags } from './global-flags.js';

/** What HQ's export answers (sync-server `src/members/member-privacy.ts`, MemberExport). */
interface MemberExport {
  readonly exportedAt: string;
  readonly member: {
    readonly id: string;
    readonly storeId: string;
    readonly phone: string;
    readonly tier: string;
  };
  readonly consent: { readonly personalData: boolean; readonly changedAt: string | null };
  readonly erasedAt: string | null;
  readonly points: { readonly balance: number; readonly entries: number };
  readonly loyaltyEntries: readonly unknown[];
  readonly sales: readonly unknown[];
}

function notFound(answer: { ok: boolean; code?: string }, memberId: string): void {
  if (!answer.ok && answer.code === 'member-not-found') {
    throw new CliFailure('member-not-found', `unknown member "${memberId}": HQ has no member with this id`);
  }
}

/**
 * `storefloor member export|erase|consent`: a member's rights under PIPL, carried out at HQ. The export is the
 * member's own copy (a file, readable by this user only); what the terminal shows of them is masked.
 */
export function memberCommand(io: CliIo, globals: () => GlobalFlags): Command {
  const member = new Command('member').alias('members').description('a member’s data at HQ (PIPL)');

  member
    .command('export <memberId>')
    .description('everything HQ holds about a member (document, consent, points, purchases) as JSON')
    .requiredOption('--out <file>', 'write the export here (created readable by you only)')
    .action(async (memberId: string, options: { out: string }) => {
      const hq = connectHq(globals(), io);
      const answer = await hq.get<MemberExport>(`/api/admin/members/${encodeURIComponent(memberId)}/export`);
      notFound(answer, memberId);
      const exported = expectAnswer(answer, `exporting member ${memberId}`);
      await writeFile(options.out, `${JSON.stringify(exported, null, 2)}\n`, { mode: 0o600 });
      const summary = {
        memberId: exported.member.id,
        file: options.out,
        phone: maskPhone(exported.member.phone),
        pointsBalance: exported.points.balance,
        loyaltyEntries: exported.loyaltyEntries.length,
        sales: exported.sales.length,
        erasedAt: exported.erasedAt,
      };
      if (globals().json) return io.out(`${JSON.stringify(summary)}\n`);
      io.out(
        `member ${summary.memberId} (phone ${summary.phone || 'none'}${summary.erasedAt ? `, erased ${summary.erasedAt}` : ''}): ` +
          `${summary.pointsBalance} points over ${summary.loyaltyEntries} loyalty entries, ${summary.sales} sales; written to ${summary.file}\n`,
      );
    });

  member
    .command('erase <memberId>')
    .description(
      'erase a member: name, phone, e-mail and card leave every store; the id stays for the ledgers',
    )
    .option('--yes', 'confirm: erasure cannot be undone')
    .action(async (memberId: string, options: { yes?: boolean }) => {
      if (!options.yes) {
        throw new CliFailure(
          'confirmation-required',
          `erasing member ${memberId} cannot be undone: run it again with --yes`,
        );
      }
      const hq = connectHq(globals(), io);
      const answer = await hq.post<{ memberId: string; erasedAt: string; alreadyErased: boolean }>(
        `/api/admin/members/${encodeURIComponent(memberId)}/erase`,
        {},
      );
      notFound(answer, memberId);
      const erased = expectAnswer(answer, `erasing member ${memberId}`);
      if (globals().json) return io.out(`${JSON.stringify(erased)}\n`);
      io.out(
        erased.alreadyErased
          ? `member ${erased.memberId} was already erased at ${erased.erasedAt}\n`
          : `member ${erased.memberId} erased at ${erased.erasedAt}; their sales and points stay under the anonymous id\n`,
      );
    });

  member
    .command('consent <memberId>')
    .description('record a member’s consent to keep their personal data (withdrawn: it leaves every lane)')
    .option('--withdraw', 'the member withdraws consent')
    .option('--give', 'the member gives consent (again)')
    .action(async (memberId: string, options: { withdraw?: boolean; give?: boolean }) => {
      if (options.withdraw === options.give) {
        throw new CliFailure('usage', 'say either --withdraw or --give');
      }
      const hq = connectHq(globals(), io);
      const answer = await hq.put<{ memberId: string; personalData: boolean; changedAt: string }>(
        `/api/admin/members/${encodeURIComponent(memberId)}/consent`,
        { personalData: options.give === true },
      );
      notFound(answer, memberId);
      const changed = expectAnswer(answer, `recording consent of member ${memberId}`);
      if (globals().json) return io.out(`${JSON.stringify(changed)}\n`);
      io.out(
        `member ${changed.memberId}: consent to personal data ${changed.personalData ? 'given' : 'withdrawn'} (${changed.changedAt})\n`,
      );
    });
  return member;
}
