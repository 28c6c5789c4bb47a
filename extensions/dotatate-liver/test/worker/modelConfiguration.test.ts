// The model location a hospital configures: from the extension's configuration (build-time hosts)
// or from the app config under the extension's id (hosts that load plugins by name at run time).
import { configureModelLocation, modelConfigurationFrom, resolveModelLocation } from '../../src/worker/modelLocation';

const ID = 'ohif-extension-dotatate-liver';
const BUNDLE = 'https://viewer.example/plugins/ohif-extension-dotatate-liver/index.mjs';
const PAGE = 'https://viewer.example/dotatate-review';

function manifestUrlFor(configuration?: Record<string, unknown>, appConfig?: Record<string, unknown>): string {
  configureModelLocation(modelConfigurationFrom(configuration, appConfig, ID));
  return resolveModelLocation(BUNDLE, PAGE).manifestUrl;
}

describe('model manifest location', () => {
  it('defaults to the model shipped beside the bundle', () => {
    expect(manifestUrlFor(undefined, { other: 1 })).toBe(
      'https://viewer.example/plugins/ohif-extension-dotatate-liver/models/unet-2d.manifest.json',
    );
  });

  it('takes appConfig[<extension id>].modelManifestUrl, relative to the page', () => {
    expect(manifestUrlFor(undefined, { [ID]: { modelManifestUrl: '/site-models/liver.json' } })).toBe(
      'https://viewer.example/site-models/liver.json',
    );
  });

  it('lets the extension configuration win over the app config', () => {
    const appConfig = { [ID]: { modelManifestUrl: '/site-models/old.json' } };
    expect(manifestUrlFor({ modelManifestUrl: 'https://models.example/new.json' }, appConfig)).toBe('https://models.example/new.json');
  });

  it('ignores an app-config entry that is not an object', () => {
    expect(manifestUrlFor(undefined, { [ID]: 'not-an-object' })).toMatch(/models\/unet-2d\.manifest\.json$/);
  });
});
