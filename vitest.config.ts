import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // One DynamoDB Local for the whole run; each suite makes its own table.
    globalSetup: ["test/support/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: "forks",
    // Node 20 on the dev machines and CI; the Lambdas run Node 22. The SDK's reminder is noted in the README.
    // LOG_LEVEL WARN keeps the handlers' request lines out of the test output; test/local/logs.test.ts raises it.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true", LOG_LEVEL: "WARN" },
  },
});
