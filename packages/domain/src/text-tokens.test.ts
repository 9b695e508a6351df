import { tokenizeText } from './text-tokens';

function kinds(text: string): string[] {
  return tokenizeText(text).map((token) => `${token.kind}:${token.text}`);
}

describe('splitting a message into tokens', () => {
  it('keeps dates, times and joined words whole', () => {
    expect(kinds('Pay 25.12.2027 18:00, monday-ish 2,5')).toEqual([
      'word:Pay',
      'word:25.12.2027',
      'word:18:00',
      'punct:,',
      'word:monday-ish',
      'word:2,5',
    ]);
  });

  it('finds marks only at the start of a word', () => {
    expect(kinds('#work (!high) @alice C#dev wow!high #')).toEqual([
      'mark:#work',
      'punct:(',
      'mark:!high',
      'punct:)',
      'mark:@alice',
      'word:C#dev',
      'word:wow!high',
      'punct:#',
    ]);
  });

  it('leaves links, e-mail addresses and quoted text in one piece', () => {
    expect(kinds('see https://example.com/a?b=1#today. mail bob@example.com «завтра» "next week"')).toEqual([
      'word:see',
      'opaque:https://example.com/a?b=1#today',
      'punct:.',
      'word:mail',
      'opaque:bob@example.com',
      'opaque:«завтра»',
      'opaque:"next week"',
    ]);
  });

  it('does not quote across a line break or without a closing mark', () => {
    expect(kinds('«a\nb» "c')).toEqual(['punct:«', 'word:a', 'word:b', 'punct:»', 'punct:"', 'word:c']);
  });

  it('gives positions in the text and notes line breaks', () => {
    const tokens = tokenizeText('a  🎉\nb');
    expect(tokens.map(({ start, end, newlineBefore }) => [start, end, newlineBefore])).toEqual([
      [0, 1, false],
      [3, 5, false],
      [6, 7, true],
    ]);
  });
});
