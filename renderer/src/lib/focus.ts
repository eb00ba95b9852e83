/** Where the keyboard focus goes when a screen opens: its heading, so a screen reader reads it. */
export function focusHeading(container: HTMLElement | null | undefined): boolean {
  const heading = container?.querySelector<HTMLElement>('h1');
  if (!heading) return false;
  if (!heading.hasAttribute('tabindex')) heading.tabIndex = -1;
  heading.focus({ preventScroll: true });
  return true;
}
