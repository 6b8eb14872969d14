// Card payments through the sandbox bank: approve (with receipt), decline (with the bank's
// reason), cancel, 3-D Secure; with and without JavaScript; pages axe-clean.
import { expect, test, type Page } from '@playwright/test';
import { DEMO, LANGS, expectNoAxeViolations, paymentOutcome, rowsWith, signIn, useLanguage } from './support';

async function startPayment(page: Page) {
  await page.goto('/payments/test');
  await page.getByRole('button', { name: /Πληρωμή με κάρτα/ }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Πληρωμή με κάρτα · Card payment');
}

async function payWith(page: Page, card: string) {
  await page.getByLabel('Αριθμός κάρτας · Card number').fill(card);
  await page.getByRole('button', { name: 'Πληρωμή · Pay' }).click();
}

/** With JavaScript the result page asks the server until the bank's callback has landed. */
async function expectOutcome(page: Page, heading: string) {
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading, { timeout: 15_000 });
}

test.describe.configure({ mode: 'serial' });

test('an approved card pays and shows the receipt', async ({ page }) => {
  await signIn(page, DEMO.citizen.email, DEMO.citizen.password);
  await startPayment(page);
  await expect(page.getByRole('main')).toContainText('Δήμος Επίδειξης');
  await payWith(page, '4111 1111 1111 1111');
  await expectOutcome(page, 'Η πληρωμή ολοκληρώθηκε');
  await expect(page.locator('.receipt')).toHaveText(/^\d+\/\d{4}$/);
  const receipt = (await page.locator('.receipt').textContent())!;
  await page.goto('/payments');
  // The row of this receipt (exactly: 1/2026 is not 11/2026), complete, saying where the
  // receipt is: its page and its PDF.
  const row = rowsWith(page, `Απόδειξη ${receipt} · PDF`);
  await expect(row).toHaveCount(1);
  await expect(rowsWith(page, `Απόδειξη ${receipt} · PDF`, 'Ολοκληρώθηκε')).toHaveCount(1);
  await expect(row.getByRole('link', { name: `Απόδειξη ${receipt}`, exact: true })).toHaveAttribute('href', /\/receipt$/);
  await expect(row.getByRole('link', { name: 'PDF', exact: true })).toHaveAttribute('href', /\/receipt\.pdf$/);
  await expectNoAxeViolations(page);
});

test('a declined card says why, and nothing is charged', async ({ page }) => {
  await signIn(page, DEMO.citizen.email, DEMO.citizen.password);
  await startPayment(page);
  await payWith(page, '4000000000000002');
  await expectOutcome(page, 'Η τράπεζα απέρριψε την πληρωμή');
  await expect(page.getByRole('main')).toContainText('Do not honour');
});

test('3-D Secure challenge, then cancel on a second attempt', async ({ page }) => {
  await signIn(page, DEMO.citizen.email, DEMO.citizen.password);
  await startPayment(page);
  await payWith(page, '4000000000003220');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('3-D Secure');
  await page.getByLabel('Κωδικός · Code').fill('0000');
  await page.getByRole('button', { name: 'Επιβεβαίωση · Confirm' }).click();
  await expectOutcome(page, 'Η τράπεζα απέρριψε την πληρωμή');
  await startPayment(page);
  await page.getByRole('button', { name: 'Ακύρωση · Cancel' }).click();
  await expectOutcome(page, 'Ακυρώσατε την πληρωμή');
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the whole payment works as plain pages', async ({ page }) => {
    await signIn(page, DEMO.business.email, DEMO.business.password);
    await startPayment(page);
    await payWith(page, '4111111111111111');
    await paymentOutcome(page, 'Η πληρωμή ολοκληρώθηκε');
  });
});

for (const lang of LANGS) {
  test(`payment pages are axe-clean in ${lang}`, async ({ page, context, baseURL }) => {
    await useLanguage(context, baseURL!, lang);
    await signIn(page, DEMO.citizen.email, DEMO.citizen.password);
    await page.goto('/payments/test');
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: /Πληρωμή με κάρτα|Pay by card/ }).first().click();
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: 'Ακύρωση · Cancel' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Ακυρώσατε|You cancelled/, { timeout: 15_000 });
    await expectNoAxeViolations(page);
  });
}
