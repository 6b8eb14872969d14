// The debts register: a citizen whose ΑΦΜ a clerk verified sees the debts the finance office
// imported for it, with interest to today, grouped by kind; pays two in one card payment;
// both show paid, the receipt lists both, the payment is on the debtor's card; an
// unverified user sees nothing of it; staff find the debtor without accents; without
// JavaScript too; every page axe-clean in both languages.
import { expect, test } from '@playwright/test';
import { APPROVE, citizen, importFor, payWith } from './debtors';
import { DEMO, LANGS, expectNoAxeViolations, paymentOutcome, rowsWith, signIn, uniqueAfm, useLanguage } from './support';

test('a verified citizen sees imported debts with interest, pays two in one payment, and finds it on the card', async ({ page, browser }) => {
  const afm = uniqueAfm();
  const tag = `${Date.now()}`;
  const name = 'Ελένη Κωστάκη';
  await citizen(page, browser, name, afm);
  await importFor(browser, afm, name, tag);

  await page.goto('/debts');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Οι οφειλές μου');
  await expect(page.getByRole('heading', { name: 'Βεβαιωμένες' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Αβεβαίωτες' })).toBeVisible();
  // Certified debts bear interest to today; the uncertified one does not.
  const tap = rowsWith(page, `ΤΑΠ-${tag}`);
  await expect(tap).toHaveCount(1);
  await expect(tap.getByRole('cell', { name: /^\d+,\d\d € \(\d+ μήνες?\)$/ })).toHaveCount(1);
  await expect(tap.getByRole('cell', { name: '150,00 €' })).toHaveCount(1);
  await expect(rowsWith(page, `ΚΦ-${tag}`, '—')).toHaveCount(1);
  await expectNoAxeViolations(page);

  await page.getByRole('checkbox', { name: new RegExp(`ΤΑΠ-${tag}`) }).check();
  await page.getByRole('checkbox', { name: new RegExp(`ΥΔ-${tag}`) }).check();
  await page.getByRole('button', { name: 'Πληρωμή με κάρτα' }).click();
  await payWith(page, APPROVE);
  await paymentOutcome(page, 'Η πληρωμή ολοκληρώθηκε');
  const receipt = (await page.locator('.receipt').textContent())!.trim();
  await page.getByRole('link', { name: 'Στις οφειλές μου' }).click();
  await expect(rowsWith(page, `ΤΑΠ-${tag}`, `Εξοφλήθηκε · ${receipt}`)).toHaveCount(1);
  await expect(rowsWith(page, `ΥΔ-${tag}`, `Εξοφλήθηκε · ${receipt}`)).toHaveCount(1);
  await expect(page.getByRole('checkbox', { name: new RegExp(`ΚΦ-${tag}`) })).toHaveCount(1);

  // The receipt lists both debts.
  await page.getByRole('link', { name: receipt }).first().click();
  const purpose = page.locator('dt', { hasText: 'Αιτιολογία' }).locator('xpath=following-sibling::dd[1]');
  await expect(purpose).toContainText(`ΤΑΠ-${tag}`);
  await expect(purpose).toContainText(`ΥΔ-${tag}`);

  // The debtor's card: the record and the payment with its receipt.
  await page.goto('/debts/card');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Καρτέλα οφειλέτη');
  await expect(page.getByRole('main')).toContainText(afm);
  await expect(page.getByRole('main')).toContainText('Τσιμισκή 5');
  await expect(page.locator('table.card-payments').getByRole('link', { name: receipt })).toHaveCount(1);
  await expectNoAxeViolations(page);

  // Staff find the debtor by a name typed without accents, and see the same payment.
  const context = await browser.newContext();
  const cashier = await context.newPage();
  await signIn(cashier, DEMO.cashier.email, DEMO.cashier.password);
  await cashier.goto('/staff/debts');
  await cashier.getByLabel('Αναζήτηση οφειλέτη').fill('ελενη κωστακη');
  await cashier.getByRole('button', { name: 'Αναζήτηση' }).click();
  await cashier.getByRole('row').filter({ hasText: afm }).getByRole('link', { name }).click();
  await expect(cashier.locator('table.card-payments').getByRole('link', { name: receipt })).toHaveCount(1);
  await expectNoAxeViolations(cashier);
  await context.close();
});

test('an unverified user with the same ΑΦΜ sees nothing of the debts', async ({ page, browser }) => {
  const afm = uniqueAfm();
  const tag = `${Date.now()}u`;
  await importFor(browser, afm, 'Νίκος Παππάς', tag);
  // Typing someone's ΑΦΜ into a profile proves nothing.
  await citizen(page, browser, 'Άγνωστος Χρήστης', afm, false);
  for (const path of ['/debts', '/debts/card']) {
    await page.goto(path);
    await expect(page.getByRole('main')).toContainText('Οι οφειλές είναι προσωπικά δεδομένα');
    await expect(page.getByRole('main')).not.toContainText(`ΤΑΠ-${tag}`);
  }
  // Another's business named in the address is "not found".
  await page.goto('/debts?business=00000000-0000-4000-8000-000000000000');
  await expect(page.getByRole('main')).not.toContainText('ΤΑΠ-');
  await expectNoAxeViolations(page);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the demo business pays a debt as plain pages', async ({ page }) => {
    await signIn(page, DEMO.business.email, DEMO.business.password);
    await page.goto('/debts');
    await page.getByRole('checkbox', { name: /ΔΑ-2025-0004/ }).check();
    await page.getByRole('button', { name: 'Πληρωμή με κάρτα' }).click();
    await payWith(page, APPROVE);
    await paymentOutcome(page, 'Η πληρωμή ολοκληρώθηκε');
    const receipt = (await page.locator('.receipt').textContent())!.trim();
    await page.getByRole('link', { name: 'Στις οφειλές μου' }).click();
    await expect(rowsWith(page, 'ΔΑ-2025-0004', `Εξοφλήθηκε · ${receipt}`)).toHaveCount(1);
    // Nothing ticked: said in words, on the page.
    await page.getByRole('button', { name: 'Πληρωμή με κάρτα' }).click();
    await expect(page.getByRole('alert')).toContainText('Σημειώστε τουλάχιστον μία οφειλή');
  });
});

const TITLES: Record<string, { el: string; en: string }> = {
  '/debts': { el: 'Οι οφειλές μου', en: 'My debts' },
  '/debts/card': { el: 'Καρτέλα οφειλέτη', en: "Debtor's card" },
  '/staff/debts?q=090000045': { el: 'Οφειλέτες', en: 'Debtors' },
  '/staff/debts/new': { el: 'Νέα οφειλή', en: 'New debt' },
  '/staff/debts/import': { el: 'Εισαγωγή οφειλών', en: 'Import debts' },
  '/staff/debts/report': { el: 'Βεβαιωθέντα και εισπραχθέντα', en: 'Posted and collected' },
  '/staff/debt-categories': { el: 'Κατηγορίες εσόδων', en: 'Revenue categories' },
};

for (const lang of LANGS) {
  test(`debts pages are axe-clean in ${lang}`, async ({ page, context, baseURL }) => {
    test.setTimeout(90_000);
    await useLanguage(context, baseURL!, lang);
    await signIn(page, DEMO.business.email, DEMO.business.password);
    for (const path of ['/debts', '/debts/card']) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(TITLES[path][lang]);
      await expectNoAxeViolations(page);
    }
    await page.getByRole('button', { name: /^(Αποσύνδεση|Sign out)$/ }).click();
    await signIn(page, DEMO.clerk.email, DEMO.clerk.password);
    for (const path of ['/staff/debts?q=090000045', '/staff/debts/new', '/staff/debts/import', '/staff/debts/report']) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(TITLES[path][lang]);
      await expectNoAxeViolations(page);
    }
    // The debtor's card and one debt with its history and forms.
    await page.goto('/staff/debts?q=090000045');
    await page.getByRole('row').filter({ hasText: '090000045' }).getByRole('link').first().click();
    await expectNoAxeViolations(page);
    await page.locator('ul.debt-links a').first().click();
    await expect(page.getByRole('heading', { level: 2 }).first()).toBeVisible();
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: /^(Αποσύνδεση|Sign out)$/ }).click();
    await signIn(page, DEMO.admin.email, DEMO.admin.password);
    await page.goto('/staff/debt-categories');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(TITLES['/staff/debt-categories'][lang]);
    await expectNoAxeViolations(page);
  });
}
