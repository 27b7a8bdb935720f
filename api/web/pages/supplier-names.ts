/**
 * What the supplier form's script and the supplier page's report list post or ask for: how typed names will match
 * (JSON for the form's script), and marking a "wrong flag?" report handled.
 */
import { Hono } from 'hono';
import { resolveFlagReport } from '../../../db/flag-reports.ts';
import { writeTx } from '../../../db/write.ts';
import { now } from '../../http.ts';
import { MANAGERS, page, seeOther, type WebEnv } from '../env.ts';
import { readForm } from '../form.ts';
import { textFor } from '../text/index.ts';
import { namesWithRules } from '../ui/name-rules.tsx';

/** As many names as a supplier may have (the legal name and 50 aliases), each as long as one may be. */
const MAX_NAMES = 51;
const MAX_NAME = 200;

export const supplierNamePages = new Hono<WebEnv>()
  // Before /suppliers/:id, which would otherwise take "name-rules" for an id.
  .get('/suppliers/name-rules', page('How typed names will match (JSON, for the supplier form as the manager types)', MANAGERS), (c) => {
    const names = [...c.req.queries('name') ?? [], ...c.req.queries('alias') ?? []].slice(0, MAX_NAMES).map((n) => n.slice(0, MAX_NAME));
    c.header('Cache-Control', 'private, no-store');
    return c.json({ items: namesWithRules(textFor(c.var.lang), names) });
  })
  .post('/suppliers/:id/flag-reports/:report', page('Mark a report of a wrong flag handled, or open it again', MANAGERS), async (c) => {
    const { values } = await readForm(c);
    const id = c.req.param('id');
    await writeTx(c.var.deps.db, (tx) => resolveFlagReport(tx, now(c), c.var.caller.person.id, c.req.param('report'), values.resolved !== '0', id));
    return seeOther(c, `/suppliers/${id}?done=report#flag-reports`);
  });
