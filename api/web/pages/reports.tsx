/** The yearly integrity overview for the board: counts only, on the page and as a CSV download. */
import { Hono } from 'hono';
import type { FC } from 'hono/jsx';
import { amsterdamDate } from '../../../core/dates.ts';
import { overviewCsv, yearlyOverview, type YearlyOverview } from '../../../db/reports.ts';
import { now } from '../../http.ts';
import { MANAGERS, page, sendCsv, type WebContext, type WebEnv } from '../env.ts';
import { formState } from '../form.ts';
import { textFor } from '../text/index.ts';
import { useUi } from '../ui/context.ts';
import { Select } from '../ui/fields.tsx';
import { Facts, ListTable } from '../ui/kit.tsx';
import { renderPage } from '../ui/layout.tsx';

const YEARS_BACK = 6;

/** The year asked for, or this year; only years the overview can hold. */
function yearOf(c: WebContext): { year: number; current: number } {
  const current = Number(amsterdamDate(now(c)).slice(0, 4));
  const asked = Number(c.req.query('year'));
  return { year: Number.isInteger(asked) && asked >= 2000 && asked <= current ? asked : current, current };
}

const Overview: FC<{ o: YearlyOverview; current: number }> = ({ o, current }) => {
  const { t } = useUi();
  const r = t.reports;
  const years = Array.from({ length: YEARS_BACK }, (_, i) => String(current - i));
  const kind = (k: string) => t.enums.kind[k as keyof typeof t.enums.kind] ?? k;
  return (
    <>
      <p>{r.intro}</p>
      <form method="get" action="/reports">
        <Select
          form={formState({ year: String(o.year) })}
          name="year"
          label={r.year}
          options={years.map((y) => [y, y])}
        />
        <button type="submit" class="secondary">
          {r.show}
        </button>
      </form>
      <p>
        <a href={`/reports/yearly.csv?year=${o.year}`} role="button" class="outline" download>
          {r.csv}
        </a>
      </p>
      <section aria-labelledby="declarations-title">
        <h2 id="declarations-title">{r.declarations}</h2>
        <ListTable
          cols={[r.kind, r.outcome, r.count]}
          items={o.declarations}
          empty={r.emptyYear}
          row={(d) => (
            <tr>
              <td>{kind(d.kind)}</td>
              <td>{t.enums.status[d.status as keyof typeof t.enums.status] ?? d.status}</td>
              <td>{d.count}</td>
            </tr>
          )}
        />
      </section>
      <section aria-labelledby="gifts-title">
        <h2 id="gifts-title">{r.gifts}</h2>
        <ListTable
          cols={[r.kind, r.declined, r.refused, r.total]}
          items={o.giftsAndInvitations}
          row={(g) => (
            <tr>
              <td>{kind(g.kind)}</td>
              <td>{g.declined}</td>
              <td>{g.refusedByPolicy}</td>
              <td>{g.total}</td>
            </tr>
          )}
        />
      </section>
      <section aria-labelledby="other-title">
        <h2 id="other-title">{r.other}</h2>
        <Facts
          rows={[
            [r.teamDeclarations, o.teamDeclarations.total],
            [r.teamConflicts, o.teamDeclarations.conflicts],
            [r.recusals, o.recusals],
            [r.opened, o.negotiationsOpened],
            [r.openNow, o.negotiationsOpenNow],
            [r.campaigns, o.attestations.campaigns],
            [r.nilReturns, o.attestations.nilReturns],
            [r.overduePeople, o.attestations.overdue],
          ]}
        />
      </section>
    </>
  );
};

export const reportPages = new Hono<WebEnv>()
  .get('/reports', page('The yearly integrity overview for the board', MANAGERS), async (c) => {
    const { year, current } = yearOf(c);
    const o = await yearlyOverview(c.var.deps.db, year, amsterdamDate(now(c)));
    return renderPage(
      c,
      { title: `${textFor(c.var.lang).reports.title} ${year}` },
      <Overview o={o} current={current} />,
    );
  })
  .get('/reports/yearly.csv', page('The yearly integrity overview as CSV', MANAGERS), async (c) => {
    const { year } = yearOf(c);
    return sendCsv(
      c,
      `integriteit-${year}.csv`,
      overviewCsv(await yearlyOverview(c.var.deps.db, year, amsterdamDate(now(c))), c.var.lang),
    );
  });
