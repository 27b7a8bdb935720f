/**
 * A world per test with the mail loop as the server runs it: a real SMTP server for the whole test file and, in
 * each test, a mail sender polling that test's outbox, stopped after it. Each test starts with no mails received.
 */
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { createMailSender, type Mail, type MailSender } from '../../api/mail/sender.ts';
import { useWorld, type TestApp, type World } from './app.ts';
import { startSmtp, type TestSmtp } from './smtp.ts';

export interface MailWorld {
  t: TestApp;
  w: World;
  smtp: TestSmtp;
  sender: MailSender;
}

/** `from` and `publicUrl` as the sender's configuration; `mail` as the app is given it (see useWorld). */
export function useMailWorld(
  receive: (m: MailWorld) => void,
  opts: { from: string; publicUrl: string; mail?: Mail },
): void {
  let t: TestApp;
  let w: World;
  let smtp: TestSmtp;
  let sender: MailSender;
  useWorld((app, world) => ((t = app), (w = world)), { mail: opts.mail });
  beforeAll(async () => (smtp = await startSmtp()));
  afterAll(() => smtp.stop());
  beforeEach(() => {
    smtp.mails.length = 0;
    sender = createMailSender({
      db: t.registry.db,
      clock: t.clock,
      smtpUrl: smtp.url,
      from: opts.from,
      publicUrl: opts.publicUrl,
      pollMs: 50,
      log: () => {},
    });
    sender.start();
    receive({ t, w, smtp, sender });
  });
  afterEach(() => sender.stop());
}
