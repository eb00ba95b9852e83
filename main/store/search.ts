/**
 * Full-text search over tickets (protocol, customer name and document, opening text) and their
 * messages, plus numbers found anywhere: a protocol fragment, a phone of the customer or of the
 * opening contact. Each source is read newest-first with its own limit, so SQLite stops after a
 * few rows, and the short lists are merged here: a UNION would materialize every match first.
 */
import type Database from 'better-sqlite3';
import { highlightExcerpt, parseSearch, unmarkSnippet, type ParsedSearch } from './match-query';
import { NumberSearch } from './number-search';
import type { TicketReads } from './ticket-reads';
import type { SearchHit, SearchMatch, TicketSummary } from './types';

const snippetWords = 12;
/** Messages read per wanted ticket at most: a chatty ticket can match many times. */
const messagesPerTicket = 10;

interface Candidate {
  /** Time-ordered id of what matched (the ticket or the message), newest wins. */
  order: number;
  /** 'ticket' for a field of tickets_fts, told apart once the ticket is read. */
  matched: SearchMatch | 'ticket';
  messageLocalId: string | null;
  /** Snippet marked by FTS5 for ticket fields; the phone for phones; null otherwise. */
  marked: string | null;
}

/**
 * A ticket matched by a number the agent typed says so, whatever else matched: the protocol or
 * phone is why they typed it. Otherwise its own fields, then its messages.
 */
const precedence: Record<Candidate['matched'], number> = {
  protocol: 3,
  phone: 3,
  ticket: 2,
  customer: 2,
  document: 2,
  opening: 2,
  message: 1,
};

interface Best {
  candidate: Candidate;
  /** The newest match of the ticket, which places it in the results. */
  newest: number;
}

export class TicketSearch {
  private readonly ticketHits: Database.Statement<{ seq: number; marked: string }>;
  private readonly ticketHitSeqs: Database.Statement<{ seq: number }>;
  private readonly messageHits: Database.Statement<{
    message_seq: number;
    local_id: string;
    ticket_seq: number;
  }>;
  private readonly messageHitsForList: TicketSearch['messageHits'];
  private readonly messageText: Database.Statement;
  private readonly numbers: NumberSearch;
  private readonly numbersForList: NumberSearch;

  constructor(
    db: Database.Database,
    private readonly reads: TicketReads,
  ) {
    // Each source is still read newest first and stops at its limit; the tickets left out are
    // read once per search from their partial indexes. Search hits leave out gone tickets and
    // the server's drafts; a list filtered by search leaves out gone ones and filters drafts
    // itself, as the inbox's draft switch says.
    const hidden = 'SELECT seq FROM tickets WHERE gone_at IS NOT NULL OR server_draft = 1';
    const gone = 'SELECT seq FROM tickets WHERE gone_at IS NOT NULL';
    this.ticketHits = db.prepare(
      `SELECT rowid AS seq, snippet(tickets_fts, -1, char(2), char(3), '…', ${snippetWords}) AS marked
       FROM tickets_fts WHERE tickets_fts MATCH ? AND rowid NOT IN (${hidden})
       ORDER BY rowid DESC LIMIT ?`,
    );
    this.ticketHitSeqs = db.prepare(
      `SELECT rowid AS seq FROM tickets_fts WHERE tickets_fts MATCH ? AND rowid NOT IN (${gone})
       ORDER BY rowid DESC LIMIT ?`,
    );
    const messageHits = (leftOut: string) =>
      db.prepare<{ message_seq: number; local_id: string; ticket_seq: number }>(
        `SELECT messages_fts.rowid AS message_seq, m.local_id, t.seq AS ticket_seq
         FROM messages_fts
         JOIN messages m ON m.seq = messages_fts.rowid
         JOIN tickets t ON t.key = m.ticket_key
         WHERE messages_fts MATCH ? AND t.seq NOT IN (${leftOut})
         ORDER BY messages_fts.rowid DESC LIMIT ?`,
      );
    this.messageHits = messageHits(hidden);
    this.messageHitsForList = messageHits(gone);
    this.messageText = db.prepare('SELECT text FROM messages WHERE seq = ?').pluck();
    this.numbers = new NumberSearch(db, hidden);
    this.numbersForList = new NumberSearch(db, gone);
  }

