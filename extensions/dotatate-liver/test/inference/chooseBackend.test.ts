import {
  BackendId,
  BackendOpeners,
  DeviceEnvironment,
  ModelUnavailableError,
  SessionOpener,
  WebGlContextLike,
  openBestBackend,
  probeDevice,
} from '../../src/inference';
import { testManifest } from './fixtures';

const UNMASKED_RENDERER_WEBGL = 0x9246;

function fakeWebGl(renderer: string): () => WebGlContextLike {
  return () => ({
    getExtension: (name: string) => (name === 'WEBGL_debug_renderer_info' ? { UNMASKED_RENDERER_WEBGL } : null),
    getParameter: (parameter: number) => (parameter === UNMASKED_RENDERER_WEBGL ? renderer : 'WebKit WebGL'),
  });
}

/** A device with a real GPU: hardware WebGPU adapter and hardware WebGL renderer, isolated page. */
function gpuMachine(): DeviceEnvironment {
  return {
    navigator: {
      hardwareConcurrency: 8,
      gpu: { requestAdapter: async () => ({ info: { vendor: 'nvidia', architecture: 'ampere', description: 'NVIDIA RTX A2000' } }) },
    },
    createWebGl2Context: fakeWebGl('ANGLE (NVIDIA, NVIDIA RTX A2000 Direct3D11 vs_5_0 ps_5_0)'),
    crossOriginIsolated: true,
  };
}

function openerFor(backend: BackendId, fail = false): SessionOpener {
  return async () => {
    if (fail) throw new Error(`${backend} failed to start`);
    return { backend, detail: '', run: async (_input, batch) => new Float32Array(batch), release: async () => undefined };
  };
}

const allBrowserOpeners = (): BackendOpeners => ({ webgpu: openerFor('webgpu'), webgl: openerFor('webgl'), wasm: openerFor('wasm') });

async function chosen(environment: DeviceEnvironment, openers: BackendOpeners, exclude: BackendId[] = []) {
  const probe = await probeDevice(environment);
  return openBestBackend(new Uint8Array(), testManifest(), probe, openers, { exclude });
}

describe('backend choice', () => {
  it('uses WebGPU on a real adapter', async () => {
    const { report } = await chosen(gpuMachine(), allBrowserOpeners());
    expect(report.backend).toBe('webgpu');
    expect(report.reason).toContain('NVIDIA');
  });

  it('moves to WebGL when WebGPU is forced away, and to WASM when WebGL is too', async () => {
    const withoutWebGpu = await chosen(gpuMachine(), allBrowserOpeners(), ['webgpu']);
    expect(withoutWebGpu.report.backend).toBe('webgl');
    expect(withoutWebGpu.report.attempts[1]).toEqual({ backend: 'webgpu', outcome: 'skipped', reason: 'turned off by configuration' });
    const withoutGpus = await chosen(gpuMachine(), allBrowserOpeners(), ['webgpu', 'webgl']);
    expect(withoutGpus.report.backend).toBe('wasm');
    expect(withoutGpus.report.reason).toContain('8 thread');
  });

  it('skips a software WebGPU adapter and a SwiftShader WebGL renderer, saying why', async () => {
    const emulated: DeviceEnvironment = {
      navigator: {
        hardwareConcurrency: 2,
        gpu: { requestAdapter: async () => ({ info: { vendor: 'google', architecture: 'swiftshader', isFallbackAdapter: true } }) },
      },
      createWebGl2Context: fakeWebGl('ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero)), SwiftShader driver)'),
      crossOriginIsolated: false,
    };
    const { report } = await chosen(emulated, allBrowserOpeners());
    expect(report.backend).toBe('wasm');
    expect(report.reason).toContain('1 thread');
    const byBackend = Object.fromEntries(report.attempts.map((a) => [a.backend, a]));
    expect(byBackend.webgpu.outcome).toBe('skipped');
    expect(byBackend.webgpu.reason).toContain('swiftshader');
    expect(byBackend.webgl.outcome).toBe('skipped');
    expect(byBackend.webgl.reason).toContain('SwiftShader');
  });

  it('tries the next backend when one fails to start, and records the failure', async () => {
    const openers = { ...allBrowserOpeners(), webgpu: openerFor('webgpu', true) };
    const { report, session } = await chosen(gpuMachine(), openers);
    expect(session.backend).toBe('webgl');
    expect(report.attempts.find((a) => a.backend === 'webgpu')).toEqual({
      backend: 'webgpu',
      outcome: 'failed',
      reason: 'webgpu failed to start',
    });
  });

  it('prefers onnxruntime-node when the command line provides it, and falls back to WASM without it', async () => {
    const openers = { node: openerFor('node'), wasm: openerFor('wasm') };
    expect((await chosen({}, openers)).report.backend).toBe('node');
    expect((await chosen({}, openers, ['node'])).report.backend).toBe('wasm');
  });

  it('rejects with every reason when nothing can run, offering the classical detector', async () => {
    const promise = chosen({}, { wasm: openerFor('wasm', true) });
    await expect(promise).rejects.toBeInstanceOf(ModelUnavailableError);
    await expect(promise).rejects.toThrow(/wasm: wasm failed to start.*classical detector/);
  });
});

describe('probeDevice', () => {
  it('finds no GPU and one WASM thread in a bare environment', async () => {
    const probe = await probeDevice({});
    expect(probe.webgpu.available).toBe(false);
    expect(probe.webgl.available).toBe(false);
    expect(probe.wasmThreads).toBe(1);
  });

  it('treats a WebGL renderer it cannot name as not hardware', async () => {
    const probe = await probeDevice({ createWebGl2Context: () => ({ getExtension: () => null, getParameter: () => '' }) });
    expect(probe.webgl).toEqual({ available: true, software: true, renderer: 'unknown renderer' });
  });
});
