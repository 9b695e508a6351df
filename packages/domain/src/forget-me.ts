import type { Language } from './language';
import { type TextKey, t } from './texts';
import type { View } from './views';

// /forget_me: the rules of asking, confirming and telling what went. The question lists what will
// be deleted and what stays, with a confirmation button and a cancel button.
//
// Button data (listed in callback-data.ts's header too):
//   fg:y:<userId>:<issued>   confirm; <issued> is when the question was asked, in Unix seconds
//   fg:n:<userId>            cancel
// Nothing in the data is secret, and nothing needs to be: the data names the person who asked, and a
// press counts only when the one pressing is that person (Telegram says who pressed; it cannot be
// forged), in a private chat, within CONFIRM_SECONDS of the question. Forged data can therefore only
// ever make someone forget themselves, which the real button does too. Keeping the request in Redis
// instead would add a key naming the person, to be deleted with the rest.

export const CONFIRM_SECONDS = 10 * 60;
/** A question "asked" this far in the future is a forgery or a clock gone wrong: refused. */
const CLOCK_SKEW_SECONDS = 60;
const MAX_USER_ID = Number.MAX_SAFE_INTEGER;

export type ForgetButton =
  | { op: 'confirm'; userId: number; issuedAt: number }
  | { op: 'cancel'; userId: number };

export function encodeForgetButton(button: ForgetButton): string {
  return button.op === 'confirm' ? `fg:y:${button.userId}:${button.issuedAt}` : `fg:n:${button.userId}`;
}

/** The /forget_me button the data stands for, or undefined for data that is not one or is malformed. */
export function decodeForgetButton(data: string | undefined): ForgetButton | undefined {
  if (!data || data.length > 64) return undefined;
  const match = /^fg:(?:y:([1-9]\d{0,15}):(0|[1-9]\d{0,11})|n:([1-9]\d{0,15}))$/.exec(data);
  if (!match) return undefined;
  const userId = Number(match[1] ?? match[3]);
  if (userId > MAX_USER_ID) return undefined;
  return match[3] === undefined
    ? { op: 'confirm', userId, issuedAt: Number(match[2]) }
    : { op: 'cancel', userId };
}

export type ForgetPressOutcome = 'forget' | 'cancel' | 'notYours' | 'privateOnly' | 'expired';

/** What a press of a /forget_me button does, by who pressed it, where and when. */
export function judgeForgetPress(
  button: ForgetButton,
  presser: { userId: number; chatType: string },
  now: Date,
): ForgetPressOutcome {
  if (presser.userId !== button.userId) return 'notYours';
  if (presser.chatType !== 'private') return 'privateOnly';
  if (button.op === 'cancel') return 'cancel';
  const age = Math.floor(now.getTime() / 1000) - button.issuedAt;
  return age > CONFIRM_SECONDS || age < -CLOCK_SKEW_SECONDS ? 'expired' : 'forget';
}

/** What the bot keeps about a person: what forgetting them deletes, and what stays. */
export interface PersonRecordCounts {
  /** Tasks of their private chat with the bot (their notes and files go with them). */
  privateTasks: number;
  /** Notes and files they added to tasks of other chats. */
  notes: number;
  files: number;
  /** Groups the bot knows them in. */
  groups: number;
  /** Tasks of groups assigned to them: unassigned, so no reminder goes to them. */
  assigned: number;
  /** Tasks of groups they wrote: they stay with the group, with no author. */
  authored: number;
  /** Whether the bot has their row (settings) at all. */
  known: boolean;
}

type DeletedCount = Exclude<keyof PersonRecordCounts, 'authored' | 'known'>;
type CountText = 'forgetPrivateTasks' | 'forgetNotes' | 'forgetFiles' | 'forgetGroups' | 'forgetAssigned';

const DELETED_COUNTS: Array<[DeletedCount, CountText]> = [
  ['privateTasks', 'forgetPrivateTasks'],
  ['notes', 'forgetNotes'],
  ['files', 'forgetFiles'],
  ['groups', 'forgetGroups'],
  ['assigned', 'forgetAssigned'],
];

/** Whether anything about the person was left to delete. */
export function hasRecords(counts: PersonRecordCounts): boolean {
  return counts.known || DELETED_COUNTS.some(([field]) => counts[field] > 0);
}

function listed(lang: Language, counts: PersonRecordCounts, heading: TextKey): string[] {
  const lines = [t(lang, heading)];
  for (const [field, key] of DELETED_COUNTS) {
    const count = counts[field];
    if (count > 0) lines.push(t(lang, key, { count }));
  }
  lines.push(t(lang, 'forgetSettings'));
  lines.push('', t(lang, 'forgetStays'));
  if (counts.authored > 0) lines.push(t(lang, 'forgetStaysAuthored', { count: counts.authored }));
  lines.push(t(lang, 'forgetStaysMessages'), t(lang, 'forgetStaysNew'));
  return lines;
}

/** The question: what goes and what stays, and the buttons to confirm (the person only) or cancel. */
export function forgetQuestionView(
  lang: Language,
  counts: PersonRecordCounts,
  userId: number,
  now: Date,
): View {
  const issuedAt = Math.floor(now.getTime() / 1000);
  return {
    text: [
      t(lang, 'forgetAsk'),
      '',
      ...listed(lang, counts, 'forgetGoes'),
      '',
      t(lang, 'forgetConfirmWithin', { minutes: CONFIRM_SECONDS / 60 }),
    ].join('\n'),
    keyboard: [
      [
        {
          text: t(lang, 'btnForgetConfirm'),
          callbackData: encodeForgetButton({ op: 'confirm', userId, issuedAt }),
        },
        { text: t(lang, 'btnForgetCancel'), callbackData: encodeForgetButton({ op: 'cancel', userId }) },
      ],
    ],
  };
}

/**
 * What forgetting deleted (the counts of this run) and what stayed; no buttons. A run that found
 * nothing left cannot tell whether nothing was ever there or an earlier run (a retry's first attempt,
 * an earlier press) deleted it, so its answer says only that nothing is kept now.
 */
export function forgottenView(lang: Language, counts: PersonRecordCounts): View {
  if (!hasRecords(counts)) return { text: t(lang, 'forgetNothingLeft') };
  return { text: [t(lang, 'forgetDone'), '', ...listed(lang, counts, 'forgetGone')].join('\n') };
}
