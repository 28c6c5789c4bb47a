import { metricsAt, poolRecords, precisionRecallAuc, operatingPoints, frocCurve } from 'ohif-extension-dotatate-liver/src/core/evaluation';
import type { MatchRecords, StudyEvaluation, CurvePoint } from 'ohif-extension-dotatate-liver/src/core/evaluation';

/** Metrics of one pixel filter against one reference, pooled over the studies. */
export interface FilterRow {
  filterPx: number;
  slice: { ppv: number; sensitivity: number; f1: number; prAuc: number; truePositives: number; falsePositives: number; detected: number; references: number };
  lesion: { ppv: number; sensitivity: number; f1: number; falsePositivesPerStudy: number; detected: number; references: number };
  prCurve: CurvePoint[];
  froc: { falsePositivesPerStudy: number; sensitivity: number; threshold: number }[];
}

/** Pools per-study evaluations (one list per study, one entry per filter) into rows. */
export function summarise(perStudy: StudyEvaluation[][]): FilterRow[] {
  if (perStudy.length === 0) return [];
  return perStudy[0].map((_, f) => {
    const slice: MatchRecords = poolRecords(perStudy.map((study) => study[f].slice));
    const lesion: MatchRecords = poolRecords(perStudy.map((study) => study[f].lesion));
    const s = metricsAt(slice);
    const l = metricsAt(lesion);
    return {
      filterPx: perStudy[0][f].filterPx,
      slice: { ppv: s.ppv, sensitivity: s.sensitivity, f1: s.f1, prAuc: precisionRecallAuc(slice), truePositives: s.truePositives, falsePositives: s.falsePositives, detected: s.detectedReferences, references: s.references },
      lesion: { ppv: l.ppv, sensitivity: l.sensitivity, f1: l.f1, falsePositivesPerStudy: l.falsePositivesPerStudy, detected: l.detectedReferences, references: l.references },
      prCurve: operatingPoints(slice),
      froc: frocCurve(lesion),
    };
  });
}

const f2 = (value: number) => (Number.isFinite(value) ? value.toFixed(2) : '–');

/** The paper's Table 2 layout: metrics as rows, pixel filters as columns. */
export function table2Markdown(rows: FilterRow[]): string {
  const header = `| noise filter (px) | ${rows.map((row) => row.filterPx).join(' | ')} |\n|---|${rows.map(() => '---').join('|')}|`;
  const line = (name: string, pick: (row: FilterRow) => number) => `| ${name} | ${rows.map((row) => f2(pick(row))).join(' | ')} |`;
  return [header, line('PPV', (r) => r.slice.ppv), line('Sensitivity', (r) => r.slice.sensitivity), line('F1', (r) => r.slice.f1), line('PR-AUC', (r) => r.slice.prAuc)].join('\n');
}

/** Lesion-level (3D) metrics in the same layout. */
export function lesionTableMarkdown(rows: FilterRow[]): string {
  const header = `| noise filter (px) | ${rows.map((row) => row.filterPx).join(' | ')} |\n|---|${rows.map(() => '---').join('|')}|`;
  const line = (name: string, pick: (row: FilterRow) => number) => `| ${name} | ${rows.map((row) => f2(pick(row))).join(' | ')} |`;
  return [
    header,
    line('PPV', (r) => r.lesion.ppv),
    line('Sensitivity', (r) => r.lesion.sensitivity),
    line('F1', (r) => r.lesion.f1),
    line('FP per study', (r) => r.lesion.falsePositivesPerStudy),
    `| detected / lesions | ${rows.map((r) => `${r.lesion.detected}/${r.lesion.references}`).join(' | ')} |`,
  ].join('\n');
}

const COLOURS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b'];

/**
 * A line chart as standalone SVG: one polyline per series, axes from 0 to xMax / 1, a legend.
 * Used for precision–recall (x recall, y precision) and FROC (x FP per study, y sensitivity).
 */
export function lineChartSvg(title: string, xLabel: string, yLabel: string, series: { name: string; points: [number, number][] }[], xMax = 1): string {
  const width = 480;
  const height = 360;
  const left = 56;
  const bottom = 44;
  const top = 32;
  const right = 120;
  const px = (x: number) => left + (x / xMax) * (width - left - right);
  const py = (y: number) => height - bottom - y * (height - top - bottom);
  const ticks = [0, 0.25, 0.5, 0.75, 1];
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    `<text x="${width / 2 - 40}" y="18" font-size="13">${escapeXml(title)}</text>`,
    `<line x1="${left}" y1="${py(0)}" x2="${px(xMax)}" y2="${py(0)}" stroke="black"/>`,
    `<line x1="${left}" y1="${py(0)}" x2="${left}" y2="${py(1)}" stroke="black"/>`,
    ...ticks.map((t) => `<text x="${left - 30}" y="${py(t) + 4}">${t.toFixed(2)}</text><line x1="${left}" y1="${py(t)}" x2="${px(xMax)}" y2="${py(t)}" stroke="#ddd"/>`),
    ...ticks.map((t) => `<text x="${px(t * xMax) - 10}" y="${py(0) + 16}">${(t * xMax).toFixed(xMax > 2 ? 1 : 2)}</text>`),
    `<text x="${(left + px(xMax)) / 2 - 20}" y="${height - 8}">${escapeXml(xLabel)}</text>`,
    `<text transform="translate(14 ${(top + py(0)) / 2 + 20}) rotate(-90)">${escapeXml(yLabel)}</text>`,
  ];
  series.forEach((s, n) => {
    const colour = COLOURS[n % COLOURS.length];
    const points = s.points.filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y)).map(([x, y]) => `${px(Math.min(x, xMax)).toFixed(1)},${py(y).toFixed(1)}`);
    if (points.length) parts.push(`<polyline fill="none" stroke="${colour}" stroke-width="1.5" points="${points.join(' ')}"/>`);
    parts.push(`<line x1="${width - right + 10}" y1="${top + 14 * n}" x2="${width - right + 28}" y2="${top + 14 * n}" stroke="${colour}" stroke-width="2"/>`);
    parts.push(`<text x="${width - right + 32}" y="${top + 14 * n + 4}">${escapeXml(s.name)}</text>`);
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
