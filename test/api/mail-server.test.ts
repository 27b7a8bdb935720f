/**
 * Mail in the real server process: without SMTP_URL it says so once at start and sends nothing; with SMTP_URL and
 * MAIL_FROM a declaration's mail reaches the manager within 5 seconds of the write.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startServer, type RunningServer } from '../support/server.ts';
import { startSmtp, type TestSmtp } from '../support/smtp.ts';
import { waitFor } from '../support/wait.ts';

const NOTICE = 'SMTP_URL is not set';

async function declare(server: RunningServer) {
  await server.cliToken(['user', 'add', '--email', 'chef@corp.example', '--name', 'Chef', '--role', 'manager']);
  const token = await server.cliToken([
    'user',
    'add',
    '--email',
    'mw@corp.example',
    '--name',
    'Mw',
    '--role',
    'staff',
    '--manager',
    'chef@corp.example',
  ]);
  const res = await fetch(`${server.url}/api/v1/declarations`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ kind: 'gift', supplierName: 'Aannemer Test B.V.', valueEur: 15, form: 'goods' }),
  });
  expect(res.status).toBe(201);
  return (await res.json()).id as string;
}

describe('the server process and mail', () => {
  let smtp: TestSmtp;
  const servers: RunningServer[] = [];
  beforeAll(async () => (smtp = await startSmtp()));
  afterAll(async () => {
    for (const s of servers) await s.stop();
    await smtp.stop();
  });

  test('without SMTP_URL it says so once at start, and the write still succeeds', async () => {
    const server = await startServer();
    servers.push(server);
    await declare(server);
    expect(server.output().split(NOTICE)).toHaveLength(2);
  });

  test('with SMTP_URL and MAIL_FROM a declaration’s mail reaches the manager within 5 seconds', async () => {
    const server = await startServer({
      env: { SMTP_URL: smtp.url, MAIL_FROM: 'Zuiver Integriteit <integriteit@corp.example>' },
    });
    servers.push(server);
    expect(server.output()).not.toContain(NOTICE);
    const id = await declare(server);
    const [mail] = await waitFor(
      'the mail',
      async () => smtp.mails.filter((m) => m.link === `${server.url}/declarations/${id}`),
      (m) => m.length === 1,
      5_000,
    );
    expect(mail).toMatchObject({ to: 'chef@corp.example', from: 'integriteit@corp.example', language: 'nl' });
    expect(mail.text).toContain('Geschenk (Aannemer Test B.V.)');
  });
});
