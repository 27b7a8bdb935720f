// @vitest-environment happy-dom
/**
 * The options page's sign-in form: the server IT presets through policy (managed storage) is shown and cannot be
 * changed, and a server that is not https (but on this computer) is refused before anything is sent.
 */
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { SyncStatus } from '../../../extension/shared/messaging.ts';
import { loadPage } from '../../support/extension-page.ts';
import { waitFor } from '../../support/wait.ts';

const SIGNED_OUT: SyncStatus = {
  signedIn: false,
  server: null,
  person: null,
  checkedAt: null,
  error: null,
  expired: false,
  suppliers: 0,
};

async function openOptions(status: SyncStatus = SIGNED_OUT, managed?: { server: string }) {
  const signIns: Array<{ server: string; token: string }> = [];
  loadPage('options', {
    status: () => status,
    signIn(request) {
      signIns.push(request);
      return { ok: true, status: { ...status, signedIn: true, server: request.server } };
    },
  });
  if (managed) await fakeBrowser.storage.managed.set(managed);
  await import('../../../extension/entrypoints/options/main.ts');
  const server = document.querySelector<HTMLInputElement>('#token-form [name=server]')!;
  // The page is ready once it shows who is signed in.
  await waitFor(
    'the status',
    async () => document.querySelector('#who')!.textContent,
    (text) => !!text,
  );
  return { server, signIns };
}

async function signIn(server: string) {
  const form = document.querySelector<HTMLFormElement>('#token-form')!;
  (form.elements.namedItem('server') as HTMLInputElement).value = server;
  (form.elements.namedItem('token') as HTMLInputElement).value = 'zvr_token';
  form.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
  return waitFor(
    'the outcome',
    async () => document.querySelector('#message')!.textContent,
    (text) => !!text && text !== 'signingIn',
  );
}

describe('the options page', () => {
  it('shows the server IT preset through policy, read-only, even when signed in to another one', async () => {
    const elsewhere: SyncStatus = {
      ...SIGNED_OUT,
      signedIn: true,
      server: 'https://oud.example.nl',
      person: { name: 'Jan', email: 'jan@example.nl' },
    };
    const { server } = await openOptions(elsewhere, { server: 'https://zuiver.corporatie.nl' });
    expect(server.value).toBe('https://zuiver.corporatie.nl');
    expect(server.readOnly).toBe(true);
  });

  it('without a policy, leaves the server to the user and shows the one signed in to', async () => {
    const signedIn: SyncStatus = {
      ...SIGNED_OUT,
      signedIn: true,
      server: 'https://zuiver.example.nl',
      person: { name: 'Jan', email: 'jan@example.nl' },
    };
    const { server } = await openOptions(signedIn);
    expect(server.value).toBe('https://zuiver.example.nl');
    expect(server.readOnly).toBe(false);
  });

  it('refuses a server without https, except on this computer, before sending anything', async () => {
    const { signIns } = await openOptions();
    expect(await signIn('http://zuiver.example.nl')).toBe('errorBadServer');
    expect(signIns).toEqual([]);
    expect(await signIn('http://127.0.0.1:8787')).toBe('signedIn');
    expect(signIns).toEqual([{ server: 'http://127.0.0.1:8787', token: 'zvr_token' }]);
  });
});
