/**
 * Provisioning with SCIM 2.0 at /scim/v2, as Microsoft Entra ID (and other providers) call it. Only a token of
 * scope `scim` that belongs to an admin gets in, and such a token gets nowhere else (see `guard`). Every write goes
 * through the registry's own functions, so it is audited, and a deactivation ends sessions and tokens at once.
 * Errors are SCIM errors (RFC 7644 §3.12), not the API's JSON errors: providers read `status` and `scimType`.
 */
import { Hono, type Context, type ErrorHandler, type MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import { DomainError, notFound } from '../../core/errors.ts';
import { applyPatch, parseUserFilter, SCIM_ERROR, userFromResource } from '../../core/scim.ts';
import {
  createScimUser,
  deleteScimUser,
  getScimUser,
  listScimUsers,
  saveScimUser,
  stateOf,
} from '../../db/scim-users.ts';
import { storageProblem } from '../../db/storage-problems.ts';
import { writeTx } from '../../db/write.ts';
import { isExpected, statusOf } from '../errors.ts';
import { guard, now, validate, type AppEnv } from '../http.ts';
import {
  listResponse,
  MAX_COUNT,
  resourceTypes,
  schemas,
  serviceProviderConfig,
  userResource,
} from './scim-resources.ts';

const SCIM_TYPES = [
  'invalidFilter',
  'tooMany',
  'uniqueness',
  'mutability',
  'invalidSyntax',
  'invalidPath',
  'noTarget',
  'invalidValue',
  'invalidVers',
  'sensitive',
];
const CONTENT_TYPE = 'application/scim+json; charset=utf-8';

const scim = (summary: string) => guard({ summary, roles: ['admin'], scim: true });
const baseOf = (c: Context<AppEnv>) => `${c.get('deps').config.publicUrl}/scim/v2`;
const send = (c: Context<AppEnv>, body: unknown, status: ContentfulStatusCode = 200) =>
  c.body(JSON.stringify(body), status, { 'Content-Type': CONTENT_TYPE });

const userBody = z.looseObject({
  userName: z.string().trim().min(1).max(254),
  externalId: z.string().max(200).nullish(),
  displayName: z.string().max(200).nullish(),
  active: z.union([z.boolean(), z.string().max(10)]).optional(),
  emails: z
    .array(z.looseObject({ value: z.string().max(254) }))
    .max(20)
    .optional(),
  name: z.looseObject({}).optional(),
  roles: z.array(z.unknown()).max(20).optional(),
});
const patchBody = z.looseObject({
  Operations: z
    .array(
      z.looseObject({ op: z.string().max(20), path: z.string().max(300).optional(), value: z.unknown().optional() }),
    )
    .min(1)
    .max(100),
});
const listQuery = z.object({
  filter: z.string().max(500).optional(),
  // RFC 7644 §3.4.2.4: a startIndex below 1 counts as 1, a negative count as 0.
  startIndex: z.coerce
    .number()
    .int()
    .catch(1)
    .transform((n) => Math.max(1, n)),
  count: z.coerce
    .number()
    .int()
    .catch(100)
    .transform((n) => Math.min(Math.max(0, n), MAX_COUNT)),
});
const idParam = z.object({ id: z.string().min(1).max(64) });

/** The app's error handler answers with this for /scim/v2 (a sub-app's own would hide its guards from the route list). */
export const scimError: ErrorHandler<AppEnv> = (err, c) => {
  let status = 500;
  let scimType: string | undefined;
  let detail = 'Something went wrong on our side; nothing was changed.';
  if (isExpected(err)) {
    status = statusOf(err);
    detail = err.message;
    scimType = SCIM_TYPES.includes(err.code)
      ? err.code
      : status === 409
        ? 'uniqueness'
        : err.code === 'invalid_input'
          ? 'invalidValue'
          : undefined;
    if (status === 429)
      c.header('Retry-After', String((err.details as { retryAfter?: number } | undefined)?.retryAfter ?? 60));
  } else if (err instanceof HTTPException) {
    status = err.status;
    detail = err.message || 'The request could not be processed.';
    if (status === 400) scimType = 'invalidSyntax';
  } else if (storageProblem(err)) {
    status = 503;
    detail = 'The registry cannot be written right now; try again later.';
  } else console.error(`[${new Date().toISOString()}] ${c.req.method} ${c.req.path}:`, err);
  return send(
    c,
    { schemas: [SCIM_ERROR], status: String(status), ...(scimType ? { scimType } : {}), detail },
    status as ContentfulStatusCode,
  );
};

export function scimRoute(bearer: MiddlewareHandler<AppEnv>) {
  return new Hono<AppEnv>()
    .use(bearer)
    .get('/ServiceProviderConfig', scim('SCIM: what this endpoint supports'), (c) =>
      send(c, serviceProviderConfig(baseOf(c))),
    )
    .get('/Schemas', scim('SCIM: the User schema and the enterprise extension'), (c) => {
      const all = schemas(baseOf(c));
      return send(c, listResponse(all, all.length, 1));
    })
    .get('/Schemas/:id', scim('SCIM: one schema'), (c) => {
      const found = schemas(baseOf(c)).find((s) => s.id === c.req.param('id'));
      if (!found) throw notFound('Schema');
      return send(c, found);
    })
    .get('/ResourceTypes', scim('SCIM: the resource types (User)'), (c) => {
      const all = resourceTypes(baseOf(c));
      return send(c, listResponse(all, all.length, 1));
    })
    .get('/ResourceTypes/:id', scim('SCIM: one resource type'), (c) => {
      const found = resourceTypes(baseOf(c)).find((r) => r.id === c.req.param('id'));
      if (!found) throw notFound('ResourceType');
      return send(c, found);
    })
    .get(
      '/Users',
      scim('SCIM: list users, or find one with filter=userName eq "..."'),
      validate('query', listQuery),
      async (c) => {
        const { filter, startIndex, count } = c.req.valid('query');
        const { items, total } = await listScimUsers(
          c.get('deps').db,
          filter ? parseUserFilter(filter) : undefined,
          startIndex - 1,
          count,
        );
        return send(
          c,
          listResponse(
            items.map((u) => userResource(u, baseOf(c))),
            total,
            startIndex,
          ),
        );
      },
    )
    .post('/Users', scim('SCIM: create a user'), validate('json', userBody), async (c) => {
      const state = userFromResource(c.req.valid('json'));
      const user = await writeTx(c.get('deps').db, (tx) =>
        createScimUser(tx, now(c), c.get('caller').person.id, state),
      );
      const resource = userResource(user, baseOf(c));
      c.header('Location', resource.meta.location);
      return send(c, resource, 201);
    })
    .get('/Users/:id', scim('SCIM: one user'), validate('param', idParam), async (c) => {
      return send(c, userResource(await getScimUser(c.get('deps').db, c.req.valid('param').id), baseOf(c)));
    })
    .put(
      '/Users/:id',
      scim('SCIM: replace a user'),
      validate('param', idParam),
      validate('json', userBody),
      async (c) => {
        const body = c.req.valid('json');
        const user = await writeTx(c.get('deps').db, async (tx) => {
          const before = await getScimUser(tx, c.req.valid('param').id);
          return saveScimUser(tx, now(c), c.get('caller').person.id, before, userFromResource(body, stateOf(before)));
        });
        return send(c, userResource(user, baseOf(c)));
      },
    )
    .patch(
      '/Users/:id',
      scim('SCIM: change a user (PatchOp), including active false'),
      validate('param', idParam),
      validate('json', patchBody),
      async (c) => {
        const { Operations } = c.req.valid('json');
        const user = await writeTx(c.get('deps').db, async (tx) => {
          const before = await getScimUser(tx, c.req.valid('param').id);
          return saveScimUser(tx, now(c), c.get('caller').person.id, before, applyPatch(stateOf(before), Operations));
        });
        return send(c, userResource(user, baseOf(c)));
      },
    )
    .delete(
      '/Users/:id',
      scim('SCIM: delete a user (the person is deactivated and kept for the audit trail)'),
      validate('param', idParam),
      async (c) => {
        await writeTx(c.get('deps').db, async (tx) =>
          deleteScimUser(tx, now(c), c.get('caller').person.id, await getScimUser(tx, c.req.valid('param').id)),
        );
        return c.body(null, 204);
      },
    )
    .all('*', () => {
      throw new DomainError(
        'not_found',
        'not_found',
        'No such SCIM endpoint; this server offers Users, ServiceProviderConfig, Schemas and ResourceTypes.',
      );
    });
}
