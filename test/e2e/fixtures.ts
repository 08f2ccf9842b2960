// Every e2e test runs with this guard: whatever the scenario (faults, offline,
// expired tokens, blocked chunks), the widget must not throw uncaught on the
// store's page. A test that provokes errors on purpose still passes as long as
// the widget handled them (ck-error, a visible state), because those never
// reach `pageerror`.
import { expect, test as base, type Page } from '@playwright/test';

export const test = base.extend<{ uncaughtErrors: string[] }>({
  uncaughtErrors: [
    async ({ context }, use) => {
      const errors: string[] = [];
      const watch = (page: Page) => page.on('pageerror', (error) => errors.push(`${page.url()}: ${error.message}`));
      context.pages().forEach(watch);
      context.on('page', watch);
      await use(errors);
      expect(errors, 'uncaught errors on the page').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
