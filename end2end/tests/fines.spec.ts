// Traffic fines: step 1 refuses another municipality's code and a type not payable here; a
// known ticket is found and paid; an unknown one is registered and paid; a paid ticket
// cannot be paid again; staff search, import and review; with and without JavaScript;
// every page axe-clean in both languages.
import { expect, test, type Page } from '@playwright/test';
import * as path from 'node:path';
import { DEMO, LANGS, definition, expectNoAxeViolations, paymentOutcome, rowsWith, signIn, useLanguage } from './support';

async function stepOne(page: Page, code: string, type: string) {
  await page.goto('/fines');
  await page.getByLabel('Κωδικός δήμου (όπως στην κλήση)').fill(code);
  await page.getByLabel('Είδος κλήσης').selectOption(type);
  await page.getByRole('button', { name: 'Συνέχεια' }).click();
}

async function stepTwo(page: Page, number: string, plate: string, date: string, time: string) {
  await page.getByLabel('Αριθμός κλήσης').fill(number);
  await page.getByLabel('Αριθμός κυκλοφορίας (πινακίδα)').fill(plate);
  await page.getByLabel('Ημερομηνία παράβασης').fill(date);
  await page.getByLabel('Ώρα παράβασης (ΩΩ:ΛΛ)').fill(time);
  await page.getByRole('button', { name: 'Αναζήτηση κλήσης' }).click();
}

/** Pays the ticket on the page with an approved card; returns the receipt number. */
async function payByCard(page: Page): Promise<string> {
  await page.getByRole('button', { name: /Πληρωμή με κάρτα/ }).click();
  await page.getByLabel('Αριθμός κάρτας · Card number').fill('4111111111111111');
  await page.getByRole('button', { name: 'Πληρωμή · Pay' }).click();
  // Without JavaScript nothing reloads "processing": press "check again" as a person would.
  await paymentOutcome(page, 'Η πληρωμή ολοκληρώθηκε');
  await expect(page.locator('.receipt')).toHaveText(/^\d+\/\d{4}$/);
  return (await page.locator('.receipt').textContent())!;
}

function today(): string {
  // The offence date as Greece sees today (the suite runs near UTC; one day back is safe).
  const d = new Date(Date.now() - 24 * 3600 * 1000);
  return d.toISOString().slice(0, 10);
}

test('another municipality\'s code and a type not payable here are refused', async ({ page }) => {
  await signIn(page, DEMO.citizen.email, DEMO.citizen.password);
  await stepOne(page, '5678', 'P01');
  // The one error names both codes in full (not, say, 56789 or 12345).
  await expect(page.getByRole('alert').getByRole('listitem')).toHaveText([
    // The summary names the field it is about, and links to it.
    'Κωδικός δήμου (όπως στην κλήση): Ο κωδικός δήμου 5678 δεν είναι αυτού του δήμου (κωδικός 1234). Η κλήση πληρώνεται στον δήμο που την έκοψε.',
  ]);
  await expect(page.getByRole('alert').getByRole('link')).toHaveAttribute('href', '#municipality_code');
  await page.goto('/fines?municipality_code=1234&ticket_type=K01');
  await expect(page.getByRole('alert')).toContainText('Αυτό το είδος κλήσης δεν πληρώνεται');
  await expectNoAxeViolations(page);
  // The speeding type (paid to the State) is not even offered.
  await page.goto('/fines');
  await expect(page.getByLabel('Είδος κλήσης').locator('option[value="K01"]')).toHaveCount(0);
});

test('a known ticket is found and paid once', async ({ page }) => {
  await signIn(page, DEMO.citizen.email, DEMO.citizen.password);
  await stepOne(page, '1234', 'P01');
  await expect(definition(page, 'Ποσό για αυτό το είδος:')).toHaveText('30,00 €');
  // The plate typed in Latin letters, with a space.
  await stepTwo(page, '2026000002', 'nza 2408', '2026-10-23', '13:18');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Κλήση 2026000002');
  await expect(definition(page, 'Αριθμός κλήσης')).toHaveText('2026000002');
  await expect(definition(page, 'Αριθμός κυκλοφορίας (πινακίδα)')).toHaveText('ΝΖΑ 2408');
  await expect(page.getByRole('main')).toContainText('Το ποσό ισχύει σήμερα');
  await expectNoAxeViolations(page);
  const ticketPage = page.url();
  const receipt = await payByCard(page);
  await page.goto(ticketPage);
  await expect(page.getByRole('main')).toContainText('Η κλήση έχει εξοφληθεί.');
  await expect(page.getByRole('button', { name: /Πληρωμή με κάρτα/ })).toHaveCount(0);
  await expect(page.getByRole('link', { name: `Απόδειξη ${receipt}`, exact: true })).toBeVisible();
});

test('a ticket with another plate is not matched', async ({ page }) => {
  await signIn(page, DEMO.citizen.email, DEMO.citizen.password);
  await stepOne(page, '1234', 'P05');
  await stepTwo(page, '2026000003', 'ΚΑΧ3029', '2026-10-04', '17:40');
  await expect(page.getByRole('alert')).toContainText('διαφορετικό στοιχείο');
  await expect(page.getByLabel('Αριθμός κυκλοφορίας (πινακίδα)')).toHaveValue('ΚΑΧ3029');
  await expectNoAxeViolations(page);
});

