import { routeOf, type TelegramUpdate, userOf } from '@taskbot/domain/updates';
import type { Logger } from '@taskbot/logger/logger';
import type { Publisher } from '@taskbot/messaging/publisher';
import type { UserRateLimiter } from './rate-limit';

export type IntakeResult = 'published' | 'limited';

/**
 * The one path every update takes into the system, from the webhook and from polling alike: the
 * per-user limit, then a confirmed publish. It resolves only once RabbitMQ holds the update (or
 * the update was dropped by the limit on purpose); it rejects when the broker cannot take it.
 */
export function createIntake(deps: { publisher: Publisher; limiter: UserRateLimiter; logger: Logger }) {
  return async function accept(update: TelegramUpdate): Promise<IntakeResult> {
    const user = userOf(update);
    if (user) {
      const decision = await deps.limiter.check(user.id);
      if (!decision.allowed) {
        deps.logger.info('update over the rate limit', {
          update_id: update.update_id,
          user_id: user.id,
          notify: decision.notify,
        });
        if (decision.notify) {
          await deps.publisher.publishMessage(
            'outgoing',
            {
              kind: 'notice',
              notice: 'rate_limited',
              chatId: user.id,
              userId: user.id,
              languageCode: user.language_code,
            },
            { messageId: `notice:rate_limited:${user.id}:${Math.floor(Date.now() / 60_000)}` },
          );
        }
        return 'limited';
      }
    }
    const route = routeOf(update);
    await deps.publisher.publishMessage(
      route,
      { kind: 'update', update, receivedAt: new Date().toISOString() },
      { messageId: `update:${update.update_id}` },
    );
    return 'published';
  };
}

export type Intake = ReturnType<typeof createIntake>;
