// Module resolution hook for running the CLI from the repository's sources: adds the
// `source` export condition, under which every @chaperone/* package resolves to its
// src/*.ts instead of its built dist/. Node has no runtime switch for conditions other
// than the --conditions flag, which a bin cannot pass to its own process.
export async function resolve(specifier, context, next) {
  return next(specifier, { ...context, conditions: [...context.conditions, 'source'] });
}
