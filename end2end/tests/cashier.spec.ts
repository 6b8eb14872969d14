// The cashier's view: a paid fee found by filter, its event history, a part refund through
// the sandbox bank shown on the receipt trail, the printable receipt and its PDF, the CSV
// export; every page axe-clean in both languages.
import { expect, test, type Browser } from '@playwright/test';
import { DEMO, LANGS, csvAmount, escapeRegExp, definition, expectNoAxeViolations, mailsTo, parseCsv, rowsWith, signIn, useLanguage } from './support';

test.describe.configure({ mode: 'serial' });

let paymentUrl = '';
let receipt = '';

async function asCashier(browser: Browser, baseURL: string, lang: 'el' | 'en' = 'el') {
  const context = await browser.newContext();
  await useLanguage(context, baseURL, lang);
  const page = await context.newPage();
  await signIn(page, DEMO.cashier.email, DEMO.cashier.password);
  return page;
}

test('a payer pays, gets the receipt by e-mail, and prints it', async ({ page }) => {
  await signIn(page, DEMO.admin.email, DEMO.admin.password);
  await page.goto('/payments/test');
  const fee = page.locator('section.card', { has: page.getByRole('heading', { name: /Test fee E/ }) });
  await fee.getByRole('button', { name: /Πληρωμή με κάρτα/ }).click();
  await page.getByLabel('Αριθμός κάρτας · Card number').fill('4111 1111 1111 1111');
  await page.getByRole('button', { name: 'Πληρωμή · Pay' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Η πληρωμή ολοκληρώθηκε', { timeout: 15_000 });
  await expect(page.locator('.receipt')).toHaveText(/^\d+\/\d{4}$/);
  receipt = (await page.locator('.receipt').textContent())!;
  paymentUrl = page.url();
  // This receipt's own e-mail (not one whose number merely contains it, as 11/2026 does 1/2026).
  // In the language the payer paid in (Greek here), not in both.
  const mails = await mailsTo(DEMO.admin.email, (mail) => mail.subject === `Απόδειξη ${receipt}`);
  expect(mails, 'receipt e-mailed once').toHaveLength(1);
  const lines = mails[0].body.split('\n');
  expect(lines).toContain(`Απόδειξη είσπραξης ${receipt}`);
  expect(lines).toContainEqual(expect.stringMatching(/^Ποσό: 45,00\s€$/));
  expect(mails[0].body).not.toContain('Receipt');

  await page.getByRole('link', { name: 'Απόδειξη', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Απόδειξη είσπραξης ${receipt}`);
  await expect(definition(page, 'Ποσό')).toHaveText('45,00 €');
  await expectNoAxeViolations(page);
  // Printed, the receipt stands alone: no site header, navigation or page controls.
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.site-header')).toBeHidden();
  await expect(page.getByRole('link', { name: 'Λήψη απόδειξης σε PDF' })).toBeHidden();
  await expect(page.locator('.receipt-doc')).toBeVisible();
  await page.emulateMedia({ media: 'screen' });
  const pdf = await page.request.get(page.url() + '.pdf');
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()['content-type']).toBe('application/pdf');
  expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
});

test('the cashier finds the payment, reads its history and refunds part of it', async ({ browser, baseURL }) => {
  const page = await asCashier(browser, baseURL!);
  await page.goto('/staff');
  await page.getByRole('link', { name: 'Ταμείο: πληρωμές με κάρτα' }).click();
  await page.getByLabel('Πληρωτής (όνομα, e-mail ή ΑΦΜ)').fill('admin@demo');
  await page.getByLabel('Ελάχιστο ποσό (€)').fill('45');
  await page.getByRole('button', { name: 'Εφαρμογή φίλτρων' }).click();
  await expect(page.locator('.results-count')).toHaveText('1 πληρωμές');
  await expect(rowsWith(page.getByRole('table').first(), receipt, '45,00 €')).toHaveCount(1);
  // Bad filters are explained next to the field and keep what was typed.
  await page.getByLabel('Μέγιστο ποσό (€)').fill('δέκα');
  await page.getByRole('button', { name: 'Εφαρμογή φίλτρων' }).click();
  await expect(page.getByRole('alert').getByRole('listitem')).toHaveText([/Γράψτε το ποσό σε ευρώ/]);
  await expect(page.getByLabel('Μέγιστο ποσό (€)')).toHaveValue('δέκα');

  await page.goto(paymentUrl.replace('/payments/', '/staff/payments/'));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Στοιχεία πληρωμής');
  await expect(definition(page, 'Αριθμός απόδειξης')).toHaveText(receipt);
  await expect(definition(page, 'Ποσό')).toHaveText('45,00 €');
  // The bank's callback reported the approval, which made the payment a success.
  const history = page.getByRole('table').last();
  await expect(rowsWith(history, 'callback', 'approved', 'success')).toHaveCount(1);
  // More than was paid is refused with the amount left.
  await page.getByLabel('Ποσό επιστροφής (€)').fill('50');
  await page.getByLabel('Αιτιολογία επιστροφής').fill('Λάθος χρέωση');
  await page.getByRole('button', { name: 'Επιστροφή μέσω τράπεζας' }).click();
  await expect(page.getByRole('alert').getByRole('listitem')).toHaveText(['Ποσό επιστροφής (€): Μπορούν να επιστραφούν έως 45,00 €. Γράψτε μικρότερο ποσό.']);
  await page.getByLabel('Ποσό επιστροφής (€)').fill('15,00');
  await page.getByLabel('Αιτιολογία επιστροφής').fill('Μερική ακύρωση άδειας');
  await page.getByRole('button', { name: 'Επιστροφή μέσω τράπεζας' }).click();
  await expect(page.getByText('Η τράπεζα επέστρεψε τα χρήματα.')).toBeVisible();
  // One refund, with its own receipt number, of 15,00; 30,00 is left to refund.
  await expect(rowsWith(page, 'Μερική ακύρωση άδειας')).toHaveCount(1);
  await expect(rowsWith(page, /^R-\d+\/\d{4}$/, '15,00 €', 'Μερική ακύρωση άδειας', 'Επιστράφηκε')).toHaveCount(1);
  await expect(page.getByText(/Μπορούν να επιστραφούν ακόμη/)).toHaveText(
    'Επιστρέψτε όλο ή μέρος του ποσού στην κάρτα του πληρωτή. Μπορούν να επιστραφούν ακόμη 30,00 €.',
  );
  await expectNoAxeViolations(page);

  // The receipt trail shows the refund and the net amount.
  await page.getByRole('link', { name: receipt, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Απόδειξη είσπραξης ${receipt}`);
  await expect(rowsWith(page, 'Μερική ακύρωση άδειας')).toHaveCount(1);
  await expect(rowsWith(page, /^R-\d+\/\d{4}$/, '15,00 €', 'Μερική ακύρωση άδειας')).toHaveCount(1);
  await expect(page.getByText(/^Καθαρό ποσό μετά τις επιστροφές:/)).toHaveText('Καθαρό ποσό μετά τις επιστροφές: 30,00 €');

  const csv = await page.request.get('/staff/payments-export.csv?payer=admin%40demo');
  expect(csv.status()).toBe(200);
  const rows = parseCsv(await csv.text()).filter((row) => row.receipt === receipt);
  expect(rows).toEqual([
    expect.objectContaining({
      payment_id: new URL(paymentUrl).pathname.split('/').pop(),
      state: 'success',
      amount_eur: csvAmount('45,00 €'),
      refunded_eur: csvAmount('15,00 €'),
      payer_email: DEMO.admin.email,
    }),
  ]);
});

for (const lang of LANGS) {
  test(`cashier pages are axe-clean in ${lang}`, async ({ browser, baseURL }) => {
    const page = await asCashier(browser, baseURL!, lang);
    await page.goto('/staff/payments');
    await expect(page.locator('.results-count')).toBeVisible();
    await expectNoAxeViolations(page);
    await page.goto('/staff/payments?from=2020-13-01');
    await expect(page.getByRole('alert')).toBeVisible();
    await expectNoAxeViolations(page);
  });
}

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the filters work as plain pages', async ({ page, baseURL }) => {
    await signIn(page, DEMO.cashier.email, DEMO.cashier.password);
    await page.goto('/staff/payments');
    await page.getByLabel('Κατάσταση').selectOption('success');
    await page.getByRole('button', { name: 'Εφαρμογή φίλτρων' }).click();
    await expect(page).toHaveURL(new RegExp(`^${escapeRegExp(baseURL!)}/staff/payments\\?(.*&)?state=success(&|$)`));
    await expect(page.locator('.results-count')).toBeVisible();
  });
});
