// End to end: distances and times as certain as the stops are placed. The four Xiqiao stops
// are all drawn at the 西樵镇 town point (±5 km): no "0 m · 0 min" anywhere, the legs are
// "distance unknown" with a labelled time allowance, and the handout prints the warnings.
// Route 1's stops are placed to ±5–6 km: "≈ 51 km (± 11 km …)" in the route list and in the
// trip built from it alike. And a ±5 km ring that encloses the view at zoom 15 still shows.
// Run: node --test tests/e2e/trip_legs.test.mjs (after `trunk build`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { useApp, screenshotDir } from './harness.mjs';
import { fixture, openApp } from './trip_harness.mjs';

const app = useApp({ extra: fixture });

const words = {
  en: {
    routes: /^Themed routes/, trip: /^My trip/, add: 'Add its stops to my trip', clear: 'Clear trip',
    route1: /Nanhai people's congress/, xiqiao: /Xiqiao deputies' survey/,
    route1Meta: '3 stops · ≈ 51 km (± 11 km: stops placed approximately) · ≈ ',
    xiqiaoMeta: '4 stops · distance unknown (stops placed approximately) · visits ≈ ',
    unknown: 'distance unknown (stops placed approximately)',
    // Stops somewhere in a ±5 km town: the route's card and its trip assume a coach.
    leg: '↓ distance unknown (stops placed approximately) · 15 min allowed (from the previous stop)',
    travel: '45 min (incl. 45 min allowed for legs of unknown distance)',
    approxStops: '4 stops are placed approximately (up to ± 5.0 km, e.g. at their town\'s centre): check where they are before the trip.',
    unknownLegs: '3 legs have no known distance (stops placed approximately): the schedule allows 45 min for them, an allowance, not an estimate.',
    route1Total: '≈ 51 km (± 11 km: stops placed approximately)',
    mode: 'Travel mode',
    coachLeg1: /^↓ ≈ 14 km \(± 6 km: stops placed approximately\) · ≈ \d+ min \(from the previous stop\)$/,
    walkLeg1: /^↓ ≈ 14 km \(± 6 km: stops placed approximately\) · ≈ 4 h 00 min \(from the previous stop\)$/,
    longLegWord: 'too far',
    longLeg2: 'Stop 2: ≈ 14 km (± 6 km: stops placed approximately) in a straight line from the stop before, too far to walk: choose Bus / coach or Car as the travel mode.',
    precise: /\d\.\d km to travel|about \d/,
    midnight: /^⚠ The day runs past midnight \(it ends at ≈ 01:46 the next day\): choose Bus \/ coach as the travel mode \(the day would end ≈ (\d\d:\d\d)\), or remove stops\.$/,
    close: 'Close', first: 'Start at stop 1 ›', next: 'Next ›',
    step2: '↓ ≈ 14 km (± 6 km: stops placed approximately) (from the previous stop)',
    handout: 'Print handout', dialog: /Field trip/, zero: /(^|[^\d.])0 m\b|(^|[^\d])0 min\b/,
  },
  zh: {
    routes: /^研学路线/, trip: /^我的行程/, add: '将各站加入我的行程', clear: '清空行程',
    route1: /南海区人大机关/, xiqiao: /西樵镇人大代表/,
    route1Meta: '3 站 · ≈ 51 km（± 11 km：各站位置为近似） · ≈ ',
    xiqiaoMeta: '4 站 · 距离未知（各站位置为近似） · 参观约 ',
    unknown: '距离未知（各站位置为近似）',
    leg: '↓ 距离未知（各站位置为近似） · 预留 15 分钟 (自上一站)',
    travel: '45 分钟（含距离未知路段的预留时间 45 分钟）',
    approxStops: '有 4 站的位置为近似（误差最大 ± 5.0 km，如标在所在镇的中心）：出发前请核实具体地点。',
    unknownLegs: '有 3 段路程距离未知（各站位置为近似）：日程为其预留了 45 分钟，这是预留时间，不是估算。',
    route1Total: '≈ 51 km（± 11 km：各站位置为近似）',
    mode: '出行方式',
    coachLeg1: /^↓ ≈ 14 km（± 6 km：各站位置为近似） · ≈ \d+ 分钟 \(自上一站\)$/,
    walkLeg1: /^↓ ≈ 14 km（± 6 km：各站位置为近似） · ≈ 4 小时 00 分 \(自上一站\)$/,
    longLegWord: '太远',
    longLeg2: '第 2 站：距上一站直线 ≈ 14 km（± 6 km：各站位置为近似），步行太远，请将出行方式改为公交/大巴或自驾。',
    precise: /\d\.\d km（估算）|路程约/,
    midnight: /^⚠ 行程超过午夜（次日 ≈ 01:46 结束）：请将出行方式改为公交\/大巴（将于 ≈ (\d\d:\d\d) 结束），或减少站点。$/,
    close: '关闭', first: '从第 1 站开始 ›', next: '下一站 ›',
    step2: '↓ ≈ 14 km（± 6 km：各站位置为近似） (自上一站)',
    handout: '打印行程单', dialog: /研学行程/, zero: /(^|[^\d.])0 m\b|(^|[^\d])0 分钟/,
  },
};

