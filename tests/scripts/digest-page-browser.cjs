// Drives headless Chromium through a signed digest page (see digest-page-browser.sh).
// usage: node digest-page-browser.cjs <page-url> <expired-page-url> <out-dir>
'use strict';
const path = require('node:path');
const { chromium } = require(process.env.PLAYWRIGHT_CORE || 'playwright-core');

const [pageUrl, expiredUrl, outDir] = process.argv.slice(2);
if (!pageUrl || !expiredUrl || !outDir) {
  console.error('usage: node digest-page-browser.cjs <page-url> <expired-page-url> <out-dir>');
  process.exit(2);
}

const failures = [];
const check = (ok, what) => { console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`); if (!ok) failures.push(what); };

// The same link with one character of its signature changed.
function tampered(url) {
  const u = new URL(url);
  const sig = u.searchParams.get('sig');
  u.searchParams.set('sig', (sig[0] === 'A' ? 'B' : 'A') + sig.slice(1));
  return u.toString();
}

async function expectRefused(context, url, what) {
  const page = await context.newPage();
  const response = await page.goto(url);
  const body = await page.textContent('body');
  check(response.status() === 404, `${what}: refused with 404 (got ${response.status()})`);
  check(/invalid or has expired/.test(body) && !/Demo Sales/.test(body), `${what}: says only that the link is invalid or expired`);
  await page.close();
}

async function visit(context, label, shot) {
  const page = await context.newPage();
  const errors = [];
  const foreign = [];
  page.on('console', m => { if (m.type() === 'error') errors.push(`${m.text()} (${m.location().url || 'no url'})`); });
  page.on('pageerror', e => errors.push(String(e)));
  page.on('requestfailed', r => errors.push(`request failed: ${r.url()}`));
  page.on('response', r => { if (r.status() >= 400) errors.push(`${r.status()} from ${r.url()}`); });
  page.on('request', r => { if (new URL(r.url()).origin !== new URL(pageUrl).origin) foreign.push(r.url()); });

  const response = await page.goto(pageUrl, { waitUntil: 'load' });
  check(response.status() === 200, `${label}: page answers 200 (got ${response.status()})`);
  const headers = response.headers();
  check((headers['content-type'] || '').startsWith('text/html'), `${label}: served as text/html`);
  check(/default-src 'none'/.test(headers['content-security-policy'] || ''), `${label}: has a Content-Security-Policy`);

  const img = await page.$eval('img', i => ({ complete: i.complete, width: i.naturalWidth, height: i.naturalHeight, alt: i.alt }));
  check(img.complete && img.width > 0, `${label}: chart image loaded (naturalWidth ${img.width})`);
  check(img.width === 800 && img.height === 400, `${label}: chart is 800×400`);
  check(img.alt.length > 40, `${label}: chart has alt text`);

  const text = await page.textContent('body');
  for (const s of ['Collaboration digest — Demo Sales', 'Collaboration Efficacy Index', 'The last 8 weeks', 'Role clarity',
                   'Communication', 'Goal alignment', 'Resource sharing', 'Recognition', 'Process health', 'Feedback loop',
                   'Pulse answers', 'Insights', 'Manager view'])
    check(text.includes(s), `${label}: shows "${s}"`);
  check(await page.$eval('html', h => h.lang) === 'en', `${label}: html lang is the team's language`);
  const fits = await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
  check(fits, `${label}: no horizontal scrolling at ${page.viewportSize().width}px`);
  check(foreign.length === 0, `${label}: loads nothing from other origins${foreign.length ? ': ' + foreign.join(', ') : ''}`);
  check(errors.length === 0, `${label}: no console errors${errors.length ? ': ' + errors.join(' | ') : ''}`);

  await page.screenshot({ path: shot, fullPage: true });
  console.log(`screenshot: ${shot}`);
  const first = shot.replace(/\.png$/, '-first-screen.png');
  await page.screenshot({ path: first });
  console.log(`screenshot: ${first} (what the reader sees first)`);
  await page.close();
}

(async () => {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    // Containers often run as root, where Chromium's sandbox cannot start.
    args: process.getuid && process.getuid() === 0 ? ['--no-sandbox'] : [],
  });
  try {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    await visit(phone, 'phone', path.join(outDir, 'digest.png'));
    await expectRefused(phone, expiredUrl, 'expired link');
    await expectRefused(phone, tampered(pageUrl), 'tampered signature');
    const u = new URL(pageUrl);
    u.pathname = u.pathname.replace(/^\/digest\/(\d+)\//, (_, id) => `/digest/${Number(id) + 1}/`);
    await expectRefused(phone, u.toString(), 'another team');
    const chart = new URL(pageUrl);
    chart.pathname += '/chart.png';
    const r = await phone.request.get(chart.toString());
    check(r.status() === 404, `the page's signature does not open the chart (got ${r.status()})`);

    const desktop = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await visit(desktop, 'desktop', path.join(outDir, 'digest-desktop.png'));
  } finally {
    await browser.close();
  }
  if (failures.length) {
    console.error(`\n${failures.length} check(s) failed`);
    process.exit(1);
  }
  console.log('\nall browser checks passed');
})().catch(e => { console.error(e); process.exit(1); });
