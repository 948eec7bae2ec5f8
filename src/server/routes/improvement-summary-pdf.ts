/**
 * The one-page project summary as a PDF, drawn with pdfkit (the outcome chart's
 * SVG through svg-to-pdfkit), so the server needs no browser. Every block has a
 * fixed box and stops with "and N more" when full: the summary stays one page.
 */
import PDFDocument from 'pdfkit';
import SVGtoPDF from 'svg-to-pdfkit';
import { formatSchoolDate } from '../../core/improvement/aim.ts';
import { decisionWord, type OutlineItem } from '../../core/improvement/report.ts';
import type { SummaryView } from './improvement-reports.ts';

export interface PdfOptions {
  paper: 'a4' | 'letter';
  today: string;
  /** Leave the page streams uncompressed (for reading the PDF as text in tests). */
  compress?: boolean;
}

const MARGIN = 36;
const INK = '#1a1a1a';
const MUTED = '#4a4a4a';

/**
 * The standard PDF fonts cover Windows-1252 only: map the typographic characters
 * teachers type to near equivalents and anything else to "?", rather than print garbage.
 */
export function pdfText(text: string): string {
  const replaced = text
    .replace(/[→⟶]/g, '->')
    .replace(/[≥]/g, '>=')
    .replace(/[≤]/g, '<=')
    .replace(/[′]/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
  return [...replaced].map((ch) => (/[\u0020-\u007e\u00a0-\u00ff‘’“”–—…•€]/.test(ch) ? ch : '?')).join('');
}

export function summaryPdf(view: SummaryView, options: PdfOptions): Promise<Buffer> {
  const doc = new PDFDocument({
    size: options.paper === 'letter' ? 'LETTER' : 'A4',
    margin: MARGIN,
    compress: options.compress ?? true,
    info: { Title: pdfText(`${view.title}: project summary`), Subject: pdfText(view.aimSentence), Creator: 'Trellis' },
    lang: 'en',
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const width = doc.page.width - 2 * MARGIN;
  const bottom = doc.page.height - MARGIN;
  let y = MARGIN;

  doc.font('Helvetica-Bold').fontSize(16).fillColor(INK).text(pdfText(view.title), MARGIN, y, { width, height: 40, ellipsis: true });
  y = doc.y + 2;
  doc.font('Helvetica').fontSize(9).fillColor(MUTED)
    .text(pdfText(`${view.job} project · ${view.scopeName} · status: ${view.status} · summary of ${formatSchoolDate(options.today)}`), MARGIN, y, { width });
  y = doc.y + 6;
  doc.font('Helvetica-Bold').fontSize(10).fillColor(INK).text('Aim: ', MARGIN, y, { continued: true })
    .font('Helvetica').text(pdfText(view.aimSentence), { width, height: 40, ellipsis: true });
  y = doc.y + 4;
  if (view.members.length > 0) {
    const people = view.members.map((m) => `${m.name} (${m.role}${m.department ? `, ${m.department}` : ''})`).join('; ');
    doc.fontSize(8).fillColor(MUTED).text(pdfText(`Team: ${people}`), MARGIN, y, { width, height: 24, ellipsis: true });
    y = doc.y + 6;
  }

  // The outcome chart with the PDSA cycles marked.
  const chartHeight = 190;
  heading(doc, view.outcome ? `Outcome measure: ${view.outcome.name}` : 'Outcome measure', MARGIN, y, width);
  y = doc.y + 2;
  if (view.outcome?.svg) {
    SVGtoPDF(doc, view.outcome.svg, MARGIN, y, { width, height: chartHeight, preserveAspectRatio: 'xMinYMin meet', assumePt: false });
    y += chartHeight + 2;
  }
  doc.font('Helvetica').fontSize(8).fillColor(INK)
    .text(pdfText(view.outcome ? view.outcome.summary : 'No outcome measure yet: add one on the Measures tab.'), MARGIN, y, { width, height: 30, ellipsis: true });
  y = doc.y + 8;

  // Two columns: the driver diagram and latest learning on the left, the cycles on the right.
  const gap = 14;
  const left = (width - gap) * 0.42;
  const right = width - gap - left;
  const top = y;
  const latestHeight = 110;
  drawOutline(doc, view.driverOutline, MARGIN, top, left, bottom - latestHeight - top);
  drawLatest(doc, view.latest, MARGIN, bottom - latestHeight + 6, left, bottom);
  drawCycles(doc, view.cycles as SummaryView['cycles'], MARGIN + left + gap, top, right, bottom);

  doc.end();
  return done;
}

function heading(doc: PDFKit.PDFDocument, text: string, x: number, y: number, width: number): void {
  doc.font('Helvetica-Bold').fontSize(10).fillColor(INK).text(pdfText(text), x, y, { width, height: 14, ellipsis: true });
}

/** Writes `text` if it fits above `limit`; false when it would not. */
function line(doc: PDFKit.PDFDocument, text: string, x: number, width: number, limit: number, options: { bold?: boolean; size?: number; color?: string } = {}): boolean {
  doc.font(options.bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(options.size ?? 8);
  const safe = pdfText(text);
  const height = doc.heightOfString(safe, { width });
  if (doc.y + height > limit) return false;
  doc.fillColor(options.color ?? INK).text(safe, x, doc.y, { width });
  return true;
}

function drawOutline(doc: PDFKit.PDFDocument, outline: OutlineItem[], x: number, top: number, width: number, height: number): void {
  heading(doc, 'Driver diagram', x, top, width);
  const limit = top + height;
  const flat: { item: OutlineItem; depth: number }[] = [];
  const walk = (items: OutlineItem[], depth: number) => items.forEach((item) => (flat.push({ item, depth }), walk(item.children, depth + 1)));
  walk(outline, 0);
  if (flat.length === 0) {
    line(doc, 'No driver diagram yet.', x, width, limit, { color: MUTED });
    return;
  }
  const labels: Record<string, string> = { aim: 'Aim', primary: 'Primary', secondary: 'Secondary', change_idea: 'Change idea' };
  for (const [i, { item, depth }] of flat.entries()) {
    const indent = depth * 10;
    const fits = line(doc, `${labels[item.kind] ?? item.kind}: ${item.text}`, x + indent, width - indent, limit - 10, { bold: item.kind === 'aim' || item.kind === 'primary' });
    if (!fits) {
      line(doc, `… and ${flat.length - i} more in the app`, x, width, limit, { color: MUTED });
      return;
    }
  }
}

function drawLatest(doc: PDFKit.PDFDocument, latest: SummaryView['latest'], x: number, top: number, width: number, limit: number): void {
  heading(doc, 'Latest learning', x, top, width);
  if (latest.length === 0) line(doc, 'Nothing recorded yet.', x, width, limit, { color: MUTED });
  for (const entry of latest) {
    if (!line(doc, `${formatSchoolDate(entry.at.slice(0, 10))}: ${entry.summary}`, x, width, limit)) return;
  }
}

function drawCycles(doc: PDFKit.PDFDocument, cycles: SummaryView['cycles'], x: number, top: number, width: number, limit: number): void {
  heading(doc, 'PDSA cycles', x, top, width);
  if (cycles.length === 0) line(doc, 'No cycles yet.', x, width, limit, { color: MUTED });
  for (const [i, cycle] of cycles.entries()) {
    const started = cycle.startedOn ? `started ${formatSchoolDate(cycle.startedOn)}` : 'not started';
    const blocks: [string, { bold?: boolean; color?: string }][] = [
      [`${i + 1}. ${cycle.title} (${cycle.scale}, ${started})`, { bold: true }],
      [`Question: ${cycle.question || '-'}`, {}],
      [`Prediction: ${cycle.prediction || '-'}`, {}],
      [`Result: ${cycle.results || 'not studied yet'}`, {}],
      [`Decision: ${decisionWord(cycle.decision)}${cycle.nextStep ? ` - ${cycle.nextStep}` : ''}`, { color: MUTED }],
    ];
    for (const [text, style] of blocks) {
      if (!line(doc, text, x, width, limit - 10, style)) {
        line(doc, `… and ${cycles.length - i} more cycles in the app`, x, width, limit, { color: MUTED });
        return;
      }
    }
    doc.y += 4;
  }
}
