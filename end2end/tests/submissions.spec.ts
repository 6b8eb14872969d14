// Comments and submissions: an anonymous comment without JavaScript, a named complaint
// that a clerk registers in the protocol and answers, field errors, script text shown as
// text, and accessibility scans of every page in both languages.
import { expect, test, type Page } from '@playwright/test';
import { DEMO, LANGS, definition, expectNoAxeViolations, linksIn, mailsTo, rowsWith, signIn, signOut, useLanguage } from './support';

async function fileComplaint(page: Page, subject: string, text: string): Promise<string> {
  await page.goto('/submissions/new');
  await page.getByLabel('Είδος').selectOption('complaint');
  await page.getByLabel('Θέμα (σύντομη περιγραφή)').fill(subject);
  await page.getByLabel('Κείμενο').fill(text);
  await page.getByLabel('Τι θα θέλατε να κάνει ο δήμος (προαιρετικό)').fill('Έλεγχος από τη δημοτική αστυνομία');
  await page.getByRole('button', { name: 'Υποβολή' }).click();
  await expect(page.getByRole('status')).toHaveText(/^Το αίτημά σας υποβλήθηκε με αριθμό \d+$/);
  return page.url();
}

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('an anonymous comment is sent and the page says it cannot be followed up', async ({ page }) => {
    await page.goto('/comment');
    await page.getByRole('button', { name: 'Αποστολή σχολίου' }).click();
    await expect(page.getByRole('alert')).toContainText('Συμπληρώστε αυτό το πεδίο.');
    await page.getByLabel('Θέμα (σύντομη περιγραφή)').fill('Σπασμένο παγκάκι');
    await page.getByLabel('Κείμενο').fill('Στην πλατεία Αριστοτέλους, δίπλα στη στάση.');
    await page.getByRole('button', { name: 'Αποστολή σχολίου' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Το σχόλιό σας στάλθηκε');
    await expect(page.getByRole('main')).toContainText('δεν μπορείτε να το παρακολουθήσετε');
  });
});

test('a named complaint is protocolled and answered, and the citizen sees it all', async ({ page, browser }) => {
  const subject = `Θόρυβος τη νύχτα ${Date.now()}`;
  await signIn(page, DEMO.citizen.email, DEMO.citizen.password);
  const url = await fileComplaint(page, subject, 'Κάθε βράδυ μετά τις 23:00 στην οδό Ερμού.');
  const number = (await page.getByRole('status').locator('strong').textContent())!.trim();
  await expect(page.getByText('Δεν έχει πρωτοκολληθεί ακόμη.')).toBeVisible();

  const clerkContext = await browser.newContext();
  const clerk = await clerkContext.newPage();
  await signIn(clerk, DEMO.clerk.email, DEMO.clerk.password);
  await clerk.goto(`/staff/inbox?q=${encodeURIComponent(subject)}`);
  await clerk.getByRole('link', { name: subject, exact: true }).click();
  await clerk.getByRole('button', { name: 'Πρωτοκόλληση' }).click();
  await expect(clerk.getByRole('status')).toContainText('Η ενέργεια καταχωρίστηκε');
  const protocol = (await clerk.locator('dd strong').textContent())!.trim();
  expect(protocol).toMatch(/^\d+\/\d\d-\d\d-\d{4}$/);
  await clerk.getByLabel('Κατάσταση').selectOption('under_review');
  await clerk.getByRole('button', { name: 'Αλλαγή κατάστασης' }).click();
  await clerk.getByLabel('Απάντηση του δήμου').fill('Ενημερώθηκε η δημοτική αστυνομία.');
  await clerk.getByRole('button', { name: 'Αποθήκευση απάντησης' }).click();
  await clerk.getByLabel('Κατάσταση').selectOption('answered');
  await clerk.getByRole('button', { name: 'Αλλαγή κατάστασης' }).click();
  // The status itself (the status list on the same page offers «Απαντήθηκε» all along).
  await expect(definition(clerk, 'Κατάσταση')).toHaveText('Απαντήθηκε');
  await clerkContext.close();

  await page.goto(url);
  await page.getByRole('link', { name: 'Ανανέωση' }).click();
  await expect(page.locator('dd strong')).toHaveText(protocol);
  await expect(page.locator('.response')).toHaveText('Ενημερώθηκε η δημοτική αστυνομία.');
  const history = page.locator('.history li');
  // submitted, sent for protocol, registered, under review, answered (text), answered (status)
  await expect(history).toHaveCount(6);
  await expect(history.nth(2)).toContainText('Πρωτοκολλήθηκε');
  await page.goto('/submissions');
  // This submission's row: its number, answered, with its protocol number (exactly, since
  // 1/01-12-2026 is also the end of 11/01-12-2026).
  await expect(rowsWith(page, subject)).toHaveCount(1);
  await expect(rowsWith(page, number, subject, 'Απαντήθηκε', protocol)).toHaveCount(1);
  expect(number).toMatch(/^\d+$/);
  // The citizen was e-mailed the protocol number, and the answer with a link to this submission.
  const here = new URL(url);
  const protocolled = await mailsTo(DEMO.citizen.email, (mail) => mail.subject === `Αριθμός πρωτοκόλλου ${protocol} / Protocol number ${protocol}` && mail.body.includes(`«${subject}»`));
  expect(protocolled, 'protocol number e-mailed').toHaveLength(1);
  const answered = await mailsTo(DEMO.citizen.email, (mail) => mail.subject === 'Ο δήμος απάντησε στο αίτημά σας' && mail.body.includes(`«${subject}»`));
  expect(answered, 'answer e-mailed').toHaveLength(1);
  expect(linksIn(answered[0])).toEqual([`${here.origin}${here.pathname}`]);
});

