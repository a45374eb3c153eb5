// ESLint flat config. typescript-eslint's recommended rules (not the type-checked set: these run
// in a second or two over the whole tree), react-hooks' recommended rules for the renderer.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test/fixtures/**', 'resources/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      // The ideographic space U+3000 is Chinese typography (indent, gap between label and value)
      // in report titles, notes and UI text; anywhere else it is still an error.
      'no-irregular-whitespace': [
        'error',
        { skipStrings: true, skipTemplates: true, skipJSXText: true, skipComments: true },
      ],
      // tsc (noUnusedLocals/noUnusedParameters) reports these too; `_`-prefixed names are meant.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
    },
  },
  {
    // Long functions hide their structure: pages read as layout + hooks + pure functions, writers as
    // one function per sheet. Left whole on purpose: the scoring hot paths (one compiled closure per
    // method, see shared/scoring) and the sheet-XML cell loop, where a call per cell costs seconds at
    // province size.
    files: ['electron/**/*.ts', 'shared/**/*.ts', 'renderer/src/**/*.{ts,tsx}'],
    ignores: [
      'shared/scoring/engine.ts',
      'shared/scoring/fast.ts',
      'shared/scoring/methods.ts',
      'electron/excel/sheet-xml.ts',
    ],
    rules: { 'max-lines-per-function': ['error', { max: 120, skipBlankLines: true, skipComments: true }] },
  },
  {
    // Tests read untyped JSON (spec examples, HTTP bodies) and stand in for Electron's modules;
    // `any` is the honest type there. Production code keeps the rule.
    files: ['test/**/*.{ts,tsx}'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Plain Node scripts (launchers, build helpers): TypeScript does not check these names.
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        fetch: 'readonly',
        performance: 'readonly',
      },
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat.recommended,
    rules: {
      ...reactHooks.configs.flat.recommended.rules,
      // These three are React Compiler diagnostics; this app is not compiled by it. They flag the
      // app's two deliberate patterns: pages load their data in an effect when they become active
      // (set-state-in-effect), and callbacks read the latest year/scheme through a ref kept current
      // during render (refs, immutability). Rules of hooks and exhaustive-deps stay errors.
      'react-hooks/set-state-in-effect': 'off',
      'react-hooks/refs': 'off',
      'react-hooks/immutability': 'off',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
);
