import type { Config } from '../schemas/config.ts';
import { postWebhook, type WebhookEvent } from './webhook.ts';

/** The run's webhook sender from `incidents.webhook`, or undefined when none is configured. */
export function webhookNotifier(
  settings: Config['incidents']['webhook'],
  env: Readonly<Record<string, string | undefined>>,
): ((event: WebhookEvent) => Promise<{ ok: boolean; error?: string }>) | undefined {
  if (!settings) return undefined;
  const secret = settings.secret_env ? env[settings.secret_env] : undefined;
  return async (event) => {
    const result = await postWebhook({ url: settings.url, secret, timeoutMs: settings.timeout_ms }, event, {
      now: new Date(event.at),
    });
    return result.ok ? { ok: true } : { ok: false, error: result.error };
  };
}
