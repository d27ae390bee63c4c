import { defineConfig } from '@playwright/test';

// The browser is launched by tests/e2e/harness.ts (persistent context with the built extension), so there
// are no projects/`use` browser options here. CHROMIUM_PATH picks the executable (scripts/find-browser.mjs).
export default defineConfig({
  testDir: 'tests/e2e',
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  forbidOnly: !!process.env.CI,
  reporter: [['list'], ['json', { outputFile: 'reports/e2e.json' }]],
  outputDir: 'test-results',
});
