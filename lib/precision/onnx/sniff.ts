/** Names what a non-ONNX file most likely is, so the error can say more than "not ONNX". */
const SIGNATURES: [bytes: number[], what: string][] = [
  [[0x89, 0x50, 0x4e, 0x47], 'a PNG image'],
  [[0xff, 0xd8, 0xff], 'a JPEG image'],
  [[0x47, 0x49, 0x46, 0x38], 'a GIF image'],
  [[0x42, 0x4d], 'a BMP image'],
  [[0x50, 0x4b, 0x03, 0x04], 'a ZIP archive (a PyTorch .pt checkpoint is one: export it with torch.onnx.export)'],
  [[0x1f, 0x8b], 'a gzip archive'],
  [[0x80, 0x02], 'a Python pickle'],
  [[0x7f, 0x45, 0x4c, 0x46], 'an executable (ELF)'],
];

export function sniffFileKind(bytes: Uint8Array): string | undefined {
  for (const [sig, what] of SIGNATURES) if (sig.every((b, i) => bytes[i] === b)) return what;
  const head = bytes.subarray(0, 512);
  const printable = head.filter((b) => b === 9 || b === 10 || b === 13 || (b >= 32 && b < 127)).length;
  if (head.length > 0 && printable / head.length > 0.95) return 'a text file';
  return undefined;
}
