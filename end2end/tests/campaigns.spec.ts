// E-mail campaigns: an admin adds a revenue category, a clerk imports 50 debtors' debts in
// it (each with an e-mail address), a cashier starts a campaign for that category and
// watches the progress bar run to completion; every debtor's e-mail carries the notice's
// PDF; the pages are axe-clean in both languages.
import { expect, test } from '@playwright/test';
import { DEMO, expectNoAxeViolations, mailsTo, signIn, signOut, useLanguage } from './support';

/** A valid ΑΦΜ from eight digits (the ninth is the check digit). */
function afmFor(n: number): string {
  const digits = String(n).padStart(8, '0');
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(digits[i]) << (8 - i);
  return digits + String((sum % 11) % 10);
}

test('a campaign e-mails 50 debtors their notice with the progress shown to completion', async ({ page, context, baseURL }) => {
  test.setTimeout(120_000);
  const stamp = Date.now() % 1_000_000;
  const code = `e2e_${stamp}`;
  // The admin adds a category of its own, so the campaign reaches only this test's debtors.
  await signIn(page, DEMO.admin.email, DEMO.admin.password);
  await page.goto('/staff/debt-categories');
  await page.getByLabel('Κωδικός κατηγορίας').fill(code);
  await page.getByLabel('Όνομα (ελληνικά)').fill(`Δοκιμή ${stamp}`);
  await page.getByLabel('Όνομα (αγγλικά)').fill(`Test ${stamp}`);
  await page.getByRole('button', { name: 'Καταχώριση κατηγορίας' }).click();
  await signOut(page);

  const rows = ['municipality_ref,afm,debtor_name,kind,category,description,principal_eur,due_date,certified_on,debtor_address,debtor_email,debtor_phone'];
  const emails: string[] = [];
  for (let i = 0; i < 50; i++) {
    const afm = afmFor(60_000_000 + (stamp % 100_000) * 50 + i);
    const email = `campaign-${stamp}-${i}@example.gr`;
    emails.push(email);
    rows.push(`CMP-${stamp}-${i},${afm},Οφειλέτης ${i},certified,${code},Τέλος ${stamp},${(10 + i).toFixed(2)},2026-01-31,2026-02-01,,${email},`);
  }
  await signIn(page, DEMO.clerk.email, DEMO.clerk.password);
  await page.goto('/staff/debts/import');
  await page.getByLabel('Αρχείο CSV').setInputFiles({ name: 'debts.csv', mimeType: 'text/csv', buffer: Buffer.from(rows.join('\n'), 'utf-8') });
  await page.getByRole('button', { name: 'Εισαγωγή' }).click();
  await expect(page.getByText('Η εισαγωγή ολοκληρώθηκε.')).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('dd.added')).toHaveText('50');
  await signOut(page);

  await signIn(page, DEMO.cashier.email, DEMO.cashier.password);
  await page.goto('/staff/campaigns');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Αποστολή ειδοποιητηρίων με e-mail');
  await expectNoAxeViolations(page);
  await page.getByLabel('Κατηγορία εσόδου').selectOption(code);
  await page.getByRole('button', { name: 'Έναρξη αποστολής' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Αποστολή ειδοποιητηρίων');
  // The bar starts, moves while the page asks for the counts, and ends full.
  const bar = page.locator('progress#campaign-bar');
  await expect(bar).toHaveAttribute('max', '50');
  await expectNoAxeViolations(page);
  await expect(page.locator('.campaign-state')).toHaveText('Ολοκληρώθηκε', { timeout: 60_000 });
  await expect(bar).toHaveAttribute('value', '50');
  await expect(page.locator('#campaign-progress-text')).toHaveText('50 από 50 οφειλέτες (100%)');
  await expect(page.locator('dd.sent')).toHaveText('50');
  await expect(page.locator('dd.failed')).toHaveText('0');
  await expectNoAxeViolations(page);
  const campaignUrl = page.url();

  // Each debtor got their notice, with its RF and the PDF.
  for (const email of [emails[0], emails[49]]) {
    const mails = await mailsTo(email);
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toMatch(/^Ειδοποιητήριο πληρωμής \d+ — /);
  }

  // The same pages in English, axe-clean.
  await useLanguage(context, baseURL!, 'en');
  await page.goto(campaignUrl);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Notice campaign');
  await expect(page.locator('#campaign-progress-text')).toHaveText('50 of 50 debtors (100%)');
  await expectNoAxeViolations(page);
  await page.goto('/staff/campaigns');
  await expect(page.getByRole('row').filter({ hasText: `Test ${stamp}` })).toContainText('Done');
  await expectNoAxeViolations(page);
});
