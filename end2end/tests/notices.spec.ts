// Notices with an RF: a citizen groups two debts into a notice (an older notice of one of
// them is then "replaced"), downloads its PDF (a PDF holding the RF and the total), pays it
// by card and both debts are paid; a fee is issued and paid; without JavaScript too; every
// page axe-clean in both languages.
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { APPROVE, citizen, importFor, payWith } from './debtors';
import { DEMO, LANGS, expectNoAxeViolations, paymentOutcome, rowsWith, signIn, uniqueAfm, useLanguage } from './support';

const MAKE_NOTICE = 'Νέο ειδοποιητήριο με τις επιλεγμένες';

/** Ticks the debts with these references on "my debts" and makes a notice of them. */
async function noticeFor(page: Page, references: string[]) {
  await page.goto('/debts');
  for (const reference of references) {
    await page.getByRole('checkbox', { name: new RegExp(reference) }).check();
  }
  await page.getByRole('button', { name: MAKE_NOTICE }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Ειδοποιητήριο αρ\. \d+$/);
  await expect(page.getByRole('status').first()).toContainText('Το ειδοποιητήριο εκδόθηκε');
}

test('a citizen groups two debts into a notice, downloads its PDF, pays it, and the older notice is replaced', async ({ page, browser }) => {
  const afm = uniqueAfm();
  const tag = `${Date.now()}n`;
  await citizen(page, browser, 'Σοφία Αντωνίου', afm);
  await importFor(browser, afm, 'Σοφία Αντωνίου', tag);

  // A first notice for one debt, then a new one for it and another: the first is replaced.
  await noticeFor(page, [`ΤΑΠ-${tag}`]);
  const first = page.url().replace(/\?.*$/, '');
  await noticeFor(page, [`ΤΑΠ-${tag}`, `ΥΔ-${tag}`]);
  await expect(rowsWith(page, `ΤΑΠ-${tag}`)).toHaveCount(1);
  await expect(rowsWith(page, `ΥΔ-${tag}`)).toHaveCount(1);
  const rf = (await page.locator('section.pay-by-bank dd.rf').textContent())!.trim();
  expect(rf).toMatch(/^RF\d\d( [0-9]{1,4})+$/);
  const total = (await page.locator('.notice-amount').textContent())!.trim();
  await expect(page.getByRole('img', { name: 'Κωδικός QR πληρωμής (EPC) για την εφαρμογή της τράπεζάς σας' })).toBeVisible();
  await expect(page.getByRole('main')).toContainText('GR16 0110 1250 0000 0001 2300 695');
  await expectNoAxeViolations(page);

  // The PDF downloads, is a PDF, and holds the RF and the total.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Λήψη του ειδοποιητηρίου σε PDF' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^notice-\d+\.pdf$/);
  const pdf = readFileSync((await download.path())!);
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const text = pdf.toString('utf8');
  expect(text).toContain(rf);
  expect(text).toContain(total);

  // Paid by card: the notice and both its debts.
  await page.getByRole('button', { name: `Πληρωμή με κάρτα ${total}` }).click();
  await payWith(page, APPROVE);
  await paymentOutcome(page, 'Η πληρωμή ολοκληρώθηκε');
  const receipt = (await page.locator('.receipt').textContent())!.trim();
  await page.getByRole('link', { name: 'Στο ειδοποιητήριο' }).click();
  await expect(page.getByRole('main')).toContainText('Το ειδοποιητήριο έχει πληρωθεί');
  await expect(page.getByRole('link', { name: new RegExp(receipt) })).toHaveCount(1);
  await expect(page.getByRole('img', { name: /EPC/ })).toHaveCount(0);
  await page.goto('/debts');
  await expect(rowsWith(page, `ΤΑΠ-${tag}`, `Εξοφλήθηκε · ${receipt}`)).toHaveCount(1);
  await expect(rowsWith(page, `ΥΔ-${tag}`, `Εξοφλήθηκε · ${receipt}`)).toHaveCount(1);

  // The first notice is replaced: said in words, no code to pay it.
  await page.goto(first);
  await expect(page.getByRole('main')).toContainText('αντικαταστάθηκε από νεότερο');
  await expect(page.getByRole('img', { name: /EPC/ })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /Πληρωμή με κάρτα/ })).toHaveCount(0);
  await page.goto('/notices');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Τα ειδοποιητήριά μου');
  await expect(rowsWith(page, rf, 'Πληρώθηκε')).toHaveCount(1);
  await expect(rowsWith(page, 'Αντικαταστάθηκε')).toHaveCount(1);
  await expectNoAxeViolations(page);
});

