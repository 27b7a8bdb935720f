/**
 * Every web page and form post x every kind of caller -> the status it must get, the web sibling of
 * access.test.ts. The table is checked against the app's own list of web routes (guards with `web: true`), so a
 * new page without a row fails. Each case copies the same world database, signs the caller in by creating a
 * session directly, and sends a valid request with the session's CSRF token: the status says only who may do what.
 */
import { PRESETS } from '../../core/policy.ts';
import { campaign, useAccessTable } from '../support/access-table.ts';
import { PASSWORD, type World } from '../support/app.ts';
import {
  BUYERS,
  CALLERS,
  MANAGERS,
  NOT_YOURS,
  anyone,
  checkWebRow,
  only,
  ownAttestation,
  publicPage,
  type Row,
} from '../support/web-access.ts';

const csv = 'naam;kvk;btw;domein;status\nNieuw Bouwbedrijf B.V.;55556666;;nieuwbouw.nl;prospect\n';

/** The samenwerking preset as the policy form posts it. */
function policyForm(): Record<string, string> {
  const r = PRESETS.samenwerking;
  const form: Record<string, string> = {
    action: 'save',
    code: r.code,
    'gifts.personalAllowed': 'on',
    'gifts.wholeCompanyAllowed': 'on',
    'gifts.limitEur': String(r.gifts.limitEur),
    'invitations.multiDayAllowed': 'on',
    purchaseWindowMonths: '12',
    retentionYears: '7',
    'counsellor.name': r.counsellor.name,
    'counsellor.contact': r.counsellor.contact,
  };
  for (const [key, text] of Object.entries(r.texts))
    Object.assign(form, { [`texts.${key}.nl`]: text.nl, [`texts.${key}.en`]: text.en });
  return form;
}

