import { Hono } from 'hono';
import { yearlyOverview, overviewCsv } from '../../db/reports.ts';
import { amsterdamDate } from '../../core/dates.ts';
import { guard, now, sendCsvFile, validate, type AppEnv } from '../http.ts';
import { yearQuery } from '../schemas/reports.ts';
import { MANAGER_ROLES } from '../../core/vocabulary.ts';

export const reportsRoute = new Hono<AppEnv>().get(
  '/yearly',
  guard({
    summary: 'The yearly integrity overview for the board (JSON, or CSV with format=csv)',
    roles: [...MANAGER_ROLES],
  }),
  validate('query', yearQuery),
  async (c) => {
    const today = amsterdamDate(now(c));
    const { year = Number(today.slice(0, 4)), format } = c.req.valid('query');
    const overview = await yearlyOverview(c.get('deps').db, year, today);
    if (format !== 'csv') return c.json(overview);
    return sendCsvFile(c, `integriteit-${year}.csv`, overviewCsv(overview, c.get('lang')));
  },
);
