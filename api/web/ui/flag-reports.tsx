/**
 * On a supplier's page, for managers: the "wrong flag?" reports colleagues sent from the extension (which name or
 * identifier matched, on which site; never the page's text), each with a button to mark it handled or open again.
 * The edit form on the same page is where the aliases get adjusted.
 */
import type { FC } from 'hono/jsx';
import type { FlagReportView } from '../../../db/flag-reports.ts';
import { useUi } from './context.ts';
import { Csrf, DateTimeText } from './kit.tsx';

export const FlagReportList: FC<{ supplierId: string; reports: FlagReportView[] }> = ({ supplierId, reports }) => {
  const { t } = useUi();
  const s = t.suppliers;
  const cols = s.reportCols;
  return (
    <section aria-labelledby="reports-title" id="flag-reports">
      <h2 id="reports-title">{s.reportsTitle}</h2>
      <p>{s.reportsIntro}</p>
      {reports.length ? (
        <div class="overflow-auto">
          <table>
            <thead>
              <tr>
                <th scope="col">{cols.date}</th>
                <th scope="col">{cols.matched}</th>
                <th scope="col">{cols.host}</th>
                <th scope="col">{cols.reason}</th>
                <th scope="col">{cols.by}</th>
                <th scope="col">{cols.note}</th>
                <th scope="col">{cols.status}</th>
              </tr>
            </thead>
            <tbody>
              {reports.map((r) => (
                <tr data-report={r.id}>
                  <td>
                    <DateTimeText value={r.createdAt} />
                  </td>
                  <td>
                    {r.matched ?? t.common.none} <small>({s.reportKind[r.kind] ?? r.kind})</small>
                  </td>
                  <td>{r.host}</td>
                  <td>{s.reportReason[r.reason] ?? r.reason}</td>
                  <td>{r.personName ?? t.common.none}</td>
                  <td>{r.note ?? t.common.none}</td>
                  <td>
                    <form method="post" action={`/suppliers/${supplierId}/flag-reports/${r.id}`}>
                      <Csrf />
                      <input type="hidden" name="resolved" value={r.resolvedAt ? '0' : '1'} />
                      {r.resolvedAt ? s.reportHandled : s.reportOpen}{' '}
                      <button type="submit" class="secondary outline">
                        {r.resolvedAt ? s.reportReopen : s.reportResolve}
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{s.reportsEmpty}</p>
      )}
    </section>
  );
};
