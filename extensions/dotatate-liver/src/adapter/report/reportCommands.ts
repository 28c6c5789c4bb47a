/**
 * The report's OHIF commands, spread into the extension's commands module:
 * - `dotatateLiver.createReport`: "Create report" (a panel button, a hotkey or a test run the same action);
 * - `dotatateLiver.reportWorkflow`: the session's report workflow and listing state, for the panel.
 * Both act on the review store the caller's session holds; null when there is none.
 */
import type { ModuleGetterParams } from '../ohifTypes';
import type { ReviewStore } from '../../state/reviewStore';
import { viewerReportFor, type ViewerReport, type ViewerReportDependencies } from './viewerReport';

export const REPORT_COMMANDS = {
  createReport: 'dotatateLiver.createReport',
  reportWorkflow: 'dotatateLiver.reportWorkflow',
} as const;

type CommandDefinition = { commandFn: (options?: Record<string, unknown>) => unknown; storeContexts: string[]; options: Record<string, unknown> };

/**
 * @param getReviewStore the review store of the current session (the panel's), or null when none exists yet
 */
export function reportCommandDefinitions(
  { servicesManager, extensionManager }: Pick<ModuleGetterParams, 'servicesManager' | 'extensionManager'>,
  getReviewStore: () => ReviewStore | null,
): Record<string, CommandDefinition> {
  const dependencies: ViewerReportDependencies = {
    displaySetService: servicesManager.services.displaySetService,
    extensionManager: extensionManager as ViewerReportDependencies['extensionManager'],
  };
  const reportOfSession = (): ViewerReport | null => {
    const store = getReviewStore();
    return store ? viewerReportFor(store, dependencies) : null;
  };
  const definition = (commandFn: CommandDefinition['commandFn']): CommandDefinition => ({ commandFn, storeContexts: [], options: {} });
  return {
    [REPORT_COMMANDS.createReport]: definition(() => reportOfSession()?.workflow.createReport() ?? null),
    [REPORT_COMMANDS.reportWorkflow]: definition(() => reportOfSession()),
  };
}
