import { HtmlParseError, parseTelegramHtml } from './telegram-html';

describe('parseTelegramHtml', () => {
  it('turns tags into entities over the plain text, outer ones first', () => {
    expect(parseTelegramHtml('📌 <b>Buy <i>milk</i></b> today')).toEqual({
      text: '📌 Buy milk today',
      entities: [
        { type: 'bold', offset: 3, length: 8 },
        { type: 'italic', offset: 7, length: 4 },
      ],
    });
  });

  it('reads every tag Telegram supports', () => {
    const { text, entities } = parseTelegramHtml(
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
    expect(entities.find((e) => e.type === 'pre')).toMatchObject({ offset: 10, length: 1, language: 'ts' });
    expect(entities.find((e) => e.type === 'text_link')).toMatchObject({ url: 'https://example.com' });
    expect(entities.find((e) => e.type === 'text_mention')?.user?.id).toBe(42);
  });

  it('decodes the four named entities and numeric ones, and leaves unknown names as written', () => {
    expect(parseTelegramHtml('&lt;b&gt; &amp; &quot;x&quot; &#169; &#x1F600; &nbsp;').text).toBe(
      '<b> & "x" © 😀 &nbsp;',
    );
  });

  it('counts offsets in UTF-16 code units, as Telegram does', () => {
    expect(parseTelegramHtml('😀😀 <b>x</b>').entities).toEqual([{ type: 'bold', offset: 5, length: 1 }]);
  });

  it('takes tag names in any case and keeps newlines as they are', () => {
    expect(parseTelegramHtml('<B>one</B>\ntwo')).toEqual({
      text: 'one\ntwo',
      entities: [{ type: 'bold', offset: 0, length: 3 }],
    });
  });

  it('drops entities that cover no text', () => {
    expect(parseTelegramHtml('a<b></b>b').entities).toEqual([]);
  });

  it.each([
    ['<br>', 'Unsupported start tag "br" at byte offset 0'],
    ['x <b>bold', 'Can\'t find end tag corresponding to start tag "b"'],
    ['<b><i>x</b></i>', 'Unmatched end tag at byte offset 7, expected "</i>", found "</b>"'],
    ['</b>', 'Unexpected end tag "</b>" at byte offset 0'],
    ['1 < 2', '"<" starts no tag at byte offset 2 (write &lt; for a "<" in text)'],
    ['<span>x</span>', 'Tag "span" must have class "tg-spoiler" at byte offset 0'],
    ['&#0;', 'Invalid HTML entity &#0; at byte offset 0'],
  ])('refuses %j the way Telegram does', (html, message) => {
    expect(() => parseTelegramHtml(html)).toThrow(new HtmlParseError(message));
  });
});
