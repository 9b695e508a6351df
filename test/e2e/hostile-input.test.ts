import { privateChat, textMessage, user } from '@taskbot/fake-bot-api/updates';
import { TEST_SECRET } from '../support/stack';
import { useStack } from '../support/use-stack';

// Titles and arguments people (or attackers) type: SQL and HTML and Markdown specials, invisible and
// right-to-left characters, emoji, 4,096-character texts and NUL bytes. Each is stored as typed,
// shown literally (escaped for HTML, the parse mode of every reply) and never breaks a reply, on
// whichever database DATABASE_URL names. NUL is the one exception, and on purpose the same on every
// database: PostgreSQL cannot store it in text, so it is removed from what is stored and shown.

const HOSTILE_TITLES = [
  "Robert'); DROP TABLE tasks;--",
  "\" OR 1=1; SELECT * FROM users WHERE 'a' LIKE '%",
  '<b>not bold</b> & <script>alert(1)</script> &amp;',
  '*not bold* _not italic_ `not code` [no link](http://example.com) ~x~ ||y|| \\',
  'zero\u200bwidth\u200c\u200djoiner\ufeffbom',
  'left \u202eright-to-left\u202c and \u2067isolate\u2069 \u05e9\u05dc\u05d5\u05dd',
  'emoji 😀 👍🏽 👨‍👩‍👧‍👦 🇷🇺',
  '100% of a_b done',
];

/** Allowed HTML tags in our replies; anything else starting with "<" would be a parse error at Telegram. */
const TAG = /^<\/?(b|i|u|s|code|pre|blockquote|tg-spoiler)>|^<a href="[^"<>]*">|^<\/a>/;
const ENTITY = /^&(lt|gt|amp|quot|#\d+);/;

/** The text Telegram would show for an HTML-mode message; throws where Telegram would refuse to parse it. */
function shownText(html: string): string {
  let shown = '';
  for (let i = 0; i < html.length; ) {
    const rest = html.slice(i);
    if (html[i] === '<') {
      const tag = TAG.exec(rest);
      if (!tag) throw new Error(`unescaped "<" at ${i}: ${rest.slice(0, 40)}`);
      i += tag[0].length;
    } else if (html[i] === '&') {
      const entity = ENTITY.exec(rest);
      if (!entity) throw new Error(`unescaped "&" at ${i}: ${rest.slice(0, 40)}`);
      const name = entity[1] ?? '';
      shown += { lt: '<', gt: '>', amp: '&', quot: '"' }[name] ?? String.fromCodePoint(Number(name.slice(1)));
      i += entity[0].length;
    } else {
      shown += html[i];
      i += 1;
    }
  }
  return shown;
}

describe('hostile chat input, end to end', () => {
  const system = useStack('hostile');
  const { fake } = system;
  const eve = user(6_500_001, { first_name: 'Eve <script>', language_code: 'en' });

  const say = async (text: string, from = eve) => {
    const seq = fake.calls.at(-1)?.seq ?? 0;
    const response = await fetch(`${system.stack().gatewayUrl}/telegram/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': TEST_SECRET },
      body: JSON.stringify(textMessage({ chat: privateChat(from), from, text })),
    });
    expect(response.status).toBe(200);
    return seq;
  };

  /** The next reply in the chat: sent in HTML mode, parseable, and the text as shown. */
  const nextReply = async (since: number, chatId = eve.id) => {
    const call = await fake.waitForCall(
      'sendMessage',
      (c) => c.seq > since && c.payload.chat_id === chatId,
      20_000,
    );
    expect(call.payload.parse_mode).toBe('HTML');
    expect((call.response as { ok: boolean }).ok).toBe(true);
    return shownText(String(call.payload.text));
  };

  const storedTitles = async (): Promise<string[]> =>
    (
      (await system
        .database()
        .dataSource.query(`SELECT title FROM tasks WHERE chat_id = ${eve.id} ORDER BY id`)) as Array<{
        title: string;
      }>
    ).map((row) => row.title);

  it('stores every hostile title exactly as typed and shows it literally on its card', async () => {
    for (const title of HOSTILE_TITLES) {
      const seq = await say(`/add ${title}`);
      expect(await nextReply(seq)).toContain(title);
    }
    expect(await storedTitles()).toEqual(HOSTILE_TITLES);
  });

  it('lists them literally, and the tables are all still there', async () => {
    const seq = await say('/tasks');
    const list = await nextReply(seq);
    for (const title of HOSTILE_TITLES) expect(list).toContain(title);
    const [row] = await system.database().dataSource.query('SELECT COUNT(*) AS n FROM users');
    expect(Number(row.n)).toBeGreaterThan(0);
  });

  it('searches for SQL wildcards and quotes as plain characters', async () => {
    let seq = await say('/search %');
    let found = await nextReply(seq);
    expect(found).toContain('100% of a_b done');
    expect(found).not.toContain('Robert');
    seq = await say('/search a_b');
    found = await nextReply(seq);
    expect(found).toContain('100% of a_b done');
    expect(found).not.toContain('zero');
    seq = await say("/search ' OR '1'='1");
    expect(await nextReply(seq)).toContain("' OR '1'='1");
    seq = await say('/search <b>&amp;');
    expect(await nextReply(seq)).toContain('<b>&amp;');
  });

  it('answers a 4,096-character text with a reply that fits, and stores nothing for it', async () => {
    const before = await storedTitles();
    const seq = await say('я'.repeat(4096));
    expect(await nextReply(seq)).toContain('too long');
    expect(await storedTitles()).toEqual(before);
  });

  it('keeps the longest title it accepts, full of HTML specials, within one reply', async () => {
    const title = 'a<&>'.repeat(250);
    const seq = await say(`/add ${title}`);
    expect(await nextReply(seq)).toContain(title.slice(0, 200));
    expect((await storedTitles()).at(-1)).toBe(title);
  });

  it('removes NUL bytes, on every database alike, and still answers', async () => {
    let seq = await say('/add nul\u0000byte\u0000');
    expect(await nextReply(seq)).toContain('nulbyte');
    expect((await storedTitles()).at(-1)).toBe('nulbyte');
    seq = await say('/search nul\u0000');
    expect(await nextReply(seq)).toBeTruthy();
    seq = await say('\u0000');
    expect(await nextReply(seq)).toBeTruthy();
  });
});
