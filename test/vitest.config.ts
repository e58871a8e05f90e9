import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Starts a throwaway PostgreSQL cluster for the Postgres store tests unless KONTERA_PG_URL is set.
    globalSetup: ['test/store/pg-global-setup.ts'],
  },
});
