/** `npm run wasm:build`: rewrites each kernel's bytes module from its .wat source (see scripts/wasm/compile-wat.ts). */
import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { kernelModuleText, WASM_KERNELS } from './wasm/compile-wat';

for (const kernel of WASM_KERNELS) {
  writeFileSync(kernel.module, await kernelModuleText(kernel));
  console.log(`wrote ${relative(process.cwd(), kernel.module)}`);
}
