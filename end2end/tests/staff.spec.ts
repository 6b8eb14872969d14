// The staff's first steps: each role's home says what waits and links to it, the menu holds
// the role's areas (one button on a phone, no script needed), the clerk reads a submission
// before acting on it and routes it to a department from the admin's list.
import { expect, test, type Page } from '@playwright/test';
import { DEMO, LANGS, definition, expectNoAxeViolations, signIn, useLanguage } from './support';

async function fileRequest(page: Page, subject: string) {
  await signIn(page, DEMO.citizen.email, DEMO.citizen.password);
  await page.goto('/submissions/new');
  await page.getByLabel('Είδος').selectOption('request');
  await page.getByLabel('Θέμα (σύντομη περιγραφή)').fill(subject);
  await page.getByLabel('Κείμενο').fill('Η λάμπα στη γωνία Ερμού και Αιόλου δεν ανάβει.');
  await page.getByRole('button', { name: 'Υποβολή' }).click();
  await expect(page.getByRole('status')).toContainText('Το αίτημά σας υποβλήθηκε');
}

test('the clerk home counts new work and links to it; the menu reaches the inbox', async ({ page, browser }) => {
  const citizen = await browser.newPage();
  const subject = `Λάμπα ${Date.now()}`;
  await fileRequest(citizen, subject);
  await citizen.close();

  await signIn(page, DEMO.clerk.email, DEMO.clerk.password);
  await page.goto('/staff');
  const nav = page.getByRole('navigation', { name: 'Κύρια πλοήγηση' });
  await expect(nav.getByRole('link', { name: 'Εισερχόμενα', exact: true })).toHaveAttribute('href', '/staff/inbox');
  await expect(nav.getByRole('link', { name: 'Επαληθεύσεις', exact: true })).toBeVisible();
  // Staff get their areas, not the citizens' pages.
  await expect(nav.getByRole('link', { name: 'Τα αιτήματά μου' })).toHaveCount(0);
  await expect(page.getByText('Τμήμα σας: Τεχνική Υπηρεσία')).toBeVisible();
  const work = page.locator('ul.work');
  const fresh = work.getByRole('link', { name: /Νέα αιτήματα και σχόλια$/ });
  await expect(fresh).toBeVisible();
  const shown = Number(await fresh.locator('.work__count').textContent());
  expect(shown).toBeGreaterThanOrEqual(1);
  await fresh.click();
  await expect(page).toHaveURL(/\/staff\/inbox\?status=submitted$/);
  await expect(page.getByLabel('Κατάσταση')).toHaveValue('submitted');
  await expect(page.getByRole('link', { name: subject, exact: true })).toBeVisible();
});

test('the clerk reads the request first, sees who sent it, routes it and the history names people', async ({ page, browser }) => {
  const citizen = await browser.newPage();
  const subject = `Κάδος ${Date.now()}`;
  await fileRequest(citizen, subject);
  await citizen.close();

  await signIn(page, DEMO.clerk.email, DEMO.clerk.password);
  await page.goto(`/staff/inbox?q=${encodeURIComponent(subject)}`);
  await page.getByRole('link', { name: subject, exact: true }).click();
  // The text, then the author, then the actions: in that order on the page.
  const order = await page.locator('main h2').allTextContents();
  expect(order.indexOf('Κείμενο')).toBeLessThan(order.indexOf('Αιτών'));
  expect(order.indexOf('Αιτών')).toBeLessThan(order.indexOf('Ενέργειες'));
  const author = page.getByRole('region', { name: 'Αιτών' });
  await expect(definition(author, 'Όνομα')).toHaveText('Μαρία Παπαδοπούλου');
  await expect(definition(author, 'Διεύθυνση e-mail')).toHaveText(DEMO.citizen.email);

  // Departments come from the admin's list.
  const department = page.getByLabel('Αρμόδια υπηρεσία', { exact: true });
  await expect(department.locator('option')).toContainText(['Κανένα τμήμα', 'Οικονομική Υπηρεσία', 'Τεχνική Υπηρεσία', 'Υπηρεσία Καθαριότητας']);
  await department.selectOption({ label: 'Υπηρεσία Καθαριότητας' });
  await page.getByRole('button', { name: 'Ανάθεση' }).click();
  await expect(page.getByRole('status')).toContainText('Η ενέργεια καταχωρίστηκε');
  await expect(definition(page.locator('dl.summary').first(), 'Αρμόδια υπηρεσία')).toHaveText('Υπηρεσία Καθαριότητας');
  const history = page.locator('.history li');
  await expect(history.last()).toContainText('Υπηρεσία Καθαριότητας (Ελένη Γεωργίου)');
  await expect(page.locator('.history')).not.toContainText('user:');
});

