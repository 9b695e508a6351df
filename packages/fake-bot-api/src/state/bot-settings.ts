import type { BotCommand, WebhookInfo } from '../types';

export interface Webhook {
  url: string;
  secretToken?: string;
  maxConnections: number;
}

export type CommandScope = Record<string, unknown> & { type: string };

const DEFAULT_SCOPE: CommandScope = { type: 'default' };

// Scopes are compared by content, so {chat_id, type} and {type, chat_id} are the same scope.
function scopeKey(scope: CommandScope | undefined, languageCode: string | undefined): string {
  const entries = Object.entries(scope ?? DEFAULT_SCOPE).sort(([a], [b]) => a.localeCompare(b));
  return `${JSON.stringify(entries)}|${languageCode ?? ''}`;
}

/** The bot's own settings: command lists per scope and language, and the webhook. */
export class BotSettings {
  private readonly commands = new Map<string, BotCommand[]>();
  private current?: Webhook;

  setCommands(commands: BotCommand[], scope?: CommandScope, languageCode?: string): void {
    this.commands.set(
      scopeKey(scope, languageCode),
      commands.map((c) => ({ ...c })),
    );
  }

  getCommands(scope?: CommandScope, languageCode?: string): BotCommand[] {
    return (this.commands.get(scopeKey(scope, languageCode)) ?? []).map((c) => ({ ...c }));
  }

  deleteCommands(scope?: CommandScope, languageCode?: string): void {
    this.commands.delete(scopeKey(scope, languageCode));
  }

  get webhook(): Webhook | undefined {
    return this.current && { ...this.current };
  }

  setWebhook(webhook: Webhook | undefined): void {
    this.current = webhook && { ...webhook };
  }

  webhookInfo(pendingUpdateCount: number, allowedUpdates: string[] | undefined): WebhookInfo {
    if (!this.current)
      return { url: '', has_custom_certificate: false, pending_update_count: pendingUpdateCount };
    return {
      url: this.current.url,
      has_custom_certificate: false,
      pending_update_count: pendingUpdateCount,
      max_connections: this.current.maxConnections,
      ...(allowedUpdates ? { allowed_updates: allowedUpdates } : {}),
    };
  }

  reset(): void {
    this.commands.clear();
    this.current = undefined;
  }
}
