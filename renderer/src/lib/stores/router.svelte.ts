/**
 * Which screen is shown, kept in the address hash so a reload comes back to the same screen (and
 * the same ticket, whose draft is then restored).
 */
export type Route =
  | { name: 'inbox' }
  | { name: 'ticket'; key: string }
  | { name: 'new' }
  | { name: 'outbox' }
  | { name: 'settings' }
  | { name: 'signin' };

function parseRoute(hash: string): Route {
  const path = hash.replace(/^#\/?/, '');
  const [name, ...rest] = path.split('/');
  switch (name) {
    case 'ticket': {
      const key = decodeURIComponent(rest.join('/'));
      return key ? { name: 'ticket', key } : { name: 'inbox' };
    }
    case 'new':
    case 'outbox':
    case 'settings':
    case 'signin':
      return { name };
    default:
      return { name: 'inbox' };
  }
}

export function routeHash(route: Route): string {
  return route.name === 'ticket' ? `#/ticket/${encodeURIComponent(route.key)}` : `#/${route.name}`;
}

class Router {
  current = $state<Route>(parseRoute(location.hash));

  constructor() {
    window.addEventListener('hashchange', () => (this.current = parseRoute(location.hash)));
  }

  /** Set by a navigation that leaves the focus where it is (j/k through the split view). */
  private keepFocus = false;

  go(route: Route, options: { keepFocus?: boolean } = {}): void {
    const hash = routeHash(route);
    // Already there: nothing moves, and the focus stays where the caller is putting it.
    if (routeHash(this.current) === hash) return;
    this.keepFocus = options.keepFocus ?? false;
    if (location.hash !== hash) location.hash = hash;
    this.current = route;
  }

  /** Whether the last navigation asked to keep the focus; asking again says no. */
  takeKeepFocus(): boolean {
    const keep = this.keepFocus;
    this.keepFocus = false;
    return keep;
  }

  /** Esc: one step back, to the inbox from anywhere else. */
  back(): void {
    if (this.current.name !== 'inbox') this.go({ name: 'inbox' });
  }
}

export const router = new Router();