test('bad input gets field errors, and script text is shown as text', async ({ page }) => {
  await signIn(page, DEMO.citizen.email, DEMO.citizen.password);
  await page.goto('/submissions/new');
  // The box stops at the server's limit and says so, counting down as one types.
  await expect(page.locator('#text-count')).toHaveText('Έως 5000 χαρακτήρες.');
  await page.getByLabel('Κείμενο').fill('x'.repeat(5001));
  await expect(page.getByLabel('Κείμενο')).toHaveValue('x'.repeat(5000));
  await expect(page.locator('#text-count')).toHaveText('Απομένουν 0 χαρακτήρες.');
  await page.getByRole('button', { name: 'Υποβολή' }).click();
  const summary = page.getByRole('alert');
  await expect(summary).toContainText('Επιλέξτε μία από τις επιλογές.');
  await expect(summary).toContainText('Συμπληρώστε αυτό το πεδίο.');
  await expect(page.getByLabel('Κείμενο')).toHaveValue('x'.repeat(5000));

  const script = `<script>document.title='pwned'</script> ${Date.now()}`;
  await fileComplaint(page, script, script);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(script);
  expect(await page.title()).not.toBe('pwned');
});

test('another citizen cannot open a submission', async ({ page, browser }) => {
  await signIn(page, DEMO.citizen.email, DEMO.citizen.password);
  const url = await fileComplaint(page, `Ιδιωτικό ${Date.now()}`, 'Κείμενο');
  const otherContext = await browser.newContext();
  const other = await otherContext.newPage();
  await signIn(other, DEMO.business.email, DEMO.business.password);
  const response = await other.goto(url);
  expect(response?.status()).toBe(404);
  await otherContext.close();
});

for (const lang of LANGS) {
  test(`submission pages are axe-clean in ${lang}`, async ({ page, context, baseURL }) => {
    await useLanguage(context, baseURL!, lang);
    for (const path of ['/comment', '/comment/sent']) {
      await page.goto(path);
      await expectNoAxeViolations(page);
    }
    await signIn(page, DEMO.citizen.email, DEMO.citizen.password);
    await page.goto('/submissions/new');
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: /Υποβολή|Submit/ }).click();
    await expect(page.getByRole('alert')).toBeVisible();
    await expectNoAxeViolations(page);
    await page.getByLabel(/^(Είδος|Kind)$/).selectOption('request');
    await page.getByLabel(/Θέμα|Subject/).fill(`Axe ${lang} ${Date.now()}`);
    await page.getByLabel(/^(Κείμενο|Text)$/).fill('Κείμενο');
    await page.getByRole('button', { name: /Υποβολή|Submit/ }).click();
    await expect(page.getByRole('status')).toBeVisible();
    await expectNoAxeViolations(page);
    await page.goto('/submissions');
    await expectNoAxeViolations(page);
    await signOut(page);
    await signIn(page, DEMO.clerk.email, DEMO.clerk.password);
    for (const path of ['/staff', '/staff/inbox', '/staff/inbox?kind=comment&awaiting=1']) {
      await page.goto(path);
      await expectNoAxeViolations(page);
    }
    await page.goto('/staff/inbox');
    await page.locator('tbody a').first().click();
    await expect(page.getByRole('heading', { name: /Ενέργειες|Actions/ })).toBeVisible();
    await expectNoAxeViolations(page);
  });
}
