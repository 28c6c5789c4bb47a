/**
 * Entry point of the shim's browser bundle: esbuild wraps it in an IIFE whose global
 * `__dotatateHostShim` exposes `installHostShim`, called by the harness `app-config.js`.
 */
export { installHostShim } from './browserShim';
