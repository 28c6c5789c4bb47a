import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['**/node_modules/**', '**/dist/**', '**/.data/**', 'test-output/**', '**/*.py'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        window: 'readonly',
        document: 'readonly',
        console: 'readonly',
        process: 'readonly',
        globalThis: 'readonly',
        require: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    // The pure core is held to the strictest rules: no `any`, no framework imports.
    files: ['extensions/dotatate-liver/src/core/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-imports': [
        'error',
        { patterns: ['react', 'react-dom', '@ohif/*', '@cornerstonejs/core', '@cornerstonejs/tools', '../inference/*', '../dicom/*', '../adapter/*', '../Panels/*'] },
      ],
    },
  },
  {
    // The review state is framework-free as well: core types only, no UI, OHIF, viewer or DICOM code.
    files: ['extensions/dotatate-liver/src/state/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-imports': [
        'error',
        { patterns: ['react', 'react-dom', '@ohif/*', '@cornerstonejs/*', 'dcmjs', '../inference/*', '../dicom/*', '../adapter/*', '../Panels/*', '../ui/*'] },
      ],
    },
  },
);
