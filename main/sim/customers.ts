/**
 * The provider's customers, each rebuilt on demand from (seed, index): nothing per customer is kept
 * in memory except the search columns, built on the first search.
 */
import {
  CITIES,
  COMPANY_SUFFIXES,
  COMPANY_WORDS,
  COMPLEMENTS,
  EMAIL_DOMAINS,
  FIRST_NAMES,
  NEIGHBOURHOODS,
  PLANS,
  SERVICE_STATUSES,
  STREET_KINDS,
  STREET_NAMES,
  SURNAMES,
  type City,
  type Plan,
  type ServiceStatus,
} from './br-data';
import { randomCnpj, randomCpf } from './br-documents';
import { DAY_MS } from './clock';
import { Rng } from './random';

const CUSTOMER_ID_BASE = 24000;
const CUSTOMER_CODE_BASE = 1000;
const SERVICE_ID_BASE = 17000;
const MAX_SERVICES = 3;

export interface AddressRecord {
  id: number;
  serviceAddressId: number;
  street: string;
  number: string;
  complement: string | null;
  neighbourhood: string;
  city: City;
  cep: string;
  lon: number;
  lat: number;
}

export interface ServiceRecord {
  id: number;
  customerId: number;
  planNumber: number;
  plan: Plan;
  status: ServiceStatus;
  address: AddressRecord;
  /** Real servers leave `servico` out of some presentation rows; this marks which. */
  omittedInPresentation: boolean;
}

export interface CustomerRecord {
  index: number;
  id: number;
  code: number;
  name: string;
  kind: 'pf' | 'pj';
  document: string;
  phone: string;
  secondaryPhone: string | null;
  email: string | null;
  createdAt: number;
  active: boolean;
  services: ServiceRecord[];
}

function asciiSlug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '.');
}

function mobile(rng: Rng, areaCode: string): string {
  return `${areaCode}9${rng.int(8, 9)}${rng.digits(7)}`;
}

export class CustomerDirectory {
  private searchColumns: { names: string[]; documents: string[]; phones: string[] } | null = null;
  /** Rendering a ticket asks for its customer twice in a row; the second ask is free. */
  private last: CustomerRecord | null = null;

  constructor(
    private readonly seed: number,
    readonly count: number,
    private readonly anchorMs: number,
  ) {}

  get(index: number): CustomerRecord {
    if (this.last?.index === index) return this.last;
    this.last = this.generate(index);
    return this.last;
  }

  private generate(index: number): CustomerRecord {
    const rng = Rng.for(this.seed, 'customer', index);
    const id = CUSTOMER_ID_BASE + index;
    const city = rng.pick(CITIES);
    const company = rng.chance(0.12);
    const first = rng.pick(FIRST_NAMES);
    const middle = rng.pick(SURNAMES);
    const last = rng.pick(SURNAMES.filter((candidate) => candidate !== middle));
    const surname = `${middle} ${last}`;
    const baseName = company
      ? `${rng.pick(COMPANY_WORDS)} ${rng.pick(SURNAMES)} ${rng.pick(COMPANY_SUFFIXES)}`
      : `${first} ${surname}`;
    // Names typed by hand at the counter: upper case, and now and then a trailing space.
    const name = baseName.toUpperCase() + (rng.chance(0.06) ? ' ' : '');
    // Some companies registered since July 2026 have an alphanumeric CNPJ.
    const document = company ? randomCnpj(rng, rng.chance(0.4)) : randomCpf(rng);
    const phone = mobile(rng, city.areaCode);
    const secondaryPhone = rng.chance(0.3) ? `${city.areaCode}3${rng.digits(7)}` : null;
    const mailbox = company ? (baseName.split(' ')[1] ?? 'contato') : `${first}.${middle}`;
    const email = rng.chance(0.75)
      ? `${asciiSlug(mailbox)}${rng.int(1, 99)}@${rng.pick(EMAIL_DOMAINS)}`
      : null;
    const createdAt = this.anchorMs - rng.int(130, 3000) * DAY_MS - rng.int(0, DAY_MS);
    const serviceCount = rng.weighted([
      [1, 85],
      [2, 12],
      [3, 3],
    ] as const);
    const services: ServiceRecord[] = [];
    for (let k = 0; k < serviceCount; k += 1) {
      const serviceId = SERVICE_ID_BASE + index * MAX_SERVICES + k;
      const plan = rng.pick(PLANS);
      const cepSuffix = rng.digits(3);
      services.push({
        id: serviceId,
        customerId: id,
        planNumber: rng.int(1, 12),
        plan,
        status: rng.weighted(SERVICE_STATUSES),
        omittedInPresentation: rng.chance(0.1),
        address: {
          id: 52000 + index * MAX_SERVICES + k,
          serviceAddressId: 73000 + index * MAX_SERVICES + k,
          street: `${rng.pick(STREET_KINDS)} ${rng.pick(STREET_NAMES)}`,
          number: String(rng.int(1, 2500)),
          complement: rng.chance(0.3) ? rng.pick(COMPLEMENTS) : null,
          neighbourhood: rng.pick(NEIGHBOURHOODS),
          city,
          cep: `${city.cepPrefix}${cepSuffix}`,
          lon: Number((city.lon + (rng.next() - 0.5) * 0.05).toFixed(6)),
          lat: Number((city.lat + (rng.next() - 0.5) * 0.05).toFixed(6)),
        },
      });
    }
    const active = !services.every((service) => service.status.prefix === 'cancelado');
    return {
      index,
      id,
      code: CUSTOMER_CODE_BASE + index,
      name,
      kind: company ? 'pj' : 'pf',
      document,
      phone,
      secondaryPhone,
      email,
      createdAt,
      active,
      services,
    };
  }

