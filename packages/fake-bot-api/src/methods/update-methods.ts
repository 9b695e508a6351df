import { badRequest, conflict } from '../bot-api-error';
import type { Params } from '../params';
import type { MethodHandler } from './method-context';

const SECRET_TOKEN_PATTERN = /^[A-Za-z0-9_-]{1,256}$/;
const DEFAULT_MAX_CONNECTIONS = 40;

const clamp = (value: number, min: number, max: number): number => Math.min(max, Math.max(min, value));

/** Reads allowed_updates; undefined when the call leaves the previous setting in place. */
function allowedUpdates(params: Params): string[] | undefined {
  const value = params.optionalJson('allowed_updates', "can't parse allowed_updates JSON object");
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || !value.every((type) => typeof type === 'string')) {
    throw badRequest('allowed_updates must be an Array of String');
  }
  return value;
}

const getUpdates: MethodHandler = ({ params, settings, updates }) => {
  if (settings.webhook) {
    throw conflict(
      "can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
    );
  }
  const allowed = allowedUpdates(params);
  if (allowed) updates.setAllowedUpdates(allowed);
  return updates.take({
    offset: params.optionalInt('offset'),
    limit: clamp(params.optionalInt('limit') ?? 100, 1, 100),
    timeoutSeconds: Math.max(0, params.optionalInt('timeout') ?? 0),
  });
};

const setWebhook: MethodHandler = ({ params, settings, updates }) => {
  const url = params.optionalString('url') ?? '';
  const allowed = allowedUpdates(params);
  if (params.optionalBoolean('drop_pending_updates')) updates.dropPending();
  if (allowed) updates.setAllowedUpdates(allowed);
  if (url === '') {
    settings.setWebhook(undefined);
    return true;
  }
  if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) {
    throw badRequest('bad webhook: invalid webhook URL specified');
  }
  const secretToken = params.optionalString('secret_token');
  if (secretToken !== undefined && !SECRET_TOKEN_PATTERN.test(secretToken)) {
    throw badRequest('bad webhook: secret token contains unallowed characters');
  }
  const maxConnections = clamp(params.optionalInt('max_connections') ?? DEFAULT_MAX_CONNECTIONS, 1, 100);
  settings.setWebhook({ url, secretToken, maxConnections });
  return true;
};

const deleteWebhook: MethodHandler = ({ params, settings, updates }) => {
  if (params.optionalBoolean('drop_pending_updates')) updates.dropPending();
  settings.setWebhook(undefined);
  return true;
};

const getWebhookInfo: MethodHandler = ({ settings, updates }) =>
  settings.webhookInfo(updates.pendingCount, updates.allowedUpdates);

export const updateMethods: Record<string, MethodHandler> = {
  getUpdates,
  setWebhook,
  deleteWebhook,
  getWebhookInfo,
};
