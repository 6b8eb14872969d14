// Traffic fines: step 1 refuses another municipality's code and a type not payable here; a
// known ticket is found and paid; an unknown one is registered and paid; a paid ticket
// cannot be paid again; staff search, import and review; with and without JavaScript;
// every page axe-clean in both languages.
import { expect, test, type Page } from '@playwright/test';
import * as path from 'node:path';
import { DEMO, LANGS, expectNoAxeViolations, signIn, useLanguage } from './support';

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

async function payByCard(page: Page) {
  await page.getByRole('button', { name: /Πληρωμή με κάρτα/ }).click();
  await page.getByLabel('Αριθμός κάρτας · Card number').fill('4111111111111111');
  await page.getByRole('button', { name: 'Πληρωμή · Pay' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Η πληρωμή ολοκληρώθηκε', { timeout: 15_000 });
}

function today(): string {
  // The offence date as Greece sees today (the suite runs near UTC; one day back is safe).
  const d = new Date(Date.now() - 24 * 3600 * 1000);
  return d.toISOString().slice(0, 10);
}

test('another municipality\'s code and a type not payable here are refused', async ({ page }) => {
  await signIn(page, DEMO.citizen.email, DEMO.citizen.password);
  await stepOne(page, '5678', 'P01');
  await expect(page.getByRole('alert')).toContainText('5678');
  await expect(page.getByRole('alert')).toContainText('1234');
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
  await expect(page.getByRole('main')).toContainText('30,00');
  // The plate typed in Latin letters, with a space.
  await stepTwo(page, '2026000002', 'nza 2408', '2026-10-23', '13:18');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Κλήση 2026000002');
  await expect(page.getByRole('main')).toContainText('ΝΖΑ 2408');
  await expect(page.getByRole('main')).toContainText('Το ποσό ισχύει σήμερα');
  await expectNoAxeViolations(page);
  const ticketPage = page.url();
  await payByCard(page);
  await page.goto(ticketPage);
  await expect(page.getByRole('main')).toContainText('Η κλήση έχει εξοφληθεί.');
  await expect(page.getByRole('button', { name: /Πληρωμή με κάρτα/ })).toHaveCount(0);
  await expect(page.getByRole('link', { name: /Απόδειξη/ })).toBeVisible();
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
  await expect(page.getByRole('main')).toContainText('150,00');
  await payByCard(page);

  const staff = await (await browser.newContext()).newPage();
  await signIn(staff, DEMO.clerk.email, DEMO.clerk.password);
  await staff.goto('/staff');
  await staff.getByRole('link', { name: 'Μητρώο κλήσεων ΚΟΚ' }).click();
  await staff.getByLabel('Αριθμός κλήσης ή πινακίδα').fill('IKX4242');
  await staff.getByRole('button', { name: 'Εφαρμογή φίλτρων' }).click();
  await expect(staff.getByRole('table')).toContainText(number);
  await expect(staff.getByRole('table')).toContainText('Προς έλεγχο');
  await expectNoAxeViolations(staff);
  await staff.goto('/staff/fines?status=pending');
  const row = staff.getByRole('row', { name: new RegExp(number) });
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
  await expect(page.getByRole('row', { name: /Κλήση άλλου δήμου/ })).toContainText('3');
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
    await expect(page.getByRole('table')).toContainText('P01');
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: /Καταχώριση έκδοσης|Save the version/ }).click();
    await expect(page.getByRole('alert')).toBeVisible();
    await expectNoAxeViolations(page);
  });
}
