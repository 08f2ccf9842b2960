/**
 * Places the launcher with floating-ui: at its corner of the (visual)
 * viewport, inside the safe-area insets, shifted to stay on screen, and moved
 * off the checkout's Pay button and any element the store names in `avoid`.
 * Loaded on idle, after the first paint; until then the launcher sits at its
 * CSS corner. Also places the panel next to the launcher (flip, shift, size).
 */
import { autoUpdate, computePosition, flip, offset, shift, size, type Middleware, type VirtualElement } from '@floating-ui/dom';

interface LauncherHost extends HTMLElement {
  corner: 'bottom-end' | 'bottom-start' | 'top-end' | 'top-start';
  offsetX: number;
  offsetY: number;
  avoid: string;
  readonly i18n: { dir: 'ltr' | 'rtl' };
}

const GAP = 8;

interface Insets {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/** The safe-area insets (notch, home indicator), measured once per call from a probe styled with env(). */
function safeArea(root: ShadowRoot | HTMLElement): Insets {
  const probe = document.createElement('div');
  for (const [side, value] of Object.entries({ top: 'top', right: 'right', bottom: 'bottom', left: 'left' })) {
    probe.style.setProperty(`padding-${side}`, `env(safe-area-inset-${value}, 0px)`);
  }
  probe.style.setProperty('position', 'fixed');
  probe.style.setProperty('visibility', 'hidden');
  probe.style.setProperty('pointer-events', 'none');
  root.appendChild(probe);
  const style = getComputedStyle(probe);
  const insets = {
    top: parseFloat(style.paddingTop) || 0,
    right: parseFloat(style.paddingRight) || 0,
    bottom: parseFloat(style.paddingBottom) || 0,
    left: parseFloat(style.paddingLeft) || 0,
  };
  probe.remove();
  return insets;
}

/** The visible viewport: shrinks when the on-screen keyboard opens. */
function viewport(): { width: number; height: number; top: number; left: number } {
  const vv = window.visualViewport;
  return vv
    ? { width: vv.width, height: vv.height, top: vv.offsetTop, left: vv.offsetLeft }
    : { width: document.documentElement.clientWidth, height: window.innerHeight, top: 0, left: 0 };
}

/** Elements the launcher must not cover: every checkout's Pay button (its documented `pay-button` part) and the store's selector. */
export function obstacles(selector: string): Element[] {
  const found: Element[] = [];
  for (const checkout of document.querySelectorAll('ck-checkout')) {
    const pay = checkout.shadowRoot?.querySelector('[part~="pay-button"]');
    if (pay) found.push(pay);
  }
  if (selector.trim()) {
    try {
      found.push(...document.querySelectorAll(selector));
    } catch {
      // An invalid selector from the store must not break the launcher.
    }
  }
  return found;
}

const overlaps = (a: DOMRect | { x: number; y: number; width: number; height: number }, b: DOMRect) =>
  a.x < b.right + GAP && a.x + a.width > b.left - GAP && a.y < b.bottom + GAP && a.y + a.height > b.top - GAP;

/**
 * Moves the floating element off every obstacle: first along the edge it sits
 * on (up from a bottom corner, down from a top one), and only if that leaves
 * the screen, sideways toward the middle.
 */
export function avoidMiddleware(getObstacles: () => Element[], fromBottom: boolean, towardLeft: boolean): Middleware {
  return {
    name: 'avoid',
    fn({ x, y, rects }) {
      const { width, height } = rects.floating;
      const view = viewport();
      let next = { x, y };
      for (let round = 0; round < 4; round++) {
        const hit = getObstacles()
          .map((el) => el.getBoundingClientRect())
          .find((rect) => rect.width > 0 && rect.height > 0 && overlaps({ ...next, width, height }, rect));
        if (!hit) break;
        const vertical = fromBottom ? hit.top - height - GAP : hit.bottom + GAP;
        if (vertical >= view.top + GAP && vertical + height <= view.top + view.height - GAP) next = { x: next.x, y: vertical };
        else next = { x: towardLeft ? hit.left - width - GAP : hit.right + GAP, y: next.y };
      }
      return next;
    },
  };
}

/** Keeps the launcher placed until `stop()`; `update()` places it again now (the host's corner, offsets or `avoid` changed). */
export function placeLauncher(host: LauncherHost, launcher: HTMLElement): { stop(): void; update(): void } {
  let frame = 0;
  let stopped = false;
  const update = async () => {
    if (stopped) return;
    const view = viewport();
    const insets = safeArea(host.shadowRoot ?? host);
    const rtl = host.i18n.dir === 'rtl';
    const atEnd = host.corner.endsWith('end');
    const right = atEnd !== rtl;
    const bottom = host.corner.startsWith('bottom');
    const point = {
      x: right ? view.left + view.width - host.offsetX - insets.right : view.left + host.offsetX + insets.left,
      y: bottom ? view.top + view.height - host.offsetY - insets.bottom : view.top + host.offsetY + insets.top,
    };
    const corner: VirtualElement = {
      getBoundingClientRect: () => ({ x: point.x, y: point.y, left: point.x, top: point.y, right: point.x, bottom: point.y, width: 0, height: 0 }),
    };
    // 'top-end' puts the launcher's bottom-right corner on the point; floating-ui reads direction from the element.
    const placement = `${bottom ? 'top' : 'bottom'}-${right ? (rtl ? 'start' : 'end') : rtl ? 'end' : 'start'}` as const;
    // The host is the fixed-position box (the launcher is its only in-flow content): positioning the
    // button itself would measure against the host, which moves with every placement.
    const { x, y } = await computePosition(corner, host, {
      strategy: 'fixed',
      placement,
      middleware: [shift({ padding: { top: insets.top + GAP, bottom: insets.bottom + GAP, left: insets.left + GAP, right: insets.right + GAP }, crossAxis: true }), avoidMiddleware(() => obstacles(host.avoid), bottom, right)],
    });
    if (stopped) return;
    // Only real changes touch the style: a write is itself a mutation this placement listens to.
    const left = `${Math.round(x)}px`;
    const top = `${Math.round(y)}px`;
    if (host.style.getPropertyValue('--_left') !== left) host.style.setProperty('--_left', left);
    if (host.style.getPropertyValue('--_top') !== top) host.style.setProperty('--_top', top);
    if (!host.hasAttribute('data-placed')) host.toggleAttribute('data-placed', true);
  };
  const schedule = () => {
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(() => void update());
  };
  schedule();
  window.addEventListener('resize', schedule);
  window.addEventListener('scroll', schedule, { passive: true, capture: true });
  window.visualViewport?.addEventListener('resize', schedule);
  window.visualViewport?.addEventListener('scroll', schedule);
  // The Pay button appears (and moves) as the checkout renders: watch the page's layout.
  const resize = new ResizeObserver(schedule);
  resize.observe(document.documentElement);
  const mutations = new MutationObserver((records) => {
    if (records.some((record) => record.target !== host)) schedule();
  });
  mutations.observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['class', 'hidden', 'style'] });
  document.addEventListener('ck-ready', schedule);
  const stop = () => {
    stopped = true;
    cancelAnimationFrame(frame);
    window.removeEventListener('resize', schedule);
    window.removeEventListener('scroll', schedule, { capture: true });
    window.visualViewport?.removeEventListener('resize', schedule);
    window.visualViewport?.removeEventListener('scroll', schedule);
    resize.disconnect();
    mutations.disconnect();
    document.removeEventListener('ck-ready', schedule);
    host.removeAttribute('data-placed');
  };
  return { stop, update: schedule };
}

