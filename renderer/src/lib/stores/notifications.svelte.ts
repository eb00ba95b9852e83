/**
 * Notifications for tickets newly assigned to the agent and for the agent's tickets about to
 * breach their SLA. Electron maps the Web Notifications API to native ones.
 */
import type { TicketSummary } from '../../../../preload/types';
import { hubdesk } from '../hubdesk';
import { t } from '../i18n.svelte';
import { firstLook, nextLook, type AlertState } from '../notify-rules';
import { preferences } from './preferences.svelte';
import { router } from './router.svelte';
import { sync } from './sync.svelte';

/** More than this many at once (a reassignment in bulk) become one summary notification. */
const maxSeparate = 3;

function label(ticket: TicketSummary): string {
  return [ticket.protocol, ticket.customer?.name.trim()].filter(Boolean).join(' · ');
}

function show(title: string, body: string, tag: string, open: () => void): void {
  if (!preferences.notifications || typeof Notification === 'undefined') return;
  if (Notification.permission !== 'granted') return;
  const notification = new Notification(title, { body, tag });
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
  let timer: ReturnType<typeof setTimeout> | null = null;

  const look = async () => {
    let tickets: TicketSummary[];
    try {
      const page = await hubdesk().tickets.list({
        mine: true,
        status: 'open',
        sort: 'sla',
        limit: 500,
      });
      tickets = page.items;
    } catch {
      return;
    }
    // While the history is first downloaded every ticket is "new": learn them, announce nothing.
    if (state === null || sync.status?.phase === 'backfill') {
      state = firstLook(tickets);
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

  const off = hubdesk().on('tickets', () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void look(), 500);
  });
  void askPermission();
  void look();
  return () => {
    off();
    if (timer) clearTimeout(timer);
  };
}
