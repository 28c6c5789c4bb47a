/**
 * Prints the host shim (a classic script) for a hospital that serves an OHIF 3.13 prebuilt dist:
 *   npx tsx platform-config/src/writeHostShim.ts > host-shim.js
 * then prepend host-shim.js to the dist's app-config.js (see the hospital installation guide).
 */
import { hostShimScript } from './appConfig';

process.stdout.write(hostShimScript());
