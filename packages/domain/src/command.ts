// Splitting "/add@TaskBot Buy milk" into the command and its argument, the way Telegram means it.

export interface ParsedCommand {
  name: string;
  args: string;
}

/**
 * The command of a message text, or undefined when the text is not a command. A command addressed
 * to another bot in a group (`/add@OtherBot`) is not ours: undefined as well.
 */
export function parseCommand(text: string, botUsername?: string): ParsedCommand | undefined {
  const match = /^\/([A-Za-z0-9_]{1,32})(?:@([A-Za-z0-9_]{3,64}))?(?:\s+([\s\S]*))?$/.exec(text.trim());
  if (!match?.[1]) return undefined;
  const addressee = match[2];
  if (addressee && botUsername && addressee.toLowerCase() !== botUsername.toLowerCase()) return undefined;
  return { name: match[1].toLowerCase(), args: (match[3] ?? '').trim() };
}

/** What of a message may hold a command: its text, or the caption of a photo, document and the like. */
export interface CommandCarrier {
  text?: unknown;
  caption?: unknown;
}

/**
 * The command of a message: of its text, or of its caption, where Telegram marks commands as well
 * (a photo sent with "/add Fix the sink" is an /add). Undefined when neither holds a command.
 */
export function commandOfMessage(message: object, botUsername?: string): ParsedCommand | undefined {
  const { text: body, caption } = message as CommandCarrier;
  const text = typeof body === 'string' ? body : caption;
  return typeof text === 'string' ? parseCommand(text, botUsername) : undefined;
}
