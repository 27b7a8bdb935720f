/**
 * `npm run bench [suite...]`: runs the benchmark suites (all by default). Each suite is a module here that
 * exports `run()` and prints its figures next to a baseline measured in the same process; nothing asserts.
 */
export const SUITES = ['matcher', 'api', 'extension'];

const chosen = process.argv.slice(2);
for (const name of chosen.length ? chosen : SUITES) {
  if (!SUITES.includes(name)) throw new Error(`unknown bench suite "${name}"; choose from ${SUITES.join(', ')}`);
  console.log(`\n=== ${name} ===`);
  const suite: { run(): Promise<void> } = await import(`./${name}.ts`);
  await suite.run();
}
