export { parseFql, tryParseFql } from './parser.ts';
export { evaluateFql, globMatches } from './evaluate.ts';
export { neverMatches, EVENT_TYPES, type MatchUniverse } from './never-matches.ts';
export { FqlSyntaxError, type FqlNode, type Literal } from './ast.ts';
