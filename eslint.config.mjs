import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Folder boundaries: lib/pipeline is the framework-free core (see DESIGN.md).
const coreBans = {
  patterns: [
    { group: ['react', 'react-dom', 'react/*', 'next', 'next/*', '@xyflow/*'], message: 'lib/pipeline stays free of React and Next.' },
    { group: ['@prisma/*', '**/lib/db/**', '@/lib/db/*', 'better-sqlite3', 'pg'], message: 'lib/pipeline never reaches the database.' },
    { group: ['onnxruntime-node', 'onnxruntime-web', 'onnxruntime-common', 'sharp'], message: 'lib/pipeline receives inference and image codecs through RuntimeServices.' },
  ],
};

export default tseslint.config(
  { ignores: ['node_modules/**', '.next/**', 'lib/db/generated/**', 'public/**', 'data/**', 'test-results/**', 'playwright-report/**', 'next-env.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  { files: ['lib/pipeline/**/*.ts'], rules: { 'no-restricted-imports': ['error', coreBans] } },
  {
    files: ['app/**/*.{ts,tsx}', 'components/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['@prisma/*', '**/lib/db/generated/**'], message: 'Reach the database through lib/db repositories.' }] }],
    },
  },
);
