// A payer who leaves the bank's page: the clean-up job asks the bank, finds no outcome and
// settles the payment as expired (the e2e server expires payments after one minute).
import { expect, test } from '@playwright/test';
import { DEMO, rowsWith, signIn } from './support';

test('an abandoned payment is settled by the clean-up job', async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, DEMO.clerk.email, DEMO.clerk.password);
  await page.goto('/payments/test');
  const fee = page.locator('section.card', { has: page.getByRole('heading', { name: /Test fee G/ }) });
  await fee.getByRole('button', { name: /Πληρωμή με κάρτα/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Πληρωμή με κάρτα · Card payment');
  // The payer walks away from the bank's page.
  await page.goto('/payments');
  // The clerk pays nothing else: one payment of exactly 9,90 € (not 19,90 €), processing.
  const payment = rowsWith(page, '9,90 €');
  await expect(payment).toHaveCount(1);
  await expect(rowsWith(page, '9,90 €', 'Σε επεξεργασία')).toHaveCount(1);
  await expect(async () => {
    await page.reload();
    await expect(rowsWith(page, '9,90 €', 'Έληξε')).toHaveCount(1, { timeout: 1_000 });
  }).toPass({ timeout: 150_000, intervals: [5_000] });
  await expect(payment).toHaveCount(1);
  await payment.getByRole('link', { name: 'Έληξε', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Η πληρωμή έληξε');
  // Nothing was charged: the fee can still be paid.
  await page.goto('/payments/test');
  await expect(page.getByRole('heading', { name: /Test fee G/ })).toBeVisible();
});
