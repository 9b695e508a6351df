import { routeOf } from '@taskbot/domain/updates';
import type { GatewayMetrics } from '@taskbot/metrics/gateway-metrics';
import type { Update } from '@telegraf/types';
import type { Intake } from './intake';

/** The intake, counted: each update taken in, published (by route), limited, or not accepted (503). */
export function countedIntake(intake: Intake, metrics: GatewayMetrics): Intake {
  return async (update: Update, raw?: Buffer) => {
    metrics.received();
    let result: Awaited<ReturnType<Intake>>;
    try {
      result = await intake(update, raw);
    } catch (error) {
      metrics.rejected('unavailable');
      throw error;
    }
    if (result === 'published') metrics.published(routeOf(update));
    else if (result === 'limited') metrics.rateLimited();
    return result;
  };
}
