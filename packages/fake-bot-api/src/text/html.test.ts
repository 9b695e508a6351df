import { EntityParseError } from './formatted-text';
import { parseHtml } from './html';

describe('parseHtml', () => {
  it('turns tags into entities over the plain text, outer ones first', () => {
    expect(parseHtml('📌 <b>Buy <i>milk</i></b> today')).toEqual({
      text: '📌 Buy milk today',
      entities: [
        { type: 'bold', offset: 3, length: 8 },
        { type: 'italic', offset: 7, length: 4 },
      ],
    });
  });

  it('reads every tag Telegram supports', () => {
    const { text, entities } = parseHtml(
      '<strong>a</strong><em>b</em><u>c</u><ins>d</ins><s>e</s><del>f</del><strike>g</strike>' +
        '<span class="tg-spoiler">h</span><tg-spoiler>i</tg-spoiler><code>j</code>' +
        '<pre><code class="language-ts">k</code></pre><a href="https://example.com">l</a>' +
        '<a href="tg://user?id=42">m</a><blockquote>n</blockquote><blockquote expandable>o</blockquote>' +
        '<tg-emoji emoji-id="5368324170671202286">👍</tg-emoji>',
    );
    expect(text).toBe('abcdefghijklmno👍');
    expect(entities.map((e) => e.type)).toEqual([
      'bold',
      'italic',
      'underline',
      'underline',
      'strikethrough',
      'strikethrough',
      'strikethrough',
      'spoiler',
      'spoiler',
      'code',
      'pre',
      'text_link',
      'text_mention',
      'blockquote',
      'expandable_blockquote',
      'custom_emoji',
    ]);
    expect(entities.find((e) => e.type === 'pre')).toEqual({
      type: 'pre',
      offset: 10,
      length: 1,
      language: 'ts',
    });
    expect(entities.find((e) => e.type === 'text_link')).toMatchObject({ url: 'https://example.com' });
    expect(entities.find((e) => e.type === 'text_mention')?.user?.id).toBe(42);
  });

  it('decodes the four named entities and numeric ones; a "&" that starts none stays as written', () => {
    expect(parseHtml('&lt;b&gt; &amp; &quot;x&quot; &#169; &#x1F600; &nbsp; Tom & Jerry > 1').text).toBe(
      '<b> & "x" © 😀 &nbsp; Tom & Jerry > 1',
    );
  });

  it('counts offsets in UTF-16 code units and takes tag names in any case', () => {
    expect(parseHtml('😀😀 <B>x</B>\ny')).toEqual({
      text: '😀😀 x\ny',
      entities: [{ type: 'bold', offset: 5, length: 1 }],
    });
  });

  it('drops entities that cover no text and links Telegram would not open', () => {
    expect(parseHtml('a<b></b>b <a href="javascript:alert(1)">x</a>')).toEqual({
      text: 'ab x',
      entities: [],
    });
  });

  it('takes attributes unquoted or single-quoted and an empty end tag', () => {
    expect(parseHtml("<a href='https://x.org/?a=1&amp;b=2'>x</> <code class=language-js>y</code>")).toEqual({
      text: 'x y',
      entities: [
        { type: 'text_link', offset: 0, length: 1, url: 'https://x.org/?a=1&b=2' },
        { type: 'code', offset: 2, length: 1 },
      ],
    });
  });

  it.each([
    ['Task <text> was added', 'Unsupported start tag "text" at byte offset 5'],
    ['<br>', 'Unsupported start tag "br" at byte offset 0'],
    ['1 < 2', 'Unsupported start tag "" at byte offset 2'],
    ['Привет <x>', 'Unsupported start tag "x" at byte offset 13'],
    ['x <b>bold', 'Can\'t find end tag corresponding to start tag "b"'],
    ['<b><i>x</b></i>', 'Unmatched end tag at byte offset 7, expected "</i>", found "</b>"'],
    ['x</b>', 'Unexpected end tag at byte offset 1'],
    ['<b>x</b', 'Unclosed end tag at byte offset 4'],
    ['a <b', 'Unclosed start tag at byte offset 2'],
    ['<span>x</span>', 'Tag "span" must have class "tg-spoiler" at byte offset 0'],
    ['<a href=https://x.org>x</a>', 'Unexpected end of name token at byte offset 8'],
    ['<a href>x</a>', 'Expected equal sign in declaration of an attribute of the tag "a" at byte offset 0'],
    ['<tg-emoji emoji-id="x">👍</tg-emoji>', 'Invalid custom emoji identifier specified'],
  ])('refuses %j the way Telegram does', (html, message) => {
    expect(() => parseHtml(html)).toThrow(new EntityParseError(message));
  });
});