/**
 * Places the panel beside the launcher on wide screens (above it from a bottom
 * corner, flipping below when there is no room, shifted and sized to fit).
 * Phones get the full visual viewport instead (the panel's CSS), kept above
 * the on-screen keyboard through `--_vv-height` and `--_vv-top`.
 */
export function placePanel(host: HTMLElement, launcher: HTMLElement, bottom: boolean): () => void {
  // The panel's host element is the fixed-position box that floats; its dialog fills it.
  const panel = host;
  const fullScreen = () => viewport().width <= 480;
  const keyboard = () => {
    const view = viewport();
    host.style.setProperty('--_vv-height', `${Math.round(view.height)}px`);
    host.style.setProperty('--_vv-top', `${Math.round(view.top)}px`);
  };
  keyboard();
  window.visualViewport?.addEventListener('resize', keyboard);
  window.visualViewport?.addEventListener('scroll', keyboard);
  // No elementResize: the size middleware resizes the panel, which would re-trigger itself.
  const stop = autoUpdate(launcher, panel, () => {
    if (fullScreen()) {
      for (const name of ['left', 'top', '--_max-h', '--_max-w']) panel.style.removeProperty(name);
      return;
    }
    computePosition(launcher, panel, {
      strategy: 'fixed',
      placement: bottom ? 'top-end' : 'bottom-end',
      middleware: [
        offset(12),
        flip({ padding: GAP }),
        shift({ padding: GAP }),
        size({
          padding: GAP,
          apply({ availableHeight, availableWidth }) {
            panel.style.setProperty('--_max-h', `${Math.max(240, Math.floor(availableHeight))}px`);
            panel.style.setProperty('--_max-w', `${Math.floor(availableWidth)}px`);
          },
        }),
      ],
    })
      .then(({ x, y }) => {
        panel.style.setProperty('left', `${Math.round(x)}px`);
        panel.style.setProperty('top', `${Math.round(y)}px`);
      })
      // A panel that could not be measured (detached mid-frame) keeps its CSS fallback position.
      .catch(() => undefined);
  }, { elementResize: false });
  return () => {
    stop();
    window.visualViewport?.removeEventListener('resize', keyboard);
    window.visualViewport?.removeEventListener('scroll', keyboard);
  };
}
