import { Hono } from 'hono';
import { listAudit, verifyAudit } from '../../db/audit.ts';
import { getPolicy, setPolicy } from '../../db/policy.ts';
import { yearlyOverview, overviewCsv } from '../../db/reports.ts';
import { writeTx } from '../../db/write.ts';
import { amsterdamDate } from '../../core/dates.ts';
import { guard, now, validate, type AppEnv } from '../http.ts';
import { auditQuery, policyBody, yearQuery } from '../schemas.ts';
import { MANAGER_ROLES } from '../../core/types.ts';


export const policyRoute = new Hono<AppEnv>()
  .get('/', guard({ summary: 'The organisation’s integrity rules and confidential counsellor', roles: 'any' }), async (c) => c.json(await getPolicy(c.get('deps').db)))
  .put('/', guard({ summary: 'Replace the integrity rules', roles: ['admin'] }), validate('json', policyBody), async (c) => {
    const rules = c.req.valid('json');
    return c.json(await writeTx(c.get('deps').db, (tx) => setPolicy(tx, now(c), c.get('caller').person.id, rules)));
  });

export const auditRoute = new Hono<AppEnv>()
  .get('/', guard({ summary: 'The audit trail, newest first', roles: [...MANAGER_ROLES] }), validate('query', auditQuery), async (c) => c.json(await listAudit(c.get('deps').db, c.req.valid('query'))))
  .get('/verify', guard({ summary: 'Recompute the audit hash chain', roles: [...MANAGER_ROLES] }), async (c) => c.json(await verifyAudit(c.get('deps').db)));

export const reportsRoute = new Hono<AppEnv>().get(
  '/yearly',
  guard({ summary: 'The yearly integrity overview for the board (JSON, or CSV with format=csv)', roles: [...MANAGER_ROLES] }),
  validate('query', yearQuery),
  async (c) => {
    const today = amsterdamDate(now(c));
    const { year = Number(today.slice(0, 4)), format } = c.req.valid('query');
    const overview = await yearlyOverview(c.get('deps').db, year, today);
    if (format !== 'csv') return c.json(overview);
    c.header('Content-Disposition', `attachment; filename="integriteit-${year}.csv"`);
    return c.body(overviewCsv(overview, c.get('lang')), 200, { 'Content-Type': 'text/csv; charset=utf-8' });
  },
);
