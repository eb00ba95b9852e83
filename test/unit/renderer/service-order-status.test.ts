import { describe, expect, it } from 'vitest';
import { en } from '../../../renderer/src/locales/en';
import { ptBR, type MessageKey } from '../../../renderer/src/locales/pt-BR';
import { serviceOrderStatusLabel } from '../../../renderer/src/lib/service-order-status';

const portuguese = (key: MessageKey) => ptBR[key];
const english = (key: MessageKey) => en[key];

describe('a service order status as the agent reads it', () => {
  it("shows a known prefix by its label, in the agent's language", () => {
    expect(serviceOrderStatusLabel('em_execucao', portuguese)).toBe('Em execução');
    expect(serviceOrderStatusLabel('aguardando_agendamento', portuguese)).toBe(
      'Aguardando agendamento',
    );
    expect(serviceOrderStatusLabel('finalizado', portuguese)).toBe('Finalizado');
    expect(serviceOrderStatusLabel('em_execucao', english)).toBe('In progress');
  });

  it('turns a prefix it does not know into words instead of showing it raw', () => {
    expect(serviceOrderStatusLabel('aguardando_retorno_cliente', portuguese)).toBe(
      'Aguardando retorno cliente',
    );
  });

  it('shows a label the endpoint already gave as it came', () => {
    expect(serviceOrderStatusLabel('Aguardando Agendamento', portuguese)).toBe(
      'Aguardando Agendamento',
    );
    expect(serviceOrderStatusLabel(' Pendente ', portuguese)).toBe('Pendente');
  });
});
