/**
 * A real SMTP server on a loopback port (smtp-server, from the Nodemailer project) that keeps every mail it
 * receives, parsed. `stop()` closes the port, so a sender meets a dead mail server; `start()` on the same port
 * brings it back.
 */
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { freePort } from './server.ts';
import { waitFor } from './wait.ts';

export interface ReceivedMail {
  /** The sender's address. */
  from: string;
  to: string;
  subject: string;
  text: string;
  language: string | undefined;
  /** The registry link in the body. */
  link: string | undefined;
}

export interface TestSmtp {
  port: number;
  url: string;
  mails: ReceivedMail[];
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Waits until `count` mails matching `match` have arrived, and returns them. */
  waitForMails(count: number, match?: (m: ReceivedMail) => boolean): Promise<ReceivedMail[]>;
}

export async function startSmtp(): Promise<TestSmtp> {
  const port = await freePort();
  const mails: ReceivedMail[] = [];
  let server: SMTPServer | undefined;
  const smtp: TestSmtp = {
    port,
    url: `smtp://127.0.0.1:${port}`,
    mails,
    async start() {
      server = new SMTPServer({
        authOptional: true,
        disabledCommands: ['STARTTLS'],
        logger: false,
        onData(stream, session, callback) {
          simpleParser(stream)
            .then((parsed) => {
              const to = session.envelope.rcptTo.map((r) => r.address).join(',');
              const text = parsed.text ?? '';
              const language = parsed.headers.get('content-language') as string | undefined;
              mails.push({
                from: parsed.from?.value[0]?.address ?? '',
                to,
                subject: parsed.subject ?? '',
                text,
                language,
                link: /https?:\/\/\S+/.exec(text)?.[0],
              });
              callback();
            })
            .catch(callback);
        },
      });
      await new Promise<void>((resolve) => server!.listen(port, '127.0.0.1', resolve));
    },
    async stop() {
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
      server = undefined;
    },
    waitForMails(count, match = () => true) {
      return waitFor(
        `${count} mail(s)`,
        async () => mails.filter(match),
        (found) => found.length >= count,
      );
    },
  };
  await smtp.start();
  return smtp;
}
