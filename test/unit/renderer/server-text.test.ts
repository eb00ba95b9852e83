import { describe, expect, it } from 'vitest';
import { bidiMarker, notificationText, shownText } from '../../../renderer/src/lib/server-text';

const controls = [
  '\u202a',
  '\u202b',
  '\u202c',
  '\u202d',
  '\u202e',
  '\u2066',
  '\u2067',
  '\u2068',
  '\u2069',
  '\u200e',
  '\u200f',
  '\u061c',
];

describe('server text shown to the agent', () => {
  it('a name with a right-to-left override shows a marker instead of reading reversed', () => {
    expect(shownText('fatura\u202Efdp.exe')).toBe(`fatura${bidiMarker}fdp.exe`);
  });

  it.each(controls)('the direction control U+%s is replaced wherever it appears', (control) => {
    const shown = shownText(`${control}Maria ${control}da Silva${control}`);
    expect(shown).toBe(`${bidiMarker}Maria ${bidiMarker}da Silva${bidiMarker}`);
  });

  it('keeps the length, so search highlights still mark the words that matched', () => {
    const text = 'sem \u202Esinal na fibra';
    expect(shownText(text)).toHaveLength(text.length);
  });

  it('leaves ordinary Portuguese, Arabic and emoji text as it is', () => {
    for (const text of ['Conexão lenta às 18h', 'محمد', 'Cliente 😀 satisfeito', '<b>&</b>']) {
      expect(shownText(text)).toBe(text);
    }
  });
});

describe('desktop notification text', () => {
  it('escapes markup where the notification daemon renders it', () => {
    expect(notificationText('<b>João</b> & <a href="x">Cia</a>', true)).toBe(
      '&lt;b&gt;João&lt;/b&gt; &amp; &lt;a href="x"&gt;Cia&lt;/a&gt;',
    );
  });

  it('stays plain where notifications show text as text', () => {
    expect(notificationText('Silva & Filhos <ME>', false)).toBe('Silva & Filhos <ME>');
  });

  it('marks direction controls in either case', () => {
    expect(notificationText('fatura\u202Efdp', true)).toBe(`fatura${bidiMarker}fdp`);
    expect(notificationText('fatura\u202Efdp', false)).toBe(`fatura${bidiMarker}fdp`);
  });
});
