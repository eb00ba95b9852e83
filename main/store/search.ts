/**
 * Full-text search over tickets (protocol, customer name and document, opening text) and their
 * messages. Each FTS table is read newest-first with its own limit, so SQLite stops after a few
 * rows, and the two short lists are merged here: a UNION would materialize every match first.
 */
import type Database from 'better-sqlite3';
import { highlightExcerpt, parseSearch, unmarkSnippet, type ParsedSearch } from './match-query';
import type { TicketReads } from './ticket-reads';
import type { SearchHit } from './types';

const snippetWords = 12;
/** Messages read per wanted ticket at most: a chatty ticket can match many times. */
const messagesPerTicket = 10;

interface Candidate {
  /** Time-ordered id of what matched (the ticket or the message), newest wins. */
  order: number;
  source: SearchHit['source'];
  messageLocalId: string | null;
  /** Snippet marked by FTS5, for ticket fields; messages are marked here once chosen. */
  marked: string | null;
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
  }

  search(text: string, limit: number): SearchHit[] {
    const parsed = parseSearch(text);
    if (parsed === null || limit < 1) return [];
    const chosen = [...this.newestMatches(parsed, limit, true).entries()]
      .sort((a, b) => b[1].order - a[1].order)
      .slice(0, limit);
    const summaries = this.reads.summariesBySeq(chosen.map(([seq]) => seq));
    return chosen.flatMap(([seq, candidate]) => {
      const ticket = summaries.get(seq);
      if (!ticket) return [];
      const { text: snippet, ranges } =
        candidate.marked === null
          ? highlightExcerpt(
              (this.messageText.get(candidate.order) as string | undefined) ?? '',
              parsed.terms,
              snippetWords,
            )
          : unmarkSnippet(candidate.marked);
      return [
        {
          ticket,
          source: candidate.source,
          messageLocalId: candidate.messageLocalId,
          snippet,
          highlights: ranges,
        },
      ];
    });
  }

  /** Row ids of up to about `cap` tickets with the newest matches, for filtering a list. */
  newestTicketSeqs(parsed: ParsedSearch, cap: number): number[] {
    return [...this.newestMatches(parsed, cap, false).keys()];
  }

  /** The best (newest) match per ticket among the newest `limit` of each source. */
  private newestMatches(
    parsed: ParsedSearch,
    limit: number,
    withSnippets: boolean,
  ): Map<number, Candidate> {
    const best = new Map<number, Candidate>();
    const offer = (ticketSeq: number, candidate: Candidate) => {
      const current = best.get(ticketSeq);
      if (!current || candidate.order > current.order) best.set(ticketSeq, candidate);
    };
    const ticketHits = withSnippets
      ? this.ticketHits.all(parsed.match, limit)
      : this.ticketHitSeqs.all(parsed.match, limit).map((hit) => ({ ...hit, marked: '' }));
    for (const hit of ticketHits) {
      offer(hit.seq, {
        order: hit.seq,
        source: 'ticket',
        messageLocalId: null,
        marked: hit.marked,
      });
    }
    const fromMessages = new Set<number>();
    const messageHits = withSnippets ? this.messageHits : this.messageHitsForList;
    for (const hit of messageHits.iterate(parsed.match, limit * messagesPerTicket)) {
      offer(hit.ticket_seq, {
        order: hit.message_seq,
        source: 'message',
        messageLocalId: hit.local_id,
        marked: null,
      });
      fromMessages.add(hit.ticket_seq);
      if (fromMessages.size >= limit) break;
    }
    return best;
  }
}
