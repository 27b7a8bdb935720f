/** The real process lists, in one line at start, the suppliers stored with a free-mail domain before it was refused. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import { afterAll, expect, test } from 'vitest';
import { startServer } from '../support/server.ts';

const dir = mkdtempSync(join(tmpdir(), 'zuiver-attention-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('a supplier with a free-mail domain is named at server start, once, and only then', async () => {
  const first = await startServer({ dir });
  const token = await first.cliToken([
    'user',
    'add',
    '--email',
    'beheer@corp.example',
    '--name',
    'Beheer',
    '--role',
    'manager',
  ]);
  const post = (body: unknown) =>
    fetch(`${first.url}/api/v1/suppliers`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  expect((await post({ name: 'Installatie Janssen', domains: ['installatiejanssen.nl'] })).status).toBe(201);
  expect((await post({ name: 'Dakwerken Pieters', domains: ['dakwerkenpieters.nl'] })).status).toBe(201);
  expect(first.output()).not.toContain('free-mail');
  await first.stop();

  // As a registry from before the rule holds it: written past the API.
  const db = createClient({ url: first.dbUrl });
  await db.execute(
    `update suppliers set domains = '["installatiejanssen.nl","ziggo.nl"]' where name = 'Installatie Janssen'`,
  );
  db.close();

  const second = await startServer({ dir });
  try {
    const lines = second
      .output()
      .split('\n')
      .filter((l) => l.includes('free-mail'));
    expect(lines).toEqual([
      'Attention: 1 supplier(s) have a free-mail domain; register their e-mail addresses instead: Installatie Janssen (ziggo.nl)',
    ]);
  } finally {
    await second.stop();
  }
});
