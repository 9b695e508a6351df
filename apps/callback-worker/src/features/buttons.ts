import type { BotContext } from '@taskbot/bot/bot-context';
import { decodeCallback } from '@taskbot/domain/callback-data';
import { decodeZoneButton } from '@taskbot/domain/zone-question';
import { Composer } from 'telegraf';
import { pressCard } from './cards';
import { pressOf, refuse } from './press';
import {
  pressFilters,
  pressList,
  pressListDone,
  pressListReopen,
  pressProjects,
  pressSettings,
  pressZone,
} from './screens';

/**
 * Every task-manager button. Data that is not ours goes on to the next feature; the last one
 * (`unknownButtonFeature`) refuses what nobody took, so forged data changes nothing.
 */
export const buttonsFeature = new Composer<BotContext>();

buttonsFeature.on('callback_query', async (ctx, next) => {
  const data = 'data' in ctx.callbackQuery ? ctx.callbackQuery.data : undefined;
  const zone = decodeZoneButton(data);
  if (zone) return pressZone(ctx, zone);
  const action = decodeCallback(data);
  if (!action) return next();
  const press = await pressOf(ctx, action);
  if (!press) return;
  switch (action.action) {
    case 'card':
      return pressCard({ ...press, action });
    case 'list':
      return pressList({ ...press, action });
    case 'filters':
      return pressFilters({ ...press, action });
    case 'listDone':
      return pressListDone({ ...press, action });
    case 'listReopen':
      return pressListReopen({ ...press, action });
    case 'done':
      return pressListDone({
        ...press,
        action: { ...action, action: 'listDone', filter: { kind: 'all' }, page: 0 },
      });
    case 'settings':
      return pressSettings({ ...press, action });
    default:
      return pressProjects({ ...press, action });
  }
});

export const unknownButtonFeature = new Composer<BotContext>();

unknownButtonFeature.on('callback_query', async (ctx) => {
  const data = 'data' in ctx.callbackQuery ? ctx.callbackQuery.data : undefined;
  ctx.log.info('button refused', { data: data?.slice(0, 64) });
  await refuse(ctx, 'unknownButton');
});
