// The portal shell: every page in both languages is accessible, the language switch works
// with and without JavaScript, pages fit a phone and 200 % zoom, health answers.
import { expect, test } from '@playwright/test';
import { DEMO, LANGS, collectConsoleErrors, expectNoAxeViolations, signIn, useLanguage } from './support';

const PAGES = [
  {
    path: '/',
    heading: { el: 'Ηλεκτρονικές υπηρεσίες δημοτών και επιχειρήσεων', en: 'Online services for residents and businesses' },
    title: { el: 'Αρχική — Δήμος Επίδειξης', en: 'Home — Demo Municipality' },
  },
  {
    path: '/accessibility',
    heading: { el: 'Δήλωση προσβασιμότητας', en: 'Accessibility statement' },
    title: { el: 'Δήλωση προσβασιμότητας — Δήμος Επίδειξης', en: 'Accessibility statement — Demo Municipality' },
  },
  {
    path: '/privacy',
    heading: { el: 'Πολιτική απορρήτου', en: 'Privacy notice' },
    title: { el: 'Πολιτική απορρήτου — Δήμος Επίδειξης', en: 'Privacy notice — Demo Municipality' },
  },
  {
    path: '/no-such-page',
    heading: { el: 'Η σελίδα δεν βρέθηκε', en: 'Page not found' },
    title: { el: 'Η σελίδα δεν βρέθηκε — Δήμος Επίδειξης', en: 'Page not found — Demo Municipality' },
    status: 404,
  },
];

for (const lang of LANGS) {
  for (const pageSpec of PAGES) {
    test(`${pageSpec.path} in ${lang} is axe-clean and loads without console errors`, async ({ page, context, baseURL }) => {
      await useLanguage(context, baseURL!, lang);
      const errors = collectConsoleErrors(page);
      const response = await page.goto(pageSpec.path);
      expect(response?.status()).toBe(pageSpec.status ?? 200);
      await expect(page.locator('html')).toHaveAttribute('lang', lang);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(pageSpec.heading[lang]);
      await expect(page).toHaveTitle(pageSpec.title[lang]);
      await expectNoAxeViolations(page);
      // These pages hold no island: they load no script at all (the WASM bundle loads only
      // where an island is, checked under the CSP in tax.spec.ts).
      await page.waitForLoadState('networkidle');
      const scripts = await page.evaluate(() =>
        performance.getEntriesByType('resource').filter((e) => e.name.includes('/pkg/dimos.')).map((e) => e.name),
      );
      expect(scripts.filter((name) => !name.endsWith('.css'))).toEqual([]);
      const unexpected = errors.filter((e) => !(pageSpec.status === 404 && e.includes('404')));
      expect(unexpected).toEqual([]);
    });
  }
}

test('the home page lists the services, marked coming soon until delivered', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('header')).toContainText('Δήμος Επίδειξης');
  const services = page.locator('#services + ul > li');
  await expect(services).toHaveCount(6);
  const requests = services.first().getByRole('link', { name: 'Σχόλια, αιτήματα, καταγγελίες και προτάσεις' });
  await expect(requests).toHaveAttribute('href', '/comment');
  await expect(services.first()).not.toContainText('Έρχεται σύντομα');
  await expect(services.filter({ hasText: 'Έρχεται σύντομα' })).toHaveCount(1);
  await expect(services.getByRole('link', { name: 'Οφειλές προς τον δήμο' })).toHaveAttribute('href', '/debts');
  await expect(services.getByRole('link', { name: 'Πρόστιμα ΚΟΚ' })).toHaveAttribute('href', '/fines');
  await expect(services.getByRole('link', { name: 'Δημοτικός φόρος επιχειρήσεων' })).toHaveAttribute('href', '/business/tax');
  await expect(services.getByRole('link', { name: 'Οι πληρωμές μου' })).toHaveAttribute('href', '/payments');
  // A page without an island ships no script: the WASM bundle loads only where it is used.
  expect(await (await page.request.get('/')).text()).not.toContain('pkg/dimos.js');
});

test('the language switch goes to English and back, and the choice is remembered', async ({ page, baseURL }) => {
  await page.goto('/privacy');
  await page.getByRole('link', { name: 'Change language to English' }).click();
  // Back on the page itself (a pattern ending in /privacy would also match a switch address
  // such as …?next=/privacy).
  await expect(page).toHaveURL(`${baseURL}/privacy`);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Privacy notice');

  await page.getByRole('link', { name: 'Accessibility statement' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Accessibility statement');
  await expect(page.locator('header')).toContainText('Demo Municipality');

  await page.getByRole('link', { name: 'Αλλαγή γλώσσας σε Ελληνικά' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'el');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Δήλωση προσβασιμότητας');
});

test('the accessibility statement gives status, contact and date', async ({ page }) => {
  await page.goto('/accessibility');
  await expect(page.getByRole('heading', { name: 'Κατάσταση συμμόρφωσης' })).toBeVisible();
  await expect(page.getByRole('link', { name: /@/ })).toHaveAttribute('href', /^mailto:/);
  await expect(page.locator('article')).toContainText('22 Νοεμβρίου 2026');
});

test('the skip link is the first thing the keyboard reaches and moves to the content', async ({ page, baseURL }) => {
  await page.goto('/');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Μετάβαση στο κύριο περιεχόμενο' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(`${baseURL}/#main`);
});

test('pages fit a 320 px phone screen (what 1280 px at 400 % zoom leaves) without sideways scrolling', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  for (const { path } of PAGES) {
    await page.goto(path);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `${path} scrolls sideways`).toBeLessThanOrEqual(0);
  }
});

test('built files are named by their content and kept a year; icons are not "no-store" when signed in', async ({ page, request }) => {
  await signIn(page, DEMO.citizen.email, DEMO.citizen.password);
  await page.goto('/');
  const css = await page.locator('link[rel="stylesheet"]').getAttribute('href');
  const forms = await page.locator('script[src*="forms"]').getAttribute('src');
  for (const file of [css!, forms!]) {
    expect(file).toMatch(/^\/pkg\/[a-z]+\.[0-9a-f]{10}\.(css|js)$/);
    const response = await request.get(file);
    expect(response.status()).toBe(200);
    expect(response.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
  }
  const icon = await page.request.get('/favicon.svg');
  expect(icon.headers()['cache-control'] ?? '').not.toContain('no-store');
  // The page itself, personal, is never kept.
  const home = await page.request.get('/');
  expect(home.headers()['cache-control']).toContain('no-store');
});

test('health check answers 200 with the database state', async ({ request }) => {
  const response = await request.get('/healthz');
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ status: 'ok', database: 'ok' });
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('pages render and the language switch works as plain links', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ηλεκτρονικές υπηρεσίες δημοτών και επιχειρήσεων');
    await page.getByRole('link', { name: 'Change language to English' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await page.getByRole('link', { name: 'Privacy notice' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Privacy notice');
    // axe-core needs JavaScript to run; the same pages are scanned above with it on.
  });
});
