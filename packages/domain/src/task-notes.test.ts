import { decodeCallback } from './callback-data';
import { taskCardView } from './task-card';
import { MAX_NOTE_LENGTH } from './task-extras';
import { cardNotesLine, checkNote, type NoteSummary, notesButton, notesListView } from './task-notes';
import { TELEGRAM_TEXT_LIMIT, type ViewOptions } from './views';

const at = new Date('2026-03-10T12:00:00Z');
const en: ViewOptions = { lang: 'en', now: at, formatDate: (d) => d.toISOString().slice(0, 16) };
const note = (fields: Partial<NoteSummary> = {}): NoteSummary => ({
  kind: 'note',
  text: 'Call back <after> lunch',
  authorName: 'Ann',
  createdAt: at,
  ...fields,
});

describe('checkNote', () => {
  it('trims a note and takes it up to the limit', () => {
    expect(checkNote('  call back \u0000')).toEqual({ ok: true, text: 'call back' });
    expect(checkNote('я'.repeat(MAX_NOTE_LENGTH))).toMatchObject({ ok: true });
  });

  it('refuses an empty note, and a long one with its length and the limit', () => {
    expect(checkNote(' \u0000 ')).toEqual({ ok: false, reason: 'empty' });
    expect(checkNote('😀'.repeat(MAX_NOTE_LENGTH + 1))).toEqual({
      ok: false,
      reason: 'tooLong',
      length: MAX_NOTE_LENGTH + 1,
      max: MAX_NOTE_LENGTH,
    });
  });
});

describe('the notes on a card', () => {
  it('shows how many there are and the newest, shortened, on one line, escaped', () => {
    expect(cardNotesLine('en', { count: 3, newest: note() })).toBe(
      '📝 3 · Ann: Call back &lt;after&gt; lunch',
    );
    const long = cardNotesLine('en', { count: 1, newest: note({ text: `${'a '.repeat(100)}\nend` }) });
    expect(long).toMatch(/^📝 1 · Ann: (a ){39}a…$/);
  });

  it('shows an origin by its name only, and a forgotten author as "someone"', () => {
    const origin = note({ kind: 'origin', text: 'Daily News\nhttps://t.me/dailynews/42' });
    expect(cardNotesLine('en', { count: 1, newest: origin })).toBe('📝 1 · ↪️ forwarded from Daily News');
    expect(cardNotesLine('ru', { count: 2, newest: note({ authorName: null }) })).toContain('кто-то:');
  });

  it('shows nothing and no button without notes', () => {
    expect(cardNotesLine('en', { count: 0, newest: null })).toBeUndefined();
    expect(cardNotesLine('en', undefined)).toBeUndefined();
    expect(notesButton(5, 0)).toBeUndefined();
  });

  it('puts the 📝 button, which lists the notes, under the card', () => {
    const view = taskCardView(en, {
      id: 5,
      title: 'Pay rent',
      priority: 'normal',
      notes: { count: 2, newest: note() },
    });
    expect(view.text).toContain('\n📝 2 · Ann: Call back');
    const last = view.keyboard?.at(-1);
    expect(last?.map((b) => b.text)).toEqual(['📝 2']);
    expect(decodeCallback(last?.[0]?.callbackData)).toEqual({ action: 'card', taskId: 5, op: 'notes' });
    expect(last?.[0]?.callbackData).toBe('c:5:n');
  });
});

describe('notesListView', () => {
  it('lists each note with its author and date, then a Back button to the card', () => {
    const view = notesListView(en, { id: 5, title: 'Pay <rent>' }, [
      note({ text: 'second' }),
      note({ kind: 'origin', text: 'Daily News\nhttps://t.me/dailynews/42', authorName: 'Ann' }),
    ]);
    expect(view.text).toBe(
      [
        '📝 Notes on <b>#5 Pay &lt;rent&gt;</b> (2), newest first',
        '<b>Ann</b> · 2026-03-10T12:00\nsecond',
        '↪️ <b>Forwarded from</b> · 2026-03-10T12:00\nDaily News\nhttps://t.me/dailynews/42',
      ].join('\n\n'),
    );
    expect(view.keyboard?.flat().map((b) => b.callbackData)).toEqual(['c:5:o']);
  });

  it('fits twenty notes of the longest kind into one message', () => {
    const notes = Array.from({ length: 20 }, () =>
      note({ text: '&'.repeat(MAX_NOTE_LENGTH), authorName: 'W'.repeat(200) }),
    );
    const view = notesListView(en, { id: 5, title: '<'.repeat(1000) }, notes);
    expect(view.text.length).toBeLessThanOrEqual(TELEGRAM_TEXT_LIMIT);
    expect(view.text.match(/<b>W+<\/b>/g)).toHaveLength(20);
  });
});
