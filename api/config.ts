import type { OidcConfig } from './auth/oidc.ts';

/** The process's settings, read once from the environment (the contract outside scripts rely on). */
import { BlockList, isIP } from 'node:net';
import { bareAddress, parseTrustProxy } from './auth/client-address.ts';

export interface ServerEnv {
  databaseUrl: string;
  databaseAuthToken?: string;
  host: string;
  port: number;
  rateLimitPerMinute: number;
  publicUrl: string;
  /** Seed demo data into an empty registry and serve the demo pages. */
  demo: boolean;
  /** `smtp://user:pass@host:587` (or smtps://); unset: no mail is sent. */
  smtpUrl?: string;
  mailFrom: string;
  /** Proxies whose `X-Forwarded-For` is believed (see client-address.ts). */
  trustProxy: string[];
  oidc?: OidcConfig;
}

function intFrom(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number, not "${value}"`);
  return n;
}

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

/** Whether `host` is reachable only from this computer: `localhost`, 127.0.0.0/8 or ::1. */
export function isLoopback(host: string): boolean {
  const a = bareAddress(host);
  const family = isIP(a);
  return a === 'localhost' || (family !== 0 && LOOPBACK.check(a, family === 4 ? 'ipv4' : 'ipv6'));
}

/**
 * Demo data (four accounts, one of them an admin, sharing one password) only where asked for: `ZUIVER_DEMO=1`
 * always, `ZUIVER_DEMO=0` never, and otherwise only on a server that only this computer can reach.
 */
function demoFrom(value: string | undefined, host: string, nodeEnv: string | undefined): boolean {
  if (value === '1') return true;
  if (value === '0') return false;
  if (value !== undefined && value !== '') throw new Error(`ZUIVER_DEMO must be 1 or 0, not "${value}"`);
  return nodeEnv !== 'production' && isLoopback(host);
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
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM || 'Zuiver <zuiver@localhost>',
    demo: demoFrom(env.ZUIVER_DEMO, host, env.NODE_ENV),
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    oidc: readOidc(env),
  };
}

/** Single sign-on is on when the issuer and the client id are set; half a configuration stops the start. */
function readOidc(env: NodeJS.ProcessEnv): OidcConfig | undefined {
  const { OIDC_ISSUER: issuer, OIDC_CLIENT_ID: clientId, OIDC_CLIENT_SECRET: clientSecret } = env;
  if (!issuer && !clientId) return undefined;
  if (!issuer || !clientId)
    throw new Error(
      'Single sign-on needs both OIDC_ISSUER and OIDC_CLIENT_ID (and OIDC_CLIENT_SECRET for a confidential client).',
    );
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
