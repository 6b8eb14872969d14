// Business services: an unverified business is told to get verified and cannot declare; the
// demo business declares with the live preview (the domain computation in WASM) and pays in
// the same act: approved → accepted with receipt; declined → rejected, submitted again →
// accepted; a period is declared once; a late declaration shows its fine; a certified debt
// is paid on "my debts"; warranted payments are listed; staff list, filter, export and enter records;
// without JavaScript too; every page axe-clean in both languages.
import { expect, test, type Page } from '@playwright/test';
import { DEMO, LANGS, collectConsoleErrors, csvAmount, definition, expectNoAxeViolations, parseCsv, paymentOutcome, registerAndConfirm, rowsWith, signIn, uniqueAfm, uniqueEmail, useLanguage, withCells } from './support';

const QUARTER = 'Τρίμηνο της δήλωσης ΦΠΑ (1–4)';

async function fillDeclaration(page: Page, quarter: string, year: string, revenue: string, filed: string) {
  await page.getByLabel(QUARTER).selectOption(quarter);
  await page.getByLabel('Έτος', { exact: true }).fill(year);
  await page.getByLabel('Ακαθάριστα έσοδα της περιόδου (€)').fill(revenue);
  await page.getByLabel('Ημερομηνία υποβολής της δήλωσης ΦΠΑ').fill(filed);
}

async function payWith(page: Page, card: string) {
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Πληρωμή με κάρτα · Card payment');
  await page.getByLabel('Αριθμός κάρτας · Card number').fill(card);
  await page.getByRole('button', { name: 'Πληρωμή · Pay' }).click();
}

/** After an approved payment: the receipt number on the result page. */
async function receiptOnResult(page: Page): Promise<string> {
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Η πληρωμή ολοκληρώθηκε', { timeout: 15_000 });
  await expect(page.locator('.receipt')).toHaveText(/^\d+\/\d{4}$/);
  return (await page.locator('.receipt').textContent())!;
}

const APPROVE = '4111 1111 1111 1111';
const DECLINE = '4000000000000002';

test('an unverified business is told to get verified and cannot declare', async ({ page }) => {
  const email = uniqueEmail('taxrep');
  const password = 'φόρος επιχείρησης δοκιμή';
  await registerAndConfirm(page, email, password, 'Σοφία Αλεξίου');
  await signIn(page, email, password);
  await page.goto('/business');
  await page.getByLabel('ΑΦΜ').fill(uniqueAfm());
  await page.getByLabel('Επωνυμία').fill('Μπαρ Η Γωνιά');
  await page.getByLabel('Νομική μορφή').selectOption('sole');
  await page.getByLabel('Κύρια δραστηριότητα').selectOption('catering');
  await page.getByLabel('Περίοδος ΦΠΑ').selectOption('monthly');
  await page.getByRole('button', { name: 'Καταχώριση' }).click();
  await expect(page.getByRole('status')).toContainText('Η επιχείρηση καταχωρίστηκε');
  for (const path of ['/business/tax', '/business/tax/debts', '/business/tax/warrants']) {
    await page.goto(path);
    await expect(page.getByRole('main')).toContainText('δεν έχει επαληθευτεί ακόμη');
    await expect(page.getByRole('button', { name: 'Υποβολή και πληρωμή με κάρτα' })).toHaveCount(0);
    await expect(page.getByRole('link', { name: 'Πώς επαληθεύεται η επιχείρηση' })).toHaveAttribute('href', '/business');
  }
  await expectNoAxeViolations(page);
});

