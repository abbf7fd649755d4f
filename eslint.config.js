// Type-aware rules that catch async mistakes matter more here than style rules.
import js from '@eslint/js';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const webAppFiles = ['clients/web-app/**/*.{ts,tsx}'];

export default tseslint.config(
  // Fixtures are deliberately wrong code, compiled by the tests that expect it to fail.
  {
    ignores: [
      '**/node_modules/**',
      '**/generated/**',
      '**/dist/**',
      'coverage/**',
      '.data/**',
      '.stryker-tmp/**',
      'reports/**',
      'clients/*/test/fixtures/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['eslint.config.js', 'stryker.config.mjs', '.ci/*.mjs', 'docker/*.mjs'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      // Apollo and Express want async callbacks whether or not they await.
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.test.ts', 'test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  // The web app: the Rules of Hooks (and the React Compiler's checks that come with them), and
  // accessibility rules for its JSX (labels, roles, keyboard access), which axe-core then checks in the browser.
  { ...reactHooks.configs.flat.recommended, files: webAppFiles },
  { ...jsxA11y.flatConfigs.recommended, files: webAppFiles },
  { files: ['eslint.config.js', 'stryker.config.mjs', '.ci/*.mjs'], extends: [tseslint.configs.disableTypeChecked] },
);
