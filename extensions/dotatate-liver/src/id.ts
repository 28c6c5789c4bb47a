import packageJson from '../package.json';

/** The extension id is the package name, as OHIF's plugin contract requires. */
export const id: string = packageJson.name;
