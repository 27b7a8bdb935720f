/**
 * A test that needs a part this machine lacks (a browser, sqld, a way to drop root's power) is skipped with a
 * loud notice; with REQUIRE_E2E=1 (CI), where every part is installed, it fails instead. Call it at collection
 * time (`describe.skipIf(outOfReach(...))`), so the skip shows in the report.
 */
export function outOfReach(why: string): true {
  if (process.env.REQUIRE_E2E === '1') throw new Error(`REQUIRE_E2E=1 and ${why}`);
  const line = '!'.repeat(100);
  console.warn(`\n${line}\n!! SKIPPED ${why}\n${line}\n`);
  return true;
}
