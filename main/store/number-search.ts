/**
 * A number the agent typed, found anywhere: inside protocols (trigram index) and as the end of
 * a phone of the ticket's customer or its opening contact (phone keys, see phone-keys.ts). Each
 * source is read newest ticket first and stops at the limit.
 */
import type Database from 'better-sqlite3';
import type { TypedNumber } from './match-query';
import { phoneKeyEnd } from './phone-keys';

/** Digits of a long number the trigram index is asked for. */
const protocolWindow = 9;

export interface NumberHit {
  seq: number;
  matched: 'protocol' | 'phone';
  /** The phone as stored, for a phone match. */
  phone: string | null;
}

export class NumberSearch {
  private readonly protocolHits: Database.Statement<{ seq: number }>;
  private readonly customerPhoneHits: Database.Statement<{ seq: number; phone: string }>;
  private readonly contactPhoneHits: Database.Statement<{ seq: number; phone: string }>;

  /** `leftOut` selects the seqs of the tickets not to answer. */
  constructor(db: Database.Database, leftOut: string) {
    this.protocolHits = db.prepare(
      `SELECT rowid AS seq FROM protocols_fts WHERE protocols_fts MATCH ?
       AND instr(protocol, ?) > 0 AND rowid NOT IN (${leftOut}) ORDER BY rowid DESC LIMIT ?`,
    );
    this.customerPhoneHits = db.prepare(
      `SELECT t.seq, p.phone FROM customer_phones p
       JOIN tickets t ON t.customer_id = p.customer_id
       WHERE p.phone_key >= ? AND p.phone_key < ? AND t.seq NOT IN (${leftOut})
       ORDER BY t.seq DESC LIMIT ?`,
    );
    this.contactPhoneHits = db.prepare(
      `SELECT ticket_seq AS seq, phone FROM contact_phones
       WHERE phone_key >= ? AND phone_key < ? AND ticket_seq NOT IN (${leftOut})
       ORDER BY ticket_seq DESC LIMIT ?`,
    );
  }

  find(typed: TypedNumber, limit: number): NumberHit[] {
    const hits: NumberHit[] = [];
    if (typed.digits !== null) {
      // Digits only, so the phrase needs no escaping; trigrams match it anywhere in the number.
      const window = distinctiveWindow(typed.digits);
      for (const { seq } of this.protocolHits.all(`"${window}"`, typed.digits, limit)) {
        hits.push({ seq, matched: 'protocol', phone: null });
      }
    }
    if (typed.phoneKey !== null) {
      const range = [typed.phoneKey, phoneKeyEnd(typed.phoneKey), limit] as const;
      for (const { seq, phone } of this.customerPhoneHits.all(...range)) {
        hits.push({ seq, matched: 'phone', phone });
      }
      for (const { seq, phone } of this.contactPhoneHits.all(...range)) {
        hits.push({ seq, matched: 'phone', phone });
      }
    }
    return hits;
  }
}

/**
 * The part of a long number the trigram index is asked for (the whole number is checked on each
 * row it answers): the window with the most different trigrams, the latest among equals. A run of
 * zeros or a date's digits are in most protocols; the random tail of a protocol is in few.
 */
function distinctiveWindow(digits: string): string {
  if (digits.length <= protocolWindow) return digits;
  let best = digits.slice(-protocolWindow);
  let bestCount = trigramCount(best);
  for (let start = digits.length - protocolWindow - 1; start >= 0; start -= 1) {
    const window = digits.slice(start, start + protocolWindow);
    const count = trigramCount(window);
    if (count > bestCount) {
      best = window;
      bestCount = count;
    }
  }
  return best;
}

function trigramCount(text: string): number {
  const trigrams = new Set<string>();
  for (let i = 0; i + 3 <= text.length; i += 1) trigrams.add(text.slice(i, i + 3));
  return trigrams.size;
}
