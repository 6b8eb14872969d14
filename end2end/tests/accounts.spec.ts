// Accounts: registration with e-mail confirmation, profile, verification by a clerk,
// business representatives, staff accounts made by the admin, refusals, no-JS sign-in,
// and an accessibility scan of every account and staff page in both languages.
import { expect, test, type Page } from '@playwright/test';
import { DEMO, LANGS, expectNoAxeViolations, registerAndConfirm, rowsWith, signIn, signOut, uniqueAfm, uniqueEmail, useLanguage } from './support';

test('register, confirm by e-mail, sign in, fill the profile, get verified by a clerk', async ({ page, browser }) => {
  const email = uniqueEmail('citizen');
  const password = 'σωστό άλογο μπαταρία';
  await registerAndConfirm(page, email, password, 'Άννα Κωνσταντίνου');
  await signIn(page, email, password);
  // "My town hall" says the account is not verified yet and links to the profile.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ο δήμος μου');
  await expect(page.getByText('Μη επαληθευμένος')).toBeVisible();
  await page.getByRole('link', { name: 'Συμπληρώστε το προφίλ σας για επαλήθευση' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ο λογαριασμός μου');

  // A wrong tax number is refused in words, and what was typed stays.
  await page.getByLabel('ΑΦΜ').fill('123456789');
  await page.getByLabel('Διεύθυνση κατοικίας').fill('Εγνατίας 10, Θεσσαλονίκη');
  await page.getByLabel('Πατρώνυμο').fill('Κωνσταντίνος');
  await page.getByRole('button', { name: 'Αποθήκευση' }).first().click();
  await expect(page.getByRole('alert')).toContainText('Ο ΑΦΜ δεν είναι έγκυρος');
  await expect(page.getByLabel('Διεύθυνση κατοικίας')).toHaveValue('Εγνατίας 10, Θεσσαλονίκη');
  await page.getByLabel('ΑΦΜ').fill('090000045');
  await page.getByRole('button', { name: 'Αποθήκευση' }).first().click();
  await expect(page.getByRole('status')).toContainText('Το προφίλ σας αποθηκεύτηκε');
  await page.getByRole('button', { name: 'Αίτηση επαλήθευσης' }).click();
  await expect(page.getByText('Σε αναμονή επαλήθευσης').first()).toBeVisible();

  const clerkContext = await browser.newContext();
  const clerk = await clerkContext.newPage();
  await signIn(clerk, DEMO.clerk.email, DEMO.clerk.password);
  await clerk.goto('/staff/verifications');
  const card = clerk.locator('section.card', { hasText: 'Άννα Κωνσταντίνου' });
  // A rejection without a reason is refused: the summary names the field and links to
  // this card's note, where the error stands too.
  await card.getByRole('button', { name: 'Απόρριψη' }).click();
  const summaryLink = clerk.getByRole('alert').getByRole('link');
  await expect(summaryLink).toHaveText(/^Σημείωση \(υποχρεωτική σε απόρριψη\): Γράψτε τον λόγο/);
  const note = card.getByLabel('Σημείωση (υποχρεωτική σε απόρριψη)');
  await expect(summaryLink).toHaveAttribute('href', `#${await note.getAttribute('id')}`);
  await expect(note).toHaveAttribute('aria-invalid', 'true');
  await expect(card.locator('.field-error')).toContainText('Γράψτε τον λόγο της απόρριψης');
  await card.getByRole('button', { name: 'Επαλήθευση' }).click();
  await expect(clerk.getByRole('status')).toContainText('Η απόφαση καταχωρίστηκε');
  await clerkContext.close();

  await page.goto('/account');
  await expect(page.locator('.status')).toHaveText('Επαληθευμένος');
});

test('a business representative registers a business and the clerk rejects it with a reason', async ({ page, browser }) => {
  const email = uniqueEmail('rep');
  const password = 'εκπρόσωπος επιχείρησης';
  await registerAndConfirm(page, email, password, 'Πέτρος Ιωάννου');
  await signIn(page, email, password);
  await page.goto('/business');
  await expect(page.getByText('Δεν έχετε καταχωρίσει επιχείρηση.')).toBeVisible();
  const afm = uniqueAfm();
  await page.getByLabel('ΑΦΜ').fill(afm);
  await page.getByLabel('Επωνυμία').fill('Ταβέρνα Το Λιμάνι');
  await page.getByLabel('Νομική μορφή').selectOption('sole');
  await page.getByLabel('Κύρια δραστηριότητα').selectOption('catering');
  await page.getByLabel('Περίοδος ΦΠΑ').selectOption('monthly');
  await page.getByRole('button', { name: 'Καταχώριση' }).click();
  await expect(page.getByRole('status')).toContainText('Η επιχείρηση καταχωρίστηκε');
  await page.getByRole('button', { name: 'Αίτηση επαλήθευσης' }).click();
  await expect(page.locator('.status')).toHaveText('Σε αναμονή επαλήθευσης');

  const clerkContext = await browser.newContext();
  const clerk = await clerkContext.newPage();
  await signIn(clerk, DEMO.clerk.email, DEMO.clerk.password);
  await clerk.goto('/staff/verifications');
  const card = clerk.locator('section.card', { hasText: 'Ταβέρνα Το Λιμάνι' });
  await card.getByRole('button', { name: 'Απόρριψη' }).click();
  await expect(clerk.getByRole('alert')).toContainText('Γράψτε τον λόγο της απόρριψης');
  await clerk.locator('section.card', { hasText: 'Ταβέρνα Το Λιμάνι' }).getByLabel(/Σημείωση/).fill('Φέρτε το καταστατικό');
  await clerk.locator('section.card', { hasText: 'Ταβέρνα Το Λιμάνι' }).getByRole('button', { name: 'Απόρριψη' }).click();
  await expect(clerk.getByRole('status')).toContainText('Η απόφαση καταχωρίστηκε');
  await clerkContext.close();

  await page.goto('/business');
  await expect(page.locator('.status')).toHaveText('Η επαλήθευση απορρίφθηκε');
  await expect(page.getByText('Φέρτε το καταστατικό')).toBeVisible();
});

test('the demo business representative sees a verified business', async ({ page }) => {
  await signIn(page, DEMO.business.email, DEMO.business.password);
  await page.goto('/business');
  const card = page.locator('section.card', { hasText: 'Καφέ Πλατεία Ο.Ε.' });
  await expect(card.locator('.status')).toHaveText('Επαληθευμένος');
});

test('the admin creates a clerk, who can then sign in to the staff area', async ({ page, browser }) => {
  const email = uniqueEmail('newclerk');
  await signIn(page, DEMO.admin.email, DEMO.admin.password);
  await page.goto('/staff/accounts');
  await page.getByLabel('Διεύθυνση e-mail').fill(email);
  await page.getByLabel('Ονοματεπώνυμο').fill('Σοφία Αλεξίου');
  await page.getByLabel('Ρόλος', { exact: true }).selectOption('clerk');
  await page.getByLabel('Αρχικός κωδικός').fill('αρχικός κωδικός υπαλλήλου');
  await page.getByRole('button', { name: 'Δημιουργία' }).click();
  await expect(page.getByRole('status')).toContainText('Οι αλλαγές αποθηκεύτηκαν');
  // The new account's row: this name and address, with the clerk's role.
  const row = rowsWith(page, 'Σοφία Αλεξίου', email);
  await expect(row).toHaveCount(1);
  const role = row.getByRole('combobox', { name: /^Ρόλος / });
  await expect(role).toHaveValue('clerk');
  const userId = (await role.getAttribute('id'))!.replace(/^role-/, '');
  // The audit log records this account's creation, as a clerk, by the admin, named.
  await page.goto('/staff/audit');
  await expect(rowsWith(page, /^.+ <admin@demo\.dimos\.invalid>$/, 'user.created', userId, 'clerk')).toHaveCount(1);

  const clerkContext = await browser.newContext();
  const clerk = await clerkContext.newPage();
  await signIn(clerk, email, 'αρχικός κωδικός υπαλλήλου');
  await clerk.goto('/staff');
  await expect(clerk.getByRole('link', { name: 'Επαληθεύσεις χρηστών και επιχειρήσεων', exact: true })).toBeVisible();
  await clerkContext.close();
});

test('a citizen opening the staff area is refused, and sees no staff link', async ({ page }) => {
  await signIn(page, DEMO.citizen.email, DEMO.citizen.password);
  await expect(page.getByRole('link', { name: 'Προσωπικό' })).toHaveCount(0);
  const response = await page.goto('/staff/verifications');
  expect(response?.status()).toBe(403);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Δεν έχετε πρόσβαση');
});

test('anonymous visitors are sent to sign in and come back', async ({ page, baseURL }) => {
  await page.goto('/account');
  await expect(page).toHaveURL(`${baseURL}/login?next=/account`);
  await page.getByLabel('Διεύθυνση e-mail').fill(DEMO.citizen.email);
  await page.getByLabel('Κωδικός πρόσβασης').fill(DEMO.citizen.password);
  await page.getByRole('main').getByRole('button', { name: 'Σύνδεση' }).click();
  // Back at /account itself (a pattern ending in /account would also match the sign-in page).
  await expect(page).toHaveURL(`${baseURL}/account`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ο λογαριασμός μου');
  await signOut(page);
  await expect(page.getByRole('link', { name: 'Σύνδεση', exact: true })).toBeVisible();
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('sign-in shows errors and then works', async ({ page }) => {
    await signIn(page, DEMO.citizen.email, 'not the password');
    await expect(page.getByRole('alert')).toContainText('Λάθος e-mail ή κωδικός');
    await expect(page.getByLabel('Διεύθυνση e-mail')).toHaveValue(DEMO.citizen.email);
    await signIn(page, DEMO.citizen.email, DEMO.citizen.password);
    // Residents land on "my town hall", not on a form.
    await expect(page).toHaveURL(/\/my$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ο δήμος μου');
    await signOut(page);
    await expect(page.getByRole('status')).toHaveText('Αποσυνδεθήκατε.');
    await expect(page.getByRole('link', { name: 'Σύνδεση', exact: true })).toBeVisible();
  });
});

const PUBLIC_PAGES = ['/login', '/register', '/register/sent', '/password/forgot', '/password/sent', '/password/reset?token=x', '/account/confirm?token=x'];
const SIGNED_IN_PAGES: { who: keyof typeof DEMO; path: string }[] = [
  { who: 'citizen', path: '/account' },
  { who: 'business', path: '/business' },
  { who: 'clerk', path: '/staff' },
  { who: 'clerk', path: '/staff/verifications' },
  { who: 'admin', path: '/staff/accounts' },
  { who: 'admin', path: '/staff/audit' },
  { who: 'cashier', path: '/staff' },
];

for (const lang of LANGS) {
  test(`account and staff pages are axe-clean in ${lang}`, async ({ page, context, baseURL }) => {
    // Some twenty pages, each scanned whole: more than the default 30 s on 2 cores.
    test.setTimeout(120_000);
    await useLanguage(context, baseURL!, lang);
    for (const path of PUBLIC_PAGES) {
      await page.goto(path);
      await expect(page.locator('html')).toHaveAttribute('lang', lang);
      await expectNoAxeViolations(page);
    }
    // A form showing errors, too.
    await signIn(page, 'nobody@example.gr', 'wrong password');
    await expect(page.getByRole('alert')).toBeVisible();
    await expectNoAxeViolations(page);
    let current: string | null = null;
    for (const { who, path } of SIGNED_IN_PAGES) {
      if (current !== who) {
        if (current) await signOut(page);
        await signIn(page, DEMO[who].email, DEMO[who].password);
        current = who;
      }
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(200);
      await expectNoAxeViolations(page);
    }
  });
}
