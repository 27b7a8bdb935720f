/**
 * "Wrong flag?" reports: anyone signed in (the extension too) reports a flag they think is wrong; managers read
 * the reports and mark them handled. A report carries which registered name or identifier matched and the site's
 * host name, never the page's text.
 */
import { Hono } from 'hono';
import { createFlagReport, flagReportsOf, resolveFlagReport } from '../../db/flag-reports.ts';
import { writeTx } from '../../db/write.ts';
import { MANAGER_ROLES } from '../../core/vocabulary.ts';
import { guard, isTrue, now, validate, type AppEnv } from '../http.ts';
import { idParam } from '../schemas.ts';
import { flagReportCreate, flagReportListQuery, flagReportPatch } from '../schemas/flag-reports.ts';

export const flagReportsRoute = new Hono<AppEnv>()
  .post(
    '/',
    guard({
      summary: 'Report a wrong flag: the supplier, the name or identifier that matched, the host name',
      roles: 'any',
      extension: true,
    }),
    validate('json', flagReportCreate),
    async (c) => {
      const input = c.req.valid('json');
      const r = await writeTx(c.get('deps').db, (tx) => createFlagReport(tx, now(c), c.get('caller').person.id, input));
      // The reporter learns only that it arrived; who else reported what is for managers.
      return c.json({ id: r.id, createdAt: r.createdAt }, 201);
    },
  )
  .get(
    '/',
    guard({ summary: 'Reports of wrong flags, open ones first (supplierId=, open=1)', roles: [...MANAGER_ROLES] }),
    validate('query', flagReportListQuery),
    async (c) => {
      const { open, ...query } = c.req.valid('query');
      return c.json({ items: await flagReportsOf(c.get('deps').db, { ...query, open: isTrue(open) }) });
    },
  )
  .patch(
    '/:id',
    guard({ summary: 'Mark a report of a wrong flag handled (or open again)', roles: [...MANAGER_ROLES] }),
    validate('param', idParam),
    validate('json', flagReportPatch),
    async (c) => {
      const { resolved } = c.req.valid('json');
      return c.json(
        await writeTx(c.get('deps').db, (tx) =>
          resolveFlagReport(tx, now(c), c.get('caller').person.id, c.req.valid('param').id, resolved),
        ),
      );
    },
  );
