/**
 * The registry web UI, mounted at `/` by createApp. Server-rendered pages whose forms work without JavaScript;
 * every page is guarded like an API route (so the access test lists it) but only a web session opens it.
 */
import { Hono } from 'hono';
import type { SignInLimits } from '../auth/sign-in.ts';
import { isApiPath, type WebEnv } from './env.ts';
import { accountPages } from './pages/account.tsx';
import { assetPages } from './pages/assets.ts';
import { attestationPages } from './pages/attestations.tsx';
import { auditPages } from './pages/audit.tsx';
import { authPages } from './pages/auth.tsx';
import { campaignPages } from './pages/campaigns.tsx';
import { declarationEditPages } from './pages/declaration-edit.tsx';
import { declarationPages } from './pages/declarations.tsx';
import { declarePages } from './pages/declare.tsx';
import { flagReportPages } from './pages/flag-reports.ts';
import { nameRulePages } from './pages/name-rules.ts';
import { mailPages } from './pages/mail.tsx';
import { negotiationNewPages } from './pages/negotiation-new.tsx';
import { negotiationTeamPages } from './pages/negotiation-team.tsx';
import { negotiationPages } from './pages/negotiations.tsx';
import { peopleImportPages } from './pages/people-import.tsx';
import { peoplePages } from './pages/people.tsx';
import { policyPages } from './pages/policy.tsx';
import { reportPages } from './pages/reports.tsx';
import { reviewPages } from './pages/review.tsx';
import { signInSettingsPages } from './pages/sign-in-settings.tsx';
import { ssoPages } from './pages/sso.tsx';
import { supplierImportPages } from './pages/supplier-import.tsx';
import { supplierPages } from './pages/suppliers.tsx';
import { checkCsrf, readSession } from './session.ts';
import { notFoundPage, webFrame } from './ui/errors.tsx';

export function webRoute(signInLimits: SignInLimits) {
  return (
    new Hono<WebEnv>()
      .use(webFrame)
      .use(readSession)
      .use(checkCsrf)
      .route('/', assetPages())
      .route('/', authPages(signInLimits))
      .route('/', ssoPages)
      .route('/', accountPages(signInLimits))
      .route('/', declarationPages)
      .route('/', declarationEditPages)
      .route('/', declarePages)
      // The fixed addresses (/suppliers/import, /negotiations/new) before the ones that take an id.
      .route('/', supplierImportPages)
      .route('/', nameRulePages)
      .route('/', flagReportPages)
      .route('/', supplierPages)
      .route('/', negotiationNewPages)
      .route('/', negotiationPages)
      .route('/', negotiationTeamPages)
      .route('/', reviewPages)
      .route('/', auditPages)
      .route('/', reportPages)
      .route('/', peopleImportPages)
      .route('/', peoplePages)
      .route('/', signInSettingsPages)
      .route('/', policyPages)
      .route('/', campaignPages)
      .route('/', attestationPages)
      .route('/', mailPages)
      // Last: any other address outside the API is a page that does not exist.
      .all('*', (c, next) => (isApiPath(c.req.path) ? next() : notFoundPage(c)))
  );
}
