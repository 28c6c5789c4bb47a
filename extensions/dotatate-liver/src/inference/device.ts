/**
 * What the device offers for inference: a WebGPU adapter (real or software fallback), a WebGL2
 * renderer (hardware or software, from WEBGL_debug_renderer_info), and how many WASM threads
 * cross-origin isolation allows. The environment is injected so tests can fake adapters and contexts.
 */

export interface GpuAdapterInfoLike {
  vendor?: string;
  architecture?: string;
  device?: string;
  description?: string;
  isFallbackAdapter?: boolean;
}

export interface GpuAdapterLike {
  info?: GpuAdapterInfoLike;
  /** Older browsers put the flag on the adapter itself. */
  isFallbackAdapter?: boolean;
}

export interface NavigatorLike {
  gpu?: { requestAdapter(): Promise<GpuAdapterLike | null> };
  hardwareConcurrency?: number;
}

export interface WebGlContextLike {
  getExtension(name: string): unknown;
  getParameter(parameter: number): unknown;
}

export interface DeviceEnvironment {
  navigator?: NavigatorLike;
  /** Returns a WebGL2 context on a throw-away canvas, or null when WebGL2 is unavailable. */
  createWebGl2Context?: () => WebGlContextLike | null;
  crossOriginIsolated?: boolean;
}

export interface DeviceProbe {
  webgpu: { available: boolean; software: boolean; description: string };
  webgl: { available: boolean; software: boolean; renderer: string };
  crossOriginIsolated: boolean;
  hardwareConcurrency: number;
  /** Threads for onnxruntime-web's WASM backend: all cores when isolated, else 1 (no SharedArrayBuffer). */
  wasmThreads: number;
}

/** Renderer names of GPU emulations on the CPU; on these WASM is faster than WebGL/WebGPU. */
const SOFTWARE_RENDERER = /swiftshader|llvmpipe|lavapipe|softpipe|software|microsoft basic render/i;

const UNMASKED_RENDERER_WEBGL = 0x9246;
const RENDERER = 0x1f01;

async function probeWebGpu(navigator: NavigatorLike | undefined): Promise<DeviceProbe['webgpu']> {
  if (!navigator?.gpu) return { available: false, software: false, description: 'this browser has no WebGPU' };
  let adapter: GpuAdapterLike | null;
  try {
    adapter = await navigator.gpu.requestAdapter();
  } catch (error) {
    return { available: false, software: false, description: `WebGPU adapter request failed (${String(error)})` };
  }
  if (!adapter) return { available: false, software: false, description: 'no WebGPU adapter' };
  const info = adapter.info ?? {};
  const description = [info.vendor, info.architecture, info.device, info.description].filter(Boolean).join(' ') || 'unnamed adapter';
  const software = Boolean(info.isFallbackAdapter ?? adapter.isFallbackAdapter) || SOFTWARE_RENDERER.test(description);
  return { available: true, software, description };
}

function probeWebGl(createContext: DeviceEnvironment['createWebGl2Context']): DeviceProbe['webgl'] {
  let context: WebGlContextLike | null = null;
  try {
    context = createContext ? createContext() : null;
  } catch {
    context = null;
  }
  if (!context) return { available: false, software: false, renderer: 'no WebGL2 context' };
  const debugInfo = context.getExtension('WEBGL_debug_renderer_info');
  const renderer = String(context.getParameter(debugInfo ? UNMASKED_RENDERER_WEBGL : RENDERER) ?? '');
  // An unnamed renderer cannot be shown to be hardware, so it is treated like a software one.
  return { available: true, software: renderer === '' || SOFTWARE_RENDERER.test(renderer), renderer: renderer || 'unknown renderer' };
}

export async function probeDevice(environment: DeviceEnvironment): Promise<DeviceProbe> {
  const hardwareConcurrency = Math.max(1, environment.navigator?.hardwareConcurrency ?? 1);
  const crossOriginIsolated = environment.crossOriginIsolated === true;
  return {
    webgpu: await probeWebGpu(environment.navigator),
    webgl: probeWebGl(environment.createWebGl2Context),
    crossOriginIsolated,
    hardwareConcurrency,
    wasmThreads: crossOriginIsolated ? Math.min(hardwareConcurrency, 16) : 1,
  };
}

/** The real environment of a browser page or worker (or of Node, where it finds little). */
export function currentDeviceEnvironment(): DeviceEnvironment {
  const scope = globalThis as typeof globalThis & { crossOriginIsolated?: boolean };
  return {
    navigator: (scope.navigator as NavigatorLike | undefined) ?? undefined,
    crossOriginIsolated: scope.crossOriginIsolated === true,
    createWebGl2Context: () => {
      if (typeof OffscreenCanvas !== 'undefined') return new OffscreenCanvas(1, 1).getContext('webgl2');
      if (typeof document !== 'undefined') return document.createElement('canvas').getContext('webgl2');
      return null;
    },
  };
}
