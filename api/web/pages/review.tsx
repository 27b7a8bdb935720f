/** The review queue: submitted declarations of the people a manager reviews (never the manager's own). */
import { Hono } from 'hono';
import type { FC } from 'hono/jsx';
import { listDeclarations } from '../../../db/declaration-list.ts';
import { actorOf } from '../../http.ts';
import { MANAGERS, page, type WebEnv } from '../env.ts';
import { readPaging } from '../form.ts';
import { textFor } from '../text/index.ts';
import { useUi } from '../ui/context.ts';
import { Party, type ShownDeclaration } from '../ui/declaration.tsx';
import { DateText, ListTable, Pagination, SearchForm } from '../ui/kit.tsx';
import { renderPage } from '../ui/layout.tsx';

const Queue: FC<{ items: ShownDeclaration[]; total: number; page: number; pageSize: number; q?: string }> = (p) => {
  const { t } = useUi();
  const cols = t.declarations.cols;
  return (
    <>
      <p>{t.review.intro}</p>
      <SearchForm action="/review" q={p.q} label={t.review.searchLabel} />
      <ListTable
        cols={[cols.declarant, cols.kind, cols.party, cols.date, cols.verdict, t.common.actions]}
        items={p.items}
        empty={p.q ? t.review.emptySearch : t.review.empty}
        row={(d) => (
          <tr>
            <td>{d.declarantName}</td>
            <td>{t.enums.kind[d.kind]}</td>
            <td>
              <Party d={d} />
            </td>
            <td>
              <DateText value={d.createdAt} />
            </td>
            <td>{d.verdict ? (d.verdict.allowed ? t.declare.allowed : t.declare.refused) : t.common.none}</td>
            <td>
              <a href={`/declarations/${d.id}`}>{t.review.open}</a>
            </td>
          </tr>
        )}
      />
      <Pagination page={p.page} pageSize={p.pageSize} total={p.total} />
    </>
  );
};

export const reviewPages = new Hono<WebEnv>().get(
  '/review',
  page('The declarations waiting for your decision', MANAGERS),
  async (c) => {
    const t = textFor(c.var.lang);
    const paging = readPaging(c);
    const { items, total } = await listDeclarations(c.var.deps.db, actorOf(c), {
      toReview: true,
      q: paging.q,
      limit: paging.limit,
      offset: paging.offset,
    });
    return renderPage(
      c,
      { title: t.review.title },
      <Queue items={items} total={total} page={paging.page} pageSize={paging.pageSize} q={paging.q} />,
    );
  },
);
