// Helpers shared by the end-to-end tests: language selection, accessibility scans, sign-in,
// e-mails read from this run's outbox, exact look-ups in tables and lists, CSV exports.
import { expect, type BrowserContext, type Locator, type Page } from '@playwright/test';
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

/**
 * Waits for a payment's outcome page. Without JavaScript nothing reloads it (no timed
 * refresh): like a person, the test presses "check again" until the bank has answered.
 */
export async function paymentOutcome(page: Page, heading: string | RegExp) {
  const title = page.getByRole('heading', { level: 1 });
  for (let i = 0; i < 30; i++) {
    const text = ((await title.textContent()) ?? '').trim();
    if (typeof heading === 'string' ? text === heading : heading.test(text)) return;
    const again = page.getByRole('link', { name: /^(Έλεγχος ξανά|Check again)$/ });
    await page.waitForTimeout(500);
    if (await again.count()) await again.click();
  }
  await expect(title).toHaveText(heading);
}

export async function signOut(page: Page) {
  await page.getByRole('button', { name: /^(Αποσύνδεση|Sign out)$/ }).click();
}

/** One e-mail from the outbox, decoded: the address it went to, its subject and its text. */
export interface Mail {
  file: string;
  to: string;
  subject: string;
  body: string;
}

/** Quoted-printable to text: soft line breaks joined, `=XX` bytes decoded as UTF-8. */
function decodeQuotedPrintable(text: string): string {
  const joined = text.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    const hex = joined.slice(i + 1, i + 3);
    if (joined[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(joined.charCodeAt(i) & 0xff);
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** A header's value: folded lines joined, RFC 2047 encoded words (`=?utf-8?b?…?=`) decoded. */
function decodeHeader(value: string): string {
  return value
    .replace(/(\?=)\s+(?==\?)/g, '$1')
    .replace(/=\?([^?]+)\?([bBqQ])\?([^?]*)\?=/g, (_, _charset: string, encoding: string, text: string) =>
      encoding.toLowerCase() === 'b'
        ? Buffer.from(text, 'base64').toString('utf8')
        : decodeQuotedPrintable(text.replace(/_/g, ' ')),
    );
}

function readMail(file: string): Mail {
  // Bytes as they are: the message is 7-bit, its text is quoted-printable.
  const raw = fs.readFileSync(file, 'latin1');
  const split = raw.search(/\r?\n\r?\n/);
  const head = raw.slice(0, split).replace(/\r?\n(?=[ \t])/g, '');
  const body = raw.slice(split).replace(/^\r?\n\r?\n/, '');
  const headers = new Map<string, string>();
  for (const line of head.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  // `Name <address>` or a bare address.
  const to = (headers.get('to') ?? '').replace(/^.*<([^>]*)>\s*$/, '$1').trim();
  const encoding = (headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  const text =
    encoding === 'quoted-printable'
      ? decodeQuotedPrintable(body)
      : encoding === 'base64'
        ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
        : Buffer.from(body, 'latin1').toString('utf8');
  return { file, to, subject: decodeHeader(headers.get('subject') ?? ''), body: text.replace(/\r\n/g, '\n') };
}

/** Every e-mail in this run's outbox folder (fresh per run: see playwright.config.ts). */
function outboxMails(): Mail[] {
  const dir = process.env.E2E_OUTBOX;
  if (!dir) throw new Error('E2E_OUTBOX is not set: run the tests through playwright.config.ts');
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((n) => n.endsWith('.eml'))
    .sort()
    .map((n) => readMail(path.join(dir, n)));
}

/**
 * The e-mails to exactly `to` for which `accept` holds, waiting up to 5 s for the first;
 * an empty list if none came.
 */
export async function mailsTo(to: string, accept: (mail: Mail) => boolean = () => true): Promise<Mail[]> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const found = outboxMails().filter((mail) => mail.to === to && accept(mail));
    if (found.length > 0) return found;
    await new Promise((r) => setTimeout(r, 100));
  }
  return [];
}

/** Every link in an e-mail's text. */
export function linksIn(mail: Mail): string[] {
  return mail.body.match(/https?:\/\/[^\s<>"]+/g) ?? [];
}

/**
 * The link in the e-mails to `to` whose path (with its query) starts with `pathPart`; the
 * test fails if there is none, or more than one such link.
 */
export async function linkFromOutbox(to: string, pathPart: string): Promise<string> {
  const matches = (link: string) => {
    const url = new URL(link);
    return (url.pathname + url.search).startsWith(pathPart);
  };
  const mails = await mailsTo(to, (mail) => linksIn(mail).some(matches));
  const links = [...new Set(mails.flatMap((mail) => linksIn(mail).filter(matches)))];
  if (links.length !== 1) {
    throw new Error(`expected one e-mail link to ${to} starting with ${pathPart} in ${process.env.E2E_OUTBOX}, found ${links.length}: ${links.join(' ')}`);
  }
  return links[0];
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

/** `text` with every character that means something in a pattern escaped. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** `text` as a pattern matching exactly that text and nothing around it. */
export function exactly(text: string): RegExp {
  return new RegExp('^' + escapeRegExp(text) + '$');
}

/** `text` as a pattern for a whole cell or name: any run of spaces may be any white space. */
function wholeText(text: string | RegExp): RegExp {
  return typeof text === 'string' ? new RegExp('^' + escapeRegExp(text.trim()).replace(/\s+/g, '\\s+') + '$') : text;
}

/**
 * Those of `rows` that have, for each of `cells`, a cell reading exactly that text (or
 * matching that pattern, which should be anchored).
 */
export function withCells(rows: Locator, ...cells: (string | RegExp)[]): Locator {
  const page = rows.page();
  return cells.reduce((found, text) => found.filter({ has: page.getByRole('cell', { name: wholeText(text) }) }), rows);
}

/** The table rows in `scope` that have, for each of `cells`, a cell reading exactly that. */
export function rowsWith(scope: Page | Locator, ...cells: (string | RegExp)[]): Locator {
  return withCells(scope.getByRole('row'), ...cells);
}

/** The value (`<dd>`) of the term (`<dt>`) that reads exactly `term`, in `scope`'s lists. */
export function definition(scope: Page | Locator, term: string): Locator {
  return scope.locator('dt').filter({ hasText: exactly(term) }).locator('xpath=following-sibling::dd[1]');
}

/** A CSV file (RFC 4180, with or without a BOM) as one object per row, keyed by the header. */
export function parseCsv(text: string): Record<string, string>[] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  const input = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < input.length; i++) {
    const c = input[i];
    if (quoted) {
      if (c === '"' && input[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && input[i + 1] === '\n') i++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else {
      field += c;
    }
  }
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  const [header, ...rows] = records;
  expect(header, 'CSV header').toBeDefined();
  for (const row of rows) expect(row, 'CSV row width').toHaveLength(header.length);
  return rows.map((row) => Object.fromEntries(header.map((name, i) => [name, row[i]])));
}

/** An amount as the pages write it in Greek (`1.234,50 €`) as the CSV files do (`1234.50`). */
export function csvAmount(shown: string): string {
  return shown.replace(/[\s\u00a0€]/g, '').replace(/\./g, '').replace(',', '.');
}
