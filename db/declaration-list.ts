/**
 * Lists of declarations: a person's own, or everything for managers and admins, filtered, searched and paged; and
 * a reviewer's queue. Who sees what follows db/declarations.ts.
 */
import { and, count, desc, eq, inArray, isNull, like, ne, or, sql, type SQL } from 'drizzle-orm';
import { seesAll, type Actor } from '../core/access.ts';
import type { DeclarationKind, DeclarationStatus } from '../core/vocabulary.ts';
import type { Db } from './client.ts';
import { isReviewingManager, manager, presentDeclaration } from './declarations.ts';
import { pageTotal, totalColumn } from './paging.ts';
import { foldedPattern, suppliersNamed } from './folded-names.ts';
import { declarations, people, suppliers } from './schema.ts';

export interface DeclarationQuery {
  q?: string;
  kind?: DeclarationKind;
  status?: DeclarationStatus;
  declarantId?: string;
  supplierId?: string;
  /** Only what `actor` may decide on now: submitted declarations of the people they review. */
  toReview?: boolean;
  limit: number;
  offset: number;
}

/** Which filters a list uses: each combination is built and prepared once (per database), its values bound. */
const listShape = (actor: Actor, query: DeclarationQuery) =>
  [
    seesAll(actor.role),
    !!query.declarantId,
    !!query.kind,
    !!query.status,
    !!query.supplierId,
    !!query.toReview,
    !!query.q,
  ]
    .map(Number)
    .join('');

function prepareList(db: Db, shape: string) {
  const [all, byDeclarant, byKind, byStatus, bySupplier, toReview, search] = shape
    .split('')
    .map((flag) => flag === '1');
  const value = (name: string) => sql.placeholder(name);
  const conditions: SQL[] = [];
  if (!all) conditions.push(eq(declarations.declarantId, value('actor')));
  if (byDeclarant) conditions.push(eq(declarations.declarantId, value('declarantId')));
  if (byKind) conditions.push(eq(declarations.kind, value('kind')));
  if (byStatus) conditions.push(eq(declarations.status, value('status')));
  if (bySupplier) conditions.push(eq(declarations.supplierId, value('supplierId')));
  if (toReview) {
    // The people the actor reviews first (few), then their submitted declarations by the declarant index.
    const reviewed = db
      .select({ id: people.id })
      .from(people)
      .leftJoin(manager, isReviewingManager)
      .where(or(eq(manager.id, value('actor')), isNull(manager.id)));
    conditions.push(
      eq(declarations.status, 'submitted'),
      ne(declarations.declarantId, value('actor')),
      inArray(declarations.declarantId, reviewed),
    );
  }
  // The page is chosen and counted over the index alone (declarant, status, date, id) where the filters allow;
  // only its rows are read in full. Counting over full rows would copy every matching declaration (a reviewer's
  // queue, a long history) to sort it. Names are joined in only to search them.
  const inner = db
    .select({ id: declarations.id, createdAt: declarations.createdAt, total: totalColumn().as('total') })
    .from(declarations)
    .$dynamic();
  if (search) {
    inner
      .innerJoin(people, eq(declarations.declarantId, people.id))
      .leftJoin(suppliers, eq(declarations.supplierId, suppliers.id));
    const pattern = value('pattern');
    const folded = value('folded');
    conditions.push(
      or(
        like(suppliers.name, pattern),
        inArray(declarations.supplierId, suppliersNamed(db, folded)),
        like(declarations.supplierName, pattern),
        like(declarations.organisation, pattern),
        like(declarations.foldedNames, folded),
        like(people.name, pattern),
        like(people.foldedName, folded),
      )!,
    );
  }
  const where = and(...conditions);
  const page = inner
    .where(where)
    .orderBy(desc(declarations.createdAt), desc(declarations.id))
    .limit(value('limit'))
    .offset(value('offset'))
    .as('page');
  const rows = db
    .select({
      declaration: declarations,
      registeredName: suppliers.name,
      declarantName: people.name,
      total: page.total,
    })
    .from(page)
    .innerJoin(declarations, eq(declarations.id, page.id))
    .innerJoin(people, eq(declarations.declarantId, people.id))
    .leftJoin(suppliers, eq(declarations.supplierId, suppliers.id))
    .orderBy(desc(page.createdAt), desc(page.id))
    .prepare();
  const countAll = db
    .select({ n: count() })
    .from(declarations)
    .innerJoin(people, eq(declarations.declarantId, people.id))
    .leftJoin(suppliers, eq(declarations.supplierId, suppliers.id))
    .where(where)
    .prepare();
  return { rows, countAll };
}

const preparedLists = new WeakMap<Db, Map<string, ReturnType<typeof prepareList>>>();

export async function listDeclarations(db: Db, actor: Actor, query: DeclarationQuery) {
  // Building a query of this size costs about as much as running it; the lists are asked for all day.
  let prepared = preparedLists.get(db);
  if (!prepared) preparedLists.set(db, (prepared = new Map()));
  const shape = listShape(actor, query);
  let list = prepared.get(shape);
  if (!list) prepared.set(shape, (list = prepareList(db, shape)));
  const values = {
    actor: actor.id,
    declarantId: query.declarantId,
    kind: query.kind,
    status: query.status,
    supplierId: query.supplierId,
    pattern: `%${query.q}%`,
    // Supplier, organisation and declarants' names folded, as the search of any finds them.
    folded: foldedPattern(query.q ?? '') ?? `%${query.q}%`,
    limit: query.limit,
    offset: query.offset,
  };
  const rows = await list.rows.all(values);
  const total = await pageTotal(rows, query.offset, async () => (await list.countAll.all(values))[0].n);
  const items = rows.map((r) =>
    presentDeclaration(r.declaration, { supplierName: r.registeredName, declarantName: r.declarantName }),
  );
  return { items, total };
}
