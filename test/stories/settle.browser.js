// Injected into Storybook's preview iframe by story-a11y.test.ts (kept as plain
// browser JS so no TypeScript helper ends up in code Playwright serialises).
// Defines `window.ckStorySettle(quietMs)`: one settle round for the story in
// #storybook-root. It resolves with the story's state after every ck-* element
// finished its pending update and two frames were painted; the test repeats it
// until that state stops changing, nothing is aria-busy and no request is open.

/** Every element under `root`, crossing open shadow roots (our elements render there). */
function deepElements(root, out = []) {
  for (const element of root.querySelectorAll('*')) {
    out.push(element);
    if (element.shadowRoot) deepElements(element.shadowRoot, out);
  }
  return out;
}

function describeElement(element) {
  const host = element.getRootNode() instanceof ShadowRoot ? `${element.getRootNode().host.localName} >>> ` : '';
  const part = element.getAttribute('part');
  return `${host}${element.localName}${part ? `[part="${part}"]` : ''}`;
}

const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));

window.ckStorySettle = async function ckStorySettle() {
  const root = document.getElementById('storybook-root');
  if (!root) return { rendered: false, busy: [], signature: 'no root' };
  let elements = deepElements(root);
  const custom = () => elements.filter((element) => element.localName.startsWith('ck-'));
  // Lit's updateComplete resolves after the render a pending locale chunk or fetch triggered.
  await Promise.all(custom().map((element) => element.updateComplete).filter(Boolean));
  await document.fonts.ready;
  await frame();
  await frame();
  elements = deepElements(root);
  const ck = custom();
  const busy = elements.filter((element) => element.getAttribute('aria-busy') === 'true').map(describeElement);
  // Lengths, not text: a countdown ("14:59" → "14:58") keeps its length and must not count as unsettled.
  const size = ck.reduce((sum, element) => sum + (element.shadowRoot ? element.shadowRoot.innerHTML.length : 0), 0);
  const rendered = root.childElementCount > 0 || root.textContent.trim() !== '';
  return { rendered, busy, signature: `${elements.length}|${ck.length}|${size}|${busy.length}` };
};
