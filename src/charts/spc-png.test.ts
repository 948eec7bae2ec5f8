import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyseChart } from '../core/spc/analyse.ts';
import { MissingFontsError, renderChartPng } from './spc-png.ts';

const result = analyseChart(
  Array.from({ length: 20 }, (_, i) => ({ x: i + 1, y: i < 10 ? 3 + (i % 3) : 8 + (i % 2) })),
  { chart: 'c' },
);

/** Width and height from the PNG header (IHDR). */
function pngSize(png: Uint8Array): { width: number; height: number } {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

const DEJAVU = '/usr/share/fonts/truetype/dejavu';

describe('renderChartPng', () => {
  it('rasterises the chart at twice its size by default', async () => {
    const png = await renderChartPng(result, { title: 'Referrals per week', width: 600, height: 300 });
    expect([...png.slice(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(pngSize(png)).toEqual({ width: 1200, height: 600 });
    expect(pngSize(await renderChartPng(result, { width: 600, height: 300, scale: 1 }))).toEqual({ width: 600, height: 300 });
  });

  it.skipIf(!existsSync(DEJAVU))('draws the labels with the fonts it is given', async () => {
    const withTitle = await renderChartPng(result, { title: 'Referrals per week', systemFonts: false, fontDirs: [DEJAVU] });
    const without = await renderChartPng(result, { systemFonts: false, fontDirs: [DEJAVU] });
    expect(withTitle).not.toEqual(without);
  });

  it('refuses to make an image without any font rather than one without labels', async () => {
    await expect(renderChartPng(result, { systemFonts: false, fontDirs: [] })).rejects.toThrow(MissingFontsError);
  });
});
