// ESLint (flat config): `npm run lint`, and CI before the tests. Two lines of defence: no regular
// expression that can backtrack super-linearly (untrusted text reaches many of them), and
// typescript-eslint's recommended rules (unused code, `let` that never changes). Layout is Prettier's
// (`npm run format`; `.prettierrc.json`), checked by `npm run lint` too, so style is never a review
// comment. The parser is typescript-eslint's, without type information, on the TypeScript 6 API:
// package.json installs TypeScript 6 as `typescript` for tools and TypeScript 7 for `npm run typecheck`.
import tseslint from 'typescript-eslint';
import regexp from 'eslint-plugin-regexp';

const CODE = ['server/**/*.ts', 'scripts/**/*.ts', 'tests/**/*.ts'];

export default [
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'coverage/**', 'tests/fixtures/lint/**'] },
  ...tseslint.configs.recommended.map((config) => ({ ...config, files: CODE })),
  {
    files: CODE,
    rules: {
      // `_`-prefixed names are kept on purpose (a parameter a signature needs, a rest that drops keys).
      // A `let` written once later but read first (by a closure), or destructured beside one that changes, stays `let`.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true, destructuring: 'all' }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', caughtErrors: 'none' },
      ],
    },
  },
  {
    files: ['server/**/*.ts', 'scripts/**/*.ts'],
    plugins: { regexp },
    rules: {
      ...regexp.configs.recommended.rules,
      'regexp/no-super-linear-backtracking': 'error',
      'regexp/no-super-linear-move': 'error',
      // Matters of style, not of safety, that the code did not follow when the lint came (37 places):
      // off until someone makes them one change of their own.
      'no-control-regex': 'off',
      'regexp/control-character-escape': 'off',
      'regexp/no-unused-capturing-group': 'off',
      'regexp/prefer-w': 'off',
      'regexp/use-ignore-case': 'off',
    },
  },
];
