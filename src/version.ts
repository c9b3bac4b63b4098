/**
 * restudy's version, read from package.json, the one place it is written (bundled into dist/ at build time).
 */
import packageJson from '../package.json' with { type: 'json' };

/** The version of this restudy package, e.g. `'0.1.0'`. */
export const VERSION: string = packageJson.version;
