// ESLint (flat config): `npm run lint`, and CI before the tests. One line of defence so far: no
// regular expression that can backtrack super-linearly, since untrusted text reaches many of them.
// The parser is typescript-eslint's, without type information, on the TypeScript 6 API: package.json
// installs TypeScript 6 as `typescript` for tools and TypeScript 7 as `@typescript/native` for tsc.
import tsParser from '@typescript-eslint/parser';
import regexp from 'eslint-plugin-regexp';

export default [
  {
    files: ['server/**/*.ts', 'scripts/**/*.ts'],
    languageOptions: { parser: tsParser },
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
