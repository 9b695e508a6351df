// A message's text with Telegram's entities (bold, links, code, spoilers, commands…) as elements.
// Text goes in as text nodes only, never parsed as HTML; links open only for safe schemes.

/** Who a forwarded message came from, by its forward_origin, as Telegram's "Forwarded from" names them. */
export function originName(origin) {
  switch (origin?.type) {
    case 'user':
      return [origin.sender_user.first_name, origin.sender_user.last_name].filter(Boolean).join(' ');
    case 'hidden_user':
      return origin.sender_user_name;
    case 'chat':
      return origin.sender_chat.title ?? '';
    case 'channel':
      return origin.chat.title ?? '';
    default:
      return '';
  }
}

/** An element with a class and text, the text set as text. */
export const el = (tag, className, text) => {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
};

const SAFE_LINK = /^(https?:|tg:|mailto:)/i;

/** Whether a link may open: http(s), tg and mailto only, so no javascript: URL gets into an href. */
export const isSafeLink = (url) => SAFE_LINK.test(url ?? '');

function entityElement(entity, covered, onCommand) {
  switch (entity.type) {
    case 'bold':
      return el('b');
    case 'italic':
      return el('i');
    case 'underline':
      return el('u');
    case 'strikethrough':
      return el('s');
    case 'code':
      return el('code');
    case 'pre':
      return el('pre');
    case 'blockquote':
    case 'expandable_blockquote':
      return el('blockquote');
    case 'spoiler': {
      const node = el('span', 'spoiler');
      node.addEventListener('click', () => node.classList.add('revealed'));
      return node;
    }
    case 'text_link':
    case 'url': {
      const href = entity.type === 'url' ? covered : entity.url;
      if (!isSafeLink(href)) return el('span', 'link');
      const link = el('a');
      link.href = href;
      link.target = '_blank';
      link.rel = 'noopener noreferrer';
      return link;
    }
    case 'bot_command': {
      const command = el('a', 'command');
      command.href = '#';
      command.addEventListener('click', (event) => {
        event.preventDefault();
        onCommand(covered);
      });
      return command;
    }
    case 'mention':
    case 'text_mention':
    case 'hashtag':
      return el('span', 'mention');
    default:
      return el('span');
  }
}

// Entities nest (the sandbox sorts them outer first); one that overlaps its neighbour is dropped.
function renderRange(text, entities, start, end, onCommand) {
  const fragment = document.createDocumentFragment();
  let position = start;
  let i = 0;
  while (i < entities.length) {
    const entity = entities[i];
    const entityEnd = Math.min(entity.offset + entity.length, end);
    if (entity.offset < position) {
      i += 1;
      continue;
    }
    const inner = [];
    let j = i + 1;
    while (j < entities.length && entities[j].offset < entityEnd) inner.push(entities[j++]);
    fragment.append(text.slice(position, entity.offset));
    const node = entityElement(entity, text.slice(entity.offset, entityEnd), onCommand);
    node.append(renderRange(text, inner, entity.offset, entityEnd, onCommand));
    fragment.append(node);
    position = entityEnd;
    i = j;
  }
  fragment.append(text.slice(position, end));
  return fragment;
}

const duration = (seconds) => `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;

/**
 * What a message carries besides text, in words ("🖼 Photo", "📎 report.pdf", "🎤 Voice message
 * 0:03", "🎬 clip.mp4"), as the page shows it; undefined for a text message. `t` names the kinds.
 */
export function mediaLabel(message, t) {
  if (message.photo) {
    const largest = message.photo.at(-1);
    return `🖼 ${t('photo')}${largest ? ` ${largest.width}×${largest.height}` : ''}`;
  }
  if (message.document) return `📎 ${message.document.file_name ?? t('document')}`;
  if (message.voice) return `🎤 ${t('voice')} ${duration(message.voice.duration ?? 0)}`;
  if (message.video)
    return `🎬 ${message.video.file_name ?? t('video')} ${duration(message.video.duration ?? 0)}`;
  return undefined;
}

/** A message in one line: its text, else its caption, else what it carries. */
export const summary = (message, t) => message.text ?? message.caption ?? mediaLabel(message, t) ?? '';

/** The message's text (or a file's caption) as elements; a tap on a command calls onCommand with it. */
export function render(message, onCommand) {
  const text = message.text ?? message.caption ?? '';
  const entities = [...(message.entities ?? message.caption_entities ?? [])].sort(
    (a, b) => a.offset - b.offset || b.length - a.length,
  );
  const body = el('div', 'text');
  body.append(renderRange(text, entities, 0, text.length, onCommand));
  return body;
}
