/** LINE's Messaging API (the desktop's publisher reads the same KINGJAM_LINE_BASE_URL). */
export const LINE_API_BASE = 'https://api.line.me';

export interface LineBot {
  userId: string;
  displayName: string;
  basicId: string | null;
}

export type BotInfoAnswer = { ok: true; bot: LineBot } | { ok: false; refused: boolean; reason: string };

/**
 * `GET /v2/bot/info` with a channel access token: the bot's user id and name
 * when LINE accepts the token; `refused` when LINE answers 401/403 (the token
 * is wrong or was revoked), otherwise a failure worth retrying. LINE's error
 * body is `{"message","details"}`; only its message is quoted, never the token.
 */
export async function lineBotInfo(base: string, token: string, timeoutMs = 15_000): Promise<BotInfoAnswer> {
  let res: Response;
  try {
    res = await fetch(`${base.replace(/\/+$/, '')}/v2/bot/info`, { headers: { authorization: `Bearer ${token}`, accept: 'application/json' }, signal: AbortSignal.timeout(timeoutMs) });
  } catch (err) {
    return { ok: false, refused: false, reason: `network error: ${(err as Error).name}` };
  }
  const text = await res.text().catch(() => '');
  let j: Record<string, unknown> = {};
  try {
    j = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // Not JSON: judged by the status below.
  }
  if (res.ok && typeof j.userId === 'string' && j.userId) {
    return { ok: true, bot: { userId: j.userId, displayName: typeof j.displayName === 'string' && j.displayName ? j.displayName : j.userId, basicId: typeof j.basicId === 'string' ? j.basicId : null } };
  }
  const message = typeof j.message === 'string' ? j.message.slice(0, 200) : '';
  return { ok: false, refused: res.status === 401 || res.status === 403, reason: `HTTP ${res.status}${message ? `: ${message}` : ''}` };
}
