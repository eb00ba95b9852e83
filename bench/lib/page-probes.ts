/**
 * Code that runs inside the page (Chromium, through the browser host), kept as source text: the
 * benchmark is Node code compiled without the DOM library. Every probe times with the page's own
 * clock (performance.now()), so the round trip to Playwright is not part of a figure.
 */

/**
 * Installed before the app's scripts: notes when the first ticket row is added, and when the
 * frame after it starts (the row is on screen by then), relative to navigation start.
 */
export const firstRowProbe = `
  window.__bench = { rowAt: null, paintedAt: null };
  new MutationObserver((_, observer) => {
    if (window.__bench.rowAt !== null) return;
    if (!document.querySelector('[data-testid="ticket-row"]')) return;
    window.__bench.rowAt = performance.now();
    observer.disconnect();
    requestAnimationFrame(() => (window.__bench.paintedAt = performance.now()));
  }).observe(document, { childList: true, subtree: true });
`;

/**
 * Frame intervals from requestAnimationFrame over `frames` frames, scrolling the inbox list by
 * `pxPerFrame` each frame (0: an idle baseline), and the most ticket rows in the DOM meanwhile.
 */
export const scrollProbe = `async ({ pxPerFrame, frames }) => {
  const nav = document.querySelector('nav.list');
  const scroller = [nav, ...(nav ? nav.querySelectorAll('*') : [])].find((el) => {
    const style = el && getComputedStyle(el);
    return style && /(auto|scroll)/.test(style.overflowY) && el.scrollHeight > el.clientHeight;
  });
  if (!scroller) throw new Error('no scrollable inbox list');
  const intervals = [];
  let maxRows = 0;
  let longFrames = 0;
  let jumpsBack = 0;
  const jumps = [];
  let lastTop = scroller.scrollTop;
  const observer = 'PerformanceObserver' in window &&
    PerformanceObserver.supportedEntryTypes.includes('long-animation-frame')
    ? new PerformanceObserver((list) => (longFrames += list.getEntries().length))
    : null;
  observer?.observe({ type: 'long-animation-frame' });
  await new Promise((done) => {
    let last = null;
    let count = 0;
    const step = (now) => {
      if (last !== null) intervals.push(now - last);
      last = now;
      // The list moving back up while we only scroll down: something scrolled it away.
      if (scroller.scrollTop < lastTop - 1) {
        jumpsBack += 1;
        if (jumps.length < 20) jumps.push([Math.round(lastTop), Math.round(scroller.scrollTop)]);
      }
      if (pxPerFrame) scroller.scrollTop += pxPerFrame;
      lastTop = scroller.scrollTop;
      if (count % 5 === 0)
        maxRows = Math.max(maxRows, document.querySelectorAll('[data-testid="ticket-row"]').length);
      count += 1;
      if (count > frames) done();
      else requestAnimationFrame(step);
    };
    requestAnimationFrame(step);
  });
  observer?.disconnect();
  const row = document.querySelector('[data-testid="ticket-row"]');
  const rowHeight = row ? row.getBoundingClientRect().height || 40 : 40;
  return {
    intervals,
    maxRows,
    longFrames,
    jumpsBack,
    jumps,
    scrolledRows: Math.round(scroller.scrollTop / rowHeight),
    loadedRows: Math.round(scroller.scrollHeight / rowHeight),
  };
}`;

/**
 * Arms a watch for a reply: from the Ctrl+Enter keydown to the frame after the reply's text
 * appears in the timeline. The answer is kept as window.__replySeen.
 */
export const replyProbe = `(text) => {
  let pressedAt = null;
  const onKey = (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && pressedAt === null)
      pressedAt = performance.now();
  };
  document.addEventListener('keydown', onKey, true);
  const shown = () =>
    [...document.querySelectorAll('[data-testid="timeline-message"]')].some((el) =>
      el.textContent.includes(text),
    );
  window.__replySeen = new Promise((done) => {
    const observer = new MutationObserver(() => {
      if (pressedAt === null || !shown()) return;
      observer.disconnect();
      const inDom = performance.now() - pressedAt;
      requestAnimationFrame(() => {
        document.removeEventListener('keydown', onKey, true);
        done({ inDom, painted: performance.now() - pressedAt });
      });
    });
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  });
}`;

/** The baseline for a keypress: a typed character, from keydown to the frame after its input. */
export const typingProbe = `() => {
  let pressedAt = null;
  const onKey = () => { if (pressedAt === null) pressedAt = performance.now(); };
  document.addEventListener('keydown', onKey, true);
  window.__typed = new Promise((done) => {
    const onInput = () => {
      document.removeEventListener('input', onInput, true);
      requestAnimationFrame(() => {
        document.removeEventListener('keydown', onKey, true);
        done(performance.now() - pressedAt);
      });
    };
    document.addEventListener('input', onInput, true);
  });
}`;

/** `count` contract calls of one kind, each timed in the page: the WebSocket round trip floor. */
export const roundTripProbe = `async ({ method, args, count }) => {
  const [area, name] = method.split('.');
  const samples = [];
  for (let i = 0; i < count; i += 1) {
    const begin = performance.now();
    await window.hubdesk[area][name](...args);
    samples.push(performance.now() - begin);
  }
  return samples;
}`;
