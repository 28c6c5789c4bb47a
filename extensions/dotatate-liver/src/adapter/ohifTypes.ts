/**
 * The small part of OHIF's service API this extension uses, typed structurally so the extension
 * needs no OHIF type package (the published @ohif/core ships no types). Names follow OHIF 3.13.
 */

/** One DICOM instance as OHIF keeps it: naturalized attribute names (dcmjs style). */
export type OhifInstance = Record<string, unknown>;

/** A display set as OHIF's DisplaySetService holds it (only the fields read here). */
export interface OhifDisplaySet {
  displaySetInstanceUID: string;
  Modality?: string;
  SeriesDescription?: string;
  SeriesInstanceUID?: string;
  SeriesNumber?: number | string;
  StudyInstanceUID?: string;
  numImageFrames?: number;
  isReconstructable?: boolean;
  instances?: OhifInstance[];
  instance?: OhifInstance;
  images?: OhifInstance[];
}

export interface Subscription {
  unsubscribe: () => void;
}

/** OHIF's PubSubService shape. */
export interface PubSubLike {
  EVENTS: Record<string, string>;
  subscribe: (eventName: string, callback: (event?: unknown) => void) => Subscription;
}

export interface ViewportGridViewport {
  viewportId?: string;
  displaySetInstanceUIDs?: string[];
}

export interface ViewportGridState {
  activeViewportId?: string | null;
  viewports?: Map<string, ViewportGridViewport> | Record<string, ViewportGridViewport>;
}

export interface ViewportGridServiceLike extends PubSubLike {
  getState: () => ViewportGridState;
  getActiveViewportId?: () => string | null | undefined;
  getDisplaySetsUIDsForViewport?: (viewportId: string) => string[] | undefined;
  setActiveViewportId?: (viewportId: string) => void;
}

export interface DisplaySetServiceLike extends PubSubLike {
  getDisplaySetByUID: (displaySetInstanceUID: string) => OhifDisplaySet | undefined;
  getActiveDisplaySets?: () => OhifDisplaySet[];
}

export interface HangingProtocolServiceLike {
  addCustomAttribute: (
    attributeId: string,
    attributeName: string,
    callback: (subject: unknown, options?: unknown) => unknown,
  ) => void;
}

export interface OhifServices {
  viewportGridService: ViewportGridServiceLike;
  displaySetService: DisplaySetServiceLike;
  hangingProtocolService?: HangingProtocolServiceLike;
  [serviceName: string]: unknown;
}

export interface ServicesManagerLike {
  services: OhifServices;
}

export interface CommandsManagerLike {
  runCommand: (commandName: string, options?: Record<string, unknown>, contextName?: string) => unknown;
}

export interface ExtensionManagerLike {
  getModuleEntry: (moduleId: string) => unknown;
}

/** What every module getter of an extension receives from OHIF. */
export interface ModuleGetterParams {
  servicesManager: ServicesManagerLike;
  commandsManager: CommandsManagerLike;
  extensionManager: ExtensionManagerLike;
  configuration?: Record<string, unknown>;
  /** The host's app config (`window.config`); OHIF passes it to `preRegistration`. */
  appConfig?: Record<string, unknown>;
}
