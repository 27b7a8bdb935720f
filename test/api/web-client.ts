/**
 * Web pages through `app.request()`: sessions are made directly in the database (as the sign-in form would),
 * forms are posted urlencoded with the session's CSRF token unless a test leaves it out on purpose.
 */
import { createSession } from '../../db/credentials.ts';
import { writeTx } from '../../db/write.ts';
import { SESSION_TTL_MS } from '../../api/web/session.ts';
import type { TestApp } from '../support/app.ts';

export interface WebSession {
  cookie: string;
  csrf: string;
}

export interface WebResponse {
  status: number;
  html: string;
  location: string | null;
  headers: Headers;
}

export async function sessionFor(t: TestApp, personId: string): Promise<WebSession> {
  const { secret, row } = await writeTx(t.registry.db, (tx) =>
    createSession(tx, t.clock.now(), personId, SESSION_TTL_MS),
  );
  return { cookie: `zuiver_session=${secret}`, csrf: row.csrfToken };
}

async function send(t: TestApp, path: string, init: RequestInit): Promise<WebResponse> {
  const res = await t.app.request(path, init);
  return { status: res.status, html: await res.text(), location: res.headers.get('location'), headers: res.headers };
}

export function getPage(t: TestApp, path: string, session?: WebSession, headers: Record<string, string> = {}) {
  return send(t, path, { headers: { ...(session ? { cookie: session.cookie } : {}), ...headers } });
}

export function postForm(
  t: TestApp,
  path: string,
  session: WebSession | undefined,
  fields: Record<string, string>,
  opts: { csrf?: boolean; cookie?: string; headers?: Record<string, string> } = {},
) {
  const body = new URLSearchParams({ ...(session && opts.csrf !== false ? { _csrf: session.csrf } : {}), ...fields });
  const cookie = [session?.cookie, opts.cookie].filter(Boolean).join('; ');
  return send(t, path, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}), ...opts.headers },
    body: body.toString(),
  });
}

/** The text a person reads: tags dropped, entities decoded, whitespace squeezed. */
export function visibleText(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}