test('an unknown ticket is registered, paid, and reviewed by staff', async ({ page, browser, baseURL }) => {
  await signIn(page, DEMO.business.email, DEMO.business.password);
  const number = `2026${Date.now().toString().slice(-7)}`;
  await stepOne(page, '1234', 'P02');
  await stepTwo(page, number, 'ΙΚΧ 4242', today(), '09:30');
  await expect(page.getByRole('main')).toContainText('καταχωρίστηκε από όσα γράψατε');
  await expect(definition(page, 'Αρχικό ποσό')).toHaveText('150,00 €');
  const receipt = await payByCard(page);

  const staff = await (await browser.newContext()).newPage();
  await signIn(staff, DEMO.clerk.email, DEMO.clerk.password);
  await staff.goto('/staff');
  await staff.getByRole('link', { name: 'Μητρώο κλήσεων ΚΟΚ' }).click();
  await staff.getByLabel('Αριθμός κλήσης ή πινακίδα').fill('IKX4242');
  await staff.getByRole('button', { name: 'Εφαρμογή φίλτρων' }).click();
  // This ticket's own row: paid with this receipt and waiting for review.
  await expect(rowsWith(staff.getByRole('table'), number)).toHaveCount(1);
  await expect(rowsWith(staff.getByRole('table'), number, '150,00 €', `Προς έλεγχο · ${receipt}`)).toHaveCount(1);
  await expectNoAxeViolations(staff);
  await staff.goto('/staff/fines?status=pending');
  const row = rowsWith(staff, number);
  await row.getByRole('button', { name: 'Επιβεβαίωση' }).click();
  await expect(staff.getByText('Η απόφαση καταχωρίστηκε.')).toBeVisible();
  void baseURL;
});

test('staff import a CSV and see every bad row by line and reason', async ({ page }) => {
  await signIn(page, DEMO.cashier.email, DEMO.cashier.password);
  await page.goto('/staff/fines');
  await page.getByLabel('Αρχείο CSV').setInputFiles(path.join(__dirname, '../../server/fixtures/fines-issued-mixed.csv'));
  await page.getByRole('button', { name: 'Εισαγωγή', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Αποτέλεσμα εισαγωγής');
  await expect(page.locator('.imported')).toHaveText('2');
  await expect(page.locator('.rejected')).toHaveText('9');
  // Every bad row, once, by its line in the file (the header is line 1) and its reason.
  const problems = page.getByRole('table').first();
  const bad = [
    ['2', '2026000001', 'Ο αριθμός κλήσης υπάρχει ήδη'],
    ['3', '2026900001', 'Κλήση άλλου δήμου'],
    ['4', '2026900002', 'Άγνωστο είδος κλήσης'],
    ['5', '2026900003', 'Μη έγκυρη πινακίδα'],
    ['6', '2026900004', 'Ημερομηνία στο μέλλον'],
    ['7', '2026900005', 'Η ημερομηνία δεν είναι ΕΕΕΕ-ΜΜ-ΗΗ'],
    ['8', '2026900006', 'Μη έγκυρη ώρα'],
    ['9', '2026900007', 'Μη έγκυρη πινακίδα'],
    ['10', '2026900008', 'Αρνητικό ποσό'],
  ];
  await expect(problems.locator('tbody tr')).toHaveCount(bad.length);
  for (const [line, ticket, reason] of bad) await expect(rowsWith(problems, line, ticket, reason)).toHaveCount(1);
  await expect(rowsWith(problems, 'Κλήση άλλου δήμου')).toHaveCount(1);
  await expectNoAxeViolations(page);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('a ticket is found and paid as plain pages', async ({ page }) => {
    await signIn(page, DEMO.admin.email, DEMO.admin.password);
    await stepOne(page, '1234', 'P04');
    await stepTwo(page, '2026000004', 'ΑΖΑ3181', '2026-10-10', '13:39');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Κλήση 2026000004');
    await payByCard(page);
  });
});

for (const lang of LANGS) {
  test(`fines pages are axe-clean in ${lang}`, async ({ page, context, baseURL }) => {
    await useLanguage(context, baseURL!, lang);
    await signIn(page, DEMO.citizen.email, DEMO.citizen.password);
    await page.goto('/fines');
    await expectNoAxeViolations(page);
    await page.goto('/fines?municipality_code=1234&ticket_type=P03');
    await expect(page.locator('form').last()).toBeVisible();
    await expectNoAxeViolations(page);
  });
}

for (const lang of LANGS) {
  test(`the admin's catalogue is axe-clean in ${lang} and explains a bad version`, async ({ page, context, baseURL }) => {
    await useLanguage(context, baseURL!, lang);
    await signIn(page, DEMO.admin.email, DEMO.admin.password);
    await page.goto('/staff/fine-types');
    await expect(rowsWith(page.getByRole('table'), 'P01').first()).toBeVisible();
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: /Καταχώριση έκδοσης|Save the version/ }).click();
    await expect(page.getByRole('alert')).toBeVisible();
    await expectNoAxeViolations(page);
  });
}
