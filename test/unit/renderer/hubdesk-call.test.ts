import { describe, expect, it } from 'vitest';
import { errorMessage } from '../../../renderer/src/lib/hubdesk-call';
import { bidiMarker } from '../../../renderer/src/lib/server-text';

describe('the message of a refused call', () => {
  it("shows HubSoft's words with a marker where a right-to-left override was", () => {
    const refusal = new Error('Não é possível fechar: anexo fatura\u202Efdp.exe pendente');
    expect(errorMessage(refusal)).toBe(
      `Não é possível fechar: anexo fatura${bidiMarker}fdp.exe pendente`,
    );
  });

  it('keeps an ordinary message as it is', () => {
    expect(errorMessage(new Error('O HubSoft recusou a operação.'))).toBe(
      'O HubSoft recusou a operação.',
    );
  });
});
