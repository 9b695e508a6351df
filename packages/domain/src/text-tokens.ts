// Splitting a typed message into the pieces quick-add reads: words, marks (#project, !priority,
// @user), things to leave untouched (links, e-mail addresses, quoted text) and punctuation.

export type TextTokenKind = 'word' | 'mark' | 'opaque' | 'punct';

export interface TextToken {
  kind: TextTokenKind;
  /** As typed. */
  text: string;
  /** Lower case, for matching words. */
  lower: string;
  /** Offsets in the text: text.slice(start, end) === token.text. */
  start: number;
  end: number;
  /** Whether a line break separates this token from the one before. */
  newlineBefore: boolean;
}

const SPACE = /\s+/y;
const URL = /(?:(?:https?|ftp):\/\/|www\.)[^\s]+/iy;
// Quoted text (on one line) is left as typed: the way to keep "tomorrow" or "#1" in a title.
const QUOTES: Record<string, string> = { '"': '"', '«': '»', '“': '”', '„': '“”', '`': '`' };
const MARK = /[#!@][\p{L}\p{M}\p{N}_]+(?:-[\p{L}\p{M}\p{N}_]+)*/uy;
// Letters and digits joined by inner punctuation form one word: "25.12.2027", "18:00", "monday-ish",
// "user@example.com", "C#dev", so that no part of them is read on its own.
// A comma joins digits only ("2,5"), so "tomorrow,then" is still two words.
const WORD = /[\p{L}\p{M}\p{N}_]+(?:['’.:/#!@+%&=?-][\p{L}\p{M}\p{N}_]+|(?<=\d),\d+)*/uy;
const ANY = /./suy;
// A mark starts a word: "#work" after a space or an opening bracket, never inside "C#" or "wow!high".
const BEFORE_MARK = /[\s([{"'«“„,;:]/u;
// Punctuation a link or address does not end with: "see https://example.com/a." keeps the dot out.
const TRAILING = /[.,;:!?)\]}»"'’”]+$/u;

function take(pattern: RegExp, text: string, at: number): string | undefined {
  pattern.lastIndex = at;
  return pattern.exec(text)?.[0];
}

function isMarkStart(text: string, at: number): boolean {
  return at === 0 || BEFORE_MARK.test(text.charAt(at - 1));
}

/**
 * Where the next of some characters stands, from a position on; -1 when nowhere. Positions only
 * grow while a text is split, so each answer is remembered until it is passed: no quadratic
 * rescans of a long text full of unclosed quotes.
 */
function nextOfFinder(text: string): (chars: string, from: number) => number {
  const found = new Map<string, number>();
  return (chars, from) => {
    const known = found.get(chars);
    if (known !== undefined && (known === -1 || known >= from)) return known;
    let index = from;
    while (index < text.length && !chars.includes(text.charAt(index))) index += 1;
    const result = index < text.length ? index : -1;
    found.set(chars, result);
    return result;
  };
}

function classify(
  text: string,
  at: number,
  nextOf: (chars: string, from: number) => number,
): Pick<TextToken, 'kind' | 'text'> {
  const url = take(URL, text, at);
  if (url) return { kind: 'opaque', text: url.replace(TRAILING, '') || url };
  const closing = QUOTES[text.charAt(at)];
  if (closing) {
    const end = nextOf(closing, at + 1);
    const lineEnd = nextOf('\n', at + 1);
    if (end !== -1 && (lineEnd === -1 || end < lineEnd))
      return { kind: 'opaque', text: text.slice(at, end + 1) };
  }
  const mark = isMarkStart(text, at) ? take(MARK, text, at) : undefined;
  if (mark) return { kind: 'mark', text: mark };
  const word = take(WORD, text, at);
  if (word) return { kind: word.includes('@') ? 'opaque' : 'word', text: word };
  return { kind: 'punct', text: take(ANY, text, at) ?? text.charAt(at) };
}

export function tokenizeText(text: string): TextToken[] {
  const tokens: TextToken[] = [];
  const nextOf = nextOfFinder(text);
  let at = 0;
  let newlineBefore = false;
  while (at < text.length) {
    const space = take(SPACE, text, at);
    if (space) {
      newlineBefore ||= space.includes('\n');
      at += space.length;
      continue;
    }
    const { kind, text: piece } = classify(text, at, nextOf);
    tokens.push({
      kind,
      text: piece,
      lower: piece.toLowerCase(),
      start: at,
      end: at + piece.length,
      newlineBefore,
    });
    at += piece.length;
    newlineBefore = false;
  }
  return tokens;
}
