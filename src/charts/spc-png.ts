/**
 * A chart as a PNG for `trellis spc --png`: the SVG of spc-svg.ts rasterised by
 * resvg (prebuilt native binaries, no browser). resvg draws text with the
 * system's fonts (any of DejaVu Sans, Liberation Sans, Arial, Helvetica), plus
 * any in the folder named by TRELLIS_FONT_DIR.
 */
import { Resvg, type ResvgRenderOptions } from '@resvg/resvg-js';
import type { ChartResult } from '../core/spc/types.ts';
import { IMAGE_FONT_FAMILY, renderChartSvg, type ChartImageOptions } from './spc-svg.ts';

export interface ChartPngOptions extends ChartImageOptions {
  /** Pixels per SVG unit; 2 (the default) gives a sharp image on high-density screens and in print. */
  scale?: number;
  /** Extra folders of .ttf/.otf fonts; defaults to TRELLIS_FONT_DIR when set. */
  fontDirs?: string[];
  /** Also use the system's fonts (default true); false draws with `fontDirs` only, for identical output anywhere. */
  systemFonts?: boolean;
}

/** No font could be found to draw the labels: the image would be unreadable, so none is made. */
export class MissingFontsError extends Error {
  override name = 'MissingFontsError';
}

function fontOptions(fontDirs: string[], systemFonts: boolean): ResvgRenderOptions['font'] {
  return { loadSystemFonts: systemFonts, fontDirs, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' };
}

const PROBE = `<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><text x="2" y="15" font-size="12" font-family="${IMAGE_FONT_FAMILY.replaceAll('"', "'")}">Ag</text></svg>`;
const checked = new Map<string, boolean>();

/** Whether resvg can draw any text with these fonts (a text-only drawing has no extent without one). */
function canDrawText(fontDirs: string[], systemFonts: boolean): boolean {
  const key = `${systemFonts}\0${fontDirs.join('\0')}`;
  let found = checked.get(key);
  if (found === undefined) {
    found = new Resvg(PROBE, { font: fontOptions(fontDirs, systemFonts) }).getBBox() !== undefined;
    checked.set(key, found);
  }
  return found;
}

export async function renderChartPng(result: ChartResult, options: ChartPngOptions = {}): Promise<Uint8Array> {
  const fontDirs = options.fontDirs ?? (process.env.TRELLIS_FONT_DIR ? [process.env.TRELLIS_FONT_DIR] : []);
  const systemFonts = options.systemFonts ?? true;
  if (!canDrawText(fontDirs, systemFonts)) {
    throw new MissingFontsError(
      'no fonts found to draw the chart\'s labels: install a font package (Debian and Ubuntu: apt-get install fonts-dejavu-core) or set TRELLIS_FONT_DIR to a folder of .ttf files; --svg needs no fonts',
    );
  }
  const svg = renderChartSvg(result, options);
  const resvg = new Resvg(svg, {
    background: '#ffffff',
    fitTo: { mode: 'zoom', value: options.scale ?? 2 },
    font: fontOptions(fontDirs, systemFonts),
  });
  return new Uint8Array(resvg.render().asPng());
}
