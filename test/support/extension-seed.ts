/**
 * Fills a fresh registry (the real API process) with the fixture suppliers of ../shared/fixtures/watchlist.json,
 * each with a conflict, through the API as a manager would: negotiations, and relationship and private-purchase
 * declarations, so that all three kinds of flag appear. Fixture ids map to registry ids by legal name.
 * `startExtensionRig` adds the fixture pages around it, for the extension's end-to-end tests in each browser.
 */
import { hostilePage } from './hostile.ts';
import { readFile } from 'node:fs/promises';
import type { ConflictKind } from '../../core/vocabulary.ts';
import {
  expectedFlags,
  FIXTURES,
  PORTAL_HOST,
  WEBMAIL_HOST,
  servePages,
  streamedPage,
  structuresPage,
  type Coverage,
  type ExpectedFlags,
  type PageServer,
} from './pages.ts';
import { startServer, type RunningServer } from './server.ts';
import { waitFor } from './wait.ts';

interface FixtureSupplier {
  id: string;
  names: string[];
  domains: string[];
  kvk: string[];
  vat: string[];
}

interface SeededRegistry {
  token: string;
  manager: { email: string; name: string };
  /** fixture id -> registry id */
  ids: Map<string, string>;
  /** fixture id -> the legal name the registry knows it by */
  names: Map<string, string>;
  /** fixture id -> the one conflict it was given */
  kinds: Map<string, ConflictKind>;
}

async function fixtureSuppliers(): Promise<FixtureSupplier[]> {
  return JSON.parse(await readFile(new URL('watchlist.json', FIXTURES), 'utf8'));
}

/** Spreads the kinds over the suppliers so that every page shows each of them. */
function kindFor(index: number): ConflictKind {
  return (['negotiation', 'related', 'purchase'] as const)[index % 3];
}

async function seedRegistry(server: RunningServer): Promise<SeededRegistry> {
  const manager = { email: 'mara.manager@example.nl', name: 'Mara Manager' };
  const token = await server.cliToken([
    'user',
    'add',
    '--email',
    manager.email,
    '--name',
    manager.name,
    '--role',
    'manager',
  ]);
  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${server.url}/api/v1/${path}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (res.status !== 201) throw new Error(`POST ${path} ${JSON.stringify(body)}: ${res.status} ${await res.text()}`);
    return (await res.json()) as { id: string; name?: string };
  };

  const suppliers = await fixtureSuppliers();
  const seeded: SeededRegistry = { token, manager, ids: new Map(), names: new Map(), kinds: new Map() };
  const byName = new Map<string, string>();
  const today = new Date().toISOString().slice(0, 10);
  // A few at a time: the server is a separate process, and order does not matter.
  for (let i = 0; i < suppliers.length; i += 8) {
    await Promise.all(
      suppliers.slice(i, i + 8).map(async (s, j) => {
        const created = await post('suppliers', {
          name: s.names[0],
          aliases: s.names.slice(1),
          kvk: s.kvk,
          vat: s.vat,
          domains: s.domains,
          status: 'contracted',
        });
        byName.set(s.names[0], created.id);
        const kind = kindFor(i + j);
        seeded.kinds.set(s.id, kind);
        if (kind === 'negotiation') {
          await post('negotiations', {
            supplierId: created.id,
            reference: `AB-${2026}-${i + j}`,
            subject: 'Groot onderhoud',
            stage: 'tender',
          });
        } else if (kind === 'related') {
          await post('declarations', {
            kind: 'relationship',
            supplierId: created.id,
            relation: 'Zwager',
            description: 'Mijn zwager werkt er.',
          });
        } else {
          await post('declarations', {
            kind: 'private_purchase',
            supplierId: created.id,
            date: today,
            amountEur: 250,
            marketPrice: true,
            normalTerms: true,
          });
        }
      }),
    );
  }
  for (const s of suppliers) {
    seeded.ids.set(s.id, byName.get(s.names[0])!);
    seeded.names.set(s.id, s.names[0]);
  }
  return seeded;
}

