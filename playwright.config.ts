import { defineConfig, devices } from "@playwright/test";
import { E2E_BASE_URL, E2E_PORT } from "./e2e/server-env";

const chromiumArgs = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

export default defineConfig({
  testDir: "e2e",
  forbidOnly: Boolean(process.env.CI),
  fullyParallel: false,
  workers: 2,
  retries: 0,
  timeout: 60_000,
  // Keyed by port, like the server's data, so that two suites can run side by side.
  reporter: [["list"], ["json", { outputFile: `test-results/e2e-${E2E_PORT}-report.json` }]],
  outputDir: `test-results/e2e-${E2E_PORT}`,
  use: {
    baseURL: E2E_BASE_URL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: chromiumArgs },
  },
  webServer: {
    command: "npx tsx scripts/e2e-server.ts",
    url: `${E2E_BASE_URL}/sign-in`,
    timeout: 180_000,
    reuseExistingServer: !process.env.CI,
    stdout: "pipe",
    stderr: "pipe",
    // The server script stops the web app and the worker it started (each in its own process group).
    gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
  },
  projects: [
    { name: "setup", testMatch: /.*\.setup\.ts/ },
    { name: "api", testDir: "e2e/api", dependencies: ["setup"] },
    { name: "ui", testDir: "e2e/ui", dependencies: ["setup"], use: { ...devices["Desktop Chrome"], channel: undefined } },
  ],
});
