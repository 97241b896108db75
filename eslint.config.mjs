import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules/", "bin/", "coverage/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.js"],
    languageOptions: {
      sourceType: "commonjs",
      globals: { module: "writable", require: "readonly", process: "readonly", __dirname: "readonly" },
    },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    // Imports flow down the picture (docs/ARCHITECTURE.md): components never reach up into the stack config or
    // the targets, so they stay reusable by other programs.
    files: ["components/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "(^|/)(config|targets)(/|$)",
              message: "components/ must not import config/ or targets/ (imports flow downward only).",
            },
          ],
        },
      ],
    },
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
      // require() is deliberate: targets load lazily (only the selected target's SDK), and the offline plan
      // reaches two internal modules of the pinned @pulumi/pulumi.
      "@typescript-eslint/no-require-imports": "off",
    },
  },
);
