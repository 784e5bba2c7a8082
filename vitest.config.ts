import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Kernel start-up and whole chapters take seconds, not milliseconds.
    testTimeout: 120_000,
    hookTimeout: 600_000,
    pool: "forks",
    // Two cores: two test files at a time keeps kernels from starving each other.
    maxWorkers: 2,
  },
});