const supplierForm = {
  name: 'Bouwbedrijf Testers B.V.',
  aliases: 'Testers',
  kvk: '11112222',
  vat: '',
  domains: 'testers.nl',
  status: 'contracted',
  lastBusinessDate: '',
  notes: '',
};
/** Keyed by the route as the app lists it: `METHOD /path/:param`. */
const TABLE: Record<string, Row> = {
  'GET /assets/style.css': { expect: publicPage(200), public: true },
  'GET /assets/name-rules.js': { expect: publicPage(200), public: true },
  'GET /lang': { expect: publicPage(303), public: true, path: () => '/lang?to=en&next=%2F' },
  // Someone already signed in is sent on instead of being shown the form again.
  'GET /login': { expect: publicPage(303, { anonymous: 200, deactivated: 200, token: 200 }), public: true },
  'POST /login': {
    expect: publicPage(303),
    public: true,
    cookie: 'zuiver_login=double-submit-token',
    form: (w) => ({ _login: 'double-submit-token', email: w.people.staff.email, password: PASSWORD }),
  },
  // Without OIDC_ISSUER (as here) single sign-on answers a page that says it is not set up; sso.test.ts runs the flow.
  'GET /login/oidc': { expect: publicPage(404), public: true },
  'GET /login/oidc/extension': {
    expect: publicPage(404),
    public: true,
    path: () =>
      `/login/oidc/extension?redirect_uri=${encodeURIComponent('https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/')}&state=0123456789abcdef`,
  },
  'GET /login/oidc/callback': {
    expect: publicPage(404),
    public: true,
    path: () => '/login/oidc/callback?code=x&state=y',
  },
  'POST /logout': { expect: anyone(303) },
  'GET /': { expect: anyone(200) },
  'GET /declarations/:id': { expect: anyone(200, NOT_YOURS), path: (w) => `/declarations/${w.declarationId}` },
  'POST /declarations/:id/withdraw': {
    expect: anyone(303, { ...NOT_YOURS, manager: 403, ownManager: 403, admin: 403 }),
    path: (w) => `/declarations/${w.declarationId}/withdraw`,
  },
  'POST /declarations/:id/end': {
    expect: anyone(303, { ...NOT_YOURS, manager: 403, ownManager: 403, admin: 403 }),
    path: (w) => `/declarations/${w.declarationId}/end`,
  },
  'POST /declarations/:id/review': {
    expect: only(303, ['ownManager']),
    path: (w) => `/declarations/${w.declarationId}/review`,
    form: () => ({ decision: 'acknowledged', note: 'Buiten de aanbesteding houden' }),
  },
  'GET /declarations/:id/edit': {
    expect: anyone(200, { ...NOT_YOURS, manager: 403, ownManager: 403, admin: 403 }),
    path: (w) => `/declarations/${w.declarationId}/edit`,
  },
  'POST /declarations/:id/edit': {
    expect: anyone(303, { ...NOT_YOURS, manager: 403, ownManager: 403, admin: 403 }),
    path: (w) => `/declarations/${w.declarationId}/edit`,
    form: (w) => ({
      kind: 'relationship',
      supplierId: w.supplierId,
      relation: 'zwager',
      description: 'Mijn zwager werkt hier',
      action: 'submit',
    }),
  },
  'GET /attestations': { expect: anyone(200) },
  'POST /attestations/:id/confirm': {
    expect: anyone(303),
    prepare: ownAttestation,
    // Staff has a live relationship to name; everyone else makes a nil return.
    form: (w, who) =>
      who === 'staff' ? { [`d.${w.declarationId}`]: 'current', answer: 'everything' } : { answer: 'nothing' },
  },
  'GET /attestations/campaigns': { expect: only(200, MANAGERS) },
  'POST /attestations/campaigns': {
    expect: only(303, ['admin']),
    form: () => ({ title: 'Bevestiging 2026', dueOn: '2026-12-31' }),
  },
  'GET /attestations/campaigns/:id': {
    expect: only(200, MANAGERS),
    prepare: async (t, w) => `/attestations/campaigns/${await campaign(t, w)}`,
  },
  'GET /account/mail': { expect: anyone(200) },
  'POST /account/mail': { expect: anyone(303), form: () => ({ language: 'en' }) },
  'GET /mail': { expect: only(200, ['admin']) },
  'GET /declare': { expect: anyone(200), path: (w) => `/declare?kind=gift&supplier=${w.supplierId}` },
  'POST /declare': {
    expect: anyone(303),
    form: (w) => ({ kind: 'gift', supplierId: w.supplierId, form: 'goods', valueEur: '20', action: 'submit' }),
  },
  'GET /account': { expect: anyone(200) },
  'POST /account/password': {
    expect: anyone(303),
    form: () => ({ current: PASSWORD, password: 'a new long password', repeat: 'a new long password' }),
  },
  // The new token is shown on the page itself, once: 200.
  'POST /account/tokens': { expect: anyone(200), form: () => ({ name: 'laptop', scope: 'extension', expires: '90' }) },
  'POST /account/tokens/:id/revoke': {
    expect: anyone(303),
    path: (w, who) => `/account/tokens/${w.tokenIds[who as keyof World['tokenIds']] ?? 'none'}/revoke`,
  },
  'GET /suppliers': { expect: anyone(200) },
  'GET /suppliers/new': { expect: only(200, MANAGERS) },
  'POST /suppliers': {
    expect: only(303, MANAGERS),
    form: () => ({ name: 'Nieuw Bouwbedrijf B.V.', kvk: '55556666', status: 'prospect' }),
  },
  'GET /suppliers/:id': { expect: anyone(200), path: (w) => `/suppliers/${w.supplierId}` },
  'POST /suppliers/:id': {
    expect: only(303, MANAGERS),
    path: (w) => `/suppliers/${w.supplierId}`,
    form: () => supplierForm,
  },
  'POST /suppliers/:id/archive': {
    expect: only(303, MANAGERS),
    path: (w) => `/suppliers/${w.otherSupplierId}/archive`,
  },
  'POST /suppliers/:id/merge': {
    expect: only(303, MANAGERS),
    path: (w) => `/suppliers/${w.otherSupplierId}/merge`,
    form: (w) => ({ into: w.supplierId }),
  },
  'GET /suppliers/name-rules': {
    expect: only(200, MANAGERS),
    path: () => '/suppliers/name-rules?name=Stedin&alias=BAM',
  },
  'POST /suppliers/:id/flag-reports/:report': {
    expect: only(303, MANAGERS),
    path: (w) => `/suppliers/${w.supplierId}/flag-reports/${w.flagReportId}`,
    form: () => ({ resolved: '1' }),
  },
  'GET /suppliers/import': { expect: only(200, MANAGERS) },
  'POST /suppliers/import': { expect: only(200, MANAGERS), form: () => ({ action: 'confirm', text: csv }) },
  'GET /suppliers/export': { expect: only(200, MANAGERS) },
  'GET /negotiations': { expect: anyone(200) },
  'GET /negotiations/new': { expect: only(200, BUYERS) },
  'POST /negotiations': {
    expect: only(303, BUYERS),
    form: (w) => ({
      action: 'submit',
      supplierId: w.otherSupplierId,
      reference: 'T-2',
      subject: 'Schilderwerk',
      stage: 'talks',
    }),
  },
  // Staff see a negotiation whose team they are on: `staff` is on the world's team, `otherStaff` not.
  'GET /negotiations/:id': {
    expect: anyone(200, { otherStaff: 404 }),
    path: (w) => `/negotiations/${w.negotiationId}`,
  },
  'POST /negotiations/:id': {
    expect: only(303, ['ownerPurchaser', ...MANAGERS]),
    path: (w) => `/negotiations/${w.negotiationId}`,
    form: () => ({ stage: 'negotiation', status: 'open' }),
  },
  'POST /negotiations/:id/recusals': {
    expect: only(303, ['ownerPurchaser', ...MANAGERS]),
    path: (w) => `/negotiations/${w.negotiationId}/recusals`,
    form: (w) => ({ personId: w.people.staff.id, reason: 'Broer werkt bij de inschrijver' }),
  },
  'POST /negotiations/:id/team': {
    expect: only(303, ['ownerPurchaser', ...MANAGERS]),
    path: (w) => `/negotiations/${w.negotiationId}/team`,
    form: (w) => ({ personId: w.people.otherStaff.id }),
  },
  'POST /negotiations/:id/team/:personId/remove': {
    expect: only(303, ['ownerPurchaser', ...MANAGERS]),
    path: (w) => `/negotiations/${w.negotiationId}/team/${w.people.staff.id}/remove`,
  },
  'POST /negotiations/:id/declaration': {
    // Only team members (the owner and `staff`) declare; buyers who see it get 403, other staff 404.
    expect: anyone(403, { ownerPurchaser: 303, staff: 303, otherStaff: 404 }),
    path: (w) => `/negotiations/${w.negotiationId}/declaration`,
    form: () => ({ conflict: 'yes', note: 'Mijn broer werkt bij de inschrijver' }),
  },
  'GET /review': { expect: only(200, MANAGERS) },
  'GET /audit': { expect: only(200, MANAGERS) },
  'GET /reports': { expect: only(200, MANAGERS) },
  'GET /reports/yearly.csv': { expect: only(200, MANAGERS) },
  'GET /people': { expect: only(200, ['admin']) },
  'GET /people/new': { expect: only(200, ['admin']) },
  'POST /people': {
    expect: only(303, ['admin']),
    form: () => ({ email: 'new@zuiver.test', name: 'Nieuw', role: 'staff', managerId: '' }),
  },
  'GET /people/:id': { expect: only(200, ['admin']), path: (w) => `/people/${w.people.staff.id}` },
  'POST /people/:id/sign-out': {
    expect: only(303, ['admin']),
    path: (w) => `/people/${w.people.otherStaff.id}/sign-out`,
  },
  'POST /people/:id': {
    expect: only(303, ['admin']),
    path: (w) => `/people/${w.people.otherStaff.id}`,
    form: (w) => ({ name: 'Test otherStaff', role: 'purchaser', managerId: w.people.manager.id, active: 'on' }),
  },
  'GET /people/import': { expect: only(200, ['admin']) },
  'POST /people/import': {
    expect: only(200, ['admin']),
    form: () => ({
      action: 'confirm',
      text: 'naam;email;rol;manager\nNieuw Persoon;nieuw@zuiver.test;staff;manager@zuiver.test\n',
    }),
  },
  'GET /settings/sign-in': { expect: only(200, ['admin']) },
  'POST /settings/sign-in': { expect: only(303, ['admin']), form: () => ({}) },
  'GET /policy': { expect: only(200, ['admin']) },
  'POST /policy': { expect: only(303, ['admin']), form: policyForm },
};

useAccessTable({
  table: TABLE,
  callers: CALLERS,
  covers: (r) => !!r.spec.web,
  coverage: {
    title: 'every web page and form post has a row in this table, and every row a route',
    routesWithoutRow: 'web routes without a row',
    rowsWithoutRoute: 'rows without a web route',
  },
  check: checkWebRow,
});
