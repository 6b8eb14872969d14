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
