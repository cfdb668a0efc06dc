import QRCode from 'qrcode';
import { buildArtworkStream, buildQrOperators } from './certificate-artwork.js';

describe('certificate artwork', () => {
  it('draws the QR code as rectangles covering exactly its dark modules, inside a 2-module quiet zone', () => {
    const url = 'https://competences.example.org/verify/6f1c2a4e-8d3b-4c1a-9e55-2b7f0c1d9a10';
    const { size, data } = QRCode.create(url, { errorCorrectionLevel: 'M' }).modules;
    const { modules, operators } = buildQrOperators(url);
    expect(modules).toBe(size + 4);
    const dark = new Set<string>();
    for (const [, x, y, width] of operators.matchAll(/^(\d+) (\d+) (\d+) 1 re$/gm)) {
      for (let i = 0; i < Number(width); i += 1) dark.add(`${Number(x) + i - 2},${modules - 3 - Number(y)}`);
    }
    const expected = new Set<string>();
    data.forEach((bit, index) => bit && expected.add(`${index % size},${Math.floor(index / size)}`));
    expect(dark).toEqual(expected);
  });

  it('builds the page artwork once, the same every time', () => {
    expect(Buffer.from(buildArtworkStream()).equals(Buffer.from(buildArtworkStream()))).toBe(true);
  });
});
