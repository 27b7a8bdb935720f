/** A manager marks a "wrong flag?" report handled, or open again, from the supplier's page (ui/flag-reports.tsx). */
import { Hono } from 'hono';
import { resolveFlagReport } from '../../../db/flag-reports.ts';
import { writeTx } from '../../../db/write.ts';
import { now } from '../../http.ts';
import { MANAGERS, page, seeOther, type WebEnv } from '../env.ts';
import { readForm } from '../form.ts';

export const flagReportPages = new Hono<WebEnv>().post(
  '/suppliers/:id/flag-reports/:report',
  page('Mark a report of a wrong flag handled, or open it again', MANAGERS),
  async (c) => {
    const { values } = await readForm(c);
    const id = c.req.param('id');
    await writeTx(c.var.deps.db, (tx) =>
      resolveFlagReport(tx, now(c), c.var.caller.person.id, c.req.param('report'), values.resolved !== '0', id),
    );
    return seeOther(c, `/suppliers/${id}?done=report#flag-reports`);
  },
);
