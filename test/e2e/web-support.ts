/**
 * What the web UI's browser tests share: a registry in the real server process filled through the CLI and the
 * API (one person per role, suppliers, a negotiation), sign-in through the real form once per role (the sign-in
 * limiter allows 10 per address), a screenshot into test-results/ when a step fails, and axe-core.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Cookie, Page } from 'playwright-core';
import { ROOT, type RunningServer } from '../support/server.ts';

export const PASSWORD = 'e2e-wachtwoord-2026';
export const XSS_NAME = '<img src=x onerror=alert(1)>';

export const PEOPLE = {
  admin: { email: 'beheer@e2e.example', name: 'Bea Beheer', role: 'admin' },
  manager: { email: 'manager@e2e.example', name: 'Max Manager', role: 'manager' },
  purchaser: { email: 'inkoper@e2e.example', name: 'Ivo Inkoper', role: 'purchaser', manager: 'manager@e2e.example' },
  staff: { email: 'medewerker@e2e.example', name: 'Mila Medewerker', role: 'staff', manager: 'manager@e2e.example' },
  colleague: { email: 'collega@e2e.example', name: 'Cas Collega', role: 'staff', manager: 'manager@e2e.example' },
} as const;
export type Role = keyof typeof PEOPLE;

export interface World {
  tokens: Record<Role, string>;
  suppliers: { jansen: string; kwast: string; xss: string };
  negotiation: string;
  colleagueGift: string;
  xssDeclaration: string;
}

export async function api(server: RunningServer, token: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${server.url}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = await res.json();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

/** People through the CLI (as an operator adds them), everything else through the API. */
export async function seedWorld(server: RunningServer): Promise<World> {
  const tokens = {} as Record<Role, string>;
  for (const [role, p] of Object.entries(PEOPLE)) {
    const args = ['user', 'add', '--email', p.email, '--name', p.name, '--role', p.role, '--password', PASSWORD];
    if ('manager' in p) args.push('--manager', p.manager);
    tokens[role as Role] = await server.cliToken(args);
  }
  const supplier = async (name: string, kvk: string) =>
    (await api(server, tokens.manager, 'POST', '/suppliers', { name, kvk: [kvk], status: 'contracted' })).id as string;
  const suppliers = {
    jansen: await supplier('Bouwbedrijf Jansen Vlaardingen B.V.', '24123456'),
    kwast: await supplier('Schildersbedrijf De Kwast V.O.F.', '27345678'),
    xss: await supplier(XSS_NAME, '99990001'),
  };
  const negotiation = (
    await api(server, tokens.purchaser, 'POST', '/negotiations', {
      supplierId: suppliers.jansen,
      reference: 'AB-2026-014',
      subject: 'Groot onderhoud Westwijk',
      stage: 'tender',
    })
  ).id;
  await api(server, tokens.purchaser, 'POST', '/negotiations', {
    supplierId: suppliers.xss,
    reference: 'AB-2026-099',
    subject: XSS_NAME,
    stage: 'talks',
  });
  const colleagueGift = (
    await api(server, tokens.colleague, 'POST', '/declarations', {
      kind: 'gift',
      supplierId: suppliers.kwast,
      valueEur: 20,
      form: 'goods',
      description: 'Bos bloemen',
    })
  ).id;
  const xssDeclaration = (
    await api(server, tokens.staff, 'POST', '/declarations', {
      kind: 'relationship',
      supplierId: suppliers.xss,
      relation: XSS_NAME,
      description: XSS_NAME,
    })
  ).id;
  return { tokens, suppliers, negotiation, colleagueGift, xssDeclaration };
}

/**
 * Signs `role` in through the sign-in form the first time, and afterwards puts that session's cookie back:
 * one browser, several people, and only as many sign-ins as roles.
 */
export function signer(context: BrowserContext, baseUrl: string) {
  const jars = new Map<Role, Cookie[]>();
  /** `null` signs out. The shared launcher asks for English pages (Debian's Chromium has only en-US): choose Dutch. */
  return async function signInAs(page: Page, role: Role | null): Promise<void> {
    await context.clearCookies();
    await context.addCookies([{ name: 'lang', value: 'nl', url: baseUrl }]);
    if (!role) return;
    const jar = jars.get(role);
    if (jar) return context.addCookies(jar);
    await page.goto(`${baseUrl}/login`);
    await page.getByLabel('E-mailadres').fill(PEOPLE[role].email);
    await page.getByLabel('Wachtwoord').fill(PASSWORD);
    await page.getByRole('button', { name: 'Aanmelden' }).click();
    await page.waitForURL(`${baseUrl}/`);
    jars.set(role, await context.cookies());
  };
}

const RESULTS = join(ROOT, 'test-results');

/** Runs `steps` on a fresh page; when they fail, the page as it was is saved as test-results/<name>.png. */
export async function onPage(
  context: BrowserContext,
  name: string,
  steps: (page: Page) => Promise<void>,
): Promise<void> {
  const page = await context.newPage();
  try {
    await steps(page);
  } catch (err) {
    mkdirSync(RESULTS, { recursive: true });
    const file = join(RESULTS, `${name.replace(/[^\w-]+/g, '-')}.png`);
    await page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
    throw Object.assign(err as Error, { message: `${(err as Error).message}\n(screenshot: ${file})` });
  } finally {
    await page.close();
  }
}

const AXE = readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');

/** The main pages, each with the role that opens it (null: signed out), as the axe-core test visits them. */
export const mainPages = (world: World): [Role | null, string][] => [
  [null, '/login'],
  ['staff', '/'],
  ['staff', '/declare'],
  ['staff', `/declare?kind=gift&supplier=${world.suppliers.jansen}`],
  ['staff', '/declare?kind=private_purchase'],
  ['staff', '/suppliers'],
  ['staff', '/account'],
  ['purchaser', '/negotiations'],
  ['purchaser', `/negotiations/${world.negotiation}`],
  ['purchaser', '/negotiations/new'],
  ['staff', '/negotiations'],
  ['manager', '/review'],
  ['manager', `/declarations/${world.colleagueGift}`],
  ['manager', `/suppliers/${world.suppliers.jansen}`],
  ['manager', '/suppliers/import'],
  ['manager', '/audit'],
  ['manager', '/reports'],
  ['admin', '/people'],
  ['admin', '/people/new'],
  ['admin', '/policy'],
];

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** axe-core's serious and critical violations on the page as it is now (evaluated over DevTools, past the CSP). */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run(): Promise<{
            violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[];
          }>;
        };
      }
    ).axe;
    const { violations } = await axe.run();
    return violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => String(n.target)) }));
  });
}
