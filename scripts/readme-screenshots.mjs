// Copies the README's screenshots from what the browser tests wrote
// (build/screenshots: run the tests first) into docs/screenshots, each
// scaled to CSS pixels (a DPR 2 or 3 screenshot halved or thirded) in
// Debian's chromium, so the repository keeps small PNGs.
//
//   node scripts/readme-screenshots.mjs
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser, ROOT } from '../tests/e2e/harness.mjs';

// Test screenshot -> its device pixel ratio (tests/e2e/harness.mjs DEVICES).
const CHOSEN = {
  'caseload-tablet': 2,
  'caseload-phone-filtered': 3,
  'team-tablet-open': 2,
  'layout-tablet-two-panes': 2,
  'plan-phone-draft-kept': 3,
  'plan-tablet-queue': 2,
};
const FROM = join(ROOT, 'build/screenshots');
const TO = join(ROOT, 'docs/screenshots');

mkdirSync(TO, { recursive: true });
const browser = await launchBrowser();
try {
  const page = await browser.newPage();
  for (const [name, ratio] of Object.entries(CHOSEN)) {
    const png = readFileSync(join(FROM, `${name}.png`)).toString('base64');
    const scaled = await page.evaluate(async ({ png, ratio }) => {
      const image = new Image();
      image.src = `data:image/png;base64,${png}`;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = Math.round(image.width / ratio);
      canvas.height = Math.round(image.height / ratio);
      const context = canvas.getContext('2d');
      context.imageSmoothingQuality = 'high';
      context.drawImage(image, 0, 0, canvas.width, canvas.height);
      return canvas.toDataURL('image/png').split(',')[1];
    }, { png, ratio });
    const out = join(TO, `${name}.png`);
    writeFileSync(out, Buffer.from(scaled, 'base64'));
    console.log(`${out}: ${(statSync(out).size / 1024).toFixed(0)} KiB`);
  }
} finally {
  await browser.close();
}
