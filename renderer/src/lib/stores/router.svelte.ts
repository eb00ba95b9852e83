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

  go(route: Route): void {
    const hash = routeHash(route);
    if (location.hash !== hash) location.hash = hash;
    this.current = route;
  }

  /** Esc: one step back, to the inbox from anywhere else. */
  back(): void {
    if (this.current.name !== 'inbox') this.go({ name: 'inbox' });
  }
}

export const router = new Router();
