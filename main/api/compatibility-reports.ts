/**
 * Where the last compatibility report lives: the open profile's store settings for a check run from
 * Settings (it is that server's), memory for one run from the sign-in screen (which may be for any
 * server). "Exportar diagnóstico" takes the newest of the two.
 */
import { compatibilityReport, type CompatibilityReport } from '../session/compatibility/report';
import type { JsonValue } from '../store/types';
import type { Workspace } from './workspace';

const settingKey = 'compatibility.lastReport';

type ReportWorkspace = Pick<Workspace, 'store'>;

export interface CompatibilityReports {
  /** A report for the open profile's server, kept in its store. */
  keepForProfile(report: CompatibilityReport): Promise<void>;
  /** A report from the sign-in screen, kept until the app closes. */
  keepFromSignIn(report: CompatibilityReport): void;
  /** The newest report, or null when none was made. */
  latest(): Promise<CompatibilityReport | null>;
}

/** Without `current` (a session service on its own, in tests) every report stays in memory. */
export function createCompatibilityReports(current?: () => ReportWorkspace): CompatibilityReports {
  let fromSignIn: CompatibilityReport | null = null;
  const open = (): ReportWorkspace | null => {
    try {
      return current?.() ?? null;
    } catch {
      return null;
    }
  };
  return {
    keepForProfile: async (report) => {
      const workspace = open();
      if (workspace) await workspace.store.setSetting(settingKey, report satisfies JsonValue);
      else fromSignIn = report;
    },
    keepFromSignIn: (report) => {
      fromSignIn = report;
    },
    latest: async () => {
      const stored = compatibilityReport.safeParse(await open()?.store.getSetting(settingKey));
      const candidates = [stored.success ? stored.data : null, fromSignIn].filter(
        (report): report is CompatibilityReport => report !== null,
      );
      return candidates.sort((a, b) => b.checkedAt.localeCompare(a.checkedAt))[0] ?? null;
    },
  };
}
