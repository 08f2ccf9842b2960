// Custom Elements Manifest from JSDoc tags: the source of Storybook's docs tables.
import { posix } from 'node:path';

/** A valid custom element name (lower case, starts with a letter, contains a hyphen). */
const CUSTOM_ELEMENT_NAME = /^[a-z][a-z0-9._\u00b7\u00c0-\uffff]*-[a-z0-9._\u00b7\u00c0-\uffff-]*$/;

/**
 * Our elements are registered by `CkX.define('ck-x')` in `src/define/*.ts`,
 * not by a literal `customElements.define('ck-x', CkX)`, so the analyzer does
 * not see which tag each class gets. Worse, it reads the generic
 * `customElements.define(tag, ctor)` inside `CkElement.define` as the
 * definition of an element literally called "tag". This plugin:
 * - records every `X.define('tag')` call as a `custom-element-definition`
 *   export of its define module, pointing at the class's own module;
 * - drops definitions whose name is not a valid custom element name;
 * - sets each class's `tagName` from its definition, and fails the analysis
 *   when a class's `@tag` JSDoc names a different tag than the one defined.
 */
function checkoutKitDefinePlugin() {
  return {
    name: 'checkout-kit: X.define(tag) calls',
    analyzePhase({ ts, node, moduleDoc }) {
      if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression)) return;
      const { expression: target, name } = node.expression;
      const [tag] = node.arguments;
      if (name.text !== 'define' || !ts.isIdentifier(target) || !tag || !ts.isStringLiteralLike(tag)) return;
      const className = target.text;
      const specifier = importedFrom(ts, node.getSourceFile(), className);
      if (!specifier) return;
      const module = posix.join(posix.dirname(moduleDoc.path), specifier).replace(/\.js$/, '.ts');
      moduleDoc.exports = [
        ...(moduleDoc.exports ?? []),
        { kind: 'custom-element-definition', name: tag.text, declaration: { name: className, module } },
      ];
    },
    packageLinkPhase({ customElementsManifest }) {
      const modules = customElementsManifest.modules ?? [];
      for (const module of modules) {
        module.exports = module.exports?.filter(
          (entry) => entry.kind !== 'custom-element-definition' || CUSTOM_ELEMENT_NAME.test(entry.name),
        );
      }
      for (const module of modules) {
        for (const entry of module.exports ?? []) {
          if (entry.kind !== 'custom-element-definition') continue;
          const owner = modules.find((candidate) => candidate.path === entry.declaration.module);
          const klass = owner?.declarations?.find((declaration) => declaration.name === entry.declaration.name);
          if (!klass) throw new Error(`${module.path}: defines <${entry.name}> as ${entry.declaration.name}, which ${entry.declaration.module} does not declare`);
          if (klass.tagName && klass.tagName !== entry.name) {
            throw new Error(`${owner.path}: ${klass.name} is documented as @tag ${klass.tagName} but ${module.path} defines it as <${entry.name}>`);
          }
          klass.tagName = entry.name;
        }
      }
    },
  };
}

/** The module specifier `name` is imported from in `source`, if it is. */
function importedFrom(ts, source, name) {
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement)) continue;
    const bindings = statement.importClause?.namedBindings;
    if (bindings && ts.isNamedImports(bindings) && bindings.elements.some((element) => element.name.text === name)) {
      return statement.moduleSpecifier.text;
    }
  }
  return undefined;
}

export default {
  globs: ['src/elements/**/*.ts', 'src/define/*.ts'],
  // Harnesses are test code beside their element (see test/shared/harness.ts), not public API.
  exclude: ['src/**/*.test.ts', 'src/**/*.harness.ts', 'src/**/*.styles.ts'],
  outdir: '.',
  litelement: true,
  dependencies: false,
  packagejson: false,
  plugins: [checkoutKitDefinePlugin()],
};
