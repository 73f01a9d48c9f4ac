/** Debian's Chromium (`apt-get install chromium`); CHROMIUM_PATH points elsewhere. */
export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';
