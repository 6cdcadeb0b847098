/**
 * ONNX's own checker as an external judge of the variants we write: Debian's python3-onnx,
 * `onnx.checker.check_model(full_check=True)`. Tests using it skip when no python has `onnx`.
 */
import { execFileSync, spawnSync } from 'node:child_process';

/** The first python with the `onnx` package (Debian's python3-onnx lives in /usr/bin/python3). */
function pythonWithOnnx(): string | undefined {
  for (const py of ['python3', '/usr/bin/python3']) {
    if (spawnSync(py, ['-c', 'import onnx'], { stdio: 'ignore' }).status === 0) return py;
  }
  return undefined;
}

export const checkerPython = pythonWithOnnx();

const CHECK = `
import sys, onnx
for f in sys.argv[1:]:
    onnx.checker.check_model(onnx.load(f), full_check=True)
    print("ok", f)
`;

/** Checks every file; throws (with the checker's message) on the first it rejects; returns the count accepted. */
export function checkModels(files: string[]): number {
  const out = execFileSync(checkerPython!, ['-c', CHECK, ...files], { encoding: 'utf8' });
  return out.trim().split('\n').filter((l) => l.startsWith('ok ')).length;
}

/** True when the checker accepts the file. */
export function checkerAccepts(file: string): boolean {
  return spawnSync(checkerPython!, ['-c', CHECK, file]).status === 0;
}
