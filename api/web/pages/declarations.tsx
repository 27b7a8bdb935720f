/**
 * Declarations: the person's own list (the start page), one declaration (the declarant's, or anyone's for
 * managers, with the review form for the declarant's own manager and every review round), and withdrawing,
 * ending and reviewing one.
 */
import { Hono } from 'hono';
import type { FC } from 'hono/jsx';
import { mayReview } from '../../../core/access.ts';
import { DECLARATION_STATUSES, isLive, isRelatedKind, isWithdrawable } from '../../../core/vocabulary.ts';
import {
  closeDeclaration,
  getDeclaration,
  presentDeclaration,
  reviewDeclaration,
  reviewerOf,
} from '../../../db/declarations.ts';
import { listDeclarations } from '../../../db/declaration-list.ts';
import { namesOf } from '../../../db/people.ts';
import { listRounds, type RoundRow } from '../../../db/rounds.ts';
import { getPolicy } from '../../../db/policy.ts';
import { getSupplier } from '../../../db/suppliers.ts';
import { writeTx } from '../../../db/write.ts';
import { actorOf, now } from '../../http.ts';
import { reviewBody } from '../../schemas/declarations.ts';
import { flashOf, MANAGERS, page, seeOther, type WebContext, type WebEnv } from '../env.ts';
import {
  formState,
  oneOf,
  parseWith,
  readForm,
  readPaging,
  searchTerm,
  text,
  type FormState,
  withChosen,
  writeWith,
} from '../form.ts';
import { textFor } from '../text/index.ts';
import { useUi } from '../ui/context.ts';
import { DeclarationFields, Party, VerdictBox, type ShownDeclaration } from '../ui/declaration.tsx';
import { Csrf, DateText, Facts, FilterSelect, ListTable, Pagination, SearchForm } from '../ui/kit.tsx';
import { renderPage } from '../ui/layout.tsx';
import { ReviewPanel, type ReviewPanelProps } from '../ui/review-panel.tsx';
import { Rounds } from '../ui/rounds.tsx';
import { findSuppliers } from '../ui/supplier-pick.tsx';

const MyDeclarations: FC<{
  items: ShownDeclaration[];
  total: number;
  page: number;
  pageSize: number;
  q?: string;
  status?: string;
}> = (p) => {
  const { t } = useUi();
  const cols = t.declarations.cols;
  const filtered = !!(p.q || p.status);
  return (
    <>
      <p>{t.declarations.intro}</p>
      <p>
        <a href="/declare" role="button">
          {t.declarations.newDeclaration}
        </a>
      </p>
      <SearchForm action="/" q={p.q} label={t.declarations.searchLabel}>
        <FilterSelect
          name="status"
          label={t.declarations.statusFilter}
          value={p.status}
          values={DECLARATION_STATUSES}
          labels={t.enums.status}
        />
      </SearchForm>
      <ListTable
        cols={[cols.date, cols.kind, cols.party, cols.status, cols.verdict]}
        items={p.items}
        empty={filtered ? t.declarations.emptySearch : t.declarations.empty}
        row={(d) => (
          <tr>
            <td>
              <DateText value={d.createdAt} />
            </td>
            <td>
              <a href={`/declarations/${d.id}`}>{t.enums.kind[d.kind]}</a>
            </td>
            <td>
              <Party d={d} />
            </td>
            <td>{t.enums.status[d.status]}</td>
            <td>{d.verdict ? (d.verdict.allowed ? t.declare.allowed : t.declare.refused) : t.common.none}</td>
          </tr>
        )}
      />
      <Pagination page={p.page} pageSize={p.pageSize} total={p.total} />
    </>
  );
};

/** Edit, withdraw and end, for the declarant, shown only when the registry would allow them. */
const OwnActions: FC<{ d: ShownDeclaration }> = ({ d }) => {
  const { t } = useUi();
  const mayWithdraw = isWithdrawable(d.status);
  const mayEnd = isRelatedKind(d.kind) && isLive(d.status);
  return (
    <>
      {isLive(d.status) && (
        <p>
          <a href={`/declarations/${d.id}/edit`} role="button">
            {t.edit.link}
          </a>{' '}
          <small>{t.edit.help}</small>
        </p>
      )}
      {mayWithdraw && (
        <form method="post" action={`/declarations/${d.id}/withdraw`}>
          <Csrf />
          <p>{t.declarations.withdrawHelp}</p>
          <button type="submit" class="secondary">
            {t.declarations.withdraw}
          </button>
        </form>
      )}
      {mayEnd && (
        <form method="post" action={`/declarations/${d.id}/end`}>
          <Csrf />
          <p>{t.declarations.endHelp}</p>
          <button type="submit" class="secondary">
            {t.declarations.end}
          </button>
        </form>
      )}
    </>
  );
};

interface DeclarationPageProps {
  d: ShownDeclaration;
  mine: boolean;
  reviewer?: string;
  rules: Awaited<ReturnType<typeof getPolicy>>;
  review?: ReviewPanelProps;
  rounds: RoundRow[];
  names: Map<string, string>;
}

