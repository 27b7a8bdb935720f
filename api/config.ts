/** The process's settings, read once from the environment (the contract outside scripts rely on). */
import { parseTrustProxy } from './client-address.ts';

export interface ServerEnv {
  databaseUrl: string;
  databaseAuthToken?: string;
  host: string;
  port: number;
  rateLimitPerMinute: number;
  publicUrl: string;
  demo: boolean;
  /** Proxies whose `X-Forwarded-For` is believed (see client-address.ts). */
  trustProxy: string[];
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
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
  };
}
