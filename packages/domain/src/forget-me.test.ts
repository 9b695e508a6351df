import {
  CONFIRM_SECONDS,
  decodeForgetButton,
  encodeForgetButton,
  type ForgetButton,
  forgetQuestionView,
  forgottenView,
  judgeForgetPress,
  type PersonRecordCounts,
} from './forget-me';

const ANN = 6_900_001;
const NOW = new Date('2026-12-05T12:00:00Z');
const nowSeconds = NOW.getTime() / 1000;
const confirm: ForgetButton = { op: 'confirm', userId: ANN, issuedAt: nowSeconds };
const inPrivate = { userId: ANN, chatType: 'private' };

const counts = (over: Partial<PersonRecordCounts> = {}): PersonRecordCounts => ({
  privateTasks: 0,
  notes: 0,
  files: 0,
  groups: 0,
  assigned: 0,
  authored: 0,
  known: true,
  ...over,
});

describe('/forget_me buttons', () => {
  it('round-trip through their data, well under Telegram’s 64 bytes', () => {
    const big: ForgetButton = { op: 'confirm', userId: 9_007_199_254_740_991, issuedAt: 99_999_999_999 };
    for (const button of [confirm, big, { op: 'cancel', userId: ANN } as const]) {
      const data = encodeForgetButton(button);
      expect(Buffer.byteLength(data)).toBeLessThanOrEqual(64);
      expect(decodeForgetButton(data)).toEqual(button);
    }
  });

  it.each([
    undefined,
    '',
    'fg:y:0:1',
    'fg:y:12',
    'fg:y:12:01',
    'fg:n:12:5',
    'fg:x:12',
    'fg:y:-12:5',
    'fg:n:99999999999999999',
    `fg:n:${'9'.repeat(70)}`,
    'c:1:o',
  ])('refuse malformed or foreign data %p', (data) => {
    expect(decodeForgetButton(data)).toBeUndefined();
  });
});

describe('a press of a /forget_me button', () => {
  it('forgets the person who asked, pressing in the private chat within the time', () => {
    expect(judgeForgetPress(confirm, inPrivate, NOW)).toBe('forget');
    const late = new Date(NOW.getTime() + CONFIRM_SECONDS * 1000);
    expect(judgeForgetPress(confirm, inPrivate, late)).toBe('forget');
  });

  it('does nothing for anybody else, whatever the data says', () => {
    expect(judgeForgetPress(confirm, { userId: ANN + 1, chatType: 'private' }, NOW)).toBe('notYours');
    expect(judgeForgetPress({ op: 'cancel', userId: ANN }, { userId: 7, chatType: 'group' }, NOW)).toBe(
      'notYours',
    );
  });

  it('works only in a private chat, even with data naming the presser', () => {
    expect(judgeForgetPress(confirm, { userId: ANN, chatType: 'supergroup' }, NOW)).toBe('privateOnly');
  });

  it('expires after ten minutes, and refuses a question dated in the future', () => {
    const tooLate = new Date(NOW.getTime() + (CONFIRM_SECONDS + 1) * 1000);
    expect(judgeForgetPress(confirm, inPrivate, tooLate)).toBe('expired');
    const forged = { ...confirm, issuedAt: nowSeconds + 3600 };
    expect(judgeForgetPress(forged, inPrivate, NOW)).toBe('expired');
  });

  it('cancels at any time', () => {
    const later = new Date(NOW.getTime() + 86_400_000);
    expect(judgeForgetPress({ op: 'cancel', userId: ANN }, inPrivate, later)).toBe('cancel');
  });
});

describe('/forget_me views', () => {
  it('ask with what goes (counts above zero), what stays, and the two buttons bound to the person', () => {
    const view = forgetQuestionView('en', counts({ privateTasks: 3, notes: 2, authored: 4 }), ANN, NOW);
    expect(view.text).toContain('tasks of our private chat, with their notes and files: 3');
    expect(view.text).toContain('your notes on tasks of groups: 2');
    expect(view.text).not.toContain('files you attached');
    expect(view.text).toContain('without your name: 4');
    expect(view.text).toContain('I cannot delete them');
    expect(view.text).toContain('10 minutes');
    const buttons = view.keyboard?.flat() ?? [];
    expect(buttons.map((b) => b.text)).toEqual(['🗑 Yes, forget me', '✖️ Cancel']);
    expect(buttons.map((b) => decodeForgetButton(b.callbackData))).toEqual([
      confirm,
      { op: 'cancel', userId: ANN },
    ]);
  });

  it('tell in Russian too', () => {
    const view = forgetQuestionView('ru', counts({ assigned: 2 }), ANN, NOW);
    expect(view.text).toContain('вы как исполнитель задач в группах');
    expect(view.keyboard?.flat()[0]?.text).toBe('🗑 Да, забудьте меня');
  });

  it('report what went, or that nothing was left (a second press, a retry)', () => {
    const done = forgottenView('en', counts({ groups: 2, files: 1 }));
    expect(done.text).toContain('I have forgotten you');
    expect(done.text).toContain('your membership of groups I know: 2');
    expect(done.keyboard).toBeUndefined();
    // An earlier run may have deleted it all: the answer must not say nothing was ever there.
    const left = forgottenView('en', counts({ known: false })).text;
    expect(left).toBe(
      '✅ Done: I keep nothing about you. Nothing was left to delete this time, so I cannot list what went.',
    );
    expect(forgottenView('ru', counts({ known: false })).text).toContain(
      'В этот раз удалять было уже нечего',
    );
  });
});
