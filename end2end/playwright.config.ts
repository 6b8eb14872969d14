// End-to-end suite: Debian's Chromium (no browser download) against the release server,
// started by Playwright on a fresh database and awaited on /healthz.
import { defineConfig } from '@playwright/test';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const port = Number(process.env.E2E_PORT ?? 3100);
// The server's file mailer writes here; tests read confirmation links and receipts from it.
// A new, empty folder for every run, so no e-mail from an earlier run can satisfy a test.
// Playwright loads this file in the runner and again in each worker: the runner makes the
// folder and passes it on in E2E_OUTBOX, which the workers inherit, so every process reads
// the folder the server writes to. (Set E2E_OUTBOX yourself only to an empty folder.)
if (!process.env.E2E_OUTBOX) {
  process.env.E2E_OUTBOX = fs.mkdtempSync(path.join(os.tmpdir(), `dimos-e2e-outbox-${port}-${Date.now()}-`));
}
export const outbox = process.env.E2E_OUTBOX;

export default defineConfig({
  testDir: './tests',
  timeout: 30_000,
  fullyParallel: true,
  workers: 2,
  // A stray test.only would silently skip the rest of the suite, locally as much as on CI.
  forbidOnly: true,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    command: `../scripts/e2e-server.sh ${port}`,
    url: `http://127.0.0.1:${port}/healthz`,
    reuseExistingServer: false,
    timeout: 120_000,
    env: { DIMOS_OUTBOX_DIR: outbox },
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
