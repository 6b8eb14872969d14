// Debtors for the debts and notices flows: a citizen whose ΑΦΜ a clerk verifies, the
// finance office's export for them, and paying at the sandbox bank.
import { expect, type Browser, type Page } from '@playwright/test';
import { DEMO, expectNoAxeViolations, registerAndConfirm, rowsWith, signIn, uniqueEmail } from './support';

export const APPROVE = '4111 1111 1111 1111';

export async function payWith(page: Page, card: string) {
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Πληρωμή με κάρτα · Card payment');
  await page.getByLabel('Αριθμός κάρτας · Card number').fill(card);
  await page.getByRole('button', { name: 'Πληρωμή · Pay' }).click();
}

/** A new citizen with `afm` on the profile; a clerk verifies it unless `verify` is false. */
export async function citizen(page: Page, browser: Browser, name: string, afm: string, verify = true) {
  const email = uniqueEmail('debtor');
  const password = 'οφειλέτης με κωδικό';
  await registerAndConfirm(page, email, password, name);
  await signIn(page, email, password);
  await page.goto('/account');
  await page.getByLabel('ΑΦΜ').fill(afm);
  await page.getByLabel('Διεύθυνση κατοικίας').fill('Τσιμισκή 5, Θεσσαλονίκη');
  await page.getByLabel('Πατρώνυμο').fill('Γεώργιος');
  await page.getByRole('button', { name: 'Αποθήκευση' }).first().click();
  await expect(page.getByRole('status')).toContainText('Το προφίλ σας αποθηκεύτηκε');
  if (!verify) return;
  await page.getByRole('button', { name: 'Αίτηση επαλήθευσης' }).click();
  const context = await browser.newContext();
  const clerk = await context.newPage();
  await signIn(clerk, DEMO.clerk.email, DEMO.clerk.password);
  await clerk.goto('/staff/verifications');
  await clerk.locator('section.card', { hasText: name }).getByRole('button', { name: 'Επαλήθευση' }).click();
  await expect(clerk.getByRole('status')).toContainText('Η απόφαση καταχωρίστηκε');
  await context.close();
}

/** The finance office's export for one debtor, uploaded by a clerk; waits for the report. */
export async function importFor(browser: Browser, afm: string, name: string, tag: string) {
  const csv = [
    'municipality_ref,afm,debtor_name,kind,category,description,principal_eur,due_date,certified_on,debtor_address',
    `ΤΑΠ-${tag},${afm},${name},certified,tap,ΤΑΠ 2025 ακινήτου,150.00,2025-06-30,2025-09-01,Τσιμισκή 5`,
    `ΥΔ-${tag},${afm},${name},certified,water,Ύδρευση 2025,40.00,2025-10-31,2025-11-15,`,
    `ΚΦ-${tag},${afm},${name},uncertified,cleaning_lighting,Καθαριότητα 2026,60.00,2026-12-31,,`,
    // A bad row is reported by line and left out.
    `ΧΧ-${tag},123456789,${name},certified,tap,Λάθος ΑΦΜ,10.00,2025-01-01,2025-02-01,`,
  ].join('\n');
  // The clerk's browser runs scripts (axe-core scans the page) whatever the debtor's does.
  const context = await browser.newContext({ javaScriptEnabled: true });
  const clerk = await context.newPage();
  await signIn(clerk, DEMO.clerk.email, DEMO.clerk.password);
  await clerk.goto('/staff/debts/import');
  await expectNoAxeViolations(clerk);
  await clerk.getByLabel('Αρχείο CSV').setInputFiles({ name: 'debts.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf-8') });
  await clerk.getByRole('button', { name: 'Εισαγωγή' }).click();
  await expect(clerk.getByRole('heading', { level: 1 })).toHaveText('Εισαγωγή οφειλών');
  await expect(clerk.getByText('Η εισαγωγή ολοκληρώθηκε.')).toBeVisible({ timeout: 15_000 });
  await expect(clerk.locator('dd.added')).toHaveText('3');
  await expect(rowsWith(clerk, '5', `ΧΧ-${tag}`)).toHaveCount(1);
  await expectNoAxeViolations(clerk);
  await context.close();
}

