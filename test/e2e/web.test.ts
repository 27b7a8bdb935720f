// @vitest-environment node
/**
 * The registry web UI in Debian's Chromium against the real server process and a real database file: each
 * role's main path, the refusals (another person's declaration, a post without its CSRF token), registry data
 * shown as text, and axe-core on the main pages. A failing step leaves a screenshot in test-results/.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { browserMissing, launchChromium, type LaunchedChromium } from '../support/browser.ts';
import { startServer, type RunningServer } from '../support/server.ts';
import {
  api,
  mainPages,
  onPage,
  seedWorld,
  seriousViolations,
  signer,
  XSS_NAME,
  type Role,
  type World,
} from './web-support.ts';

const FIXTURE_CSV = fileURLToPath(new URL('../../../shared/fixtures/suppliers.csv', import.meta.url));
const LONG = 120_000;

describe.skipIf(browserMissing('chromium', 'web UI browser tests'))('the registry in the browser', () => {
  let server: RunningServer;
  let browser: LaunchedChromium;
  let world: World;
  let signInAs: (page: Page, role: Role | null) => Promise<void>;
  const url = (path: string) => `${server.url}${path}`;

  beforeAll(async () => {
    server = await startServer();
    world = await seedWorld(server);
    browser = await launchChromium({ extension: false });
    signInAs = signer(browser.context, server.url);
  }, LONG);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  test(
    'a staff member declares a gift from a supplier in negotiation and is told to decline',
    async () => {
      await onPage(browser.context, 'web-gift', async (page) => {
        await signInAs(page, 'staff');
        await page.goto(url('/declare'));
        await page.getByRole('link', { name: 'Geschenk' }).click();
        await page.getByLabel('Zoek een leverancier op naam of KvK-nummer').fill('Jansen');
        await page.getByRole('button', { name: 'Zoeken' }).click();
        await page.getByLabel('Bouwbedrijf Jansen Vlaardingen B.V.').check();
        await page.getByLabel('Geschatte waarde in euro').fill('35');
        await page.getByLabel('Omschrijving (optioneel)').fill('Fles wijn na de bouwvergadering');
        await page.getByRole('button', { name: 'Toets aan het beleid' }).click();
        await expect
          .poll(() => page.getByRole('status').innerText())
          .toContain('Van een leverancier in onderhandeling: weigeren.');
        // What was typed survives the check.
        expect(await page.getByLabel('Geschatte waarde in euro').inputValue()).toBe('35');
        await page.getByRole('button', { name: 'Melding indienen' }).click();
        await page.waitForURL(/\/declarations\/[\w-]+\?done=created$/);
        const text = await page.locator('main').innerText();
        expect(text).toContain('Niet toegestaan');
        expect(text).toContain('weigeren');
        expect(text).toContain('Fles wijn na de bouwvergadering');
      });
    },
    LONG,
  );

  test(
    'a manager acknowledges a relationship, links the supplier, and it shows up in the purchaser’s watchlist',
    async () => {
      const declared = await api(server, world.tokens.staff, 'POST', '/declarations', {
        kind: 'relationship',
        supplierName: 'De Kwast',
        relation: 'zwager',
        description: 'Mijn zwager is uitvoerder',
      });
      const watched = async () =>
        (await api(server, world.tokens.purchaser, 'GET', '/watchlist')).entries.find(
          (e: { id: string }) => e.id === world.suppliers.kwast,
        );
      expect(await watched()).toBeUndefined();
      await onPage(browser.context, 'web-review', async (page) => {
        await signInAs(page, 'manager');
        await page.goto(url('/review'));
        await page
          .getByRole('row', { name: /Mila Medewerker.*De Kwast/ })
          .getByRole('link', { name: 'Beoordelen' })
          .click();
        await page.waitForURL(url(`/declarations/${declared.id}`));
        await expect.poll(() => page.locator('aside').innerText()).toContain('Eerdere meldingen van Mila Medewerker');
        await page.getByRole('button', { name: 'Zoeken' }).last().click();
        await page.getByLabel('Schildersbedrijf De Kwast V.O.F. · KvK 27345678').check();
        await page.getByLabel('Akkoord').check();
        await page
          .getByLabel('Toelichting of vraag voor de melder')
          .fill('Mila blijft buiten de schilderwerk-aanbesteding.');
        await page.getByRole('button', { name: 'Besluit vastleggen' }).click();
        await page.waitForURL(/\?done=reviewed$/);
        expect(await page.getByRole('status').innerText()).toContain('Het besluit is vastgelegd.');
      });
      const entry = await watched();
      expect(entry?.conflicts.map((c: { kind: string }) => c.kind)).toContain('related');
    },
    LONG,
  );

  test(
    'a manager imports the ERP supplier list: a preview with the counts, then the import',
    async () => {
      const rows = readFileSync(FIXTURE_CSV, 'utf8').trim().split('\n').length - 1;
      await onPage(browser.context, 'web-import', async (page) => {
        await signInAs(page, 'manager');
        await page.goto(url('/suppliers'));
        await page.getByRole('button', { name: 'CSV importeren' }).click();
        await page.getByLabel('CSV-bestand').setInputFiles(FIXTURE_CSV);
        await page.getByRole('button', { name: 'Bekijk wat er verandert' }).click();
        const preview = await page.getByRole('status').innerText();
        expect(preview).toContain('Voorbeeld — nog niets opgeslagen');
        expect(preview).toContain(`Toegevoegd: ${rows} · bijgewerkt: 0 · ongewijzigd: 0 · afgewezen: 0`);
        await page.getByRole('button', { name: 'Importeren' }).click();
        const result = await page.getByRole('status').innerText();
        expect(result).toContain('Geïmporteerd');
        expect(result).toContain(`Toegevoegd: ${rows} · bijgewerkt: 0 · ongewijzigd: 0 · afgewezen: 0`);
        const first = readFileSync(FIXTURE_CSV, 'utf8').split('\n')[1].split(';')[0];
        await page.goto(url(`/suppliers?q=${encodeURIComponent(first)}`));
        await expect.poll(() => page.locator('tbody').innerText()).toContain(first);
      });
    },
    LONG,
  );

  test(
    'a staff member cannot open another person’s declaration by its address: 404',
    async () => {
      await onPage(browser.context, 'web-404', async (page) => {
        await signInAs(page, 'staff');
        const res = await page.goto(url(`/declarations/${world.colleagueGift}`));
        expect(res?.status()).toBe(404);
        expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Niet gevonden');
        expect(await page.locator('body').innerText()).not.toContain('Bos bloemen');
      });
    },
    LONG,
  );

  test(
    'a form posted without its CSRF token is refused and saves nothing',
    async () => {
      const before = (await api(server, world.tokens.staff, 'GET', '/declarations')).total;
      await onPage(browser.context, 'web-csrf', async (page) => {
        await signInAs(page, 'staff');
        await page.goto(url(`/declare?kind=gift&supplier=${world.suppliers.kwast}`));
        await page.getByLabel('Geschatte waarde in euro').fill('10');
        await page.locator('input[name="_csrf"]').evaluateAll((inputs) => inputs.forEach((i) => i.remove()));
        const [response] = await Promise.all([
          page.waitForResponse((r) => r.request().method() === 'POST'),
          page.getByRole('button', { name: 'Melding indienen' }).click(),
        ]);
        expect(response.status()).toBe(403);
        expect(await page.locator('main').innerText()).toContain(
          'Dit formulier is verlopen of kwam niet van deze site.',
        );
      });
      expect((await api(server, world.tokens.staff, 'GET', '/declarations')).total).toBe(before);
    },
    LONG,
  );

  test(
    'a supplier named like an HTML tag is shown as text everywhere, and nothing runs',
    async () => {
      const where: [Role, string][] = [
        ['manager', `/suppliers?q=${encodeURIComponent('<img')}`],
        ['manager', `/suppliers/${world.suppliers.xss}`],
        ['manager', '/negotiations'],
        ['manager', '/review'],
        ['manager', `/declarations/${world.xssDeclaration}`],
        ['purchaser', `/suppliers/${world.suppliers.xss}`],
        ['purchaser', '/negotiations/new'],
        ['staff', '/'],
        ['staff', `/declarations/${world.xssDeclaration}`],
        ['staff', `/declare?kind=gift&supplier=${world.suppliers.xss}`],
      ];
      await onPage(browser.context, 'web-xss', async (page) => {
        const dialogs: string[] = [];
        page.on('dialog', (d) => {
          dialogs.push(d.message());
          void d.dismiss();
        });
        for (const [role, path] of where) {
          await signInAs(page, role);
          await page.goto(url(path));
          if (path === '/negotiations/new') {
            await page.getByLabel('Zoek een leverancier op naam of KvK-nummer').fill('99990001');
            await page.getByRole('button', { name: 'Zoeken' }).click();
          }
          expect(await page.locator('img').count(), path).toBe(0);
          await expect.poll(() => page.locator('main').innerText(), { message: path }).toContain(XSS_NAME);
        }
        expect(dialogs).toEqual([]);
      });
    },
    LONG,
  );

  test(
    'an owner builds a team, a member declares a conflict, the owner keeps them out and awards',
    async () => {
      const opened = await api(server, world.tokens.purchaser, 'POST', '/negotiations', {
        supplierId: world.suppliers.kwast,
        reference: 'AB-2026-020',
        subject: 'Schilderwerk scholen',
        stage: 'tender',
      });
      const path = `/negotiations/${opened.id}`;
      await onPage(browser.context, 'web-team-owner', async (page) => {
        await signInAs(page, 'purchaser');
        await page.goto(url(path));
        await page.getByLabel('Zoek een collega voor het team, op naam of e-mail').fill('Cas');
        await page.getByRole('button', { name: 'Zoeken' }).first().click();
        await page.getByLabel('Cas Collega · collega@e2e.example').check();
        await page.getByRole('button', { name: 'Aan het team toevoegen' }).click();
        await page.waitForURL(/\?done=teamAdded$/);
        await page.getByLabel('Geen conflict met deze leverancier').check();
        await page.getByRole('button', { name: 'Verklaring vastleggen' }).click();
        await page.waitForURL(/\?done=declared$/);
        expect(await page.locator('#team-title + p + ul').innerText()).toMatch(/Cas Collega · Moet nog verklaren/);
      });
      await onPage(browser.context, 'web-team-member', async (page) => {
        await signInAs(page, 'colleague');
        await page.goto(url('/'));
        await page.getByRole('link', { name: 'Inkooptrajecten' }).click();
        await page.getByRole('link', { name: 'AB-2026-020' }).click();
        await page.getByLabel('Ja, een conflict').check();
        await page.getByLabel('Toelichting').fill('Mijn zwager is uitvoerder bij De Kwast.');
        await page.getByRole('button', { name: 'Verklaring vastleggen' }).click();
        await page.waitForURL(/\?done=declared$/);
        expect(await page.getByRole('status').innerText()).toContain('Je verklaring is vastgelegd.');
      });
      await onPage(browser.context, 'web-team-recusal', async (page) => {
        await signInAs(page, 'purchaser');
        await page.goto(url(path));
        // Awarding first is refused, naming who holds it up.
        await page.locator('select[name="status"]').selectOption({ label: 'Gegund' });
        await page.getByRole('button', { name: 'Opslaan' }).click();
        await expect
          .poll(() => page.locator('main').innerText())
          .toContain('Gunnen kan nog niet: buiten de inkoop te houden: Cas Collega.');
        const member = page.locator('li', { hasText: 'Cas Collega · Conflict: buiten deze inkoop houden' });
        expect(await member.getByRole('textbox').inputValue()).toBe('Mijn zwager is uitvoerder bij De Kwast.');
        await member.getByRole('button', { name: 'Buiten deze inkoop houden' }).click();
        await page.waitForURL(/\?done=recusal$/);
        expect(await page.locator('#team-title + p + ul').innerText()).not.toContain('Cas Collega');
        expect(await page.locator('main').innerText()).toMatch(
          /Cas Collega\s*: Mijn zwager is uitvoerder bij De Kwast\./,
        );
        await page.locator('select[name="status"]').selectOption({ label: 'Gegund' });
        await page.getByRole('button', { name: 'Opslaan' }).click();
        await page.waitForURL(/\?done=updated$/);
      });
      const negotiation = (await api(server, world.tokens.manager, 'GET', `/negotiations/${opened.id}`)) as {
        status: string;
        team: { name: string }[];
      };
      expect(negotiation.status).toBe('awarded');
      expect(negotiation.team.map((m) => m.name)).toEqual(['Ivo Inkoper']);
    },
    LONG,
  );

  test(
    'axe-core finds no serious or critical violation on the main pages',
    async () => {
      const pages = mainPages(world);
      await onPage(browser.context, 'web-axe', async (page) => {
        const found: Record<string, unknown> = {};
        for (const [role, path] of pages) {
          await signInAs(page, role);
          const res = await page.goto(url(path));
          expect(res?.status(), path).toBe(200);
          const violations = await seriousViolations(page);
          if (violations.length) found[`${role ?? 'anonymous'} ${path}`] = violations;
        }
        expect(found).toEqual({});
      });
    },
    LONG,
  );
});
