// Types for scripts/prisma-generate.mjs (plain JS so `npm ci` can run it without a TS loader).
export declare const PROVIDERS: string[];
export declare function schemaForProvider(
  source: string,
  provider: 'sqlite' | 'postgresql',
  options?: { clientOutput?: string | null; dmmfOutput?: string | null },
): string;
export declare function prismaGenerate(schemaPath: string, cwd?: string): void;
