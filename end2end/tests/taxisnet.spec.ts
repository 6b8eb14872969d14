// Sign-in with TAXISnet through the built-in stand-in (the portal's real OAuth 2.0 client
// against the stand-in's GSIS-format endpoints): a first sign-in asks for an e-mail
// address, the link confirms it, and "my debts" opens for the proved ΑΦΜ with no clerk; a
// local account links TAXISnet and its ΑΦΜ becomes verified; another account linking the
// same ΑΦΜ is refused in words; cancelling at the provider comes back with a message; all
// of it without JavaScript too; the pages axe-clean in both languages.
import { expect, test, type Page } from '@playwright/test';
import { importFor } from './debtors';
import { LANGS, expectNoAxeViolations, linkFromOutbox, registerAndConfirm, rowsWith, signIn, uniqueAfm, uniqueEmail, useLanguage } from './support';

/** At the stand-in's login page: signs in as a taxpayer with this ΑΦΜ and name. */
async function atTaxisnet(page: Page, afm: string, first: string, last: string) {
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Είσοδος με κωδικούς TAXISnet · Sign in with TAXISnet codes');
  await page.getByLabel('ΑΦΜ · Tax number').fill(afm);
  await page.getByLabel('Όνομα · First name').fill(first);
  await page.getByLabel('Επώνυμο · Last name').fill(last);
  await page.getByRole('button', { name: 'Είσοδος · Sign in', exact: true }).click();
}

