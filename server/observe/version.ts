import packageJson from '../../package.json' with { type: 'json' };

/**
 * The product's version, from package.json: said in every screen's welcome and in /healthz, so a wall
 * can tell that the server was upgraded under it. The production build inlines it (esbuild reads JSON).
 */
export const VERSION: string = packageJson.version;