  indexOfCode(code: number): number | null {
    const index = code - CUSTOMER_CODE_BASE;
    return Number.isInteger(index) && index >= 0 && index < this.count ? index : null;
  }

  /** The customer and service behind an `id_cliente_servico`, or null when there is none. */
  service(serviceId: number): { customer: CustomerRecord; service: ServiceRecord } | null {
    const offset = serviceId - SERVICE_ID_BASE;
    if (!Number.isInteger(offset) || offset < 0) return null;
    const index = Math.floor(offset / MAX_SERVICES);
    if (index >= this.count) return null;
    const customer = this.get(index);
    const service = customer.services[offset % MAX_SERVICES];
    return service ? { customer, service } : null;
  }

  /** Customer indexes matching a search, in index order, at most `limit`. */
  search(
    field: 'cpf_cnpj' | 'codigo_cliente' | 'nome_razaosocial' | 'telefone' | 'id_cliente_servico',
    term: string,
    limit: number,
  ): number[] {
    if (field === 'id_cliente_servico') {
      // Fact 38: a service id finds the one customer it belongs to.
      const found = this.service(Number(term));
      return found ? [found.customer.index] : [];
    }
    if (field === 'codigo_cliente') {
      const index = this.indexOfCode(Number(term));
      return index === null ? [] : [index];
    }
    const columns = this.columns();
    const digits = term.replace(/\D/g, '');
    // A CPF/CNPJ matches with or without its punctuation; letters of a new CNPJ in any case.
    const documentChars = term.toUpperCase().replace(/[^0-9A-Z]/g, '');
    const needle = asciiSlug(term.trim()).replace(/\./g, ' ').trim();
    const matches: number[] = [];
    for (let i = 0; i < this.count && matches.length < limit; i += 1) {
      const hit =
        field === 'cpf_cnpj'
          ? documentChars.length > 0 && columns.documents[i] === documentChars
          : field === 'telefone'
            ? digits.length >= 8 && (columns.phones[i] ?? '').includes(digits)
            : needle.length > 0 && (columns.names[i] ?? '').includes(needle);
      if (hit) matches.push(i);
    }
    return matches;
  }

  private columns(): { names: string[]; documents: string[]; phones: string[] } {
    if (!this.searchColumns) {
      const names: string[] = [];
      const documents: string[] = [];
      const phones: string[] = [];
      for (let i = 0; i < this.count; i += 1) {
        const customer = this.get(i);
        names.push(asciiSlug(customer.name).replace(/\./g, ' ').trim());
        documents.push(customer.document);
        phones.push(`${customer.phone} ${customer.secondaryPhone ?? ''}`);
      }
      this.searchColumns = { names, documents, phones };
    }
    return this.searchColumns;
  }
}
