// Renders build/icon.svg into the PNGs electron-builder packs (icon.png for every platform, from
// which it also makes the .ico and .icns; icons/NxN.png for Linux). Run at development time
// with `node build/make-icons.mjs` after changing the SVG, and commit the PNGs: it needs Chromium
// (CHROMIUM_PATH, else /usr/bin/chromium), which packaging machines may not have.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

const here = import.meta.dirname;
const svg = readFileSync(path.join(here, 'icon.svg'), 'utf8');
const outputs = [
  { file: 'icon.png', size: 1024 },
  { file: 'icons/512x512.png', size: 512 },
  { file: 'icons/256x256.png', size: 256 },
];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
});
try {
  for (const { file, size } of outputs) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    const sized = svg.replace(/width="\d+" height="\d+"/, `width="${size}" height="${size}"`);
    await page.setContent(
      `<html><body style="margin:0;background:transparent">${sized}</body></html>`,
    );
    await page.screenshot({ path: path.join(here, file), omitBackground: true });
    await page.close();
    console.log(`build/${file} (${size}x${size})`);
  }
} finally {
  await browser.close();
}
