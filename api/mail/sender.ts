/**
 * The mail loop: sends what the outbox holds through SMTP_URL, one mail at a time, and retries failures with
 * backoff (db/outbox.ts). It runs in the server process beside the API; a write only queues, so a mail server
 * that is down or slow never fails or delays the write. Without SMTP_URL nothing is sent and mails stay queued.
 * Every server on a registry runs one; each mail is claimed before it is sent, so it goes out once.
 */
import nodemailer, { type Transporter } from 'nodemailer';
import { claimMail, dueMails, languageOf, markFailed, markSent } from '../../db/outbox.ts';
import type { Db } from '../../db/client.ts';
import { writeTx } from '../../db/write.ts';
import type { Clock } from '../http.ts';
import { renderMail } from './templates.ts';

/** What the app knows of the mail loop: whether mail goes out at all (the admin's mail page says so). */
export interface Mail {
  configured: boolean;
}

export interface MailSenderOptions {
  db: Db;
  clock: Clock;
  /** e.g. `smtp://user:pass@mail.example.nl:587`; undefined sends nothing. */
  smtpUrl?: string;
  from: string;
  publicUrl: string;
  /** How often the outbox is looked at; a mail leaves within this (plus sending) of its write. */
  pollMs?: number;
  log?: (line: string) => void;
}

export interface MailSender extends Mail {
  start(): void;
  stop(): Promise<void>;
  /** Sends everything due now; resolves with how many went out. */
  runOnce(): Promise<number>;
}

export function createMailSender(opts: MailSenderOptions): MailSender {
  const log = opts.log ?? ((line) => console.log(line));
  const pollMs = opts.pollMs ?? 1000;
  // Short timeouts: a mail server that accepts the connection and then hangs holds up only the queue, briefly.
  const transport: Transporter | undefined = opts.smtpUrl
    ? nodemailer.createTransport(
        { url: opts.smtpUrl, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 },
        { from: opts.from },
      )
    : undefined;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;
  let stopped = true;

  async function sendDue(): Promise<number> {
    if (!transport) return 0;
    let sent = 0;
    for (const row of await dueMails(opts.db, opts.clock.now())) {
      if (stopped) break;
      const mine = await writeTx(opts.db, (tx) => claimMail(tx, opts.clock.now(), row), { bookkeeping: true });
      if (!mine) continue;
      const mail = renderMail(row.template, languageOf(row.language), row.params, `${opts.publicUrl}${row.link}`);
      try {
        await transport.sendMail({
          to: row.recipient,
          subject: mail.subject,
          text: mail.text,
          headers: { 'Content-Language': row.language },
        });
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        await writeTx(opts.db, (tx) => markFailed(tx, opts.clock.now(), row, message), { bookkeeping: true });
        // One refused connection fails every mail the same way: try the rest on the next round.
        break;
      }
      await writeTx(opts.db, (tx) => markSent(tx, opts.clock.now(), row.id), { bookkeeping: true });
      sent++;
    }
    return sent;
  }

  function runOnce(): Promise<number> {
    running ??= sendDue()
      .catch((err) => {
        log(`Mail: the outbox could not be read or updated: ${err instanceof Error ? err.message : err}`);
        return 0;
      })
      .finally(() => (running = undefined));
    return running;
  }

  function schedule(delay: number) {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(() => void runOnce().then(() => schedule(pollMs)), delay);
    timer.unref();
  }

  return {
    configured: !!transport,
    start() {
      if (!transport) {
        log('Mail: SMTP_URL is not set, so no mail is sent (mails stay queued in the outbox).');
        return;
      }
      stopped = false;
      schedule(0);
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
      transport?.close();
    },
    runOnce,
  };
}
