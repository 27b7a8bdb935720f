/**
 * The Zuiver process: reads the environment, migrates, seeds demo data into a new empty database, serves,
 * runs the daily retention job, and sends mail (the outbox loop and the hourly job of scheduled mails). `npm start` builds the extension first and then runs this.
 */
import { existsSync } from 'node:fs';
import { serve } from '@hono/node-server';
import { createDb, isFileUrl, migrateDb } from '../db/client.ts';
import { runMailJobs } from '../db/mail-jobs.ts';
import { runRetention } from '../db/retention.ts';
import { suppliersWithFreeMailDomains } from '../db/suppliers.ts';
import { DEMO_PEOPLE, isEmpty, seedDemo } from '../db/seed.ts';
import { createApp } from './app.ts';
import { createSingleSignOn } from './auth/oidc.ts';
import { readEnv } from './config.ts';
import { createMailSender } from './mail/sender.ts';
import { storageProblem } from '../db/storage-problems.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;

const env = readEnv();
const clock = { now: () => new Date() };
const shownUrl = env.databaseUrl.replace(/\/\/[^@]*@/, '//');

/** Opens and migrates the registry; a database that cannot be written stops the start with one clear line. */
async function openRegistry() {
  try {
    const opened = await createDb(env.databaseUrl, env.databaseAuthToken);
    await migrateDb(opened.db);
    return opened;
  } catch (err) {
    const problem = storageProblem(err);
    if (!problem) throw err;
    console.error(
      `Zuiver cannot use the database ${shownUrl}: ${problem.message} (${problem.code}). ` +
        'Check that the file and its folder are writable by this user and that the disk has room.',
    );
    process.exit(1);
  }
}
const registry = await openRegistry();

if (await isEmpty(registry.db)) {
  if (env.demo) {
    // Printed this once only: the database keeps just its hash.
    const { password } = await seedDemo(registry.db, clock.now());
    console.log(`Demo data added. Sign in at ${env.publicUrl}/login with password "${password}" and one of:`);
    for (const p of DEMO_PEOPLE) console.log(`  ${p.role.padEnd(9)} ${p.email}`);
  } else {
    console.log(
      'The registry is empty. Add the first admin: npm run --silent cli -- user add --email E --name N --role admin --password P',
    );
  }
}

// Registered before free-mail domains were refused: each flags every sender at Gmail, Ziggo and the like.
const freeMail = await suppliersWithFreeMailDomains(registry.db);
if (freeMail.length) {
  const named = freeMail.map((s) => `${s.name} (${s.domains.join(', ')})`).join('; ');
  console.warn(
    `Attention: ${freeMail.length} supplier(s) have a free-mail domain; register their e-mail addresses instead: ${named}`,
  );
}

async function retention() {
  try {
    const erased = await runRetention(registry.db, clock.now(), { embedded: isFileUrl(env.databaseUrl) });
    if (erased) console.log(`Retention: erased ${erased} declaration(s) past the retention period.`);
  } catch (err) {
    console.error('Retention job failed:', err);
  }
}
await retention();
const daily = setInterval(retention, DAY_MS);
daily.unref();

const mail = createMailSender({
  db: registry.db,
  clock,
  smtpUrl: env.smtpUrl,
  from: env.mailFrom,
  publicUrl: env.publicUrl,
});
mail.start();
async function mailJobs() {
  try {
    await runMailJobs(registry.db, clock.now());
  } catch (err) {
    console.error('Scheduled mails failed:', err);
  }
}
await mailJobs();
const hourly = setInterval(mailJobs, HOUR_MS);
hourly.unref();

const app = createApp({
  db: registry.db,
  clock,
  config: {
    rateLimitPerMinute: env.rateLimitPerMinute,
    publicUrl: env.publicUrl,
    demo: env.demo,
    trustProxy: env.trustProxy,
    oidc: env.oidc,
  },
  mail,
});
const server = serve({ fetch: app.fetch, hostname: env.host, port: env.port }, () => {
  console.log(`Zuiver listens on ${env.publicUrl} (database ${shownUrl}).`);
  if (env.demo) console.log(`Demo pages: ${env.publicUrl}/demo/`);
  // Only a look, so the operator hears early of a wrong issuer: sign-in discovers again when it is first used.
  if (env.oidc) {
    const issuer = env.oidc.issuer;
    void createSingleSignOn(env.oidc, env.publicUrl, { db: registry.db, clock })
      .probe()
      .then((problem) =>
        console.log(
          problem
            ? `Single sign-on: ${problem}; sign-in with a work account retries when someone uses it.`
            : `Single sign-on with ${issuer}.`,
        ),
      );
  }
  for (const target of ['chrome-mv3', 'firefox-mv3']) {
    if (existsSync(`.output/${target}`))
      console.log(`Extension (${target}): load the folder .output/${target} as an unpacked extension.`);
  }
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, async () => {
    server.close();
    // A mail being handed to the mail server finishes first, so it is marked sent and not sent again.
    await mail.stop();
    registry.close();
    process.exit(0);
  });
}
