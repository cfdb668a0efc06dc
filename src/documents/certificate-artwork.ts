// The page's fixed artwork (paper tint, frames, guilloche band, rosette) and the QR code, as raw PDF drawing operators.
import { deflateSync } from 'node:zlib';
import QRCode from 'qrcode';
import { PAGE } from './certificate-layout.js';

/** RGB, 0–1. */
export const INKS: Record<'navy' | 'gold' | 'ink' | 'muted' | 'alert', [number, number, number]> = {
  navy: [0.106, 0.196, 0.353],
  gold: [0.651, 0.522, 0.247],
  ink: [0.13, 0.14, 0.17],
  muted: [0.36, 0.37, 0.42],
  alert: [0.7, 0.12, 0.12],
};
const PAPER = [1, 0.992, 0.965];
const ROSETTE = [0.955, 0.935, 0.875];
const BAND = [0.83, 0.74, 0.53];

const n = (value: number): string => (Math.round(value * 1000) / 1000).toString();
const rgb = (color: readonly number[], op: 'rg' | 'RG'): string => `${color.map(n).join(' ')} ${op}`;

/** A circle as four cubic Béziers (0.5523 is the usual quarter-circle constant). */
function circle(cx: number, cy: number, r: number): string {
  const k = 0.5523 * r;
  return [
    `${n(cx + r)} ${n(cy)} m`,
    `${n(cx + r)} ${n(cy + k)} ${n(cx + k)} ${n(cy + r)} ${n(cx)} ${n(cy + r)} c`,
    `${n(cx - k)} ${n(cy + r)} ${n(cx - r)} ${n(cy + k)} ${n(cx - r)} ${n(cy)} c`,
    `${n(cx - r)} ${n(cy - k)} ${n(cx - k)} ${n(cy - r)} ${n(cx)} ${n(cy - r)} c`,
    `${n(cx + k)} ${n(cy - r)} ${n(cx + r)} ${n(cy - k)} ${n(cx + r)} ${n(cy)} c`,
  ].join('\n');
}

/** Two interlaced waves running round a rectangle at `inset`, the engraved look of security paper. */
function guillocheBand(inset: number, amplitude: number, halfWave: number): string {
  const paths: string[] = [];
  const edges: [number, number, number, number][] = [
    [inset, inset, PAGE.width - inset, inset],
    [PAGE.width - inset, inset, PAGE.width - inset, PAGE.height - inset],
    [PAGE.width - inset, PAGE.height - inset, inset, PAGE.height - inset],
    [inset, PAGE.height - inset, inset, inset],
  ];
  for (const phase of [1, -1]) {
    for (const [x0, y0, x1, y1] of edges) {
      const length = Math.hypot(x1 - x0, y1 - y0);
      const count = Math.round(length / halfWave);
      const [ux, uy] = [(x1 - x0) / length, (y1 - y0) / length];
      const [px, py] = [-uy, ux];
      const step = length / count;
      const path = [`${n(x0)} ${n(y0)} m`];
      for (let i = 0; i < count; i += 1) {
        // A half sine wave as one Bézier: control points at a third and two thirds, 4/3 of the peak high.
        const lift = ((i % 2 === 0 ? 1 : -1) * phase * 4 * amplitude) / 3;
        const at = (t: number, h: number): string => `${n(x0 + ux * step * (i + t) + px * h)} ${n(y0 + uy * step * (i + t) + py * h)}`;
        path.push(`${at(1 / 3, lift)} ${at(2 / 3, lift)} ${at(1, 0)} c`);
      }
      paths.push(path.join('\n'));
    }
  }
  return paths.join('\n');
}

function cornerDiamonds(inset: number, size: number): string {
  const corners = [
    [inset, inset],
    [PAGE.width - inset, inset],
    [PAGE.width - inset, PAGE.height - inset],
    [inset, PAGE.height - inset],
  ];
  return corners
    .map(([x, y]) => `${n(x)} ${n(y - size)} m ${n(x + size)} ${n(y)} l ${n(x)} ${n(y + size)} l ${n(x - size)} ${n(y)} l h`)
    .join('\n');
}

/** Built once per process: the operators of the page background, compressed once, reused by every certificate. */
export function buildArtworkStream(): Uint8Array {
  const { width, height } = PAGE;
  const rosette = Array.from({ length: 36 }, (_, i) => {
    const angle = (i * Math.PI * 2) / 36;
    return circle(width / 2 + 88 * Math.cos(angle), height / 2 - 20 + 88 * Math.sin(angle), 88);
  }).join('\n');
  const operators = [
    `${rgb(PAPER, 'rg')} 0 0 ${n(width)} ${n(height)} re f`,
    `q ${rgb(ROSETTE, 'RG')} 0.5 w ${rosette} S Q`,
    `q ${rgb(INKS.navy, 'RG')} 2.6 w 18 18 ${n(width - 36)} ${n(height - 36)} re S Q`,
    `q ${rgb(INKS.gold, 'RG')} 0.8 w 24 24 ${n(width - 48)} ${n(height - 48)} re S`,
    `36 36 ${n(width - 72)} ${n(height - 72)} re S Q`,
    `q ${rgb(BAND, 'RG')} 0.35 w ${guillocheBand(30, 2.6, 5)} S Q`,
    `q ${rgb(INKS.navy, 'rg')} ${rgb(INKS.gold, 'RG')} 0.8 w ${cornerDiamonds(21, 7)} B Q`,
  ].join('\n');
  return deflateSync(Buffer.from(operators, 'latin1'));
}

/**
 * The QR code as filled unit squares, one rectangle per horizontal stretch of dark modules, on a white square with
 * the 2-module quiet zone that phone cameras need; vector, so it stays sharp at any zoom and costs no image decoding.
 * Returns the module count (for scaling) and the uncompressed operators.
 */
export function buildQrOperators(url: string): { modules: number; operators: string } {
  const qr = QRCode.create(url, { errorCorrectionLevel: 'M' });
  const { size, data } = qr.modules;
  const quiet = 2;
  const total = size + quiet * 2;
  const rects: string[] = [];
  for (let row = 0; row < size; row += 1) {
    let col = 0;
    while (col < size) {
      if (!data[row * size + col]) {
        col += 1;
        continue;
      }
      const start = col;
      while (col < size && data[row * size + col]) col += 1;
      // PDF's y axis goes up: row 0 is the top line.
      rects.push(`${start + quiet} ${total - quiet - row - 1} ${col - start} 1 re`);
    }
  }
  const [r, g, b] = INKS.navy;
  return {
    modules: total,
    operators: `1 1 1 rg 0 0 ${total} ${total} re f\n${n(r * 0.4)} ${n(g * 0.4)} ${n(b * 0.4)} rg\n${rects.join('\n')}\nf`,
  };
}
