// Helpers shared by the end-to-end tests: language selection and accessibility scans.
import { expect, type BrowserContext, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

export const LANGS = ['el', 'en'] as const;
export type Lang = (typeof LANGS)[number];

export async function useLanguage(context: BrowserContext, baseURL: string, lang: Lang) {
  await context.addCookies([{ name: 'lang', value: lang, url: baseURL }]);
}

/** WCAG 2.1 A and AA rules; the test fails on any violation, listed by rule and node. */
export async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const summary = results.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );
  expect(summary, 'axe-core violations').toEqual([]);
}

/** Collects console errors (CSP violations, failed WASM loads) for later assertion. */
export function collectConsoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  page.on('pageerror', (err) => errors.push(err.message));
  return errors;
}

import * as fs from 'node:fs';
import * as path from 'node:path';

export const DEMO = {
  citizen: { email: 'citizen@demo.dimos.invalid', password: 'demo-citizen-password' },
  business: { email: 'business@demo.dimos.invalid', password: 'demo-business-password' },
  clerk: { email: 'clerk@demo.dimos.invalid', password: 'demo-clerk-password' },
  cashier: { email: 'cashier@demo.dimos.invalid', password: 'demo-cashier-password' },
  admin: { email: 'admin@demo.dimos.invalid', password: 'demo-admin-password' },
};

/** An address no other test uses. */
export function uniqueEmail(label: string): string {
  return `${label}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.gr`;
}

export async function signIn(page: Page, email: string, password: string) {
  await page.goto('/login');
  await page.getByLabel(/^(Διεύθυνση e-mail|E-mail address)$/).fill(email);
  await page.getByLabel(/^(Κωδικός πρόσβασης|Password)$/).fill(password);
  await page.getByRole('main').getByRole('button', { name: /^(Σύνδεση|Sign in)$/ }).click();
}

export async function signOut(page: Page) {
  await page.getByRole('button', { name: /^(Αποσύνδεση|Sign out)$/ }).click();
}

/** The first link containing `pathPart` in an e-mail to `to`, read from the outbox folder. */
export async function linkFromOutbox(to: string, pathPart: string): Promise<string> {
  const dir = process.env.E2E_OUTBOX!;
  for (let attempt = 0; attempt < 50; attempt++) {
    if (fs.existsSync(dir)) {
      for (const name of fs.readdirSync(dir).filter((n) => n.endsWith('.eml'))) {
        const raw = fs.readFileSync(path.join(dir, name), 'utf8');
        if (!raw.includes(`To: ${to}`)) continue;
        // Quoted-printable: join soft line breaks and decode "=3D".
        const text = raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
        const match = text.match(new RegExp(`https?://[^\\s]*${pathPart.replace(/[?]/g, '\\?')}[^\\s]*`));
        if (match) return match[0];
      }
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no e-mail to ${to} with ${pathPart} in ${dir}`);
}

/** Whether an e-mail to `to` containing `text` has reached the outbox (waits up to 5 s). */
export async function outboxHas(to: string, text: string): Promise<boolean> {
  const dir = process.env.E2E_OUTBOX!;
  for (let attempt = 0; attempt < 50; attempt++) {
    if (fs.existsSync(dir)) {
      for (const name of fs.readdirSync(dir).filter((n) => n.endsWith('.eml'))) {
        const raw = fs.readFileSync(path.join(dir, name), 'utf8');
        if (raw.includes(`To: ${to}`) && raw.replace(/=\r?\n/g, '').includes(text)) return true;
      }
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

/** Registers an account through the pages and confirms it from the e-mail link. */
export async function registerAndConfirm(page: Page, email: string, password: string, name: string) {
  await page.goto('/register');
  await page.getByLabel('Διεύθυνση e-mail').fill(email);
  await page.getByLabel('Ονοματεπώνυμο').fill(name);
  await page.getByLabel('Κωδικός πρόσβασης', { exact: true }).fill(password);
  await page.getByLabel('Επανάληψη κωδικού').fill(password);
  await page.getByRole('button', { name: 'Δημιουργία λογαριασμού' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ελέγξτε το e-mail σας');

  const link = await linkFromOutbox(email, '/account/confirm?token=');
  await page.goto(new URL(link).pathname + new URL(link).search);
  await page.getByRole('button', { name: 'Επιβεβαίωση' }).click();
  await expect(page.getByRole('status')).toContainText('Το e-mail σας επιβεβαιώθηκε');
}

/** A valid ΑΦΜ no other test uses: eight random digits and their check digit. */
export function uniqueAfm(): string {
  const body = String(10_000_000 + Math.floor(Math.random() * 89_999_999));
  const sum = [...body].reduce((s, d, i) => s + Number(d) * 2 ** (8 - i), 0);
  return body + String((sum % 11) % 10);
}
