/**
 * An https server for fixture pages under real host names (a self-signed certificate for those names; the
 * browsers are told to accept it), so that the extension's shipped match patterns are what gets tested. It
 * records every request it receives, for the tests that check the extension sends nothing about the page.
 */
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { generate } from 'selfsigned';

export const FIXTURES = new URL('../../../shared/fixtures/', import.meta.url);

/** The host names the fixture pages are served under: one procurement portal and one webmail of the defaults. */
export const PORTAL_HOST = 'www.tenderned.nl';
export const WEBMAIL_HOST = 'outlook.office.com';

export interface PageServer {
  port: number;
  url(host: string, path: string): string;
  /** Every request received, as `host path`. */
  requests: string[];
  close(): Promise<void>;
}

export interface PageServerOptions {
  hosts?: string[];
  /** Extra pages by path (the generated bench page); everything else comes from the fixtures' pages folder. */
  routes?: Record<string, string>;
}

export async function servePages({ hosts = [PORTAL_HOST, WEBMAIL_HOST], routes = {} }: PageServerOptions = {}): Promise<PageServer> {
  const pems = await generate([{ name: 'commonName', value: hosts[0] }], {
    keySize: 2048,
    algorithm: 'sha256',
    extensions: [{ name: 'subjectAltName', altNames: hosts.map((value) => ({ type: 2, value })) }],
  });
  const requests: string[] = [];
  const server = createServer({ key: pems.private, cert: pems.cert }, async (req, res) => {
    const path = new URL(req.url ?? '/', 'https://x').pathname;
    requests.push(`${req.headers.host ?? ''} ${path}`);
    const body = routes[path] ?? (await readPage(path));
    if (body === null) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: (host, path) => `https://${host}:${port}${path}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function readPage(path: string): Promise<string | null> {
  const name = path.replace(/^\/+/, '');
  if (!/^[\w-]+\.html$/.test(name)) return null;
  return readFile(new URL(`pages/${name}`, FIXTURES), 'utf8').catch(() => null);
}

export interface ExpectedFlags {
  flag: Record<string, string>;
  noFlag: string[];
}

export async function expectedFlags(): Promise<Record<string, ExpectedFlags>> {
  return JSON.parse(await readFile(new URL('pages/expected.json', FIXTURES), 'utf8'));
}
