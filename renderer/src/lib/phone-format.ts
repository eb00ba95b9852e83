/**
 * Brazilian phone numbers as people read them: "(37) 99123-4567", "(31) 3333-4444". Anything that
 * is not a whole Brazilian number is shown as the server gave it.
 */
import { normalizePhone } from '../../../preload/brazil/phone';

export function formatPhone(phone: string | null | undefined): string {
  if (!phone?.trim()) return '—';
  const check = normalizePhone(phone);
  if (!check.ok) return phone.trim();
  const { digits } = check;
  const local = digits.slice(2);
  const split = local.length - 4;
  return `(${digits.slice(0, 2)}) ${local.slice(0, split)}-${local.slice(split)}`;
}
