/**
 * The worker hands the core's liver check to the viewer: an automatic liver too small to be one
 * comes back failed with no candidate; a click in the same liver is not checked and finds the lesion.
 */
import type { Vec3 } from '../../src/core/types';
import type { DetectRequest } from '../../src/worker/protocol';
import { runDetection } from '../../src/worker/runDetection';
import { analyticStudy } from '../core/helpers/analyticVolumes';

const LESION: Vec3 = [-55, 0, 0];

function request(liverSeedLPS?: Vec3): DetectRequest {
  // A 470 ml liver ellipsoid with one hot lesion: the automatic mask finds it, the volume check fails.
  const { pet } = analyticStudy({ seed: 5, liverShape: { centre: LESION, semiAxes: [50, 45, 50] }, lesions: [{ centre: LESION, radiusMm: 10, suv: 25 }] });
  return { type: 'detect', runId: 1, pet, options: { detector: 'percist', filterPx: 5, ...(liverSeedLPS ? { liverSeedLPS } : {}) } };
}

test('an automatic liver that fails its checks comes back with the checks and no candidate', async () => {
  const detection = await runDetection(request(), () => undefined);
  expect(detection.liver.source).toBe('automatic');
  expect(detection.liverCheck?.status).toBe('failed');
  expect(detection.liverCheck?.checks.filter((check) => !check.passed).map((check) => check.name)).toEqual(['volume']);
  expect(detection.candidates).toEqual([]);
});

test('a click in the same liver is not checked and its lesion is a candidate', async () => {
  const detection = await runDetection(request([-55, 20, 20]), () => undefined);
  expect(detection.liverCheck).toEqual({ status: 'not-checked', checks: [], message: null });
  expect(detection.candidates).toHaveLength(1);
});
