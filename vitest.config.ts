import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/global-setup.ts'],
    // The CLI tests spawn node on build/; give slow shared machines room.
    testTimeout: 30_000,
  },
});
