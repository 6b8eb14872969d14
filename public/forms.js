// Counts down the characters left in a text box that has a limit. The pages work without
// it: the limit is stated under each box and enforced by the browser and the server.
document.addEventListener('input', (event) => {
  const box = event.target;
  if (!(box instanceof HTMLTextAreaElement) || box.maxLength < 0) return;
  const count = document.getElementById(`${box.id}-count`);
  if (!count || !count.dataset.left) return;
  const left = Math.max(0, box.maxLength - box.value.length);
  count.textContent = count.dataset.left.replace('{left}', String(left));
});
