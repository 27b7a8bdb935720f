import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    globalSetup: ['test/support/temp-root.ts'],
    // The extension keeps its token in IndexedDB (extension/background/secret-store.ts); Node has none of its own.
    setupFiles: ['fake-indexeddb/auto'],
    environment: 'node',
    // Every API test opens its own database file and some start real processes: give them room on 2 cores.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
