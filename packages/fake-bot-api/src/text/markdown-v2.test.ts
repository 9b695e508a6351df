import { EntityParseError } from './formatted-text';
import { parseMarkdownV2 } from './markdown-v2';

describe('parseMarkdownV2', () => {
  it('reads the marks into entities and escaped characters into text', () => {
    expect(parseMarkdownV2('*Buy _milk_* __now__ ~no~ ||x|| `a\\`b` [site](https://x.org) 1\\.5\\!')).toEqual(
      {
        text: 'Buy milk now no x a`b site 1.5!',
        entities: [
          { type: 'bold', offset: 0, length: 8 },
          { type: 'italic', offset: 4, length: 4 },
          { type: 'underline', offset: 9, length: 3 },
          { type: 'strikethrough', offset: 13, length: 2 },
          { type: 'spoiler', offset: 16, length: 1 },
          { type: 'code', offset: 18, length: 3 },
          { type: 'text_link', offset: 22, length: 4, url: 'https://x.org' },
        ],
      },
    );
  });

  it('reads pre blocks with a language and quotes at line starts', () => {
    expect(parseMarkdownV2('```ts\nconst a = 1;\n```\n>quoted\n>on\nafter')).toEqual({
      text: 'const a = 1;\n\nquoted\non\nafter',
      entities: [
        { type: 'pre', offset: 0, length: 13, language: 'ts' },
        { type: 'blockquote', offset: 14, length: 9 },
      ],
    });
  });

  it.each([
    ['Done.', "Character '.' is reserved and must be escaped with the preceding '\\'"],
    ['1 - 2', "Character '-' is reserved and must be escaped with the preceding '\\'"],
    ['(x)', "Character '(' is reserved and must be escaped with the preceding '\\'"],
    ['a *bold', "Can't find end of Bold entity at byte offset 2"],
    ['`code', "Can't find end of Code entity at byte offset 0"],
  ])('refuses %j the way Telegram does', (source, message) => {
    expect(() => parseMarkdownV2(source)).toThrow(new EntityParseError(message));
  });
});
