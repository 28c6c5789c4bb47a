/**
 * Where the viewer's U-Net comes from. By default the model shipped in the extension's dist
 * (`models/unet-2d.manifest.json`, next to the bundle); a hospital points the extension's
 * configuration at its own manifest with `modelManifestUrl` (absolute, or relative to the page).
 * onnxruntime-web's runtime files always come from the extension's dist (`ort/`).
 */
import type { ModelLocation } from './protocol';

export const SHIPPED_MANIFEST_PATH = 'models/unet-2d.manifest.json';
export const RUNTIME_FOLDER = 'ort/';

let configuredManifestUrl: string | null = null;

/** The extension's configuration as OHIF passes it to preRegistration. */
export interface ModelConfiguration {
  modelManifestUrl?: unknown;
}

/**
 * The model configuration a host gives: the extension's own configuration (build-time hosts) over
 * `appConfig[extensionId]` (hosts that load plugins by name at run time, where OHIF cannot pass one).
 */
export function modelConfigurationFrom(
  configuration: ModelConfiguration | undefined,
  appConfig: Record<string, unknown> | undefined,
  extensionId: string,
): ModelConfiguration {
  const fromAppConfig = appConfig?.[extensionId];
  return { ...(typeof fromAppConfig === 'object' && fromAppConfig !== null ? fromAppConfig : {}), ...configuration };
}

/** Reads `modelManifestUrl` from the extension's configuration; anything but a non-empty string keeps the shipped model. */
export function configureModelLocation(configuration: ModelConfiguration | undefined): void {
  const value = configuration?.modelManifestUrl;
  configuredManifestUrl = typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

/** Absolute URLs of the manifest and the runtime folder, given the plugin bundle's URL and the page's. */
export function resolveModelLocation(bundleUrl: string, pageUrl: string = bundleUrl): ModelLocation {
  return {
    manifestUrl: configuredManifestUrl ? new URL(configuredManifestUrl, pageUrl).href : new URL(SHIPPED_MANIFEST_PATH, bundleUrl).href,
    runtimeUrl: new URL(RUNTIME_FOLDER, bundleUrl).href,
  };
}
