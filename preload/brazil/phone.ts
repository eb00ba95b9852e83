/**
 * Brazilian phone numbers as HubSoft's `telefone` wants them: digits only, `DDNNNNNNNNN` (fact 21).
 * Pure code, shared by the main process (which refuses a bad number before queuing) and the
 * new-ticket form (which says why while the agent types).
 */

/** Area codes (DDD) in use, by Anatel's numbering plan. */
const areaCodes = new Set([
  11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 22, 24, 27, 28, 31, 32, 33, 34, 35, 37, 38, 41, 42, 43,
  44, 45, 46, 47, 48, 49, 51, 53, 54, 55, 61, 62, 63, 64, 65, 66, 67, 68, 69, 71, 73, 74, 75, 77,
  79, 81, 82, 83, 84, 85, 86, 87, 88, 89, 91, 92, 93, 94, 95, 96, 97, 98, 99,
]);

export type PhoneProblem = 'length' | 'areaCode' | 'mobile' | 'landline';

export type PhoneCheck =
  { ok: true; digits: string } | { ok: false; problem: PhoneProblem; areaCode: string };

/**
 * The number as typed ("(37) 99123-4567", "+55 37 99123 4567") reduced to its digits, or why it
 * cannot be a Brazilian number.
 */
export function normalizePhone(typed: string): PhoneCheck {
  let digits = typed.replace(/\D/g, '');
  // The country code: 55 in front of a whole number (DDD 55 itself is a valid area code).
  if ((digits.length === 12 || digits.length === 13) && digits.startsWith('55')) {
    digits = digits.slice(2);
  }
  const areaCode = digits.slice(0, 2);
  const refused = (problem: PhoneProblem): PhoneCheck => ({ ok: false, problem, areaCode });
  if (digits.length !== 10 && digits.length !== 11) return refused('length');
  if (!areaCodes.has(Number(areaCode))) return refused('areaCode');
  const first = digits.charAt(2);
  if (digits.length === 11 && first !== '9') return refused('mobile');
  if (digits.length === 10 && !'2345'.includes(first)) return refused('landline');
  return { ok: true, digits };
}

/** The main process's words for a refused number (the renderer says it through its i18n layer). */
export function phoneProblemMessage(check: Extract<PhoneCheck, { ok: false }>): string {
  switch (check.problem) {
    case 'length':
      return 'Informe o telefone com DDD: 10 ou 11 dígitos, por exemplo (37) 99123-4567.';
    case 'areaCode':
      return `O DDD ${check.areaCode} não existe. Confira o telefone.`;
    case 'mobile':
      return 'Um celular com 11 dígitos começa com 9 depois do DDD, por exemplo (37) 99123-4567.';
    case 'landline':
      return 'Um telefone fixo com 10 dígitos começa com 2, 3, 4 ou 5 depois do DDD. Se for celular, inclua o 9.';
  }
}
