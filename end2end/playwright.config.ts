// End-to-end suite: Debian's Chromium (no browser download) against the release server,
// started by Playwright on a fresh database and awaited on /healthz.
import { defineConfig } from '@playwright/test';
import * as os from 'node:os';
import * as path from 'node:path';

const port = Number(process.env.E2E_PORT ?? 3100);
// The server's file mailer writes here; tests read confirmation and reset links from it.
export const outbox = path.join(os.tmpdir(), `dimos-e2e-outbox-${port}`);
process.env.E2E_OUTBOX = outbox;

export default defineConfig({
  testDir: './tests',
  timeout: 30_000,
  fullyParallel: true,
  workers: 2,
  forbidOnly: !!process.env.CI,
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
