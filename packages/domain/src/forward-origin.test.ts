import { describeOrigin, forwardedMediaTitle, isForwardOrigin, originNoteText } from './forward-origin';
import { forwardedTask } from './forwarded-task';
import { MAX_TITLE_LENGTH } from './task-title';

const DATE = 1_760_000_000;
const anna = {
  type: 'user' as const,
  date: DATE,
  sender_user: { first_name: 'Anna', last_name: 'Lee', username: 'anna_lee' },
};
const hidden = { type: 'hidden_user' as const, date: DATE, sender_user_name: 'Secret Sam' };
const news = {
  type: 'channel' as const,
  date: DATE,
  chat: { title: 'Daily News', username: 'dailynews' },
  message_id: 42,
};
const closed = { type: 'channel' as const, date: DATE, chat: { title: 'Closed club' }, message_id: 7 };
const group = {
  type: 'chat' as const,
  date: DATE,
  sender_chat: { title: 'Team <dev>', username: 'team_dev' },
  author_signature: 'Bob',
};

describe('describeOrigin', () => {
  it('names a user with their @username, and a hidden user by the name Telegram gives', () => {
    expect(describeOrigin(anna)).toEqual({ name: 'Anna Lee (@anna_lee)' });
    expect(describeOrigin({ type: 'user', sender_user: { first_name: 'Ivan' } })).toEqual({ name: 'Ivan' });
    expect(describeOrigin(hidden)).toEqual({ name: 'Secret Sam' });
  });

  it('links a channel post when the channel has a username, and not otherwise', () => {
    expect(describeOrigin(news)).toEqual({ name: 'Daily News', link: 'https://t.me/dailynews/42' });
    expect(describeOrigin(closed)).toEqual({ name: 'Closed club' });
  });

  it('names a chat with the author signature, without a link when there is no message id', () => {
    expect(describeOrigin(group)).toEqual({ name: 'Team <dev> (Bob)' });
    expect(describeOrigin({ ...group, message_id: 5 })).toEqual({
      name: 'Team <dev> (Bob)',
      link: 'https://t.me/team_dev/5',
    });
  });

  it('makes no link of a username Telegram could not have, nor of a bad message id', () => {
    const odd = { ...news, chat: { title: 'X', username: 'a/../b' } };
    expect(describeOrigin(odd).link).toBeUndefined();
    expect(describeOrigin({ ...news, message_id: -1 }).link).toBeUndefined();
  });

  it('cuts a very long name and names a nameless chat "?"', () => {
    const long = describeOrigin({ type: 'hidden_user', sender_user_name: 'x'.repeat(500) }).name;
    expect([...long]).toHaveLength(128);
    expect(long.endsWith('…')).toBe(true);
    expect(describeOrigin({ type: 'channel', chat: {}, message_id: 1 }).name).toBe('?');
  });
});

describe('originNoteText', () => {
  it('keeps the name and, on a line of its own, the link', () => {
    expect(originNoteText(news)).toBe('Daily News\nhttps://t.me/dailynews/42');
    expect(originNoteText(hidden)).toBe('Secret Sam');
  });
});

describe('isForwardOrigin', () => {
  it('accepts the four kinds Telegram sends and nothing else', () => {
    for (const origin of [anna, hidden, news, group]) expect(isForwardOrigin(origin)).toBe(true);
    expect(isForwardOrigin({ type: 'user' })).toBe(false);
    expect(isForwardOrigin({ type: 'bot', sender_user: {} })).toBe(false);
    expect(isForwardOrigin(undefined)).toBe(false);
    expect(isForwardOrigin('channel')).toBe(false);
  });
});

describe('forwardedMediaTitle', () => {
  it('names what was forwarded and from whom, in both languages, unescaped', () => {
    expect(forwardedMediaTitle('en', { photo: [] }, anna)).toBe('Forwarded photo from Anna Lee (@anna_lee)');
    expect(forwardedMediaTitle('ru', { voice: {} }, group)).toBe(
      'Переслано от Team <dev> (Bob): голосовое сообщение',
    );
    expect(forwardedMediaTitle('en', { animation: {}, document: {} }, hidden)).toBe(
      'Forwarded GIF from Secret Sam',
    );
    expect(forwardedMediaTitle('en', { dice: {} }, news)).toBe('Forwarded message from Daily News');
  });
});

describe('forwardedTask', () => {
  const options = { now: new Date('2026-03-10T12:00:00Z'), timeZone: 'Europe/Berlin' };

  it('reads quick-add marks and dates from the text, as /add does, but assigns nobody', () => {
    const task = forwardedTask('en', { text: 'Call Anna tomorrow 18:00 #work !high @bob_b' }, anna, options);
    expect(task).toMatchObject({ title: 'Call Anna', project: 'work', priorityId: 3 });
    expect(task.due?.at.toISOString()).toBe('2026-03-11T17:00:00.000Z');
    expect(task).not.toHaveProperty('assignee');
  });

  it('takes the caption of a media message', () => {
    expect(forwardedTask('en', { caption: 'Receipt !low', photo: [] }, anna, options)).toEqual({
      title: 'Receipt',
      priorityId: 1,
    });
  });

  it('names a message without text, or with marks alone, by what it is and where it came from', () => {
    expect(forwardedTask('en', { photo: [] }, news, options)).toEqual({
      title: 'Forwarded photo from Daily News',
    });
    expect(forwardedTask('ru', { text: '#work' }, hidden, options)).toEqual({
      title: 'Переслано от Secret Sam: сообщение',
    });
  });

  it('cuts a long text with "…" instead of refusing it', () => {
    const task = forwardedTask('en', { text: 'word '.repeat(400) }, anna, options);
    expect([...task.title]).toHaveLength(MAX_TITLE_LENGTH);
    expect(task.title.endsWith('…')).toBe(true);
  });

  it('keeps text with a date it cannot read as the title, whole', () => {
    expect(forwardedTask('en', { text: 'Party on 31.02 at 25:00' }, anna, options).title).toBe(
      'Party on 31.02 at 25:00',
    );
  });
});
