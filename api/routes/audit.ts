import { Hono } from 'hono';
import { listAudit, verifyAudit } from '../../db/audit.ts';
import { guard, validate, type AppEnv } from '../http.ts';
import { auditQuery } from '../schemas/audit.ts';
import { MANAGER_ROLES } from '../../core/vocabulary.ts';

export const auditRoute = new Hono<AppEnv>()
  .get(
    '/',
    guard({ summary: 'The audit trail, newest first', roles: [...MANAGER_ROLES] }),
    validate('query', auditQuery),
    async (c) => c.json(await listAudit(c.get('deps').db, c.req.valid('query'))),
  )
  .get('/verify', guard({ summary: 'Recompute the audit hash chain', roles: [...MANAGER_ROLES] }), async (c) =>
    c.json(await verifyAudit(c.get('deps').db)),
  );
