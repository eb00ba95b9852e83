/**
 * The compatibility check: read-only probes against the agent's real server, one after the other
 * within ProbeHttp's budget (12 requests when nothing is retried), each reported with what it found.
 * Never a write: the only POST is the token request. The token obtained here is dropped.
 */
import { configListNames, probeConfigList } from './config-probes';
import { ProbeHttp, type ProbeHttpOptions } from './probe-http';
import type { CompatibilityEntry, CompatibilityReport } from './report';
import { probeSignIn, type CompatibilitySignIn } from './sign-in-probe';
import { probeCustomerSearch, probeDetail, probePaginado, probeTodos } from './ticket-probes';

export type { CompatibilitySignIn, GrantAnswer, PasswordLogin } from './sign-in-probe';

export interface CompatibilityCheckInput {
  baseUrl: string;
  signIn: CompatibilitySignIn;
}

export interface CompatibilityCheckOptions extends Omit<ProbeHttpOptions, 'baseUrl'> {
  now?: () => Date;
}

export async function runCompatibilityCheck(
  input: CompatibilityCheckInput,
  options: CompatibilityCheckOptions = {},
): Promise<CompatibilityReport> {
  const now = options.now ?? (() => new Date());
  const http = new ProbeHttp({ ...options, baseUrl: input.baseUrl });
  const signIn = await probeSignIn(http, input.signIn);
  const entries: CompatibilityEntry[] = [signIn.entry];
  const { token } = signIn;
  // Without a token nothing else can be asked: the failed sign-in is the report.
  if (token !== null) {
    const todos = await probeTodos(http, token, now());
    entries.push(todos.entry, await probePaginado(http, token, now()));
    entries.push(await probeDetail(http, token, todos.ticket));
    for (const name of configListNames) entries.push(await probeConfigList(http, token, name));
    entries.push(await probeCustomerSearch(http, token, todos.ticket));
  }
  // The connection check's token request is the sign-in probe's: counted as this check's own.
  const granted = input.signIn.kind === 'granted' ? 1 : 0;
  return { checkedAt: now().toISOString(), requests: http.requests + granted, entries };
}
