import { badRequest } from '../bot-api-error';
import type { Params } from '../params';
import type { CommandScope } from '../state/bot-settings';
import type { BotCommand } from '../types';
import type { MethodHandler } from './method-context';

const COMMAND_PATTERN = /^[a-z0-9_]{1,32}$/;
const MAX_COMMANDS = 100;
const SCOPE_TYPES = new Set([
  'default',
  'all_private_chats',
  'all_group_chats',
  'all_chat_administrators',
  'chat',
  'chat_administrators',
  'chat_member',
]);

function commandScope(params: Params): CommandScope | undefined {
  const scope = params.optionalJson('scope', "can't parse BotCommandScope JSON object");
  if (scope === undefined) return undefined;
  const type =
    typeof scope === 'object' && scope !== null ? (scope as Record<string, unknown>).type : undefined;
  if (typeof type !== 'string' || !SCOPE_TYPES.has(type)) throw badRequest('wrong parameter scope specified');
  return scope as CommandScope;
}

function commandList(params: Params): BotCommand[] {
  const commands = params.optionalJson('commands', "can't parse commands JSON object");
  if (!Array.isArray(commands)) throw badRequest('parameter "commands" is required');
  if (commands.length > MAX_COMMANDS) throw badRequest('too many commands');
  return commands.map((entry: unknown) => {
    const { command, description } = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<
      string,
      unknown
    >;
    if (typeof command !== 'string' || !COMMAND_PATTERN.test(command))
      throw badRequest('BOT_COMMAND_INVALID');
    if (typeof description !== 'string' || description.length < 1 || description.length > 256) {
      throw badRequest('BOT_COMMAND_DESCRIPTION_INVALID');
    }
    return { command, description };
  });
}

const getMe: MethodHandler = ({ bot }) => ({ ...bot });

const answerCallbackQuery: MethodHandler = ({ params }) => {
  if (!params.has('callback_query_id')) {
    throw badRequest('query is too old and response timeout expired or query ID is invalid');
  }
  return true;
};

const setMyCommands: MethodHandler = ({ params, settings }) => {
  settings.setCommands(commandList(params), commandScope(params), params.optionalString('language_code'));
  return true;
};

const getMyCommands: MethodHandler = ({ params, settings }) =>
  settings.getCommands(commandScope(params), params.optionalString('language_code'));

const deleteMyCommands: MethodHandler = ({ params, settings }) => {
  settings.deleteCommands(commandScope(params), params.optionalString('language_code'));
  return true;
};

export const botMethods: Record<string, MethodHandler> = {
  getMe,
  answerCallbackQuery,
  setMyCommands,
  getMyCommands,
  deleteMyCommands,
};
