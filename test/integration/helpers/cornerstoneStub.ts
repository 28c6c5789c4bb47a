/**
 * @ohif/core's published UMD requires @cornerstonejs/core and /metadata, which ship only as ES
 * modules that Jest cannot load untransformed. The managers and the hanging protocol service under
 * test never call cornerstone, so a stand-in whose every property is an inert callable object lets
 * the real @ohif/core load; any call into it during a test would return another stand-in, and
 * the assertions are all on OHIF's own managers.
 */
export function cornerstoneStub(packageName: string): unknown {
  const make = (path: string): unknown =>
    new Proxy(function stub() {}, {
      get(_target, property) {
        if (property === '__esModule') return true;
        if (property === Symbol.toPrimitive) return () => path;
        if (property === 'then') return undefined;
        return make(`${path}.${String(property)}`);
      },
      apply: () => make(`${path}()`),
      construct: () => make(`new ${path}`) as object,
    });
  return make(packageName);
}
