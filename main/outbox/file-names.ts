/**
 * Names of files the agent attaches: the original name is kept for HubSoft and the UI, made safe
 * first (it may come from a browser, a drag and drop or another OS), and a MIME type is guessed
 * from it when the caller had none.
 */
const maxNameLength = 120;
const fallbackName = 'arquivo';
/** What Windows refuses in a file name, besides control characters. */
const refusedByWindows = new Set(['<', '>', ':', '"', '|', '?', '*']);

/**
 * Bidirectional controls reorder what is shown: "fatura\u202Efdp.exe" reads as "faturaexe.pdf".
 * Like C1 controls, they only ever hide what a name really is.
 */
const invisibleOrReordering = /[\u0080-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

function isSafeCharacter(character: string): boolean {
  const code = character.codePointAt(0) ?? 0;
  return (
    code >= 0x20 &&
    code !== 0x7f &&
    !refusedByWindows.has(character) &&
    !invisibleOrReordering.test(character) &&
    // Half of an emoji (a lone surrogate) is not text; a whole one has a code point above 0xffff.
    !(code >= 0xd800 && code <= 0xdfff)
  );
}
const reservedOnWindows = /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i;

export function sanitizeFileName(name: string): string {
  // Only the last path segment: "C:\fakepath\nota.pdf" and "../../x" both name a file, not a place.
  const last = name.split(/[\\/]/).pop() ?? '';
  let clean = [...last.replace(/\s+/g, ' ')].filter(isSafeCharacter).join('');
  clean = clean.replace(/^[\s.]+|[\s.]+$/g, '');
  if (clean === '') return fallbackName;
  if (reservedOnWindows.test(clean)) clean = `_${clean}`;
  if (clean.length <= maxNameLength) return clean;
  const dot = clean.lastIndexOf('.');
  const extension = dot > 0 && clean.length - dot <= 10 ? clean.slice(dot) : '';
  // A cut between the two halves of an emoji would leave half a character, which is not text.
  const kept = clean.slice(0, maxNameLength - extension.length).replace(/[\uD800-\uDBFF]$/, '');
  return kept.trimEnd() + extension;
}

const mimeByExtension: Record<string, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  txt: 'text/plain',
  csv: 'text/csv',
  log: 'text/plain',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  zip: 'application/zip',
  mp4: 'video/mp4',
  mp3: 'audio/mpeg',
  ogg: 'audio/ogg',
};

export function mimeFromName(name: string): string {
  const extension = name.split('.').pop()?.toLowerCase() ?? '';
  return mimeByExtension[extension] ?? 'application/octet-stream';
}

/** "2,5 MB": sizes in the messages the agent reads. */
export function describeSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1).replace('.', ',')} MB`;
}
