/** Version of the detection core, recorded in every result (kept equal to package.json's). */
export const CORE_VERSION = '0.1.0';
