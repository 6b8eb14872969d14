// The cashier's bank files: a camt.054 whose transfer names no notice goes to the queue
// with its reason; a file that does not read is refused in words; axe-clean in both
// languages.
import { expect, test } from '@playwright/test';
import { DEMO, LANGS, expectNoAxeViolations, mailsTo, rowsWith, signIn, useLanguage } from './support';

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

/** A camt.054 of several credit transfers: [bank reference, amount, RF, booking day]. */
function camtOf(entries: [string, string, string, string][]): string {
  const body = entries
    .map(
      ([reference, amount, rf, booked]) => `<Ntry><Amt Ccy="EUR">${amount}</Amt><CdtDbtInd>CRDT</CdtDbtInd><BookgDt><Dt>${booked}</Dt></BookgDt>
<AcctSvcrRef>${reference}</AcctSvcrRef><NtryDtls><TxDtls><Refs><TxId>T1</TxId></Refs>
<RmtInf><Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry></Tp><Ref>${rf}</Ref></CdtrRefInf></Strd></RmtInf>
</TxDtls></NtryDtls></Ntry>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.08"><BkToCstmrDbtCdtNtfctn>
<GrpHdr><MsgId>M-five</MsgId></GrpHdr><Ntfctn><Id>N1</Id>
${body}
</Ntfctn></BkToCstmrDbtCdtNtfctn></Document>`;
}

/** A valid ΑΦΜ from eight digits (the ninth is the check digit). */
function afmFor(n: number): string {
  const digits = String(n).padStart(8, '0');
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(digits[i]) << (8 - i);
  return digits + String((sum % 11) % 10);
}

/** "1.234,56 €" as the bank writes it: 1234.56. */
function plainAmount(shown: string): string {
  return shown.replace(/[^0-9,]/g, '').replace(',', '.');
}

test('five transfers: one pays its notice, four wait with their reasons, the short one becomes a part payment', async ({ page, context, baseURL }) => {
  test.setTimeout(120_000);
  const stamp = Date.now() % 100_000;
  const afm = afmFor(30_000_000 + stamp);
  const email = `five-${stamp}@example.gr`;
  const csv = [
    'municipality_ref,afm,debtor_name,kind,category,description,principal_eur,due_date,certified_on,debtor_address,debtor_email,debtor_phone',
    `ΠΕΝ-${stamp}-1,${afm},Πέντε Εμβάσματα,uncertified,tap,ΤΑΠ 2026,50.00,2026-12-31,,,${email},`,
    `ΠΕΝ-${stamp}-2,${afm},Πέντε Εμβάσματα,uncertified,water,Ύδρευση 2026,20.00,2026-12-31,,,${email},`,
    `ΠΕΝ-${stamp}-3,${afm},Πέντε Εμβάσματα,uncertified,cleaning_lighting,Καθαριότητα 2026,30.00,2026-12-31,,,${email},`,
    `ΠΕΝ-${stamp}-4,${afm},Πέντε Εμβάσματα,uncertified,tap,ΤΑΠ 2026 β΄,15.00,2026-12-31,,,${email},`,
  ].join('\n');
  await signIn(page, DEMO.cashier.email, DEMO.cashier.password);
  await page.goto('/staff/debts/import');
  await page.getByLabel('Αρχείο CSV').setInputFiles({ name: 'debts.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf-8') });
  await page.getByRole('button', { name: 'Εισαγωγή' }).click();
  await expect(page.getByText('Η εισαγωγή ολοκληρώθηκε.')).toBeVisible({ timeout: 15_000 });

  // A notice for each debt, from the debtor's card.
  const notices: { rf: string; amount: string; url: string }[] = [];
  for (let n = 1; n <= 4; n++) {
    await page.goto(`/staff/debts?q=${afm}`);
    await page.getByRole('row').filter({ hasText: afm }).getByRole('link').first().click();
    await page.getByRole('checkbox', { name: new RegExp(`ΠΕΝ-${stamp}-${n}`) }).check();
    await page.getByRole('button', { name: 'Ειδοποιητήριο για τις επιλεγμένες οφειλές' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Ειδοποιητήριο αρ\. \d+$/);
    const rf = (await page.locator('dd.rf').textContent())!.replace(/\s/g, '');
    const amount = plainAmount((await page.locator('.notice-amount').textContent())!);
    notices.push({ rf, amount, url: page.url() });
  }
  // The second is paid at the cash desk first: its transfer will be a double payment.
  await page.goto(notices[1].url);
  await page.getByLabel('Κωδικός έγκρισης POS').fill('DBL123');
  await page.getByRole('button', { name: 'Καταχώριση πληρωμής με κάρτα στο ταμείο' }).click();
  await expect(page.getByRole('main')).toContainText('Κάρτα στο ταμείο (POS)');

  const short = (Number(notices[2].amount) - 1).toFixed(2);
  const file = camtOf([
    [`F${stamp}-EXACT`, notices[0].amount, notices[0].rf, '2026-12-05'],
    [`F${stamp}-DOUBLE`, notices[1].amount, notices[1].rf, '2026-12-05'],
    [`F${stamp}-SHORT`, short, notices[2].rf, '2026-12-05'],
    [`F${stamp}-UNKNOWN`, '10.00', 'RF18539007547034', '2026-12-05'],
    // Booked long after the notice's pay-by date.
    [`F${stamp}-LATE`, notices[3].amount, notices[3].rf, '2099-01-05'],
  ]);
  await page.goto('/staff/bank');
  await page.getByLabel('Αρχείο camt.054 (XML)').setInputFiles({ name: 'camt054.xml', mimeType: 'application/xml', buffer: Buffer.from(file, 'utf-8') });
  await page.getByRole('button', { name: 'Εισαγωγή' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Αρχείο τράπεζας');
  await expect(page.locator('dd.transfers')).toHaveText('5');
  await expect(page.locator('dd.paid')).toHaveText('1');
  await expect(page.locator('dd.queued')).toHaveText('4');

  // The exact one paid its notice, and its receipt went to the debtor at once.
  const receipts = await mailsTo(email, (mail) => mail.body.includes('Έμβασμα με κωδικό RF'));
  expect(receipts).toHaveLength(1);
  expect(receipts[0].body).toContain(notices[0].amount.replace('.', ','));
  await page.goto(notices[0].url);
  await expect(page.getByRole('main')).toContainText('Πληρώθηκε');

  // Four wait, each with its reason.
  await page.goto('/staff/bank');
  await expect(rowsWith(page, `F${stamp}-DOUBLE/T1`, 'Το ειδοποιητήριο είχε ήδη πληρωθεί (διπλή πληρωμή)')).toHaveCount(1);
  await expect(rowsWith(page, `F${stamp}-SHORT/T1`, 'Ποσό μικρότερο του ειδοποιητηρίου')).toHaveCount(1);
  await expect(rowsWith(page, `F${stamp}-UNKNOWN/T1`, 'Ο κωδικός RF δεν αντιστοιχεί σε ειδοποιητήριο')).toHaveCount(1);
  await expect(rowsWith(page, `F${stamp}-LATE/T1`, 'Πληρώθηκε μετά την προθεσμία του ειδοποιητηρίου')).toHaveCount(1);
  await expectNoAxeViolations(page);

  // The short one: paying the debt "in full" is refused in words; as a part payment it is
  // receipted.
  await page.getByRole('link', { name: `F${stamp}-SHORT/T1`, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Έμβασμα στην ουρά');
  await expect(page.getByLabel('ΑΦΜ')).toHaveValue(afm);
  await expectNoAxeViolations(page);
  await page.getByRole('checkbox', { name: new RegExp(`ΠΕΝ-${stamp}-3`) }).check();
  await page.getByRole('button', { name: 'Εξόφληση των επιλεγμένων οφειλών' }).click();
  await expect(page.getByRole('alert')).toContainText('Οι επιλεγμένες οφειλές όφειλαν');
  await page.getByRole('checkbox', { name: new RegExp(`ΠΕΝ-${stamp}-3`) }).check();
  await page.getByRole('button', { name: 'Μερική πληρωμή της επιλεγμένης οφειλής' }).click();
  await expect(page.getByRole('main')).toContainText('Έμβασμα με κωδικό RF');
  await expect(page.getByRole('main')).toContainText(short.replace('.', ','));
  await expectNoAxeViolations(page);
  await page.goto('/staff/bank');
  await expect(page.getByRole('main')).not.toContainText(`F${stamp}-SHORT/T1`);

  // The unknown one goes back to its payer.
  await page.getByRole('link', { name: `F${stamp}-UNKNOWN/T1`, exact: true }).click();
  await page.getByRole('button', { name: 'Σήμανση για επιστροφή' }).click();
  await expect(page.locator('dd.resolution')).toHaveText('Για επιστροφή στον καταθέτη');
  await expect(page.locator('ul.events')).toContainText('Για επιστροφή στον καταθέτη');
  await expectNoAxeViolations(page);

  // In English too.
  await useLanguage(context, baseURL!, 'en');
  await page.goto('/staff/bank');
  await expect(rowsWith(page, `F${stamp}-LATE/T1`, "Paid after the notice's date")).toHaveCount(1);
  await expectNoAxeViolations(page);
  await page.getByRole('link', { name: `F${stamp}-LATE/T1`, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Queued transfer');
  await expectNoAxeViolations(page);
});
