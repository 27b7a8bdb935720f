/**
 * Every API route x every kind of caller -> the status it must get. The table is checked against the app's own
 * route list, so a new route without a row here fails this test. Each case starts from a copy of the same world
 * database and sends a valid request, so the status says only who may do what.
 */
import { campaign, useAccessTable } from '../support/access-table.ts';
import {
  BUYERS,
  CALLERS,
  MANAGERS,
  anyone,
  checkApiRow,
  only,
  ownAttestation,
  publicRoute,
  withExtension,
  type Row,
} from '../support/api-access.ts';
import { PASSWORD, type Who } from '../support/app.ts';

const csv = 'naam;kvk;btw;domein;status\nNieuw Bouwbedrijf B.V.;55556666;;nieuwbouw.nl;prospect\n';

/** Keyed by the route as the app lists it: `METHOD /path/:param`. */
const TABLE: Record<string, Row> = {
  'GET /api/v1/health': { expect: publicRoute(200) },
  'GET /api/v1/openapi.json': { expect: publicRoute(200) },
  // A made-up code: every caller gets the same 401 (sso.test.ts exchanges a real one).
  'POST /api/v1/auth/extension-code': {
    expect: publicRoute(401),
    body: () => ({
      code: 'made-up',
      redirectUri: 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/',
      name: 'Zuiver (Chromium)',
    }),
  },
  'POST /api/v1/auth/token': {
    expect: publicRoute(201),
    body: (w) => ({ email: w.people.staff.email, password: PASSWORD, name: 'laptop' }),
  },
  'GET /api/v1/me': { expect: withExtension(anyone(200)) },
  'DELETE /api/v1/me/token': { expect: withExtension(anyone(204)) },
  'GET /api/v1/me/tokens': { expect: anyone(200) },
  'POST /api/v1/me/tokens': { expect: anyone(201), body: () => ({ name: 'script' }) },
  'DELETE /api/v1/me/tokens/:id': {
    expect: anyone(204),
    path: (w, who) => `/api/v1/me/tokens/${w.tokenIds[who as Who] ?? 'none'}`,
  },
  'GET /api/v1/people': { expect: only(200, MANAGERS) },
  'POST /api/v1/people': {
    expect: only(201, ['admin']),
    body: () => ({ email: 'new@zuiver.test', name: 'Nieuw', role: 'staff' }),
  },
  'POST /api/v1/people/import': {
    expect: only(200, ['admin']),
    body: () => 'naam;email;rol;manager\nNieuw Persoon;nieuw@zuiver.test;staff;manager@zuiver.test\n',
    headers: { 'content-type': 'text/csv' },
  },
  'GET /api/v1/people/:id': { expect: only(200, MANAGERS), path: (w) => `/api/v1/people/${w.people.staff.id}` },
  'PATCH /api/v1/people/:id': {
    expect: only(200, ['admin']),
    path: (w) => `/api/v1/people/${w.people.otherStaff.id}`,
    body: () => ({ role: 'purchaser' }),
  },
  'POST /api/v1/people/:id/sign-out': {
    expect: only(200, ['admin']),
    path: (w) => `/api/v1/people/${w.people.otherStaff.id}/sign-out`,
  },
  'GET /api/v1/suppliers': { expect: anyone(200) },
  'POST /api/v1/suppliers': {
    expect: only(201, MANAGERS),
    body: () => ({ name: 'Nieuw Bouwbedrijf B.V.', kvk: ['55556666'] }),
  },
  'GET /api/v1/suppliers/export': { expect: only(200, MANAGERS) },
  'POST /api/v1/suppliers/import': {
    expect: only(200, MANAGERS),
    body: () => csv,
    headers: { 'content-type': 'text/csv' },
  },
  'GET /api/v1/suppliers/:id': { expect: anyone(200), path: (w) => `/api/v1/suppliers/${w.supplierId}` },
  'PATCH /api/v1/suppliers/:id': {
    expect: only(200, MANAGERS),
    path: (w) => `/api/v1/suppliers/${w.supplierId}`,
    body: () => ({ aliases: ['Testers'] }),
  },
  'DELETE /api/v1/suppliers/:id': {
    expect: only(200, MANAGERS),
    path: (w) => `/api/v1/suppliers/${w.otherSupplierId}`,
  },
  'POST /api/v1/suppliers/:id/merge': {
    expect: only(200, MANAGERS),
    path: (w) => `/api/v1/suppliers/${w.otherSupplierId}/merge`,
    body: (w) => ({ into: w.supplierId }),
  },
  'GET /api/v1/negotiations': { expect: anyone(200) },
  'POST /api/v1/negotiations': {
    expect: only(201, BUYERS),
    body: (w) => ({ supplierId: w.otherSupplierId, reference: 'T-2', subject: 'Schilderwerk', stage: 'talks' }),
  },
  'PATCH /api/v1/negotiations/:id': {
    expect: only(200, ['ownerPurchaser', ...MANAGERS]),
    path: (w) => `/api/v1/negotiations/${w.negotiationId}`,
    body: () => ({ stage: 'negotiation' }),
  },
  'GET /api/v1/negotiations/:id': {
    // Staff see only the negotiations whose team they are on: `staff` is on the world's team, `otherStaff` not.
    expect: anyone(200, { otherStaff: 404 }),
    path: (w) => `/api/v1/negotiations/${w.negotiationId}`,
  },
  'POST /api/v1/negotiations/:id/team': {
    expect: only(201, ['ownerPurchaser', ...MANAGERS]),
    path: (w) => `/api/v1/negotiations/${w.negotiationId}/team`,
    body: (w) => ({ personId: w.people.otherStaff.id }),
  },
  'DELETE /api/v1/negotiations/:id/team/:personId': {
    // The world's negotiation has `staff` on its team besides the owner.
    expect: only(204, ['ownerPurchaser', ...MANAGERS]),
    path: (w) => `/api/v1/negotiations/${w.negotiationId}/team/${w.people.staff.id}`,
  },
  'POST /api/v1/negotiations/:id/declaration': {
    // Only team members declare: the owner and `staff`; buyers who see it get 403, other staff 404.
    expect: anyone(403, { ownerPurchaser: 201, staff: 201, otherStaff: 404 }),
    path: (w) => `/api/v1/negotiations/${w.negotiationId}/declaration`,
    body: () => ({ conflict: true, note: 'Mijn broer werkt bij de inschrijver' }),
  },
  'POST /api/v1/negotiations/:id/recusals': {
    expect: only(201, ['ownerPurchaser', ...MANAGERS]),
    path: (w) => `/api/v1/negotiations/${w.negotiationId}/recusals`,
    body: (w) => ({ personId: w.people.staff.id, reason: 'Broer werkt bij de inschrijver' }),
  },
  'GET /api/v1/declarations': { expect: anyone(200) },
  'POST /api/v1/declarations': {
    expect: anyone(201),
    body: (w) => ({ kind: 'gift', supplierId: w.supplierId, valueEur: 20, form: 'goods' }),
  },
  'POST /api/v1/declarations/verdict': {
    expect: anyone(200),
    readOnly: true,
    body: (w) => ({ kind: 'gift', supplierId: w.supplierId, valueEur: 20, form: 'goods' }),
  },
  'GET /api/v1/declarations/:id': {
    expect: anyone(200, { otherStaff: 404, purchaser: 404, ownerPurchaser: 404 }),
    path: (w) => `/api/v1/declarations/${w.declarationId}`,
  },
  'POST /api/v1/declarations/:id/review': {
    expect: only(200, ['ownManager']),
    path: (w) => `/api/v1/declarations/${w.declarationId}/review`,
    body: () => ({ decision: 'acknowledged', note: 'Buiten de aanbesteding houden' }),
  },
  'POST /api/v1/declarations/:id/withdraw': {
    expect: anyone(200, {
      otherStaff: 404,
      purchaser: 404,
      ownerPurchaser: 404,
      manager: 403,
      ownManager: 403,
      admin: 403,
    }),
    path: (w) => `/api/v1/declarations/${w.declarationId}/withdraw`,
  },
  'POST /api/v1/declarations/:id/end': {
    expect: anyone(200, {
      otherStaff: 404,
      purchaser: 404,
      ownerPurchaser: 404,
      manager: 403,
      ownManager: 403,
      admin: 403,
    }),
    path: (w) => `/api/v1/declarations/${w.declarationId}/end`,
  },
  'PATCH /api/v1/declarations/:id': {
    expect: anyone(200, {
      otherStaff: 404,
      purchaser: 404,
      ownerPurchaser: 404,
      manager: 403,
      ownManager: 403,
      admin: 403,
    }),
    path: (w) => `/api/v1/declarations/${w.declarationId}`,
    body: () => ({ relation: 'zwager' }),
  },
  'GET /api/v1/attestations/mine': { expect: anyone(200) },
  'POST /api/v1/attestations/:id/confirm': {
    expect: anyone(200, { deactivated: 401 }),
    prepare: ownAttestation,
    // Staff has a live relationship to name; everyone else makes a nil return.
    body: (w, who) =>
      who === 'staff' || who === 'extension'
        ? { nothingToDeclare: false, stillCurrent: [w.declarationId] }
        : { nothingToDeclare: true },
  },
  'GET /api/v1/attestations/campaigns': { expect: only(200, MANAGERS) },
  'POST /api/v1/attestations/campaigns': {
    expect: only(201, ['admin']),
    body: () => ({ title: 'Bevestiging 2026', dueOn: '2026-12-31' }),
  },
  'GET /api/v1/attestations/campaigns/:id': {
    expect: only(200, MANAGERS),
    prepare: async (t, w) => `/api/v1/attestations/campaigns/${await campaign(t, w)}`,
  },
  'GET /api/v1/mail/settings': { expect: anyone(200) },
  'PATCH /api/v1/mail/settings': { expect: anyone(200), body: () => ({ language: 'en' }) },
  'GET /api/v1/mail/outbox': { expect: only(200, ['admin']) },
  'POST /api/v1/flag-reports': {
    expect: withExtension(anyone(201)),
    body: (w) => ({
      supplierId: w.supplierId,
      matched: 'Bouwbedrijf Testers B.V.',
      kind: 'name',
      host: 'outlook.office.com',
      reason: 'person',
    }),
  },
  'GET /api/v1/flag-reports': {
    expect: only(200, MANAGERS),
    path: (w) => `/api/v1/flag-reports?supplierId=${w.supplierId}`,
  },
  'PATCH /api/v1/flag-reports/:id': {
    expect: only(200, MANAGERS),
    path: (w) => `/api/v1/flag-reports/${w.flagReportId}`,
    body: () => ({ resolved: true }),
  },
  'GET /api/v1/policy': { expect: anyone(200) },
  'PUT /api/v1/policy': { expect: only(200, ['admin']), body: () => POLICY },
  'GET /api/v1/audit': { expect: only(200, MANAGERS) },
  'GET /api/v1/audit/verify': { expect: only(200, MANAGERS) },
  'GET /api/v1/reports/yearly': { expect: only(200, MANAGERS) },
  'GET /api/v1/watchlist': { expect: withExtension(anyone(200)) },
  'GET /api/v1/watchlist/events': { expect: withExtension(anyone(200)), stream: true },
  'POST /api/v1/check': {
    expect: withExtension(anyone(200)),
    readOnly: true,
    body: () => ({ texts: ['Offerte van Bouwbedrijf Testers B.V.'] }),
  },
};

/** The policy as the API answers it, sent back unchanged by the PUT row. */
let POLICY: unknown;

useAccessTable({
  table: TABLE,
  callers: CALLERS,
  // Web pages (spec.web) have their own table, with sessions instead of tokens: web-access.test.ts; so has SCIM
  // (spec.scim), with its own token scope: scim-access.test.ts.
  covers: (r) => !r.spec.web && !r.spec.scim,
  coverage: {
    title: 'every route of the app has a row in this table, and every row a route',
    routesWithoutRow: 'routes without a row',
    rowsWithoutRoute: 'rows without a route',
  },
  before: async (t, w) => void (POLICY = (await t.call('GET', '/api/v1/policy', { token: w.tokens.admin })).body),
  check: checkApiRow,
});
