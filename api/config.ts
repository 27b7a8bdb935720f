import type { OidcConfig } from './auth/oidc.ts';

/** The process's settings, read once from the environment (the contract outside scripts rely on). */
export interface ServerEnv {
  databaseUrl: string;
  databaseAuthToken?: string;
  host: string;
  port: number;
  rateLimitPerMinute: number;
  publicUrl: string;
  demo: boolean;
  oidc?: OidcConfig;
}

function intFrom(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number, not "${value}"`);
  return n;
}

export function readEnv(env: NodeJS.ProcessEnv = process.env): ServerEnv {
  const host = env.HOST || '127.0.0.1';
  const port = intFrom('PORT', env.PORT, 8787);
  return {
    databaseUrl: env.DATABASE_URL || 'file:data/zuiver.db',
    databaseAuthToken: env.DATABASE_AUTH_TOKEN || undefined,
    host,
    port,
    rateLimitPerMinute: intFrom('RATE_LIMIT_PER_MINUTE', env.RATE_LIMIT_PER_MINUTE, 1200),
    publicUrl: (env.PUBLIC_URL || `http://${host.includes(':') ? `[${host}]` : host}:${port}`).replace(/\/$/, ''),
    demo: env.ZUIVER_DEMO !== '0' && env.NODE_ENV !== 'production',
    oidc: readOidc(env),
  };
}

/** Single sign-on is on when the issuer and the client id are set; half a configuration stops the start. */
function readOidc(env: NodeJS.ProcessEnv): OidcConfig | undefined {
  const { OIDC_ISSUER: issuer, OIDC_CLIENT_ID: clientId, OIDC_CLIENT_SECRET: clientSecret } = env;
  if (!issuer && !clientId) return undefined;
  if (!issuer || !clientId) throw new Error('Single sign-on needs both OIDC_ISSUER and OIDC_CLIENT_ID (and OIDC_CLIENT_SECRET for a confidential client).');
  try {
    new URL(issuer);
  } catch {
    throw new Error(`OIDC_ISSUER must be a URL, not "${issuer}"`);
  }
  return {
    issuer,
    clientId,
    clientSecret: clientSecret || undefined,
    emailClaim: env.OIDC_EMAIL_CLAIM || 'email',
    createPeople: env.OIDC_CREATE_PEOPLE === '1' || env.OIDC_CREATE_PEOPLE === 'true',
  };
}
