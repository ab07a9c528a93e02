// The FQL syntax tree. FQL is Segment's filter query language (destination filters,
// subscription triggers); see shared/research/segment.md B5.

export type Literal = string | number | boolean | null;

export type FqlNode =
  | { kind: 'literal'; value: Literal }
  | { kind: 'list'; items: Literal[] }
  | { kind: 'path'; segments: string[] }
  | { kind: 'call'; name: string; args: FqlNode[] }
  | { kind: 'not'; operand: FqlNode }
  | { kind: 'logical'; op: 'and' | 'or'; left: FqlNode; right: FqlNode }
  | { kind: 'compare'; op: CompareOp; left: FqlNode; right: FqlNode }
  | { kind: 'in'; left: FqlNode; list: Literal[] };

export type CompareOp = '=' | '!=' | '<' | '<=' | '>' | '>=';

/** The functions FQL documents; a call to any other name is a parse error (Segment would reject it). */
export const FQL_FUNCTIONS: Readonly<Record<string, number>> = {
  contains: 2,
  match: 2,
  length: 1,
  lowercase: 1,
  uppercase: 1,
  snakecase: 1,
  kebabcase: 1,
  titlecase: 1,
  typeof: 1,
  bool: 1,
  string: 1,
  number: 1,
};

export class FqlSyntaxError extends Error {
  /** 0-based character offset of the problem in the source. */
  readonly offset: number;
  constructor(message: string, offset: number) {
    super(`${message} at character ${offset + 1}`);
    this.name = 'FqlSyntaxError';
    this.offset = offset;
  }
}