test('a citizen issues a fee and pays it by card', async ({ page, browser }) => {
  await citizen(page, browser, 'Γιώργος Δημητρίου', uniqueAfm());
  await page.goto('/fees');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Παράβολα');
  await expectNoAxeViolations(page);
  // Nothing chosen: said in words.
  await page.getByRole('button', { name: 'Έκδοση παραβόλου' }).click();
  await expect(page.getByRole('alert')).toContainText('Επιλέξτε ένα από τα παράβολα');
  await page.getByRole('radio', { name: /Πιστοποιητικό δημοτολογίου/ }).check();
  await page.getByRole('button', { name: 'Έκδοση παραβόλου' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Ειδοποιητήριο αρ\. \d+$/);
  await expect(page.locator('.notice-amount')).toHaveText('2,00 €');
  await expect(rowsWith(page, 'Παράβολα', 'Πιστοποιητικό δημοτολογίου')).toHaveCount(1);
  await page.getByRole('button', { name: 'Πληρωμή με κάρτα 2,00 €' }).click();
  await payWith(page, APPROVE);
  await paymentOutcome(page, 'Η πληρωμή ολοκληρώθηκε');
  await page.getByRole('link', { name: 'Στο ειδοποιητήριο' }).click();
  await expect(page.getByRole('main')).toContainText('Το ειδοποιητήριο έχει πληρωθεί');
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the demo business makes a notice, pays it, and issues a fee as plain pages', async ({ page }) => {
    await signIn(page, DEMO.business.email, DEMO.business.password);
    await page.goto('/debts');
    // Nothing ticked: said in words, on the page.
    await page.getByRole('button', { name: MAKE_NOTICE }).click();
    await expect(page.getByRole('alert')).toContainText('Σημειώστε τουλάχιστον μία οφειλή για το ειδοποιητήριο');
    await noticeFor(page, ['ΚΧ-2026-0003']);
    await expect(page.locator('.notice-amount')).toHaveText('480,00 €');
    await page.getByRole('button', { name: 'Πληρωμή με κάρτα 480,00 €' }).click();
    await payWith(page, APPROVE);
    await paymentOutcome(page, 'Η πληρωμή ολοκληρώθηκε');
    await page.getByRole('link', { name: 'Στο ειδοποιητήριο' }).click();
    await expect(page.getByRole('main')).toContainText('Το ειδοποιητήριο έχει πληρωθεί');

    await page.goto('/fees');
    await page.getByRole('radio', { name: /Άδεια χρήσης κοινόχρηστου χώρου/ }).check();
    await page.getByRole('button', { name: 'Έκδοση παραβόλου' }).click();
    await expect(page.locator('.notice-amount')).toHaveText('30,00 €');
  });
});

const TITLES: Record<string, { el: string; en: string }> = {
  '/notices': { el: 'Τα ειδοποιητήριά μου', en: 'My notices' },
  '/fees': { el: 'Παράβολα', en: 'Fees' },
  '/staff/fees': { el: 'Κατάλογος παραβόλων', en: 'Fee catalogue' },
};

for (const lang of LANGS) {
  test(`notices pages are axe-clean in ${lang}`, async ({ page, context, baseURL }) => {
    test.setTimeout(90_000);
    await useLanguage(context, baseURL!, lang);
    await signIn(page, DEMO.business.email, DEMO.business.password);
    for (const path of ['/notices', '/fees']) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(TITLES[path][lang]);
      await expectNoAxeViolations(page);
    }
    // A notice of the business's own: its printable page.
    await page.goto('/fees');
    await page.getByRole('radio').first().check();
    await page.getByRole('button', { name: /^(Έκδοση παραβόλου|Issue the fee)$/ }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^(Ειδοποιητήριο αρ\.|Notice no\.) \d+$/);
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: /^(Αποσύνδεση|Sign out)$/ }).click();
    // A clerk issues a notice on the debtor's behalf from the debtor's card.
    await signIn(page, DEMO.clerk.email, DEMO.clerk.password);
    await page.goto('/staff/debts?q=090000045');
    await page.getByRole('row').filter({ hasText: '090000045' }).getByRole('link').first().click();
    await page.getByRole('checkbox', { name: /ΤΑΠ-2025-0001/ }).check();
    await page.getByRole('button', { name: /^(Ειδοποιητήριο για τις επιλεγμένες οφειλές|Notice for the chosen debts)$/ }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^(Ειδοποιητήριο αρ\.|Notice no\.) \d+$/);
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: /^(Αποσύνδεση|Sign out)$/ }).click();
    await signIn(page, DEMO.admin.email, DEMO.admin.password);
    await page.goto('/staff/fees');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(TITLES['/staff/fees'][lang]);
    await expectNoAxeViolations(page);
  });
}
