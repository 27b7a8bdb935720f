import { Hono } from 'hono';
import { getPolicy, setPolicy } from '../../db/policy.ts';
import { writeTx } from '../../db/write.ts';
import { guard, now, validate, type AppEnv } from '../http.ts';
import { policyBody } from '../schemas/policy.ts';

export const policyRoute = new Hono<AppEnv>()
  .get(
    '/',
    guard({ summary: 'The organisation’s integrity rules and confidential counsellor', roles: 'any' }),
    async (c) => c.json(await getPolicy(c.get('deps').db)),
  )
  .put(
    '/',
    guard({ summary: 'Replace the integrity rules', roles: ['admin'] }),
    validate('json', policyBody),
    async (c) => {
      const rules = c.req.valid('json');
      return c.json(await writeTx(c.get('deps').db, (tx) => setPolicy(tx, now(c), c.get('caller').person.id, rules)));
    },
  );