const DeclarationPage: FC<DeclarationPageProps> = ({ d, mine, reviewer, rules, review, rounds, names }) => {
  const { t } = useUi();
  return (
    <>
      <Facts
        rows={[
          !mine && [t.declarations.declarant, d.declarantName],
          [t.declarations.cols.party, <Party d={d} />],
          [t.declarations.created, <DateText value={d.createdAt} />],
          [t.declarations.cols.status, t.enums.status[d.status]],
          !!d.decidedAt && [
            t.declarations.decided,
            <>
              <DateText value={d.decidedAt} /> {reviewer && `(${t.declarations.reviewer}: ${reviewer})`}
            </>,
          ],
          !!d.decisionNote && [d.status === 'needs_info' ? t.rounds.question : t.declarations.note, d.decisionNote],
        ]}
      />
      {d.verdict && <VerdictBox verdict={d.verdict} rules={rules} />}
      <DeclarationFields d={d} />
      {mine && <OwnActions d={d} />}
      <Rounds createdAt={d.createdAt} rounds={rounds} names={names} />
      {review && <ReviewPanel {...review} />}
      <p>
        <a href="/">{t.common.back}</a>
      </p>
    </>
  );
};

/** One declaration, 404 when it is not the caller's to see; `reviewForm` carries a refused review back. */
async function declarationPage(c: WebContext, id: string, reviewForm?: FormState) {
  const { db } = c.var.deps;
  const t = textFor(c.var.lang);
  const me = actorOf(c);
  const row = await getDeclaration(db, me, id);
  const rounds = await listRounds(db, row.id);
  const [supplier, names, rules] = await Promise.all([
    row.supplierId ? getSupplier(db, row.supplierId) : undefined,
    namesOf(db, [
      row.declarantId,
      ...(row.reviewerId ? [row.reviewerId] : []),
      ...rounds.flatMap((r) => (r.actorId ? [r.actorId] : [])),
    ]),
    getPolicy(db),
  ]);
  const d = presentDeclaration(row, { supplierName: supplier?.name, declarantName: names.get(row.declarantId) });
  let review: ReviewPanelProps | undefined;
  if (row.status === 'submitted' && mayReview(me, row, await reviewerOf(db, row.declarantId))) {
    const linkQuery = searchTerm(c.req.query('link'));
    // A supplier chosen in a refused review stays offered, searched for again or not.
    const chosen = reviewForm?.values.supplierId || undefined;
    const [history, candidates] = await Promise.all([
      listDeclarations(db, me, { declarantId: row.declarantId, limit: 20, offset: 0 }),
      linkQuery || chosen
        ? findSuppliers(db, linkQuery).then((found) => withChosen(found, chosen, (id) => getSupplier(db, id)))
        : undefined,
    ]);
    review = {
      d,
      form: reviewForm ?? formState(),
      history: history.items.filter((h) => h.id !== row.id),
      candidates,
      linkQuery,
    };
  }
  return renderPage(
    c,
    {
      title: t.declarations.detailTitle(t.enums.kind[row.kind]),
      flash: flashOf(c, { ...t.declarations.flash, edited: t.edit.flash }),
      status: reviewForm ? 400 : 200,
    },
    <DeclarationPage
      d={d}
      mine={row.declarantId === me.id}
      reviewer={row.reviewerId ? names.get(row.reviewerId) : undefined}
      rules={rules}
      review={review}
      rounds={rounds}
      names={names}
    />,
  );
}

export const declarationPages = new Hono<WebEnv>()
  .get('/', page('My declarations, with status; search and filter', 'any'), async (c) => {
    const t = textFor(c.var.lang);
    const paging = readPaging(c);
    const status = oneOf(c.req.query('status'), DECLARATION_STATUSES);
    const me = actorOf(c);
    const { items, total } = await listDeclarations(c.var.deps.db, me, {
      declarantId: me.id,
      q: paging.q,
      status,
      limit: paging.limit,
      offset: paging.offset,
    });
    return renderPage(
      c,
      { title: t.declarations.title },
      <MyDeclarations
        items={items}
        total={total}
        page={paging.page}
        pageSize={paging.pageSize}
        q={paging.q}
        status={status}
      />,
    );
  })
  .get('/declarations/:id', page('One declaration: your own, or any for managers (with the review form)', 'any'), (c) =>
    declarationPage(c, c.req.param('id')),
  )
  .post(
    '/declarations/:id/withdraw',
    page('Withdraw your declaration while it is not yet reviewed', 'any'),
    async (c) => {
      const id = c.req.param('id');
      await writeTx(c.var.deps.db, (tx) => closeDeclaration(tx, now(c), actorOf(c), id, 'withdraw'));
      return seeOther(c, `/declarations/${id}?done=withdrawn`);
    },
  )
  .post('/declarations/:id/end', page('End your relationship, side job or interest', 'any'), async (c) => {
    const id = c.req.param('id');
    await writeTx(c.var.deps.db, (tx) => closeDeclaration(tx, now(c), actorOf(c), id, 'end'));
    return seeOther(c, `/declarations/${id}?done=ended`);
  })
  .post('/declarations/:id/review', page('Decide on a declaration of someone you manage', MANAGERS), async (c) => {
    const t = textFor(c.var.lang);
    const id = c.req.param('id');
    const { values } = await readForm(c);
    const form = formState({
      decision: values.decision ?? '',
      note: values.note ?? '',
      supplierId: values.supplierId ?? '',
    });
    const parsed = parseWith(
      reviewBody,
      { decision: values.decision, note: text(values.note), supplierId: text(values.supplierId) },
      t,
    );
    if ('errors' in parsed) return declarationPage(c, id, { ...form, errors: parsed.errors });
    const done = await writeWith(
      () => writeTx(c.var.deps.db, (tx) => reviewDeclaration(tx, now(c), actorOf(c), id, parsed.data)),
      t,
    );
    if ('errors' in done) return declarationPage(c, id, { ...form, errors: done.errors });
    return seeOther(c, `/declarations/${id}?done=reviewed`);
  });