const hhmm = (t) => { const [h, m] = t.split(':').map(Number); return h * 60 + m; };

for (const lang of ['en', 'zh']) {
  const w = words[lang];
  test(`${lang}: stops at one town point have unknown legs with allowances; route 1 and its trip agree; the handout prints the warnings`, async () => {
    const context = await app.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await openApp(context, `${app.base}?lang=${lang}`);
    const routes = page.getByRole('region', { name: w.routes });
    const route1 = routes.getByRole('button', { name: w.route1 });
    const xiqiao = routes.getByRole('button', { name: w.xiqiao });
    await xiqiao.waitFor();
    assert.ok((await route1.textContent()).includes(w.route1Meta), await route1.textContent());
    assert.ok((await xiqiao.textContent()).includes(w.xiqiaoMeta), await xiqiao.textContent());
    assert.doesNotMatch(await routes.textContent(), /51\.1 km/);

    // The Xiqiao stops in a trip: three legs of unknown length, each a labelled allowance.
    await xiqiao.click();
    await routes.getByRole('button', { name: w.add }).click();
    const trip = page.getByRole('region', { name: w.trip });
    await page.locator('.trip-stop').nth(3).waitFor();
    const legs = await trip.locator('.trip-leg').allTextContents();
    assert.deepEqual(legs, [w.leg, w.leg, w.leg]);
    const totals = trip.locator('.trip-totals');
    assert.equal(await totals.locator('.trip-distance').textContent(), w.unknown);
    assert.equal(await totals.locator('.trip-travel').textContent(), w.travel);
    const warnings = await trip.locator('.trip-warnings li').allTextContents();
    assert.ok(warnings.includes(`⚠ ${w.approxStops}`), warnings.join('\n'));
    assert.ok(warnings.includes(`⚠ ${w.unknownLegs}`), warnings.join('\n'));
    assert.doesNotMatch(await trip.textContent(), w.zero);
    // The schedule's arithmetic: each arrival is the previous departure plus the 15 minutes
    // allowed; times after an allowance are "≈", the first stop's are not.
    const shown = await page.locator('.trip-stop .stop-times').allTextContents();
    assert.equal(shown[0], '09:00–10:00');
    assert.ok(shown.slice(1).every((t) => t.startsWith('≈ ')), shown.join(' | '));
    const times = shown.map((t) => t.replace('≈ ', '').split('–').map(hhmm));
    for (let k = 1; k < times.length; k++) assert.equal(times[k][0], times[k - 1][1] + 15, JSON.stringify(times));
    assert.equal(await trip.getByLabel(w.mode).inputValue(), 'c');

    // The handout: the same words, the warnings on paper, no stray "·" before the mode.
    await trip.getByRole('button', { name: w.handout }).click();
    const handout = page.getByRole('dialog', { name: w.dialog });
    await handout.waitFor();
    const subtitle = await handout.locator('.handout-head p').textContent();
    assert.doesNotMatch(subtitle, /^\s*[·・]/);
    const totalsLine = await handout.locator('.handout-totals strong').textContent();
    assert.ok(totalsLine.includes(w.unknown) && totalsLine.includes(w.travel), totalsLine);
    assert.doesNotMatch(await handout.textContent(), w.zero);
    await handout.getByRole('img', { name: /Map of the trip|行程地图/ }).waitFor({ timeout: 10_000 });
    await page.emulateMedia({ media: 'print' });
    const printed = handout.locator('.handout-warnings li');
    assert.equal(await printed.count(), 2);
    assert.ok(await printed.first().isVisible(), 'warnings are printed');
    assert.deepEqual(await printed.allTextContents(), [`⚠ ${w.approxStops}`, `⚠ ${w.unknownLegs}`]);
    fs.mkdirSync(screenshotDir, { recursive: true });
    const pdf = path.join(screenshotDir, `trip-legs-handout-${lang}.pdf`);
    await page.pdf({ path: pdf, format: 'A4' });
    const text = spawnSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    if (text.error) console.log('# pdftotext not installed: PDF text check skipped');
    else {
      const flat = text.stdout.replace(/\s+/g, '');
      for (const warning of [w.approxStops, w.unknownLegs]) {
        assert.ok(flat.includes(warning.replace(/\s+/g, '')), `the PDF lacks: ${warning}\n${text.stdout}`);
      }
    }
    await page.emulateMedia({ media: 'screen' });
    await handout.getByRole('button', { name: w.close }).click();
    await handout.waitFor({ state: 'detached' });

    // Route 1's stops alone: the trip says what the route list says.
    await trip.getByRole('button', { name: w.clear }).click();
    await route1.click();
    // Its details, stop by stop: the leg from the previous stop in the same words.
    await routes.getByRole('button', { name: w.first }).click();
    assert.equal(await routes.locator('.route-leg').count(), 0);
    await routes.getByRole('button', { name: w.next }).click();
    assert.equal(await routes.locator('.route-leg').textContent(), w.step2);
    await routes.getByRole('button', { name: w.add }).click();
    await page.locator('.trip-stop').nth(2).waitFor();
    assert.equal(await trip.locator('.trip-distance').textContent(), w.route1Total);
    assert.ok((await route1.textContent()).includes(w.route1Total));
    // The trip takes the route's mode (its card assumes a coach): the day ends that day,
    // and the legs' times are as approximate as their distances.
    assert.equal(await trip.getByLabel(w.mode).inputValue(), 'c');
    const coachLegs = await trip.locator('.trip-leg').allTextContents();
    assert.match(coachLegs[0], w.coachLeg1);
    const coachEnd = await trip.locator('.trip-day-end').textContent();
    assert.match(coachEnd, /^≈ 1\d:\d\d$/);
    assert.equal(await trip.locator('.trip-warnings li').filter({ hasText: w.longLegWord }).count(), 0);

    // Walked, the warnings say the legs' distances as the legs do, and the fix.
    await trip.getByLabel(w.mode).selectOption('w');
    await page.waitForFunction(() => document.querySelector('.trip-day-end')?.textContent.includes('01:46'));
    assert.match((await trip.locator('.trip-leg').allTextContents())[0], w.walkLeg1);
    const walked = await trip.locator('.trip-warnings li').allTextContents();
    assert.ok(walked.includes(`⚠ ${w.longLeg2}`), walked.join('\n'));
    assert.ok(walked.every((x) => !w.precise.test(x)), walked.join('\n'));
    const midnight = walked.map((x) => x.match(w.midnight)).find(Boolean);
    assert.ok(midnight, walked.join('\n'));
    assert.equal(`≈ ${midnight[1]}`, coachEnd);
    await context.close();
  });
}