  search(text: string, limit: number): SearchHit[] {
    const parsed = parseSearch(text);
    if (parsed === null || limit < 1) return [];
    const chosen = [...this.newestMatches(parsed, limit, true).entries()]
      .sort((a, b) => b[1].newest - a[1].newest)
      .slice(0, limit);
    const summaries = this.reads.summariesBySeq(chosen.map(([seq]) => seq));
    return chosen.flatMap(([seq, { candidate }]) => {
      const ticket = summaries.get(seq);
      if (!ticket) return [];
      return [this.hitOf(ticket, candidate, parsed)];
    });
  }

  /** Row ids of up to about `cap` tickets with the newest matches, for filtering a list. */
  newestTicketSeqs(parsed: ParsedSearch, cap: number): number[] {
    return [...this.newestMatches(parsed, cap, false).keys()];
  }

  private hitOf(ticket: TicketSummary, candidate: Candidate, parsed: ParsedSearch): SearchHit {
    const base = { ticket, messageLocalId: candidate.messageLocalId };
    switch (candidate.matched) {
      case 'protocol': {
        const protocol = ticket.protocol ?? '';
        const start = protocol.indexOf(parsed.number?.digits ?? '');
        const end = start + (parsed.number?.digits?.length ?? 0);
        return {
          ...base,
          matched: 'protocol',
          snippet: protocol,
          highlights: start >= 0 ? [{ start, end }] : [],
        };
      }
      case 'phone': {
        const phone = candidate.marked ?? '';
        return {
          ...base,
          matched: 'phone',
          snippet: phone,
          highlights: [{ start: 0, end: phone.length }],
        };
      }
      case 'message': {
        const { text, ranges } = highlightExcerpt(
          (this.messageText.get(candidate.order) as string | undefined) ?? '',
          parsed.terms,
          snippetWords,
        );
        return { ...base, matched: 'message', snippet: text, highlights: ranges };
      }
      default: {
        const { text, ranges } = unmarkSnippet(candidate.marked ?? '');
        return { ...base, matched: fieldOf(text, ticket), snippet: text, highlights: ranges };
      }
    }
  }

  /** The best match per ticket among the newest `limit` of each source. */
  private newestMatches(
    parsed: ParsedSearch,
    limit: number,
    withSnippets: boolean,
  ): Map<number, Best> {
    const best = new Map<number, Best>();
    const offer = (ticketSeq: number, candidate: Candidate) => {
      const current = best.get(ticketSeq);
      if (!current) {
        best.set(ticketSeq, { candidate, newest: candidate.order });
        return;
      }
      const wins =
        precedence[candidate.matched] > precedence[current.candidate.matched] ||
        (precedence[candidate.matched] === precedence[current.candidate.matched] &&
          candidate.order > current.candidate.order);
      best.set(ticketSeq, {
        candidate: wins ? candidate : current.candidate,
        newest: Math.max(current.newest, candidate.order),
      });
    };
    if (parsed.number !== null) {
      const numbers = withSnippets ? this.numbers : this.numbersForList;
      for (const hit of numbers.find(parsed.number, limit)) {
        offer(hit.seq, {
          order: hit.seq,
          matched: hit.matched,
          messageLocalId: null,
          marked: hit.phone,
        });
      }
    }
    const ticketHits = withSnippets
      ? this.ticketHits.all(parsed.match, limit)
      : this.ticketHitSeqs.all(parsed.match, limit).map((hit) => ({ ...hit, marked: '' }));
    for (const hit of ticketHits) {
      offer(hit.seq, {
        order: hit.seq,
        matched: 'ticket',
        messageLocalId: null,
        marked: hit.marked,
      });
    }
    const fromMessages = new Set<number>();
    const messageHits = withSnippets ? this.messageHits : this.messageHitsForList;
    for (const hit of messageHits.iterate(parsed.match, limit * messagesPerTicket)) {
      offer(hit.ticket_seq, {
        order: hit.message_seq,
        matched: 'message',
        messageLocalId: hit.local_id,
        marked: null,
      });
      fromMessages.add(hit.ticket_seq);
      if (fromMessages.size >= limit) break;
    }
    return best;
  }
}

/**
 * Which ticket field FTS5's snippet came from: a short field is given whole, so it equals the
 * field; the opening text is the only long one.
 */
function fieldOf(snippet: string, ticket: TicketSummary): SearchMatch {
  const text = snippet.trim();
  if (text === ticket.protocol) return 'protocol';
  if (ticket.customer !== null && text === ticket.customer.name.trim()) return 'customer';
  if (ticket.customer?.document != null && text === ticket.customer.document) return 'document';
  return 'opening';
}
