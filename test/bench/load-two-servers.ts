/** The load bench's last part: the mixed workload against two server processes sharing one libSQL server. */
import { join } from 'node:path';
import autocannon from 'autocannon';
import { createDb } from '../../db/client.ts';
import { startServer, type RunningServer } from '../support/server.ts';
import { findSqld, startSqld } from '../support/sqld.ts';
import type { Person } from './load-registry.ts';
import { errorsOf, verdict } from './load-report.ts';
import { CONNECTIONS, DURATION_S } from './load-settings.ts';

/**
 * Two server processes on one libSQL server (sqld) that starts from the registry as the runs above left it,
 * under the same mixed workload, half the connections each: the target is no errors, and the chain still holds.
 */
export async function twoServers(
  file: string,
  dir: string,
  requests: autocannon.Request[],
  admin: Person,
): Promise<{ errors: number }> {
  const sqld = findSqld();
  if (!sqld.path) {
    console.log(`\nTwo servers on one sqld: skipped (${sqld.reason})`);
    return { errors: 0 };
  }
  const seed = join(dir, 'seed.db');
  const source = await createDb(`file:${file}`);
  await source.client.execute({ sql: 'VACUUM INTO ?', args: [seed] });
  source.close();
  const db = await startSqld(sqld.path, { seed });
  const servers: RunningServer[] = [];
  try {
    for (let i = 0; i < 2; i++)
      servers.push(await startServer({ env: { DATABASE_URL: db.url, RATE_LIMIT_PER_MINUTE: '0' } }));
    const half = Math.max(1, Math.floor(CONNECTIONS / 2));
    console.log(
      `\nTwo server processes on one libSQL server (sqld), the same mixed workload: ${half} connections to each for ${DURATION_S} s`,
    );
    const runs = await Promise.all(
      servers.map((s) => autocannon({ url: s.url, connections: half, duration: DURATION_S, requests, timeout: 30 })),
    );
    let total = 0;
    runs.forEach((r, i) => {
      const e = errorsOf(r);
      total += e.total;
      const answers = Object.entries(r.statusCodeStats ?? {})
        .map(([code, v]) => `${code}: ${(v as { count: number }).count}`)
        .join(', ');
      console.log(
        `  server ${i + 1}: ${r.requests.average.toFixed(0)} requests/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms; answers ${answers}; ${e.total} errors (${e.bad} answers other than 200/201/304, ${r.errors} socket errors, ${r.timeouts} timeouts)`,
      );
      // What the server said about them: it logs storage problems and unexpected errors with their cause.
      if (e.total)
        for (const line of servers[i]
          .output()
          .split('\n')
          .filter((l) => /error|unavailable|SQLITE|HRANA/i.test(l))
          .slice(-5))
          console.log(`    server ${i + 1} logged: ${line.slice(0, 300)}`);
    });
    const verify = await (
      await fetch(`${servers[1].url}/api/v1/audit/verify`, { headers: { authorization: `Bearer ${admin.token}` } })
    ).json();
    console.log(
      `  errors ${total} (target 0: ${verdict(total === 0)}); audit chain ${verify.ok ? 'verifies' : 'BROKEN'} (${verify.rows} rows)`,
    );
    return { errors: total + (verify.ok ? 0 : 1) };
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    await db.stop();
  }
}
