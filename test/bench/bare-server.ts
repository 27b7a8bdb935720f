/**
 * The baseline of `npm run bench:load`: a bare Hono route on the same Node server adapter, in a child process
 * like the real server, so that the mixed workload's rate can be given as a share of it. Prints its port.
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const bare = new Hono().get('/ok', (c) => c.json({ ok: true }));
serve({ fetch: bare.fetch, hostname: '127.0.0.1', port: 0 }, (info) =>
  console.log(JSON.stringify({ port: info.port })),
);
process.on('SIGTERM', () => process.exit(0));