test('the live preview computes in the browser as the server does, and an approved card accepts', async ({ page }) => {
  await signIn(page, DEMO.business.email, DEMO.business.password);
  await page.goto('/');
  const errors = collectConsoleErrors(page);
  await page.getByRole('link', { name: 'Δημοτικός φόρος επιχειρήσεων' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Δήλωση και πληρωμή δημοτικού φόρου');
  const preview = page.locator('#tax-preview');
  // Nothing of the island loads with the page: it wakes when the person reaches for the
  // form. From then on every figure below is computed by the WASM build.
  await page.waitForLoadState('networkidle');
  await expect(page.locator('#tax-preview[data-live="true"]')).toHaveCount(0);
  await page.getByLabel('Ακαθάριστα έσοδα της περιόδου (€)').focus();
  await expect(page.locator('#tax-preview[data-live="true"]')).toBeAttached();
  await expect(preview).toContainText('Συμπληρώστε περίοδο');
  // Rounding half-up to the cent, computed by the WASM build of the domain function.
  await fillDeclaration(page, '1', '2026', '1,01', '2026-04-20');
  await expect(preview.locator('dd').nth(2)).toHaveText('0,01 €');
  await page.getByLabel('Ακαθάριστα έσοδα της περιόδου (€)').fill('0.99');
  await expect(preview.locator('dd').nth(2)).toHaveText('0,00 €');
  await page.getByLabel('Ακαθάριστα έσοδα της περιόδου (€)').fill('12.345,67');
  await expect(preview.locator('dd').nth(1)).toHaveText('0,5 %');
  await expect(preview.locator('dd').nth(2)).toHaveText('61,73 €');
  const previewTotal = (await preview.locator('.tax-total').textContent())!;
  const previewFine = (await preview.locator('.tax-fine').textContent())!;
  await expectNoAxeViolations(page);
  // The island's WASM loaded under the page's CSP, without a console error.
  await page.waitForLoadState('networkidle');
  expect(errors).toEqual([]);

  await page.getByRole('button', { name: 'Υποβολή και πληρωμή με κάρτα' }).click();
  await payWith(page, APPROVE);
  const receipt = await receiptOnResult(page);
  await expect(page.getByRole('main')).toContainText('Η δήλωση δημοτικού φόρου έγινε δεκτή.');
  await page.getByRole('link', { name: 'Στη δήλωση' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Δήλωση δημοτικού φόρου 1ο τρίμηνο 2026');
  await expect(page.locator('.tax-state')).toHaveText('Αποδεκτή');
  // The server's figure is the preview's.
  await expect(page.locator('.tax-total').first()).toHaveText(previewTotal);
  await expect(page.locator('.tax-fine').first()).toHaveText(previewFine);
  await expect(page.getByRole('link', { name: `Απόδειξη ${receipt}`, exact: true })).toBeVisible();
  await expectNoAxeViolations(page);

  // The same period again: refused, and the accepted one is shown.
  await page.goto('/business/tax');
  await fillDeclaration(page, '1', '2026', '500', '2026-04-20');
  await page.getByRole('button', { name: 'Υποβολή και πληρωμή με κάρτα' }).click();
  await expect(page.getByRole('status').first()).toContainText('έχει ήδη δηλωθεί και γίνει δεκτή');
  await expect(page.locator('.tax-state')).toHaveText('Αποδεκτή');

  // In the history, once, accepted, with its total and its receipt.
  await page.goto('/business/tax');
  await expect(rowsWith(page, '1ο τρίμηνο 2026')).toHaveCount(1);
  const row = rowsWith(page, '1ο τρίμηνο 2026', 'Αποδεκτή', previewTotal, receipt);
  await expect(row).toHaveCount(1);
  await expect(row.getByRole('link', { name: receipt, exact: true })).toBeVisible();
});

test('a declined card rejects the declaration; submitted again it is accepted', async ({ page }) => {
  await signIn(page, DEMO.business.email, DEMO.business.password);
  await page.goto('/business/tax');
  await fillDeclaration(page, '2', '2026', '8.000,00', '2026-07-20');
  await page.getByRole('button', { name: 'Υποβολή και πληρωμή με κάρτα' }).click();
  await payWith(page, DECLINE);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Η τράπεζα απέρριψε την πληρωμή', { timeout: 15_000 });
  await expect(page.getByRole('main')).toContainText('Η δήλωση δημοτικού φόρου απορρίφθηκε');
  await page.getByRole('link', { name: 'Στη δήλωση' }).click();
  await expect(page.locator('.tax-state')).toHaveText('Απορρίφθηκε');
  await expect(page.getByRole('main')).toContainText('Η τράπεζα απέρριψε την κάρτα.');
  await expectNoAxeViolations(page);
  await page.getByRole('link', { name: 'Υποβολή ξανά' }).click();
  // The period comes back chosen; the rest is typed again.
  await expect(page.getByLabel(QUARTER)).toHaveValue('2');
  await page.getByLabel('Ακαθάριστα έσοδα της περιόδου (€)').fill('8.000,00');
  await page.getByLabel('Ημερομηνία υποβολής της δήλωσης ΦΠΑ').fill('2026-07-20');
  await page.getByRole('button', { name: 'Υποβολή και πληρωμή με κάρτα' }).click();
  await payWith(page, APPROVE);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Η πληρωμή ολοκληρώθηκε', { timeout: 15_000 });
  await page.goto('/business/tax');
  const rows = rowsWith(page, '2ο τρίμηνο 2026');
  await expect(rows).toHaveCount(2);
  await expect(withCells(rows, 'Αποδεκτή')).toHaveCount(1);
  await expect(withCells(rows, 'Απορρίφθηκε')).toHaveCount(1);
});

test('a late declaration shows its fine, computed the same on both sides', async ({ page }) => {
  await signIn(page, DEMO.business.email, DEMO.business.password);
  await page.goto('/business/tax');
  // The island wakes when the person reaches for the form.
  await page.getByLabel('Ακαθάριστα έσοδα της περιόδου (€)').focus();
  await expect(page.locator('#tax-preview[data-live="true"]')).toBeAttached();
  await fillDeclaration(page, '1', '2025', '10.000,00', '2025-04-20');
  const preview = page.locator('#tax-preview');
  await expect(preview).toContainText('εκπρόθεσμη κατά');
  await expect(preview.locator('dd').nth(2)).toHaveText('50,00 €');
  const fine = (await preview.locator('.tax-fine').textContent())!;
  expect(fine).not.toBe('0,00 €');
  const total = (await preview.locator('.tax-total').textContent())!;
  await page.getByRole('button', { name: 'Υποβολή και πληρωμή με κάρτα' }).click();
  await payWith(page, APPROVE);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Η πληρωμή ολοκληρώθηκε', { timeout: 15_000 });
  await page.getByRole('link', { name: 'Στη δήλωση' }).click();
  await expect(page.locator('.tax-fine').first()).toHaveText(fine);
  await expect(page.locator('.tax-total').first()).toHaveText(total);
  const declaration = new URL(page.url()).pathname.split('/').pop()!;

  // Staff see it among the late ones and can export the list.
  const staff = await (await page.context().browser()!.newContext()).newPage();
  await signIn(staff, DEMO.clerk.email, DEMO.clerk.password);
  await staff.goto('/staff');
  await staff.getByRole('link', { name: 'Δημοτικός φόρος: δηλώσεις και επιχειρήσεις' }).click();
  await staff.getByLabel('Έτος').fill('2025');
  await staff.getByLabel('Εκπρόθεσμη').selectOption('yes');
  await staff.getByRole('button', { name: 'Εφαρμογή φίλτρων' }).click();
  // This declaration's row: the demo business, with the fine (marked late) and the total.
  const listed = staff.getByRole('row').filter({ has: staff.locator(`a[href="/business/tax/declarations/${declaration}"]`) });
  await expect(listed).toHaveCount(1);
  await expect(withCells(listed, 'Καφέ Πλατεία Ο.Ε. 090000045', '1ο τρίμηνο 2025', `${fine} εκπρόθεσμη`, total, 'Αποδεκτή')).toHaveCount(1);
  await expectNoAxeViolations(staff);
  const csv = await staff.request.get('/staff/tax/declarations.csv?year=2025&late=yes');
  expect(csv.status()).toBe(200);
  const exported = parseCsv(await csv.text()).filter((line) => line.declaration_id === declaration);
  expect(exported).toEqual([
    expect.objectContaining({
      business_afm: '090000045',
      period: '1',
      year: '2025',
      state: 'accepted',
      fine_eur: csvAmount(fine),
      total_eur: csvAmount(total),
    }),
  ]);
  expect(Number(exported[0].late_months)).toBeGreaterThan(0);
  await staff.getByRole('link', { name: 'Καφέ Πλατεία Ο.Ε.' }).first().click();
  await expect(staff.getByRole('heading', { level: 1 })).toHaveText('Καφέ Πλατεία Ο.Ε.');
  await expect(rowsWith(staff, 'ΧΕ-2026-0418')).toHaveCount(1);
  await expectNoAxeViolations(staff);
});

test('a certified debt is paid with today\'s interest, and warranted payments are listed', async ({ page }) => {
  await signIn(page, DEMO.business.email, DEMO.business.password);
  await page.goto('/business/tax/debts');
  const row = rowsWith(page, 'ΒΕΒ-2025-0012');
  await expect(row).toHaveCount(1);
  // The principal, exactly.
  await expect(withCells(row, '184,20 €')).toHaveCount(1);
  await expectNoAxeViolations(page);
  // One register, one payment: the municipal-tax debts are paid on "my debts".
  await page.getByRole('link', { name: 'Πληρωμή στις οφειλές μου' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Οι οφειλές μου');
  await page.getByRole('checkbox', { name: /ΒΕΒ-2025-0012/ }).check();
  await page.getByRole('button', { name: 'Πληρωμή με κάρτα' }).click();
  await payWith(page, APPROVE);
  const receipt = await receiptOnResult(page);
  await page.getByRole('link', { name: 'Στις οφειλές μου' }).click();
  await expect(rowsWith(page, 'ΒΕΒ-2025-0012', `Εξοφλήθηκε · ${receipt}`)).toHaveCount(1);
  await page.goto('/business/tax/debts');
  await expect(rowsWith(page, 'ΒΕΒ-2025-0012', `Εξοφλήθηκε · ${receipt}`)).toHaveCount(1);

  await page.getByRole('link', { name: 'Ενταλματοποιημένες πληρωμές' }).click();
  await expect(rowsWith(page, 'ΧΕ-2026-0418', '620,00 €', 'Ενταλματοποιήθηκε')).toHaveCount(1);
  await expect(rowsWith(page, 'ΧΕ-2026-0205', '148,80 €', 'Πληρώθηκε 18/06/2026')).toHaveCount(1);
  await expect(page.locator('.warrants-total')).toHaveText('620,00 €');
  await expectNoAxeViolations(page);
});

test('a cashier records a warrant and a clerk a debt, with errors in words', async ({ page }) => {
  await signIn(page, DEMO.cashier.email, DEMO.cashier.password);
  await page.goto('/staff/tax/records');
  const number = `ΧΕ-E2E-${Date.now()}`;
  // Another business than the demo one, whose warrant total another test checks.
  const afm = uniqueAfm();
  const warrant = page.locator('form', { has: page.getByRole('button', { name: 'Καταχώριση εντάλματος' }) });
  await warrant.getByLabel('ΑΦΜ').fill(afm);
  await warrant.getByLabel('Αριθμός εντάλματος').fill(number);
  await warrant.getByLabel('Ημερομηνία εντάλματος').fill('2026-11-02');
  await warrant.getByLabel('Περιγραφή').fill('Γλυκά για τη γιορτή του δήμου');
  await warrant.getByLabel('Ποσό').fill('1.250,00');
  await warrant.getByRole('button', { name: 'Καταχώριση εντάλματος' }).click();
  await expect(page.getByRole('status')).toContainText('Το ένταλμα καταχωρίστηκε.');
  await expectNoAxeViolations(page);

  const clerk = await (await page.context().browser()!.newContext()).newPage();
  await signIn(clerk, DEMO.clerk.email, DEMO.clerk.password);
  await clerk.goto('/staff/tax/records');
  await expect(clerk.getByRole('button', { name: 'Καταχώριση εντάλματος' })).toHaveCount(0);
  // Debts are entered in the register.
  await clerk.getByRole('link', { name: 'Οφειλέτες' }).click();
  await clerk.getByRole('link', { name: 'Νέα οφειλή' }).click();
  await clerk.getByLabel('Αριθμός οφειλής (του δήμου)').fill(`ΒΕΒ-E2E-${Date.now()}`);
  await clerk.getByLabel('ΑΦΜ').fill('123456789');
  await clerk.getByLabel('Ονοματεπώνυμο ή επωνυμία').fill('Ζαχαροπλαστείο Ε2Ε');
  await clerk.getByLabel('Είδος οφειλής').selectOption('certified');
  await clerk.getByLabel('Κατηγορία εσόδου').selectOption('municipal_tax');
  await clerk.getByLabel('Περιγραφή').fill('Δημοτικός φόρος');
  await clerk.getByLabel('Αρχικό ποσό').fill('10');
  await clerk.getByLabel('Προθεσμία').fill('2026-01-31');
  await clerk.getByLabel('Ημερομηνία βεβαίωσης').fill('2026-02-10');
  await clerk.getByRole('button', { name: 'Καταχώριση οφειλής' }).click();
  await expect(clerk.getByRole('alert')).toContainText('Γράψτε έγκυρο ΑΦΜ 9 ψηφίων.');
  await expect(clerk.getByLabel('Περιγραφή')).toHaveValue('Δημοτικός φόρος');
  await clerk.getByLabel('ΑΦΜ').fill(afm);
  await clerk.getByRole('button', { name: 'Καταχώριση οφειλής' }).click();
  await expect(clerk.getByRole('status')).toContainText('Η οφειλή αποθηκεύτηκε.');
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('a declaration is submitted and paid as plain pages', async ({ page }) => {
    await signIn(page, DEMO.business.email, DEMO.business.password);
    await page.goto('/business/tax');
    await fillDeclaration(page, '3', '2026', '4.321,00', '2026-10-20');
    await page.getByRole('button', { name: 'Υποβολή και πληρωμή με κάρτα' }).click();
    await payWith(page, APPROVE);
    await paymentOutcome(page, 'Η πληρωμή ολοκληρώθηκε');
    await page.getByRole('link', { name: 'Στη δήλωση' }).click();
    await expect(page.locator('.tax-state')).toHaveText('Αποδεκτή');
    // 0.5 % of 4,321.00 = 21.605 → 21.61.
    // The stored figures (the amendment form below has a preview of its own).
    const stored = page.locator('dl.summary', { has: page.locator('.tax-state') });
    await expect(definition(stored, 'Φόρος')).toHaveText('21,61 €');
  });
});

const STAFF_TITLES = {
  declarations: { el: 'Δηλώσεις δημοτικού φόρου', en: 'Municipal tax declarations' },
  records: { el: 'Βεβαιωμένες οφειλές και ενταλματοποιημένες πληρωμές', en: 'Certified debts and warranted payments' },
  rates: { el: 'Συντελεστές δημοτικού φόρου, πρόστιμα και προσαυξήσεις', en: 'Municipal tax rates, fines and interest' },
  forbidden: { el: 'Δεν έχετε πρόσβαση', en: 'You do not have access' },
};

for (const lang of LANGS) {
  test(`business and staff tax pages are axe-clean in ${lang}`, async ({ page, context, baseURL }) => {
    await useLanguage(context, baseURL!, lang);
    await signIn(page, DEMO.business.email, DEMO.business.password);
    for (const path of ['/business/tax', '/business/tax/debts', '/business/tax/warrants']) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expectNoAxeViolations(page);
    }
    await page.getByRole('button', { name: /^(Αποσύνδεση|Sign out)$/ }).click();
    // Clerks and cashiers work on declarations and records; everyone on staff reads the
    // rates (the admin edits them); the admin is refused the rest, and told so.
    const access: { who: keyof typeof DEMO; path: string; title: string | null }[] = [
      { who: 'clerk', path: '/staff/tax', title: STAFF_TITLES.declarations[lang] },
      { who: 'clerk', path: '/staff/tax/records', title: STAFF_TITLES.records[lang] },
      { who: 'clerk', path: '/staff/tax/rates', title: STAFF_TITLES.rates[lang] },
      { who: 'cashier', path: '/staff/tax', title: STAFF_TITLES.declarations[lang] },
      { who: 'cashier', path: '/staff/tax/records', title: STAFF_TITLES.records[lang] },
      { who: 'cashier', path: '/staff/tax/rates', title: STAFF_TITLES.rates[lang] },
      { who: 'admin', path: '/staff/tax', title: null },
      { who: 'admin', path: '/staff/tax/records', title: null },
      { who: 'admin', path: '/staff/tax/rates', title: STAFF_TITLES.rates[lang] },
    ];
    let current: keyof typeof DEMO | null = null;
    for (const { who, path, title } of access) {
      if (current !== who) {
        if (current) await page.getByRole('button', { name: /^(Αποσύνδεση|Sign out)$/ }).click();
        await signIn(page, DEMO[who].email, DEMO[who].password);
        await expect(page.getByRole('button', { name: /^(Αποσύνδεση|Sign out)$/ })).toBeVisible();
        current = who;
      }
      const response = await page.goto(path);
      expect(response?.status(), `${who} ${path}`).toBe(title === null ? 403 : 200);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(title ?? STAFF_TITLES.forbidden[lang]);
      await expectNoAxeViolations(page);
    }
    await page.getByRole('button', { name: /^(Αποσύνδεση|Sign out)$/ }).click();
  });
}

test('the admin adds a rate version, and a wrong one is explained', async ({ page }) => {
  await signIn(page, DEMO.admin.email, DEMO.admin.password);
  await page.goto('/staff/tax/rates');
  const form = page.locator('form', { has: page.locator('#rate') });
  await form.getByLabel('Ισχύει από').fill('2031-01-01');
  await form.getByLabel('Συντελεστής (%)').fill('120');
  await form.getByRole('button', { name: 'Καταχώριση έκδοσης' }).click();
  await expect(page.getByRole('alert')).toContainText('από 0 έως 100');
  await form.getByLabel('Συντελεστής (%)').fill('0,6');
  await form.getByRole('button', { name: 'Καταχώριση έκδοσης' }).click();
  await expect(page.getByRole('status')).toContainText('Η νέα έκδοση καταχωρίστηκε.');
  await expect(rowsWith(page.getByRole('table').first(), '01/01/2031', '0,6 %')).toHaveCount(1);
  await expectNoAxeViolations(page);

  // A new category, which businesses can then register under.
  const category = page.locator('form', { has: page.locator('#category_rate') });
  await category.getByLabel('Κωδικός κατηγορίας').fill('food_truck');
  await category.getByLabel('Όνομα (ελληνικά)').fill('Καντίνα τροφίμων');
  await category.getByLabel('Όνομα (αγγλικά)').fill('Food truck');
  await category.getByLabel('Συντελεστής (%)').fill('0,5');
  await category.getByRole('button', { name: 'Καταχώριση κατηγορίας' }).click();
  await expect(page.getByRole('status')).toContainText('Η νέα έκδοση καταχωρίστηκε.');
  await expect(rowsWith(page.getByRole('table').first(), 'Καντίνα τροφίμων', '0,5 %')).toHaveCount(1);
  await signIn(page, DEMO.business.email, DEMO.business.password);
  await page.goto('/business');
  await expect(page.getByLabel('Κύρια δραστηριότητα').locator('option', { hasText: 'Καντίνα τροφίμων' })).toHaveCount(1);
});
