/**
 * Every server on a registry runs the mail loop (two servers on one libSQL server, behind a load balancer): each
 * mail still goes out once, through a real SMTP server.
 */
import { expect, test } from 'vitest';
import { createMailSender, type MailSender } from '../../api/mail/sender.ts';
import { enqueueMail } from '../../db/outbox.ts';
import { writeTx } from '../../db/write.ts';
import type { TestApp, World } from '../support/app.ts';
import { useMailWorld } from '../support/mail-world.ts';
import type { TestSmtp } from '../support/smtp.ts';
import { waitFor } from '../support/wait.ts';

const FROM = 'Zuiver <zuiver@zuiver.test>';
const PUBLIC_URL = 'http://127.0.0.1:8787';

let t: TestApp;
let w: World;
let smtp: TestSmtp;
let sender: MailSender;
useMailWorld((m) => ({ t, w, smtp, sender } = m), { from: FROM, publicUrl: PUBLIC_URL, mail: { configured: true } });

test('the mail loops of three servers on one registry send each mail once', async () => {
  const queued = await writeTx(t.registry.db, (tx) =>
    enqueueMail(
      tx,
      t.clock.now(),
      Object.values(w.people).map((p) => p.id),
      {
        template: 'campaign_started',
        link: '/attestations',
        params: { title: 'Bevestiging 2026', dueOn: '2026-12-31' },
      },
    ),
  );
  expect(queued).toBeGreaterThan(5);
  // Two more servers' loops, started together: all three read the same due mails at about the same moment.
  const others = [0, 1].map(() =>
    createMailSender({
      db: t.registry.db,
      clock: t.clock,
      smtpUrl: smtp.url,
      from: FROM,
      publicUrl: PUBLIC_URL,
      log: () => {},
    }),
  );
  for (const other of others) other.start();
  try {
    await waitFor(
      'every mail sent',
      async () => (await t.registry.client.execute('select count(*) as n from outbox where sent_at is null')).rows[0].n,
      (n) => Number(n) === 0,
    );
    // And every send under way finished, so that a second copy would be in by now.
    await Promise.all([sender, ...others].map((s) => s.runOnce()));
    const received = smtp.mails.filter((m) => m.link === `${PUBLIC_URL}/attestations`);
    expect(received).toHaveLength(queued);
    expect(new Set(received.map((m) => m.to)).size).toBe(queued);
  } finally {
    await Promise.all(others.map((o) => o.stop()));
  }
});
