// Lint: eslint-plugin-react-hooks' recommended set (the React Compiler rules too) and typescript-eslint's type-aware
// rules on the packages and the playground; plain recommended rules on the scripts. Formatting is
// Prettier's (eslint-config-prettier turns off the rules it owns).
import js from '@eslint/js'
import prettier from 'eslint-config-prettier'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  {
    // examples/ and the size benchmark's twins are apps of their own, installed with npm from the packed
    // packages: the consumer test (scripts/consumer-test.mjs) typechecks and builds them there.
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      'docs/api/**',
      '**/.tmp/**',
      'coverage/**',
      'examples/**',
      'bench/twins/**',
    ],
  },
  js.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['packages/*/tsdown.config.ts'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      // The recommended set of eslint-plugin-react-hooks 7, React Compiler rules included; warnings
      // are errors here.
      ...Object.fromEntries(
        Object.entries(reactHooks.configs['recommended-latest'].rules).map(([rule]) => [rule, 'error']),
      ),
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      // `{}` is the honest default for "no extra properties" in the hooks' type parameters.
      '@typescript-eslint/no-empty-object-type': ['error', { allowObjectTypes: 'always' }],
    },
  },
  {
    files: ['**/__tests__/**/*.{ts,tsx}', '**/*.test-d.ts'],
    rules: {
      // Tests hand deliberately wrong values to the API and read mocks' calls.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/no-floating-promises': 'off',
      // act(async () => …) flushes React's work even when the callback awaits nothing.
      '@typescript-eslint/require-await': 'off',
      // rules-of-hooks cannot tell a type test's hook calls from a component's.
      'react-hooks/rules-of-hooks': 'off',
      // A probe component hands the hook's result to the test through a variable outside it.
      'react-hooks/globals': 'off',
    },
  },
  {
    files: ['**/*.{js,mjs}'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  prettier,
)
