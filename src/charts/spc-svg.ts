/**
 * A chart as a standalone SVG file for `trellis spc --svg`: the web app's
 * figure built in a server-side DOM (linkedom), with a white background, fonts
 * every system has, and a title and description for assistive technology.
 */
import { parseHTML } from 'linkedom';
import type { ChartResult } from '../core/spc/types.ts';
import { spcFigure, type ChartEvent } from './spc-figure.ts';

export interface ChartImageOptions {
  title?: string;
  /** The plain-language summary, kept as the image's description. */
  summary?: string;
  width?: number;
  height?: number;
  events?: ChartEvent[];
  yLabel?: string;
  xLabel?: string;
}

/** DejaVu and Liberation ship with most Linux systems; the rest cover macOS and Windows viewers. */
export const IMAGE_FONT_FAMILY = '"DejaVu Sans", "Liberation Sans", Arial, Helvetica, sans-serif';

const SVG_NS = 'http://www.w3.org/2000/svg';

export function renderChartSvg(result: ChartResult, options: ChartImageOptions = {}): string {
  const { document } = parseHTML('<!DOCTYPE html><html><body></body></html>');
  const width = options.width ?? 800;
  const height = options.height ?? 420;
  const svg = spcFigure(result, {
    document: document as unknown as Document,
    title: options.title,
    width,
    height,
    events: options.events,
    yLabel: options.yLabel,
    xLabel: options.xLabel,
    fontSize: 13,
    fontFamily: IMAGE_FONT_FAMILY,
  });
  svg.setAttribute('xmlns', SVG_NS);
  svg.setAttribute('role', 'img');
  // Plot's stylesheet sets the page's colour and a CSS background variable; a file needs plain attributes.
  svg.setAttribute('fill', '#000000');
  svg.removeAttribute('style');
  svg.setAttribute('style', `background: #ffffff; font-family: ${IMAGE_FONT_FAMILY.replaceAll('"', "'")}; font-size: 13px`);

  const first = svg.firstChild;
  const description = [options.title, options.summary].filter(Boolean).join('. ');
  if (description) svg.setAttribute('aria-label', description);
  if (options.summary) {
    const desc = document.createElementNS(SVG_NS, 'desc');
    desc.textContent = options.summary;
    svg.insertBefore(desc, first);
  }
  if (options.title) {
    const title = document.createElementNS(SVG_NS, 'title');
    title.textContent = options.title;
    svg.insertBefore(title, svg.firstChild);
  }
  const background = document.createElementNS(SVG_NS, 'rect');
  for (const [key, value] of Object.entries({ x: 0, y: 0, width, height, fill: '#ffffff' })) background.setAttribute(key, String(value));
  svg.insertBefore(background, first);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${toXml(svg)}\n`;
}

const escapeText = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
const escapeAttribute = (text: string) => escapeText(text).replaceAll('"', '&quot;');

/** XML, not HTML, serialisation: a DOM library's outerHTML leaves "<" unescaped in attributes. */
function toXml(node: Node): string {
  if (node.nodeType === 3) return escapeText(node.textContent ?? '');
  if (node.nodeType !== 1) return '';
  const element = node as Element;
  const attributes = [...element.attributes].map((attribute) => ` ${attribute.name}="${escapeAttribute(attribute.value)}"`).join('');
  const children = [...element.childNodes].map(toXml).join('');
  const name = element.localName;
  return children ? `<${name}${attributes}>${children}</${name}>` : `<${name}${attributes}/>`;
}
