/**
 * The load bench's mixed workload: each connection cycles through these ten requests, as one staff member (and
 * that person's manager) per cycle: reads of the watchlist with and without ETag, a check (of `text`), a
 * declaration and its review, lists.
 */
import type autocannon from 'autocannon';
import type { People, Person } from './load-registry.ts';

export const auth = (p: Person) => ({ authorization: `Bearer ${p.token}` });

export function mixedWorkload(people: People, text: string): autocannon.Request[] {
  let nextStaff = 0;
  let nextPurchaser = 0;
  const etags = new Map<string, string>();
  type Ctx = { staff?: Person; purchaser?: Person; declarationId?: string };
  const asStaff = (ctx: Ctx) => (ctx.staff ??= people.staff[nextStaff++ % people.staff.length]);
  const managerOf = (ctx: Ctx) => people.managers[asStaff(ctx).managerIndex!];
  return [
    {
      method: 'GET',
      path: '/api/v1/watchlist',
      setupRequest: (req, ctx: Ctx) => ({ ...req, headers: { ...auth(asStaff(ctx)), 'accept-encoding': 'gzip' } }),
      onResponse: (status, _body, ctx: Ctx, headers) =>
        void (status === 200 && etags.set(asStaff(ctx).id, String(headers?.etag))),
    },
    {
      method: 'GET',
      path: '/api/v1/watchlist',
      setupRequest: (req, ctx: Ctx) => ({
        ...req,
        headers: {
          ...auth(asStaff(ctx)),
          'if-none-match': etags.get(asStaff(ctx).id) ?? '"none"',
          'accept-encoding': 'gzip',
        },
      }),
    },
    {
      method: 'GET',
      path: '/api/v1/watchlist',
      setupRequest: (req, ctx: Ctx) => {
        const p = (ctx.purchaser = people.purchasers[nextPurchaser++ % people.purchasers.length]);
        return {
          ...req,
          headers: { ...auth(p), 'if-none-match': etags.get(p.id) ?? '"none"', 'accept-encoding': 'gzip' },
        };
      },
      onResponse: (status, _body, ctx: Ctx, headers) =>
        void (status === 200 && etags.set(ctx.purchaser!.id, String(headers?.etag))),
    },
    {
      method: 'POST',
      path: '/api/v1/check',
      body: JSON.stringify({ texts: [text] }),
      setupRequest: (req, ctx: Ctx) => ({
        ...req,
        headers: { ...auth(asStaff(ctx)), 'content-type': 'application/json' },
      }),
    },
    {
      method: 'POST',
      path: '/api/v1/declarations',
      setupRequest: (req, ctx: Ctx) => ({
        ...req,
        headers: { ...auth(asStaff(ctx)), 'content-type': 'application/json' },
        body: JSON.stringify({
          kind: 'gift',
          supplierName: 'Kantoorartikelen Noord',
          valueEur: 20,
          form: 'goods',
          description: 'Kerstpakket',
        }),
      }),
      onResponse: (status, body, ctx: Ctx) => void (status === 201 && (ctx.declarationId = JSON.parse(body).id)),
    },
    {
      method: 'POST',
      setupRequest: (req, ctx: Ctx) => ({
        ...req,
        path: `/api/v1/declarations/${ctx.declarationId ?? 'missing'}/review`,
        headers: { ...auth(managerOf(ctx)), 'content-type': 'application/json' },
        body: JSON.stringify({ decision: 'acknowledged', note: 'Binnen de regels' }),
      }),
    },
    {
      method: 'GET',
      path: '/api/v1/declarations?toReview=1&limit=20',
      setupRequest: (req, ctx: Ctx) => ({ ...req, headers: auth(managerOf(ctx)) }),
    },
    {
      method: 'GET',
      path: '/api/v1/declarations?limit=20',
      setupRequest: (req, ctx: Ctx) => ({ ...req, headers: auth(asStaff(ctx)) }),
    },
    {
      method: 'GET',
      path: '/api/v1/suppliers?q=Bouw&limit=10',
      setupRequest: (req, ctx: Ctx) => ({ ...req, headers: auth(asStaff(ctx)) }),
    },
    { method: 'GET', path: '/api/v1/me', setupRequest: (req, ctx: Ctx) => ({ ...req, headers: auth(asStaff(ctx)) }) },
  ];
}