export interface ExtensionRig {
  api: RunningServer;
  registry: SeededRegistry;
  pages: PageServer;
  /** By page name (the generated structures.html, streamed.html and hostile.html included): what must be flagged as which supplier, and what not. */
  expected: Record<string, ExpectedFlags>;
  /** The suppliers hostile.html names only in text nobody sees (fixture ids). */
  hiddenOnly: string[];
  /**
   * How the flags read from `page` differ from what `expected` says of it (restricted to the ids `only` accepts):
   * an element flagged that must not be, or one not flagged or drawn as another kind of conflict than its supplier's.
   */
  flagProblems(all: Coverage[], page: string, only?: (id: string) => boolean): string[];
  /**
   * Reads the flags with `read` (each browser's driver has its own way) until every element `expected` says must
   * be flagged on `page` (of those `only` accepts) is, or the wait times out; then the flagProblems of the last
   * read, so that a failure says what is wrong rather than that time ran out.
   */
  problemsOnceFlagged(
    page: string,
    read: () => Promise<Coverage[]>,
    only?: (id: string) => boolean,
    timeout?: number,
  ): Promise<string[]>;
  /** What the fixture server was asked for besides its pages and a favicon: the extension must send it nothing. */
  strayPageRequests(): string[];
  /** Of the URLs a browser requested, those neither of the API, of the fixture pages nor of the extension itself. */
  foreignRequests(urls: string[], extensionOrigin: string): string[];
  close(): Promise<void>;
}

/** The seeded API process and the fixture pages, which the browsers under test are then pointed at. */
export async function startExtensionRig(): Promise<ExtensionRig> {
  const expected = await expectedFlags();
  const suppliers = await fixtureSuppliers();
  const structures = structuresPage(suppliers);
  const streamed = streamedPage(suppliers);
  const hostile = hostilePage(suppliers);
  expected['hostile.html'] = hostile.expected;
  expected['structures.html'] = structures.expected;
  expected['streamed.html'] = streamed.expected;
  const api = await startServer({ env: { RATE_LIMIT_PER_MINUTE: '0' } });
  let registry: SeededRegistry;
  let pages: PageServer;
  try {
    registry = await seedRegistry(api);
    pages = await servePages({
      routes: {
        '/structures.html': structures.html,
        '/structures-frame.html': structures.frame,
        '/streamed.html': streamed.parts,
        '/hostile.html': hostile.html,
      },
    });
  } catch (err) {
    // The caller never gets a rig to close.
    await api.stop();
    throw err;
  }
  const flagProblems = (all: Coverage[], page: string, only: (id: string) => boolean = () => true): string[] => {
    const byId = new Map(all.map((c) => [c.id, c.hits]));
    const problems: string[] = [];
    for (const id of expected[page].noFlag.filter(only)) {
      const hits = byId.get(id);
      if (!hits) problems.push(`${id} is not on the page`);
      else if (hits.length)
        problems.push(
          `${id} must not be flagged, is drawn as ${hits.map((h) => `${h.highlight} over "${h.text}"`).join(', ')}`,
        );
    }
    for (const [id, supplier] of Object.entries(expected[page].flag).filter(([id]) => only(id))) {
      const want = `zuiver-${registry.kinds.get(supplier)}`;
      const drawn = byId.get(id)?.[0]?.highlight;
      if (drawn !== want)
        problems.push(`${id} must be drawn as ${want}, is ${drawn ? `drawn as ${drawn}` : 'not flagged'}`);
    }
    return problems;
  };
  return {
    api,
    registry,
    pages,
    expected,
    hiddenOnly: hostile.hiddenOnly,
    async problemsOnceFlagged(page, read, only = () => true, timeout = 10_000) {
      const mustFlag = Object.keys(expected[page].flag).filter(only);
      let last: Coverage[] = [];
      const allFlagged = (all: Coverage[]) => mustFlag.every((id) => all.find((c) => c.id === id)?.hits.length);
      await waitFor(`every flag of ${page}`, async () => (last = await read()), allFlagged, timeout).catch(
        () => undefined,
      );
      return flagProblems(last, page, only);
    },
    flagProblems,
    foreignRequests: (urls, extensionOrigin) => {
      const ours = [
        `${api.url}/`,
        `${extensionOrigin}/`,
        ...[PORTAL_HOST, WEBMAIL_HOST].map((host) => `https://${host}:${pages.port}/`),
      ];
      return urls.filter((url) => !ours.some((prefix) => url.startsWith(prefix)));
    },
    strayPageRequests: () =>
      pages.requests.filter(
        (r) =>
          !/ \/(tender-portal|webmail|structures|structures-frame|streamed|hostile)\.html$| \/favicon\.ico$/.test(r),
      ),
    async close() {
      try {
        await pages.close();
      } finally {
        await api.stop();
      }
    },
  };
}
