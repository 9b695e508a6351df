import { ALLOWED_UPDATES, kindOf, limitKeyOf, routeOf, userOf } from '@taskbot/domain/updates';
import type { Logger } from '@taskbot/logger/logger';
import type { Publisher } from '@taskbot/messaging/publisher';
import type { Update } from '@telegraf/types';
import { IgnoredUpdates } from './ignored-updates';
import { hasNulBytes, withoutNulBytes } from './nul-bytes';
import type { UserRateLimiter } from './rate-limit';

export type IntakeResult = 'published' | 'limited' | 'ignored';

const USED_KINDS: ReadonlySet<string> = new Set(ALLOWED_UPDATES);

/**
 * The one path every update takes into the system, from the webhook and from polling alike: kinds
 * the bot does not use are counted and dropped, then the per-user limit, then a confirmed publish.
 * It resolves only once RabbitMQ holds the update (or the update was dropped on purpose); it
 * rejects when the broker cannot take it.
 */
export function createIntake(deps: {
  publisher: Publisher;
  limiter: UserRateLimiter;
  logger: Logger;
  ignored?: IgnoredUpdates;
}) {
  const ignored = deps.ignored ?? new IgnoredUpdates();
  /**
   * `raw`: the update's JSON bytes as received (valid UTF-8, JSON.parse of them gives `received`),
   * published as they are when nothing was removed, instead of serialising the update again.
   */
  return async function accept(received: Update, raw?: Buffer): Promise<IntakeResult> {
    // One read-only walk; the update is copied without its NUL characters only when it has any.
    const nulRemoved = hasNulBytes(received);
    const update = nulRemoved ? withoutNulBytes(received) : received;
    // Telegram sends only the kinds in allowed_updates; anything else is someone else's traffic
    // or a stale webhook setting, and costs neither the user's quota nor a queue slot.
    const kind = kindOf(update) ?? 'unknown';
    if (!USED_KINDS.has(kind)) {
      ignored.count(kind);
      deps.logger.debug('update of a kind the bot does not use, ignored', {
        update_id: update.update_id,
        kind,
      });
      return 'ignored';
    }
    const user = userOf(update);
    const limitKey = limitKeyOf(update);
    if (user && limitKey !== undefined) {
      const decision = await deps.limiter.check(limitKey);
      if (!decision.allowed) {
        // Only a person has a private chat to be told in; a chat speaking is limited quietly.
        const notify = decision.notify && limitKey === String(user.id);
        deps.logger.info('update over the rate limit', {
          update_id: update.update_id,
          user_id: user.id,
          limit_key: limitKey,
          notify,
        });
        if (notify) {
          await deps.publisher.publishMessage(
            'outgoing',
            {
              kind: 'notice',
              notice: 'rate_limited',
              chatId: user.id,
              userId: user.id,
              languageCode: user.language_code,
            },
            {
              sender: 'gateway',
              messageId: `notice:rate_limited:${user.id}:${Math.floor(Date.now() / 60_000)}`,
            },
          );
        }
        return 'limited';
      }
    }
    const route = routeOf(update);
    const receivedAt = new Date().toISOString();
    await deps.publisher.publishMessage(
      route,
      {
        kind: 'update',
        // The bus rechecks only update_id; the schema checked the rest against Telegram's type.
        update: update as unknown as Record<string, unknown> & { update_id: number },
        receivedAt,
        // The worker tells the person that their text lost characters they could not see.
        ...(nulRemoved ? { nulRemoved: true as const } : {}),
      },
      {
        sender: 'gateway',
        messageId: `update:${update.update_id}`,
        ...(raw && !nulRemoved ? { encoded: encodedUpdate(raw, receivedAt) } : {}),
      },
    );
    return 'published';
  };
}

export type Intake = ReturnType<typeof createIntake>;

const ENCODED_HEAD = Buffer.from('{"kind":"update","update":');

/**
 * The update message as encodeMessage gives it (`{"kind":"update","update":...,"receivedAt":"..."}`),
 * with the update's own bytes: the same object for the worker's JSON.parse, without the
 * JSON.stringify of the whole update.
 */
export function encodedUpdate(raw: Buffer, receivedAt: string): Buffer {
  const tail = `,"receivedAt":"${receivedAt}"}`;
  const encoded = Buffer.allocUnsafe(ENCODED_HEAD.length + raw.length + tail.length);
  ENCODED_HEAD.copy(encoded, 0);
  raw.copy(encoded, ENCODED_HEAD.length);
  encoded.write(tail, ENCODED_HEAD.length + raw.length, 'latin1');
  return encoded;
}
