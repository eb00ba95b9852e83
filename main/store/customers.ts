/** Cached customers and their services, for the new-ticket form and the ticket search index. */
import type Database from 'better-sqlite3';
import { documentChars } from '../../preload/brazil/documents';
import type { Customer, CustomerService } from '../hubsoft/model';
import { fold } from './match-query';
import { storedPhoneKey } from './phone-keys';
import type { TicketWrites } from './ticket-writes';
import type { CustomerSearchField } from './types';

interface CustomerRow {
  id: number;
  code: number | null;
  name: string;
  document: string | null;
  phones: string;
  email: string | null;
  raw: string;
}

interface ServiceRow {
  id: number;
  customer_id: number;
  plan_name: string | null;
  status: string | null;
  address: string | null;
}

export class Customers {
  private readonly statements;

  constructor(
    private readonly db: Database.Database,
    private readonly now: () => Date,
    private readonly tickets: TicketWrites,
  ) {
    this.statements = {
      upsert: db.prepare(
        `INSERT INTO customers (id, code, name, name_folded, document, phones, email, raw, updated_at)
         VALUES (@id, @code, @name, @name_folded, @document, @phones, @email, @raw, @updated_at)
         ON CONFLICT (id) DO UPDATE SET code = excluded.code, name = excluded.name,
           name_folded = excluded.name_folded, document = excluded.document,
           phones = excluded.phones, email = excluded.email, raw = excluded.raw,
           updated_at = excluded.updated_at`,
      ),
      clearPhones: db.prepare('DELETE FROM customer_phones WHERE customer_id = ?'),
      addPhone: db.prepare(
        'INSERT OR IGNORE INTO customer_phones (phone_key, customer_id, phone) VALUES (?, ?, ?)',
      ),
      clearServices: db.prepare('DELETE FROM customer_services WHERE customer_id = ?'),
      addService: db.prepare(
        `INSERT INTO customer_services (id, customer_id, plan_name, status, address)
         VALUES (@id, @customer_id, @plan_name, @status, @address)
         ON CONFLICT (id) DO UPDATE SET customer_id = excluded.customer_id,
           plan_name = excluded.plan_name, status = excluded.status, address = excluded.address`,
      ),
      services: db.prepare<ServiceRow>(
        'SELECT * FROM customer_services WHERE customer_id = ? ORDER BY id',
      ),
      byDocument: db.prepare<CustomerRow>(
        'SELECT * FROM customers WHERE document LIKE ? ORDER BY name_folded LIMIT ?',
      ),
      byCode: db.prepare<CustomerRow>('SELECT * FROM customers WHERE code = ? LIMIT ?'),
      byName: db.prepare<CustomerRow>(
        `SELECT * FROM customers WHERE name_folded LIKE ? ESCAPE '\\' ORDER BY name_folded LIMIT ?`,
      ),
      byPhone: db.prepare<CustomerRow>(
        `SELECT c.* FROM customers c WHERE EXISTS (
           SELECT 1 FROM json_each(c.phones) p
           WHERE replace(replace(replace(replace(replace(p.value, ' ', ''), '-', ''), '(', ''), ')', ''), '+', '') LIKE ?)
         ORDER BY c.name_folded LIMIT ?`,
      ),
      byService: db.prepare<CustomerRow>(
        `SELECT c.* FROM customers c JOIN customer_services s ON s.customer_id = c.id
         WHERE s.id = ?`,
      ),
    };
  }

  upsert(customers: Customer[]): void {
    const s = this.statements;
    this.db.transaction(() => {
      const updatedAt = this.now().toISOString();
      for (const customer of customers) {
        s.upsert.run({
          id: customer.id,
          code: customer.code,
          name: customer.name,
          name_folded: fold(customer.name.trim()),
          document: customer.document,
          phones: JSON.stringify(customer.phones),
          email: customer.email,
          raw: JSON.stringify(customer.raw),
          updated_at: updatedAt,
        });
        s.clearPhones.run(customer.id);
        for (const phone of customer.phones) {
          const key = storedPhoneKey(phone);
          if (key !== null) s.addPhone.run(key, customer.id, phone);
        }
        s.clearServices.run(customer.id);
        for (const service of customer.services) {
          s.addService.run({
            id: service.id,
            customer_id: customer.id,
            plan_name: service.planName,
            status: service.status,
            address: service.address,
          });
        }
        if (customer.document !== null)
          this.tickets.setCustomerDocument(customer.id, customer.document);
      }
    })();
  }

  search(by: CustomerSearchField, term: string, limit: number): Customer[] {
    const s = this.statements;
    const digits = term.replace(/\D/g, '');
    let rows: CustomerRow[];
    if (by === 'document') {
      // Stored without punctuation, letters of an alphanumeric CNPJ upper case.
      const chars = documentChars(term);
      rows = chars ? s.byDocument.all(`${chars}%`, limit) : [];
    } else if (by === 'phone') rows = digits ? s.byPhone.all(`%${digits}%`, limit) : [];
    else if (by === 'code') rows = digits ? s.byCode.all(Number(digits), limit) : [];
    else {
      const folded = fold(term.trim()).replace(/[\\%_]/g, (c) => `\\${c}`);
      rows = folded ? s.byName.all(`%${folded}%`, limit) : [];
    }
    return rows.map((row) => this.toCustomer(row));
  }

  ofService(serviceId: number): Customer | null {
    const row = this.statements.byService.get(serviceId);
    return row ? this.toCustomer(row) : null;
  }

  private toCustomer(row: CustomerRow): Customer {
    const services: CustomerService[] = this.statements.services.all(row.id).map((service) => ({
      id: service.id,
      planName: service.plan_name,
      status: service.status,
      address: service.address,
    }));
    return {
      id: row.id,
      code: row.code,
      name: row.name,
      document: row.document,
      phones: JSON.parse(row.phones) as string[],
      email: row.email,
      services,
      raw: JSON.parse(row.raw) as Record<string, unknown>,
    };
  }
}
