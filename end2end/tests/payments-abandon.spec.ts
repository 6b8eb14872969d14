// A payer who leaves the bank's page: the clean-up job asks the bank, finds no outcome and
// settles the payment as expired (the e2e server expires payments after one minute).
import { expect, test } from '@playwright/test';
import { DEMO, signIn } from './support';

test('an abandoned payment is settled by the clean-up job', async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, DEMO.clerk.email, DEMO.clerk.password);
  await page.goto('/payments/test');
  const fee = page.locator('section.card', { has: page.getByRole('heading', { name: /Test fee G/ }) });
  await fee.getByRole('button', { name: /Πληρωμή με κάρτα/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Πληρωμή με κάρτα · Card payment');
  // The payer walks away from the bank's page.
  await page.goto('/payments');
  await expect(page.getByRole('row', { name: /9,90/ })).toContainText('Σε επεξεργασία');
  await expect(async () => {
    await page.reload();
    await expect(page.getByRole('row', { name: /9,90/ })).toContainText('Έληξε', { timeout: 1_000 });
  }).toPass({ timeout: 150_000, intervals: [5_000] });
  await page.getByRole('row', { name: /9,90/ }).getByRole('link', { name: 'Έληξε' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Η πληρωμή έληξε');
  // Nothing was charged: the fee can still be paid.
  await page.goto('/payments/test');
  await expect(page.getByRole('heading', { name: /Test fee G/ })).toBeVisible();
});
