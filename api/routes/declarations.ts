import { Hono } from 'hono';
import { amsterdamDate } from '../../core/dates.ts';
import { invalidInput } from '../../core/errors.ts';
import {
  closeDeclaration,
  createDeclaration,
  getDeclaration,
  presentDeclaration,
  reviewDeclaration,
} from '../../db/declarations.ts';
import { listDeclarations } from '../../db/declaration-list.ts';
import { verdictFor } from '../../db/declaration-verdicts.ts';
import { mergeChanges, updateDeclaration } from '../../db/declaration-edit.ts';
import { listRounds } from '../../db/rounds.ts';
import { writeTx } from '../../db/write.ts';
import { actorOf, guard, invalid, isTrue, now, validate, type AppEnv } from '../http.ts';
import { idParam } from '../schemas.ts';
import {
  declarationCreate,
  declarationListQuery,
  declarationPatch,
  reviewBody,
  type DeclarationBody,
} from '../schemas/declarations.ts';
import { MANAGER_ROLES } from '../../core/vocabulary.ts';

function checkNotFuture(input: DeclarationBody, at: Date) {
  if ('date' in input && input.date && input.date > amsterdamDate(at))
    throw invalidInput('Invalid body: date.', { fields: [{ field: 'date', message: 'cannot be in the future' }] });
}

export const declarationsRoute = new Hono<AppEnv>()
  .get(
    '/',
    guard({
      summary: 'Your own declarations; managers and admins see all, or their review queue with toReview=1',
      roles: 'any',
    }),
    validate('query', declarationListQuery),
    async (c) => {
      const { toReview, ...query } = c.req.valid('query');
      return c.json(await listDeclarations(c.get('deps').db, actorOf(c), { ...query, toReview: isTrue(toReview) }));
    },
  )
  .post(
    '/',
    guard({
      summary: 'Declare a relationship, side job, interest, private purchase, gift or invitation',
      roles: 'any',
    }),
    validate('json', declarationCreate),
    async (c) => {
      const input = c.req.valid('json');
      checkNotFuture(input, now(c));
      const row = await writeTx(c.get('deps').db, (tx) =>
        createDeclaration(tx, now(c), actorOf(c), input, c.get('lang')),
      );
      return c.json(presentDeclaration(row), 201);
    },
  )
  .post(
    '/verdict',
    guard({
      summary: 'The policy verdict a gift, invitation or purchase would get, without declaring it',
      roles: 'any',
    }),
    validate('json', declarationCreate),
    async (c) => {
      return c.json({
        verdict: (await verdictFor(c.get('deps').db, now(c), c.req.valid('json'), c.get('lang'))) ?? null,
      });
    },
  )
  .get(
    '/:id',
    guard({
      summary: 'One declaration (yours, or any for managers and admins), with every review round',
      roles: 'any',
    }),
    validate('param', idParam),
    async (c) => {
      const { db } = c.get('deps');
      const row = await getDeclaration(db, actorOf(c), c.req.valid('param').id);
      return c.json({ ...presentDeclaration(row), rounds: await listRounds(db, row.id) });
    },
  )
  .patch(
    '/:id',
    guard({ summary: 'Edit your declaration; it returns to submitted for review', roles: 'any' }),
    validate('param', idParam),
    validate('json', declarationPatch),
    async (c) => {
      const { db } = c.get('deps');
      const id = c.req.valid('param').id;
      const row = await writeTx(db, async (tx) => {
        const merged = declarationCreate.safeParse(
          mergeChanges(await getDeclaration(tx, actorOf(c), id), c.req.valid('json')),
        );
        if (!merged.success) throw invalid(merged.error.issues, 'json');
        checkNotFuture(merged.data, now(c));
        return updateDeclaration(tx, now(c), actorOf(c), id, merged.data, c.get('lang'));
      });
      return c.json(presentDeclaration(row));
    },
  )
  .post(
    '/:id/review',
    guard({ summary: 'Decide on a declaration of someone you manage', roles: [...MANAGER_ROLES] }),
    validate('param', idParam),
    validate('json', reviewBody),
    async (c) => {
      const input = c.req.valid('json');
      const row = await writeTx(c.get('deps').db, (tx) =>
        reviewDeclaration(tx, now(c), actorOf(c), c.req.valid('param').id, input),
      );
      return c.json(presentDeclaration(row));
    },
  )
  .post(
    '/:id/withdraw',
    guard({ summary: 'Withdraw your declaration while it is not yet reviewed', roles: 'any' }),
    validate('param', idParam),
    async (c) => {
      const row = await writeTx(c.get('deps').db, (tx) =>
        closeDeclaration(tx, now(c), actorOf(c), c.req.valid('param').id, 'withdraw'),
      );
      return c.json(presentDeclaration(row));
    },
  )
  .post(
    '/:id/end',
    guard({ summary: 'End your relationship, side job or interest', roles: 'any' }),
    validate('param', idParam),
    async (c) => {
      const row = await writeTx(c.get('deps').db, (tx) =>
        closeDeclaration(tx, now(c), actorOf(c), c.req.valid('param').id, 'end'),
      );
      return c.json(presentDeclaration(row));
    },
  );