test('a ±5 km ring that encloses the view at zoom 15 is still shown: an edge band and a note', async () => {
  for (const [width, height] of [[1280, 800], [390, 844]]) {
    const context = await app.browser.newContext({ viewport: { width, height } });
    // The Xiqiao stack (its ring ±5 km), centred at zoom 15.
    const page = await openApp(context, `${app.base}?lang=en&v=15/22.94614/112.96738`);
    await page.waitForTimeout(1500);
    fs.mkdirSync(screenshotDir, { recursive: true });
    await page.screenshot({ path: path.join(screenshotDir, `ring-z15-${width}.png`) });
    // The band: the canvas's edge is tinted red against just inside it.
    const [edge, inside] = await page.evaluate(() => {
      const c = document.querySelector('canvas.map-canvas');
      const ctx = c.getContext('2d');
      const s = c.width / c.clientWidth;
      const at = (x, y) => Array.from(ctx.getImageData(Math.round(x * s), Math.round(y * s), 1, 1).data);
      const y = c.clientHeight * 0.3;
      return [at(c.clientWidth - 4, y), at(c.clientWidth - 30, y)];
    });
    const redness = ([r, g, b]) => r - (g + b) / 2;
    assert.ok(redness(edge) > redness(inside) + 8, `edge ${edge} inside ${inside} at ${width}`);
    await context.close();
  }
});
