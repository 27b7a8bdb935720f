import { Hono } from 'hono';
import { importPeople } from '../../db/people-csv.ts';
import { setPassword, signOutEverywhere } from '../../db/credentials.ts';
import { createPerson, getPerson, listPeople, publicPerson, updatePerson } from '../../db/people.ts';
import { writeTx } from '../../db/write.ts';
import { guard, isTrue, now, readCsvBody, validate, type AppEnv } from '../http.ts';
import { idParam, importQuery } from '../schemas.ts';
import { peopleListQuery, personCreate, personPatch } from '../schemas/people.ts';

const ADMIN = ['admin'] as const;

export const peopleRoute = new Hono<AppEnv>()
  .get(
    '/',
    guard({ summary: 'People, their roles and managers', roles: ['admin', 'manager'] }),
    validate('query', peopleListQuery),
    async (c) => {
      const { items, total } = await listPeople(c.get('deps').db, c.req.valid('query'));
      return c.json({ items: items.map(publicPerson), total });
    },
  )
  .post('/', guard({ summary: 'Add a person', roles: [...ADMIN] }), validate('json', personCreate), async (c) => {
    const { password, ...input } = c.req.valid('json');
    const actor = c.get('caller').person.id;
    const person = await writeTx(c.get('deps').db, async (tx) => {
      const p = await createPerson(tx, now(c), actor, input);
      if (password) await setPassword(tx, now(c), actor, p.id, password);
      return p;
    });
    return c.json(publicPerson(person), 201);
  })
  .post(
    '/import',
    guard({
      summary: 'Import people from an HR export (CSV body: naam;email;rol;manager); dryRun=1 previews',
      roles: [...ADMIN],
    }),
    validate('query', importQuery),
    async (c) => {
      const csv = await readCsvBody(c);
      return c.json(
        await importPeople(c.get('deps').db, now(c), c.get('caller').person.id, csv, {
          dryRun: isTrue(c.req.valid('query').dryRun),
        }),
      );
    },
  )
  .patch(
    '/:id',
    guard({ summary: 'Change a person’s name, role or manager, or deactivate them', roles: [...ADMIN] }),
    validate('param', idParam),
    validate('json', personPatch),
    async (c) => {
      const changes = c.req.valid('json');
      const person = await writeTx(c.get('deps').db, (tx) =>
        updatePerson(tx, now(c), c.get('caller').person.id, c.req.valid('param').id, changes),
      );
      return c.json(publicPerson(person));
    },
  )
  .post(
    '/:id/sign-out',
    guard({
      summary: 'Sign a person out everywhere: ends all their sessions and revokes all their tokens',
      roles: [...ADMIN],
    }),
    validate('param', idParam),
    async (c) => {
      const ended = await writeTx(c.get('deps').db, (tx) =>
        signOutEverywhere(tx, now(c), c.get('caller').person.id, c.req.valid('param').id),
      );
      return c.json({ endedSessions: ended.sessions, revokedTokens: ended.tokens });
    },
  )
  .get('/:id', guard({ summary: 'One person', roles: ['admin', 'manager'] }), validate('param', idParam), async (c) => {
    return c.json(publicPerson(await getPerson(c.get('deps').db, c.req.valid('param').id)));
  });
