/**
 * Notifications for tickets newly assigned to the agent and for the agent's tickets about to
 * breach their SLA. Electron maps the Web Notifications API to native ones.
 */
import type { SyncStatus, TicketSummary } from '../../../../preload/types';
import { hubdesk } from '../hubdesk';
import { t } from '../i18n.svelte';
import { firstLook, nextLook, type AlertState } from '../notify-rules';
import { notificationText } from '../server-text';
import { preferences } from './preferences.svelte';
import { router } from './router.svelte';
import { session } from './session.svelte';

/** More than this many at once (a reassignment in bulk) become one summary notification. */
const maxSeparate = 3;

function label(ticket: TicketSummary): string {
  return [ticket.protocol, ticket.customer?.name.trim()].filter(Boolean).join(' · ');
}

/** Electron hands notifications on Linux to libnotify, whose daemons render the body as markup. */
function bodyRendersMarkup(): boolean {
  return session.info?.shell === 'electron' && session.info.platform === 'linux';
}

function show(title: string, body: string, tag: string, open: () => void): void {
  if (!preferences.notifications || typeof Notification === 'undefined') return;
  if (Notification.permission !== 'granted') return;
  const notification = new Notification(title, {
    body: notificationText(body, bodyRendersMarkup()),
    tag,
  });
  notification.onclick = () => {
    window.focus();
    open();
  };
}

function announce(title: string, summary: string, tickets: TicketSummary[]): void {
  if (tickets.length > maxSeparate) {
    show(title, summary, title, () => router.go({ name: 'inbox' }));
    return;
  }
  for (const ticket of tickets) {
    show(title, label(ticket), ticket.key, () => router.go({ name: 'ticket', key: ticket.key }));
  }
}

export async function askPermission(): Promise<void> {
  if (typeof Notification === 'undefined' || Notification.permission !== 'default') return;
  await Notification.requestPermission().catch(() => undefined);
}

/** Watches the agent's open tickets while signed in; returns the function that stops it. */
export function watchMyTickets(): () => void {
  let state: AlertState | null = null;
  let learnedAfterFirstSync = false;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const lookOnce = async () => {
    let tickets: TicketSummary[];
    let latest: SyncStatus;
    try {
      const [page, status] = await Promise.all([
        hubdesk().tickets.list({ mine: true, status: 'open', sort: 'sla', limit: 500 }),
        hubdesk().sync.status(),
      ]);
      tickets = page.items;
      latest = status;
    } catch {
      return;
    }
    // Until the first sync has finished every ticket is "new": learn them, announce nothing. The
    // first look after it only learns too, since looks are coalesced and the one before it may
    // predate the last pages of the download.
    const firstSyncDone = Boolean(latest.lastSyncAt) && latest.phase !== 'backfill';
    if (state === null || !firstSyncDone || !learnedAfterFirstSync) {
      state = firstLook(tickets);
      learnedAfterFirstSync = firstSyncDone;
      return;
    }
    const alerts = nextLook(state, tickets);
    state = alerts.next;
    announce(
      t('notify.assigned'),
      t('notify.assignedMany', { count: alerts.assigned.length }),
      alerts.assigned,
    );
    announce(
      t('notify.slaBreaching'),
      t('notify.slaBreachingMany', { count: alerts.breaching.length }),
      alerts.breaching,
    );
  };

  // One look at a time, in order: two interleaved looks could learn a newer list silently.
  let looking: Promise<void> = Promise.resolve();
  const look = () => (looking = looking.then(lookOnce));

  const lookSoon = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void look(), 500);
  };
  // Opening texts filled in the background (twice a second for a long while) assign nobody, and
  // each would push the debounced look back again.
  const offTickets = hubdesk().on('tickets', ({ textOnly }) => {
    if (!textOnly) lookSoon();
  });
  // When the first sync ends, learn what is there at once (not after the debounce, which a
  // change arriving right then would share), so the next change is news.
  const offSync = hubdesk().on('sync', (status) => {
    if (!learnedAfterFirstSync && status.lastSyncAt && status.phase !== 'backfill') void look();
  });
  const off = () => {
    offTickets();
    offSync();
  };
  void askPermission();
  void look();
  return () => {
    off();
    if (timer) clearTimeout(timer);
  };
}
