// What residents meet first: a ticket paid without an account (with and without
// JavaScript), "my town hall" after signing in, "my payments" saying what was paid, errors
// that name their field, dates written as people write them, money tables on a phone, and
// a description on public pages.
import { expect, test, type Page } from '@playwright/test';
import { DEMO, collectConsoleErrors, definition, expectNoAxeViolations, mailsTo, paymentOutcome, signIn, uniqueEmail } from './support';

async function findTicket(page: Page, type: string, number: string, plate: string, date: string, time: string) {
  await page.goto('/fines');
  await page.getByLabel('Κωδικός δήμου (όπως στην κλήση)').fill('1234');
  await page.getByLabel('Είδος κλήσης').selectOption(type);
  await page.getByRole('button', { name: 'Συνέχεια' }).click();
  await page.getByLabel('Αριθμός κλήσης').fill(number);
  await page.getByLabel('Αριθμός κυκλοφορίας (πινακίδα)').fill(plate);
  await page.getByLabel('Ημερομηνία παράβασης').fill(date);
  await page.getByLabel('Ώρα παράβασης (ΩΩ:ΛΛ)').fill(time);
  await page.getByRole('button', { name: 'Αναζήτηση κλήσης' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Κλήση ${number}`);
}

async function payAsGuest(page: Page, email: string) {
  // Without an address the summary names the field and links to it.
  await page.getByRole('button', { name: /Πληρωμή με κάρτα/ }).click();
  const summary = page.getByRole('alert');
  await expect(summary.getByRole('link')).toHaveText(/^E-mail για την απόδειξη: /);
  await expect(summary.getByRole('link')).toHaveAttribute('href', '#email');
  await page.getByLabel('E-mail για την απόδειξη').fill(email);
  await page.getByRole('button', { name: /Πληρωμή με κάρτα/ }).click();
  await page.getByLabel('Αριθμός κάρτας · Card number').fill('4111111111111111');
  await page.getByRole('button', { name: 'Πληρωμή · Pay' }).click();
  await paymentOutcome(page, 'Η πληρωμή ολοκληρώθηκε');
}

test('a ticket is paid without an account; the receipt goes to the address given', async ({ page }) => {
  const errors = collectConsoleErrors(page);
  const email = uniqueEmail('driver');
  await findTicket(page, 'P01', '2026000020', 'ΖΜΕ2801', '2026-10-15', '16:51');
  // What the look-up proved, the date as Greeks write it, and not where it was issued.
  await expect(definition(page, 'Ημερομηνία παράβασης')).toHaveText('15/10/2026 16:51');
  await expect(page.getByRole('main')).not.toContainText('Εγνατίας 27');
  await expect(page.getByRole('main')).toContainText('Πληρώνετε χωρίς λογαριασμό');
  await expectNoAxeViolations(page);
  await payAsGuest(page, email);
  const receipt = (await page.locator('.receipt').textContent())!.trim();
  await page.getByRole('link', { name: 'Απόδειξη', exact: true }).click();
  await expect(page.locator('h1 .receipt')).toHaveText(receipt);
  await expect(page.getByRole('main')).toContainText(email);
  const mails = await mailsTo(email);
  expect(mails.length, 'the receipt e-mailed to the guest').toBeGreaterThanOrEqual(1);
  expect(mails[0].body).toContain(receipt);
  // The card payment logged no console error (the bank's page has its icon).
  expect(errors).toEqual([]);
});

test('in English dates are written the English way, and a date field says its format', async ({ page, context, baseURL }) => {
  await context.addCookies([{ name: 'lang', value: 'en', url: baseURL! }]);
  await page.goto('/fines');
  await page.getByLabel('Municipality code (as on the ticket)').fill('1234');
  await page.getByLabel('Ticket type').selectOption('P05');
  await page.getByRole('button', { name: 'Continue' }).click();
  // The format in words, tied to the field for screen readers.
  const date = page.getByLabel('Date of the offence');
  await expect(date).toHaveAccessibleDescription('Day/month/year, e.g. 23/10/2026');
  await page.getByLabel('Ticket number').fill('2026000021');
  await page.getByLabel('Licence plate').fill('ΕΝΒ6957');
  await date.fill('2026-11-09');
  await page.getByLabel('Time of the offence (HH:MM)').fill('07:43');
  await page.getByRole('button', { name: 'Find the ticket' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ticket 2026000021');
  await expect(definition(page, 'Date of the offence')).toHaveText('9 Nov 2026 07:43');
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('a ticket is paid without an account as plain pages', async ({ page }) => {
    await findTicket(page, 'P01', '2026000013', 'ΜΙΕ2918', '2026-10-29', '07:29');
    await payAsGuest(page, uniqueEmail('plain'));
  });

  test('a form that fails again and again keeps the person on it, with what they typed', async ({ page }) => {
    await page.goto('/comment');
    const start = page.url();
    for (let i = 0; i < 6; i++) {
      await page.getByLabel('Θέμα (σύντομη περιγραφή)').fill(`Θέμα ${i}`);
      await page.getByRole('button', { name: 'Αποστολή σχολίου' }).click();
      await expect(page.getByRole('alert')).toContainText('Κείμενο: Συμπληρώστε αυτό το πεδίο.');
      await expect(page.getByLabel('Θέμα (σύντομη περιγραφή)')).toHaveValue(`Θέμα ${i}`);
    }
    const url = new URL(page.url());
    expect(url.pathname).toBe(new URL(start).pathname);
    expect(page.url().length, 'the address does not grow with each failure').toBeLessThan(120);
  });
});

test('a resident lands on "my town hall"; "my payments" says what was paid and where the receipt is', async ({ page }) => {
  await signIn(page, DEMO.business.email, DEMO.business.password);
  await expect(page).toHaveURL(/\/my$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ο δήμος μου');
  await expect(page.getByRole('heading', { name: 'Οι επιχειρήσεις σας' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Καφέ Πλατεία Ο.Ε.' })).toBeVisible();
  await expectNoAxeViolations(page);
  // Pay a test fee, then find it in "my payments" by what it was.
  await page.goto('/payments/test');
  await page.getByRole('button', { name: /Πληρωμή με κάρτα/ }).first().click();
  await page.getByLabel('Αριθμός κάρτας · Card number').fill('4111111111111111');
  await page.getByRole('button', { name: 'Πληρωμή · Pay' }).click();
  await paymentOutcome(page, 'Η πληρωμή ολοκληρώθηκε');
  const receipt = (await page.locator('.receipt').textContent())!.trim();
  await page.goto('/payments');
  const row = page.getByRole('row').filter({ hasText: `Απόδειξη ${receipt}` });
  await expect(row).toHaveCount(1);
  await expect(row.getByRole('cell').first()).toHaveText(/^Δοκιμαστικό τέλος [Α-Η]$/);
  await expect(row.getByRole('link', { name: 'PDF' })).toHaveAttribute('href', /\/receipt\.pdf$/);
});

test('on a phone a money table stacks with the amount first', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 375, height: 740 });
  await signIn(page, DEMO.business.email, DEMO.business.password);
  await page.goto('/business/tax/debts');
  const table = page.locator('table.stack-on-phone');
  await expect(table).toBeVisible();
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, 'no sideways scrolling').toBeLessThanOrEqual(375);
  const firstRow = table.locator('tbody tr').first();
  const total = await firstRow.locator('td', { has: page.locator('strong') }).first().boundingBox();
  const number = await firstRow.locator('td').first().boundingBox();
  expect(total!.y, 'the total comes before the debt number').toBeLessThan(number!.y);
  // Each cell says its column's name (the stylesheet's, written from the catalogue).
  const name = await firstRow.locator('td').first().evaluate((td) => getComputedStyle(td, '::before').content);
  expect(name).toBe('"Αριθμός οφειλής (του δήμου): "');
  await testInfo.attach('debts-on-a-phone', { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' });
});

test('the tax page lists the periods still to declare', async ({ page }) => {
  await signIn(page, DEMO.business.email, DEMO.business.password);
  await page.goto('/business/tax');
  const section = page.getByRole('region', { name: 'Περίοδοι που μένουν να δηλωθούν' });
  await expect(section).toBeVisible();
  // The demo business is quarterly and was registered today: nothing has ended since.
  await expect(section).toContainText(/Όλες οι περίοδοι που έληξαν έχουν δηλωθεί|τρίμηνο/);
});

test('public pages describe themselves', async ({ page }) => {
  for (const path of ['/', '/fines', '/comment', '/login', '/register', '/accessibility', '/privacy']) {
    await page.goto(path);
    const description = await page.locator('meta[name="description"]').getAttribute('content');
    expect(description, path).toBeTruthy();
    expect(description!.length, path).toBeGreaterThan(30);
  }
});

for (const lang of ['el', 'en'] as const) {
  test(`my town hall and the receipt check are axe-clean in ${lang}`, async ({ page, context, baseURL }) => {
    await context.addCookies([{ name: 'lang', value: lang, url: baseURL! }]);
    await page.goto('/check');
    await expectNoAxeViolations(page);
    // A code no receipt has: said plainly, with the form to try again.
    await page.goto('/check/0000000000');
    await expect(page.getByRole('status')).toContainText(lang === 'el' ? 'Καμία απόδειξη' : 'No receipt');
    await expectNoAxeViolations(page);
    await signIn(page, DEMO.citizen.email, DEMO.citizen.password);
    await page.goto('/my');
    await expectNoAxeViolations(page);
  });
}

test('a receipt is checked by its code, showing nothing personal', async ({ page, browser }) => {
  await signIn(page, DEMO.citizen.email, DEMO.citizen.password);
  await page.goto('/payments/test');
  await page.getByRole('button', { name: /Πληρωμή με κάρτα/ }).first().click();
  await page.getByLabel('Αριθμός κάρτας · Card number').fill('4111111111111111');
  await page.getByRole('button', { name: 'Πληρωμή · Pay' }).click();
  await paymentOutcome(page, 'Η πληρωμή ολοκληρώθηκε');
  const number = (await page.locator('.receipt').textContent())!.trim();
  await page.getByRole('link', { name: 'Απόδειξη', exact: true }).click();
  const code = (await definition(page, 'Κωδικός ελέγχου').locator('strong').textContent())!.trim();
  expect(code).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
  // Someone else (no account) types it in lower case.
  const stranger = await browser.newPage();
  await stranger.goto('/check');
  await stranger.getByLabel('Κωδικός ελέγχου').fill(code.toLowerCase());
  await stranger.getByRole('button', { name: 'Έλεγχος' }).click();
  await expect(stranger.getByRole('status')).toContainText('Γνήσια απόδειξη');
  await expect(definition(stranger, 'Αριθμός απόδειξης')).toHaveText(number);
  await expect(stranger.getByRole('main')).not.toContainText(DEMO.citizen.email);
  await expect(stranger.getByRole('main')).not.toContainText('Μαρία');
  // The PDF is tagged, in the reader's language.
  const pdf = await page.request.get(page.url().replace(/\/receipt$/, '/receipt.pdf'));
  expect(pdf.headers()['content-type']).toBe('application/pdf');
  const body = (await pdf.body()).toString('latin1');
  expect(body).toContain('/StructTreeRoot');
  expect(body).toContain('/Lang(el)');
  await stranger.close();
});

test('phone screenshots of the first pages people meet, kept for review by eye', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 375, height: 740 });
  const shots: [string, string][] = [['home', '/'], ['fines', '/fines'], ['check', '/check']];
  for (const [name, path] of shots) {
    await page.goto(path);
    await page.screenshot({ path: testInfo.outputPath(`phone-${name}.png`), fullPage: true });
  }
  await signIn(page, DEMO.business.email, DEMO.business.password);
  for (const [name, path] of [['my', '/my'], ['payments', '/payments'], ['tax', '/business/tax'], ['debts', '/business/tax/debts']]) {
    await page.goto(path);
    await page.screenshot({ path: testInfo.outputPath(`phone-${name}.png`), fullPage: true });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `${path} scrolls sideways`).toBeLessThanOrEqual(0);
  }
});
