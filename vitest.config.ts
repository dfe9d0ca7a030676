import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // One DynamoDB Local for the whole run; each suite makes its own table.
    globalSetup: ["test/support/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: "forks",
    // LOG_LEVEL WARN keeps the handlers' request lines out of the test output; test/local/logs.test.ts raises it.
    env: { LOG_LEVEL: "WARN" },
  },
});
