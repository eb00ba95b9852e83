/**
 * Phone numbers as the search index keeps them: the digits reversed, so a number typed without
 * its DDD (or with +55 in front) is a prefix of the stored key, an index range. HubSoft stores
 * `telefone` as digits, `DDNNNNNNNNN` (fact 21); customers' phones may carry a mask.
 */

/** Fewer digits than a local number without DDD are too loose to be a phone. */
const shortestPhone = 8;
const longestPhone = 13;

/** A stored phone's key, or null when it has too few digits to be one. */
export function storedPhoneKey(phone: string): string | null {
  const digits = withoutCountryCode(phone.replace(/\D/g, ''));
  return digits.length >= shortestPhone ? reversed(digits) : null;
}

/**
 * What the agent typed as a phone key ("(37) 99123-4567", "+55 37 99123 4567", "99123-4567"),
 * or null when the text is not a phone number.
 */
export function typedPhoneKey(text: string): string | null {
  if (!/^[\d\s()+.-]+$/.test(text.trim())) return null;
  const digits = withoutCountryCode(text.replace(/\D/g, '')).replace(/^0+/, '');
  if (digits.length < shortestPhone || digits.length > longestPhone) return null;
  return reversed(digits);
}

/** The phone keys starting with `key` lie in [key, upper bound). */
export function phoneKeyEnd(key: string): string {
  // ':' follows '9' in ASCII: every key of digits that starts with `key` sorts before it.
  return `${key}:`;
}

function withoutCountryCode(digits: string): string {
  return (digits.length === 12 || digits.length === 13) && digits.startsWith('55')
    ? digits.slice(2)
    : digits;
}

function reversed(digits: string): string {
  return [...digits].reverse().join('');
}
