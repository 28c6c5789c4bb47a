import { name } from '../package.json';

/** The id is the package name, as OHIF's plugin contract requires (a named import keeps the rest of package.json out of the bundle). */
export const id: string = name;