test('the admin keeps the departments: added, refused twice, retired', async ({ page }) => {
  await signIn(page, DEMO.admin.email, DEMO.admin.password);
  await page.goto('/staff');
  await page.getByRole('navigation', { name: 'Κύρια πλοήγηση' }).getByRole('link', { name: 'Τμήματα', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Τμήματα του δήμου');
  const name = `Πρασίνου ${Date.now()}`;
  await page.getByLabel('Όνομα στα ελληνικά').fill(name);
  await page.getByLabel('Όνομα στα αγγλικά').fill('Parks');
  await page.getByRole('button', { name: 'Προσθήκη τμήματος' }).click();
  await expect(page.getByRole('status')).toHaveText('Τα τμήματα αποθηκεύτηκαν.');
  const row = page.getByRole('row').filter({ has: page.getByRole('cell', { name, exact: true }) });
  await expect(row.getByRole('cell', { name: 'Σε χρήση', exact: true })).toBeVisible();

  await page.getByLabel('Όνομα στα ελληνικά').fill(name);
  await page.getByRole('button', { name: 'Προσθήκη τμήματος' }).click();
  const summary = page.getByRole('alert');
  await expect(summary).toContainText('Υπάρχει ήδη τμήμα με αυτό το όνομα');
  await expect(summary).toContainText('Συμπληρώστε αυτό το πεδίο.');

  await row.getByRole('button', { name: `Κατάργηση ${name}` }).click();
  await expect(row.getByRole('cell', { name: 'Καταργημένο', exact: true })).toBeVisible();
});

test('staff tables use the width of a desktop screen', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await signIn(page, DEMO.cashier.email, DEMO.cashier.password);
  await page.goto('/staff/payments');
  const main = await page.getByRole('main').boundingBox();
  expect(main!.width).toBeGreaterThan(1200);
  await page.goto('/');
  const home = await page.getByRole('main').boundingBox();
  expect(home!.width).toBeLessThan(1000);
});

for (const js of [true, false]) {
  test.describe(`on a phone${js ? '' : ' without JavaScript'}`, () => {
    test.use({ viewport: { width: 375, height: 740 }, javaScriptEnabled: js });

    test('the menu is one button that opens the links', async ({ page }, testInfo) => {
      await signIn(page, DEMO.clerk.email, DEMO.clerk.password);
      await page.goto('/staff');
      const menu = page.getByText('Μενού', { exact: true });
      await expect(menu).toBeVisible();
      const header = await page.locator('header').boundingBox();
      expect(header!.height, 'the header takes little of a phone screen').toBeLessThan(170);
      const inbox = page.getByRole('link', { name: 'Εισερχόμενα', exact: true });
      await expect(inbox).toBeHidden();
      await testInfo.attach('menu-closed', { body: await page.screenshot(), contentType: 'image/png' });
      await menu.click();
      await expect(inbox).toBeVisible();
      await testInfo.attach('menu-open', { body: await page.screenshot(), contentType: 'image/png' });
      await inbox.click();
      await expect(page).toHaveURL(/\/staff\/inbox$/);
    });
  });
}

for (const lang of LANGS) {
  test(`staff home and departments are axe-clean in ${lang}`, async ({ page, context, baseURL }) => {
    await useLanguage(context, baseURL!, lang);
    await signIn(page, DEMO.admin.email, DEMO.admin.password);
    for (const path of ['/staff', '/staff/departments', '/staff/accounts']) {
      await page.goto(path);
      await expectNoAxeViolations(page);
    }
    await page.getByRole('button', { name: lang === 'el' ? 'Αποσύνδεση' : 'Sign out' }).click();
    await signIn(page, DEMO.clerk.email, DEMO.clerk.password);
    await page.goto('/staff');
    await expectNoAxeViolations(page);
  });
}
