/**
 * The integrity cycle's forms through app.request: what they refuse and say, and what they keep. The browser
 * walk is test/e2e/web-integrity.test.ts.
 */
import { describe, expect, test } from 'vitest';
import { useWorld, type TestApp, type World } from '../support/app.ts';
import { getPage, postForm, sessionFor, visibleText } from './web-client.ts';

let t: TestApp;
let w: World;
useWorld((app, world) => ((t = app), (w = world)));

const api = (who: keyof World['tokens'], method: string, path: string, body?: unknown) =>
  t.call(method, path, { token: w.tokens[who], body });

async function campaign() {
  await api('admin', 'POST', '/api/v1/attestations/campaigns', { title: 'Bevestiging 2026', dueOn: '2026-12-21' });
  return (await api('staff', 'GET', '/api/v1/attestations/mine')).body.items[0].id as string;
}

describe('the attestation form', () => {
  test('asks for a choice per declaration and refuses a nil return that keeps one current', async () => {
    const id = await campaign();
    const staff = await sessionFor(t, w.people.staff.id);
    const page = visibleText((await getPage(t, '/attestations', staff)).html);
    expect(page).toContain('Relatie: Bouwbedrijf Testers B.V. (broer)');
    const none = await postForm(t, `/attestations/${id}/confirm`, staff, { answer: 'everything' });
    expect(none.status).toBe(400);
    expect(visibleText(none.html)).toContain('Kies bij elke melding: nog actueel of voorbij.');
    const contradiction = await postForm(t, `/attestations/${id}/confirm`, staff, {
      [`d.${w.declarationId}`]: 'current',
      answer: 'nothing',
    });
    expect(contradiction.status).toBe(400);
    expect(visibleText(contradiction.html)).toContain('Je hebt nog lopende meldingen');
    expect((await api('staff', 'GET', '/api/v1/attestations/mine')).body.items[0].status).toBe('open');
    const ended = await postForm(t, `/attestations/${id}/confirm`, staff, {
      [`d.${w.declarationId}`]: 'ended',
      answer: 'nothing',
    });
    expect(ended.location).toBe('/attestations?done=confirmed');
    expect((await api('staff', 'GET', `/api/v1/declarations/${w.declarationId}`)).body.status).toBe('ended');
  });

  test('an admin cannot start a campaign due in the past', async () => {
    const admin = await sessionFor(t, w.people.admin.id);
    const res = await postForm(t, '/attestations/campaigns', admin, { title: 'Te laat', dueOn: '2026-01-01' });
    expect(res.status).toBe(400);
    expect(visibleText(res.html)).toContain('Kies een datum vanaf vandaag.');
  });
});

describe('the edit form', () => {
  test('opens filled in, keeps what was typed on an error, and sends the declaration back for review', async () => {
    await api('ownManager', 'POST', `/api/v1/declarations/${w.declarationId}/review`, {
      decision: 'needs_info',
      note: 'Welke afdeling?',
    });
    const staff = await sessionFor(t, w.people.staff.id);
    const form = await getPage(t, `/declarations/${w.declarationId}/edit`, staff);
    expect(form.html).toContain('value="broer"');
    expect(visibleText(form.html)).toContain('Welke afdeling?');
    const fields = { kind: 'relationship', supplierId: w.supplierId, action: 'submit' };
    const refused = await postForm(t, `/declarations/${w.declarationId}/edit`, staff, {
      ...fields,
      relation: '',
      description: 'Planning',
    });
    expect(refused.status).toBe(400);
    expect(refused.html).toContain('Planning');
    const saved = await postForm(t, `/declarations/${w.declarationId}/edit`, staff, {
      ...fields,
      relation: 'broer',
      description: 'Planning',
    });
    expect(saved.location).toBe(`/declarations/${w.declarationId}?done=edited`);
    expect((await api('staff', 'GET', `/api/v1/declarations/${w.declarationId}`)).body).toMatchObject({
      status: 'submitted',
      description: 'Planning',
    });
  });
});

describe('mail choices', () => {
  test('anyone picks their mail language; only managers choose the digest', async () => {
    const staff = await sessionFor(t, w.people.staff.id);
    await postForm(t, '/account/mail', staff, { language: 'en', reviewDigest: 'on' });
    expect((await api('staff', 'GET', '/api/v1/mail/settings')).body).toEqual({ language: 'en', reviewDigest: false });
    const manager = await sessionFor(t, w.people.ownManager.id);
    await postForm(t, '/account/mail', manager, { language: 'nl', reviewDigest: 'on' });
    expect((await api('ownManager', 'GET', '/api/v1/mail/settings')).body).toEqual({
      language: 'nl',
      reviewDigest: true,
    });
  });
});
