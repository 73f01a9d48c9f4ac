import { chromium, type Browser } from 'playwright-core';
import { requireChromium } from './prerequisites';

/** The distribution's Chromium (or CHROMIUM_PATH), headless, with software WebGL; never a downloaded browser. */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: requireChromium(),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--enable-unsafe-swiftshader',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}
