// The cashier's bank files: a camt.054 whose transfer names no notice goes to the queue
// with its reason; a file that does not read is refused in words; axe-clean in both
// languages.
import { expect, test } from '@playwright/test';
import { DEMO, LANGS, expectNoAxeViolations, rowsWith, signIn, useLanguage } from './support';

function camt(reference: string, amount: string, rf: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.08"><BkToCstmrDbtCdtNtfctn>
<GrpHdr><MsgId>M-${reference}</MsgId></GrpHdr><Ntfctn><Id>N1</Id>
<Ntry><Amt Ccy="EUR">${amount}</Amt><CdtDbtInd>CRDT</CdtDbtInd><BookgDt><Dt>2026-12-05</Dt></BookgDt>
<AcctSvcrRef>${reference}</AcctSvcrRef><NtryDtls><TxDtls><Refs><TxId>T1</TxId></Refs>
<RltdPties><Dbtr><Pty><Nm>Πελάτης Τράπεζας</Nm></Pty></Dbtr></RltdPties>
<RmtInf><Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry></Tp><Ref>${rf}</Ref></CdtrRefInf></Strd></RmtInf>
</TxDtls></NtryDtls></Ntry></Ntfctn></BkToCstmrDbtCdtNtfctn></Document>`;
}

for (const lang of LANGS) {
  test(`a transfer naming no notice waits in the queue with its reason (${lang})`, async ({ page, context, baseURL }) => {
    await useLanguage(context, baseURL!, lang);
    await signIn(page, DEMO.cashier.email, DEMO.cashier.password);
    await page.goto('/staff/bank');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(lang === 'el' ? 'Πληρωμές μέσω τράπεζας' : 'Payments through the bank');
    await expectNoAxeViolations(page);
    const reference = `E2E-${lang}-${Date.now()}`;
    // RF18 5390 0754 7034 is the standard's example: a valid RF that names no notice here.
    await page.getByLabel(lang === 'el' ? 'Αρχείο camt.054 (XML)' : 'camt.054 file (XML)').setInputFiles({
      name: 'camt054.xml', mimeType: 'application/xml', buffer: Buffer.from(camt(reference, '12.34', 'RF18539007547034'), 'utf-8'),
    });
    await page.getByRole('button', { name: lang === 'el' ? 'Εισαγωγή' : 'Import' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(lang === 'el' ? 'Αρχείο τράπεζας' : 'Bank file');
    await expect(page.locator('dd.queued')).toHaveText('1');
    await expect(page.locator('dd.paid')).toHaveText('0');
    await expectNoAxeViolations(page);
    await page.goto('/staff/bank');
    const reason = lang === 'el' ? 'Ο κωδικός RF δεν αντιστοιχεί σε ειδοποιητήριο' : 'The RF code names no notice';
    await expect(rowsWith(page, `${reference}/T1`, reason)).toHaveCount(1);
    await expectNoAxeViolations(page);
  });
}

test('a file cut short is refused in words, and nothing is recorded', async ({ page }) => {
  await signIn(page, DEMO.cashier.email, DEMO.cashier.password);
  await page.goto('/staff/bank');
  const reference = `E2E-cut-${Date.now()}`;
  const whole = camt(reference, '1.00', 'RF18539007547034');
  await page.getByLabel('Αρχείο camt.054 (XML)').setInputFiles({
    name: 'camt054.xml', mimeType: 'application/xml', buffer: Buffer.from(whole.slice(0, whole.length - 40), 'utf-8'),
  });
  await page.getByRole('button', { name: 'Εισαγωγή' }).click();
  await expect(page.locator('body')).toContainText('δεν καταχωρίστηκε τίποτα');
  await page.goto('/staff/bank');
  await expect(page.getByRole('main')).not.toContainText(reference);
});

test('the cashier takes a notice by card at the cash desk and the receipt says so', async ({ page }) => {
  await signIn(page, DEMO.cashier.email, DEMO.cashier.password);
  await page.goto('/staff/debts?q=090000045');
  await page.getByRole('row').filter({ hasText: '090000045' }).getByRole('link').first().click();
  await page.getByRole('checkbox', { name: /ΚΦ-2025-0002/ }).check();
  await page.getByRole('button', { name: 'Ειδοποιητήριο για τις επιλεγμένες οφειλές' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Ειδοποιητήριο αρ\. \d+$/);
  const amount = (await page.locator('.notice-amount').textContent())!.trim();
  // The cash desk records the terminal's approval code; the debtor's card button is not here.
  await expect(page.getByRole('button', { name: /^Πληρωμή με κάρτα/ })).toHaveCount(0);
  await expectNoAxeViolations(page);
  await page.getByLabel('Κωδικός έγκρισης POS').fill('12');
  await page.getByRole('button', { name: 'Καταχώριση πληρωμής με κάρτα στο ταμείο' }).click();
  await expect(page.getByRole('alert')).toContainText('4 έως 12 λατινικά γράμματα ή ψηφία');
  await page.getByLabel('Κωδικός έγκρισης POS').fill('a1b2c3');
  await page.getByRole('button', { name: 'Καταχώριση πληρωμής με κάρτα στο ταμείο' }).click();
  await expect(page.getByRole('main')).toContainText('Κάρτα στο ταμείο (POS)');
  await expect(page.getByRole('main')).toContainText('A1B2C3');
  await expect(page.getByRole('main')).toContainText(amount);
  await expectNoAxeViolations(page);
});