/** A first sign-in through to a confirmed account; leaves the browser on the sign-in page. */
async function firstSignIn(page: Page, afm: string, first: string, last: string, email: string) {
  await page.goto('/login');
  await page.getByRole('link', { name: 'Είσοδος με κωδικούς TAXISnet' }).click();
  await atTaxisnet(page, afm, first, last);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ολοκλήρωση εγγραφής');
  await expect(page.getByText(`Το TAXISnet βεβαίωσε ότι είστε ${first} ${last}, με ΑΦΜ ${afm}.`)).toBeVisible();
  // The address is checked like any other (one the browser lets through, without a dot in
  // its domain), and what was typed stays.
  await page.getByLabel('Διεύθυνση e-mail').fill('maria@localhost');
  await page.getByRole('button', { name: 'Δημιουργία λογαριασμού' }).click();
  await expect(page.getByRole('alert')).toContainText('Διεύθυνση e-mail');
  await expect(page.getByLabel('Διεύθυνση e-mail')).toHaveValue('maria@localhost');
  await page.getByLabel('Διεύθυνση e-mail').fill(email);
  await page.getByRole('button', { name: 'Δημιουργία λογαριασμού' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ελέγξτε το e-mail σας');
  // The account is made only when the link is opened (the mailbox proved).
  const link = new URL(await linkFromOutbox(email, '/taxisnet/confirm?token='));
  await page.goto(link.pathname + link.search);
  await page.getByRole('button', { name: 'Επιβεβαίωση' }).click();
  await expect(page.getByRole('status')).toContainText('Το e-mail σας επιβεβαιώθηκε');
}

for (const javaScript of [true, false]) {
  test.describe(javaScript ? 'with JavaScript' : 'without JavaScript', () => {
    test.use({ javaScriptEnabled: javaScript });

    test('a first TAXISnet sign-in asks for an e-mail, then opens my debts with no clerk', async ({ page, browser }) => {
      const afm = uniqueAfm();
      const tag = `tx${Date.now()}${javaScript ? 'j' : 'n'}`;
      const email = uniqueEmail('taxisnet');
      await importFor(browser, afm, 'ΠΑΠΑΔΟΠΟΥΛΟΥ ΜΑΡΙΑ', tag);
      await firstSignIn(page, afm, 'ΜΑΡΙΑ', 'ΠΑΠΑΔΟΠΟΥΛΟΥ', email);

      // Signing in again: TAXISnet finds the account, and the debts are there.
      await page.getByRole('link', { name: 'Είσοδος με κωδικούς TAXISnet' }).click();
      await atTaxisnet(page, afm, 'ΜΑΡΙΑ', 'ΠΑΠΑΔΟΠΟΥΛΟΥ');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ο δήμος μου');
      await page.goto('/debts');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Οι οφειλές μου');
      await expect(rowsWith(page, `ΤΑΠ-${tag}`)).toHaveCount(1);
      await page.goto('/account');
      await expect(page.locator('.status')).toHaveText('Επαληθευμένος');
      await expect(page.getByText('Ο λογαριασμός σας είναι συνδεδεμένος με το TAXISnet')).toBeVisible();

      // Signing out ends the TAXISnet session too, and comes home.
      await page.getByRole('button', { name: 'Αποσύνδεση' }).click();
      await expect(page.getByRole('status')).toContainText('Αποσυνδεθήκατε');
    });

    test('a local account links TAXISnet; a second account with the same ΑΦΜ is refused', async ({ page, browser }) => {
      const afm = uniqueAfm();
      const email = uniqueEmail('linker');
      const password = 'σύνδεση με taxisnet';
      await registerAndConfirm(page, email, password, 'Νίκος Αλεξίου');
      await signIn(page, email, password);
      await page.goto('/account');
      await expect(page.locator('.status')).toHaveText('Μη επαληθευμένος');
      await page.getByRole('link', { name: 'Σύνδεση με TAXISnet' }).click();
      await atTaxisnet(page, afm, 'ΝΙΚΟΣ', 'ΑΛΕΞΙΟΥ');
      await expect(page.getByRole('status')).toContainText('Το TAXISnet συνδέθηκε με τον λογαριασμό σας');
      await expect(page.locator('.status')).toHaveText('Επαληθευμένος');
      await expect(page.getByLabel('ΑΦΜ')).toHaveValue(afm);

      const context = await browser.newContext({ javaScriptEnabled: javaScript });
      const other = await context.newPage();
      const otherEmail = uniqueEmail('second');
      await registerAndConfirm(other, otherEmail, password, 'Άλλος Χρήστης');
      await signIn(other, otherEmail, password);
      await other.goto('/account');
      await other.getByRole('link', { name: 'Σύνδεση με TAXISnet' }).click();
      await atTaxisnet(other, afm, 'ΝΙΚΟΣ', 'ΑΛΕΞΙΟΥ');
      await expect(other.getByRole('heading', { level: 1 })).toHaveText('Ο λογαριασμός μου');
      await expect(other.getByRole('alert')).toContainText('Αυτοί οι κωδικοί TAXISnet είναι ήδη συνδεδεμένοι με άλλον λογαριασμό');
      await expect(other.locator('.status')).toHaveText('Μη επαληθευμένος');
      // axe-core runs as a script: the scans are in the runs with JavaScript.
      if (javaScript) await expectNoAxeViolations(other);
      await context.close();
    });

    test('cancelling at TAXISnet returns to the sign-in page with a message', async ({ page }) => {
      await page.goto('/login');
      await page.getByRole('link', { name: 'Είσοδος με κωδικούς TAXISnet' }).click();
      await page.getByRole('button', { name: 'Ακύρωση · Cancel' }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Σύνδεση');
      await expect(page.getByRole('alert')).toContainText('Ακυρώσατε την είσοδο στο TAXISnet');
      if (javaScript) await expectNoAxeViolations(page);
    });
  });
}

for (const lang of LANGS) {
  test(`TAXISnet pages are axe-clean in ${lang}`, async ({ page, context, baseURL }) => {
    await useLanguage(context, baseURL!, lang);
    await page.goto('/login');
    await expectNoAxeViolations(page);
    await page.getByRole('link', { name: lang === 'el' ? 'Είσοδος με κωδικούς TAXISnet' : 'Sign in with TAXISnet codes' }).click();
    await expectNoAxeViolations(page);
    await atTaxisnet(page, uniqueAfm(), 'ΕΛΕΝΗ', 'ΔΗΜΗΤΡΙΟΥ');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(lang === 'el' ? 'Ολοκλήρωση εγγραφής' : 'Finish creating your account');
    await expectNoAxeViolations(page);
    for (const outcome of ['cancelled', 'afm_taken', 'unavailable']) {
      await page.goto(`/login?taxisnet=${outcome}`);
      await expect(page.getByRole('alert')).toBeVisible();
      await expectNoAxeViolations(page);
    }
  });
}
