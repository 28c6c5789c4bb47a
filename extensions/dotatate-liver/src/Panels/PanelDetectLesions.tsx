import { useCallback, useEffect, useState } from 'react';
import type { ActivePetState } from '../adapter/activePet';
import type { CommandsManagerLike, ExtensionManagerLike, ServicesManagerLike, PubSubLike, Subscription } from '../adapter/ohifTypes';
import { COMMANDS } from '../commandsModule';
import { ActionButton } from '../components/ActionButton';
import { FieldRow } from '../components/FieldRow';
import { Notice } from '../components/Notice';
import { PanelSection } from '../components/PanelSection';
import { useReviewSession } from '../hooks/useReviewSession';
import { useVolumeStatus } from '../hooks/useVolumeStatus';
import { CandidatesSection } from './CandidatesSection';
import { DetectionSection } from './DetectionSection';
import { ReferenceSection } from './ReferenceSection';
import { ReportSection } from './ReportSection';

export const PANEL_TITLE = 'Detect hepatic lesions';

export interface PanelDetectLesionsProps {
  servicesManager: ServicesManagerLike;
  commandsManager: CommandsManagerLike;
  extensionManager: ExtensionManagerLike;
}

type PanelState = ActivePetState | { kind: 'command-missing'; message: string };

/** Events after which the active viewport may show another display set. */
const VIEWPORT_GRID_EVENTS = ['ACTIVE_VIEWPORT_ID_CHANGED', 'GRID_STATE_CHANGED', 'VIEWPORTS_READY', 'LAYOUT_CHANGED'];
const DISPLAY_SET_EVENTS = ['DISPLAY_SETS_ADDED', 'DISPLAY_SETS_CHANGED', 'DISPLAY_SETS_REMOVED', 'DISPLAY_SET_SERIES_METADATA_INVALIDATED'];

function subscribeAll(service: PubSubLike, eventKeys: string[], callback: () => void): Subscription[] {
  return eventKeys
    .map(key => service.EVENTS?.[key])
    .filter((eventName): eventName is string => typeof eventName === 'string')
    .map(eventName => service.subscribe(eventName, callback));
}

function readState(commandsManager: CommandsManagerLike): PanelState {
  const result = commandsManager.runCommand(COMMANDS.describeActivePet) as ActivePetState | undefined;
  return (
    result ?? {
      kind: 'command-missing',
      message: `The command ${COMMANDS.describeActivePet} is not registered; the extension did not load completely.`,
    }
  );
}

/**
 * Right-side panel "Detect hepatic lesions": the active PET display set and its SUV status, then
 * (through the review session, which outlives the panel) detection, the liver reference and the
 * candidates. It follows the active viewport through OHIF's services and cleans up on unmount.
 * Sections are stacked in one column; a new section is one more line at the end.
 */
export function PanelDetectLesions({ servicesManager, commandsManager }: PanelDetectLesionsProps) {
  const [state, setState] = useState<PanelState>(() => readState(commandsManager));
  const refresh = useCallback(() => setState(readState(commandsManager)), [commandsManager]);

  useEffect(() => {
    const { viewportGridService, displaySetService } = servicesManager.services;
    const subscriptions = [
      ...subscribeAll(viewportGridService, VIEWPORT_GRID_EVENTS, refresh),
      ...subscribeAll(displaySetService, DISPLAY_SET_EVENTS, refresh),
    ];
    refresh();
    return () => subscriptions.forEach(subscription => subscription.unsubscribe());
  }, [servicesManager, refresh]);

  const session = useReviewSession(servicesManager);
  const volumeStatus = useVolumeStatus(session, state.kind === 'pet' ? state.description.displaySetInstanceUID : state.kind);

  const activatePet = () => {
    commandsManager.runCommand(COMMANDS.activatePetViewport);
    refresh();
  };

  return (
    <div className="dtl-panel" data-testid="dotatate-panel">
      <PanelSection title={PANEL_TITLE} testId="dotatate-panel-heading">
        {state.kind === 'pet' ? (
          <>
            <FieldRow label="Series" testId="dotatate-series-description">
              {state.description.seriesDescription}
            </FieldRow>
            <FieldRow label="Slices" testId="dotatate-number-of-slices">
              {state.description.numberOfSlices}
            </FieldRow>
            <FieldRow label="Radiopharmaceutical" testId="dotatate-radiopharmaceutical">
              {state.description.radiopharmaceutical ?? 'not stated in the headers'}
            </FieldRow>
            {state.description.tracerCaution && (
              <Notice tone="warning" testId="dotatate-tracer-caution">
                {state.description.tracerCaution}
              </Notice>
            )}
            <FieldRow label="SUV scaling" testId="dotatate-suv-status">
              <span className={state.description.suvScalingAvailable ? 'dtl-badge dtl-badge--ok' : 'dtl-badge dtl-badge--warn'}>
                {state.description.suvScalingAvailable ? 'SUVbw available' : 'not available'}
              </span>
            </FieldRow>
            <p className="dtl-hint" data-testid="dotatate-suv-reason">
              {state.description.suvScalingAvailable
                ? state.description.suvScalingReason
                : `${state.description.suvScalingReason} Detection still works on relative values (the PERCIST threshold is relative).`}
            </p>
          </>
        ) : state.kind === 'not-pet' ? (
          <>
            <Notice tone="warning" testId="dotatate-panel-message">
              {state.message}
            </Notice>
            <ActionButton onClick={activatePet} testId="dotatate-activate-pet">
              Select the PET viewport
            </ActionButton>
          </>
        ) : state.kind === 'no-display-set' ? (
          <Notice testId="dotatate-panel-message">{state.message}</Notice>
        ) : (
          <Notice tone="error" testId="dotatate-panel-message">
            {state.message}
          </Notice>
        )}
      </PanelSection>
      {session ? (
        <>
          <DetectionSection session={session} volumeStatus={volumeStatus} />
          <ReferenceSection session={session} />
          <CandidatesSection session={session} />
          <ReportSection commandsManager={commandsManager} />
        </>
      ) : (
        <Notice tone="error" testId="dotatate-no-session">
          Detection is not available: the extension did not set up its viewer connection.
        </Notice>
      )}
    </div>
  );
}

export default PanelDetectLesions;
