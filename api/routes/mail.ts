import { Hono } from 'hono';
import { getMailSettings, setMailSettings } from '../../db/mail-settings.ts';
import { failingMails } from '../../db/outbox.ts';
import { writeTx } from '../../db/write.ts';
import { guard, now, validate, type AppEnv } from '../http.ts';
import { listQuery } from '../schemas.ts';
import { mailSettings } from '../schemas/mail.ts';

export const mailRoute = new Hono<AppEnv>()
  .get(
    '/settings',
    guard({ summary: 'Your mail choices: language, and the daily review digest', roles: 'any' }),
    async (c) => {
      return c.json(await getMailSettings(c.get('deps').db, c.get('caller').person.id));
    },
  )
  .patch(
    '/settings',
    guard({ summary: 'Change your mail language or the daily review digest', roles: 'any' }),
    validate('json', mailSettings),
    async (c) => {
      const changes = c.req.valid('json');
      return c.json(
        await writeTx(c.get('deps').db, (tx) => setMailSettings(tx, now(c), c.get('caller').person.id, changes)),
      );
    },
  )
  .get(
    '/outbox',
    guard({
      summary: 'Mails that failed and wait for another attempt, and whether a mail server is set',
      roles: ['admin'],
    }),
    validate('query', listQuery),
    async (c) => {
      const { limit, offset } = c.req.valid('query');
      return c.json({
        configured: !!c.get('deps').mail?.configured,
        ...(await failingMails(c.get('deps').db, { limit, offset })),
      });
    },
  );
