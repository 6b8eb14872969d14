// Wakes the page's interactive parts (Leptos islands) when the person first reaches for
// one — a focus, a pointer, a key — instead of while the page loads: every page is
// complete and usable without them, and loading stays free of the WebAssembly's work.
const tag = document.querySelector('script[data-island-js]');
const islands = document.querySelectorAll('leptos-island');
const EVENTS = ['focusin', 'pointerdown', 'keydown', 'touchstart'];
let woken = false;

async function wake() {
  if (woken) return;
  woken = true;
  for (const type of EVENTS) document.removeEventListener(type, onEvent, true);
  const app = await import(tag.dataset.islandJs);
  await app.default({ module_or_path: tag.dataset.islandWasm });
  app.hydrate();
  for (const island of islands) {
    const hydrateIsland = app[island.dataset.component];
    if (hydrateIsland) await hydrateIsland(island);
  }
  document.documentElement.dataset.islands = 'awake';
}

function onEvent(event) {
  const target = event.target;
  if (target instanceof Element && target.closest('leptos-island')) wake();
}

if (tag && islands.length) {
  for (const type of EVENTS) document.addEventListener(type, onEvent, { capture: true, passive: true });
  // Something already has the focus (the browser restored it): wake now.
  if (document.activeElement && document.activeElement.closest('leptos-island')) wake();
}
