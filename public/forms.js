// Small enhancements; every page works without them.
//
// Counts down the characters left in a text box that has a limit (the limit is stated under
// each box and enforced by the browser and the server).
document.addEventListener('input', (event) => {
  const box = event.target;
  if (!(box instanceof HTMLTextAreaElement) || box.maxLength < 0) return;
  const count = document.getElementById(`${box.id}-count`);
  if (!count || !count.dataset.left) return;
  const left = Math.max(0, box.maxLength - box.value.length);
  count.textContent = count.dataset.left.replace('{left}', String(left));
});

// A payment the bank has not answered yet: ask quietly every few seconds (for two minutes)
// and reload once the outcome is known. Without scripts the page offers "check again".
const pending = document.querySelector('[data-check-payment]');
if (pending) {
  const id = pending.getAttribute('data-check-payment');
  let asked = 0;
  const ask = async () => {
    asked += 1;
    try {
      const reply = await fetch('/api/payment_view', {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
        body: new URLSearchParams({ id }),
      });
      if (reply.ok) {
        const payment = await reply.json();
        if (payment.state !== 'created' && payment.state !== 'started') {
          window.location.reload();
          return;
        }
      }
    } catch (_) {
      // Offline for a moment: the next try, or the button, will do.
    }
    if (asked < 40) setTimeout(ask, 3000);
  };
  setTimeout(ask, 3000);
}

// A running e-mail campaign: ask for its counts every second and move the bar; reload once
// it has finished (the page then offers what comes next). Without scripts: a refresh link.
const campaign = document.querySelector('[data-campaign]');
if (campaign) {
  const id = campaign.getAttribute('data-campaign');
  const bar = document.getElementById('campaign-bar');
  const text = document.getElementById('campaign-progress-text');
  const show = (selector, value) => {
    const cell = campaign.querySelector(selector);
    if (cell) cell.textContent = String(value);
  };
  const ask = async () => {
    try {
      const reply = await fetch('/api/campaign_progress', {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
        body: new URLSearchParams({ id }),
      });
      if (reply.ok) {
        const view = await reply.json();
        const c = view.counts;
        const total = c.queued + c.sent + c.failed + c.no_email;
        const handled = c.sent + c.failed + c.no_email;
        const percent = total === 0 ? 100 : Math.floor((handled * 100) / total);
        bar.max = Math.max(total, 1);
        bar.value = handled;
        text.textContent = text.dataset.text
          .replace('{handled}', String(handled))
          .replace('{total}', String(total))
          .replace('{percent}', String(percent));
        show('.queued', c.queued);
        show('.sent', c.sent);
        show('.failed', c.failed);
        show('.no-email', c.no_email);
        if (view.state !== 'running' && view.state !== 'stopping') {
          window.location.reload();
          return;
        }
      }
    } catch (_) {
      // A missed answer: the next one will do.
    }
    setTimeout(ask, 1000);
  };
  setTimeout(ask, 1000);
}
