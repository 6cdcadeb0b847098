/** A pixel count in megapixels for messages: 900000000 → "900", 1500000 → "1.5", 1234 → "0.001". */
export function megapixels(pixels: number): string {
  const mp = pixels / 1e6;
  if (mp >= 10) return String(Math.round(mp));
  return String(Number(mp.toPrecision(2)));
}
