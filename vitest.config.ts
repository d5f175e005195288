// Test configuration: the CLI bundle is built once before the suite, so CLI tests run the real program.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/setup/build.ts"],
    setupFiles: ["test/setup/words.ts"],
    reporters: ["default", "./test/setup/summary-reporter.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
