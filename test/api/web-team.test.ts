/**
 * The team on a negotiation's page, through `app.request()`: the owner adds a colleague found by name, the
 * colleague finds the negotiation and declares, the owner keeps a conflicted member out in one step and awards.
 * The world: `ownerPurchaser` owns T-1 with `staff` (who declared a relationship with its supplier) on its team.
 */
import { afterEach, beforeEach, expect, test } from 'vitest';
import { buildWorld, openTestApp, type TestApp, type World } from '../support/app.ts';
import { getPage, postForm, sessionFor, visibleText, type WebSession } from './web-client.ts';

let t: TestApp;
let w: World;
let owner: WebSession;
let staff: WebSession;
let otherStaff: WebSession;

beforeEach(async () => {
  t = await openTestApp();
  w = await buildWorld(t);
  [owner, staff, otherStaff] = await Promise.all(
    [w.people.ownerPurchaser.id, w.people.staff.id, w.people.otherStaff.id].map((id) => sessionFor(t, id)),
  );
});
afterEach(() => t.registry.close());

const page = () => `/negotiations/${w.negotiationId}`;
const text = async (path: string, session: WebSession) => visibleText((await getPage(t, path, session)).html);

test('the owner adds a colleague; the colleague finds the negotiation in their menu and declares no conflict', async () => {
  expect((await getPage(t, page(), otherStaff)).status).toBe(404);
  const search = await getPage(t, `${page()}?member=otherStaff`, owner);
  expect(search.html).toContain(`value="${w.people.otherStaff.id}"`);
  const added = await postForm(t, `${page()}/team`, owner, { personId: w.people.otherStaff.id });
  expect(added.location).toBe(`${page()}?done=teamAdded`);
  expect(await text('/negotiations', otherStaff)).toContain('T-1');
  expect((await getPage(t, page(), otherStaff)).html).toContain('Jouw verklaring');
  expect((await postForm(t, `${page()}/declaration`, otherStaff, { conflict: 'no', note: '' })).status).toBe(303);
  expect(await text(page(), owner)).toMatch(/Test otherStaff · Geen conflict/);
  // Taken off again, the colleague no longer sees it.
  expect((await postForm(t, `${page()}/team/${w.people.otherStaff.id}/remove`, owner, {})).status).toBe(303);
  expect((await getPage(t, page(), otherStaff)).status).toBe(404);
  expect(await text('/negotiations', otherStaff)).toContain('Je zit in geen enkel inkoopteam.');
});

test('a member with a live relationship sees it pre-filled and must explain "no conflict"', async () => {
  const form = await getPage(t, page(), staff);
  expect(visibleText(form.html)).toContain('Wat je zelf bij deze leverancier hebt gemeld: Relatie · broer');
  expect(form.html).toMatch(/value="yes" checked/);
  const bare = await postForm(t, `${page()}/declaration`, staff, { conflict: 'no', note: '' });
  expect(bare.status).toBe(400);
  expect(visibleText(bare.html)).toContain('leg uit waarom het hier geen conflict is');
  expect(
    (await postForm(t, `${page()}/declaration`, staff, { conflict: 'no', note: 'Broer werkt op een andere afdeling' }))
      .status,
  ).toBe(303);
});

test('the award waits for the team; a conflicted member is kept out in one step, then the owner awards', async () => {
  const blocked = await postForm(t, page(), owner, { stage: 'tender', status: 'awarded' });
  expect(blocked.status).toBe(400);
  expect(visibleText(blocked.html)).toContain(
    'Gunnen kan nog niet: nog te verklaren door Test ownerPurchaser, Test staff.',
  );
  await postForm(t, `${page()}/declaration`, owner, { conflict: 'no', note: '' });
  await postForm(t, `${page()}/declaration`, staff, { conflict: 'yes', note: 'Mijn broer werkt bij de inschrijver' });
  const detail = await getPage(t, page(), owner);
  expect(visibleText(detail.html)).toContain('Test staff · Conflict: buiten deze inkoop houden');
  // The reason is filled in from the member's note; one post records the recusal and takes them off the team.
  expect(detail.html).toContain('Mijn broer werkt bij de inschrijver</textarea>');
  expect(
    (
      await postForm(t, `${page()}/recusals`, owner, {
        personId: w.people.staff.id,
        reason: 'Mijn broer werkt bij de inschrijver',
      })
    ).status,
  ).toBe(303);
  expect((await getPage(t, page(), staff)).status).toBe(404);
  expect((await postForm(t, page(), owner, { stage: 'tender', status: 'awarded' })).status).toBe(303);
  expect(await text(page(), owner)).toContain('Aanbesteding · Gegund');
});

test('the negotiation page names a declarant to the owner only while they are on the team', async () => {
  expect(await text(page(), owner)).toContain('Gemeld door: Test staff');
  expect((await postForm(t, `${page()}/team/${w.people.staff.id}/remove`, owner, {})).status).toBe(303);
  const after = await text(page(), owner);
  expect(after).toContain('1 gemelde relatie');
  expect(after).not.toContain('Test staff');
  expect(await text(`/suppliers/${w.supplierId}`, owner)).not.toContain('Test staff');
});
