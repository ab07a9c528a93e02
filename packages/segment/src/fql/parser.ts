// Recursive-descent FQL parser. Precedence, loosest first: or, and, !, comparison/in.
// Hand-written for the reason given in tokenizer.ts.
import { FQL_FUNCTIONS, FqlSyntaxError, type CompareOp, type FqlNode, type Literal } from './ast.ts';
import { tokenize, type Token } from './tokenizer.ts';

const COMPARE_OPS = new Set(['=', '!=', '<', '<=', '>', '>=']);

export function parseFql(source: string): FqlNode {
  if (source.trim() === '') throw new FqlSyntaxError('empty expression', 0);
  // Destination filters that apply to every event carry the condition `all`.
  if (source.trim() === 'all') return { kind: 'literal', value: true };
  const parser = new Parser(tokenize(source));
  const node = parser.expression();
  parser.expectEnd();
  return node;
}

/** Parses without throwing: the tree, or the one-line reason Segment would reject it. */
export function tryParseFql(source: string): { ok: true; ast: FqlNode } | { ok: false; error: string } {
  try {
    return { ok: true, ast: parseFql(source) };
  } catch (error) {
    if (error instanceof FqlSyntaxError) return { ok: false, error: error.message };
    throw error;
  }
}

class Parser {
  private pos = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token {
    return this.tokens[this.pos]!;
  }

  private next(): Token {
    const token = this.tokens[this.pos]!;
    if (token.type !== 'eof') this.pos += 1;
    return token;
  }

  private isKeyword(word: string): boolean {
    const t = this.peek();
    return t.type === 'ident' && t.value === word;
  }

  private isPunct(value: string): boolean {
    const t = this.peek();
    return t.type === 'punct' && t.value === value;
  }

  private expectPunct(value: string): void {
    const t = this.next();
    if (t.type !== 'punct' || t.value !== value) throw new FqlSyntaxError(`expected "${value}"`, t.offset);
  }

  expectEnd(): void {
    const t = this.peek();
    if (t.type !== 'eof') throw new FqlSyntaxError('unexpected token', t.offset);
  }

  expression(): FqlNode {
    let left = this.conjunction();
    while (this.isKeyword('or')) {
      this.next();
      left = { kind: 'logical', op: 'or', left, right: this.conjunction() };
    }
    return left;
  }

  private conjunction(): FqlNode {
    let left = this.unary();
    while (this.isKeyword('and')) {
      this.next();
      left = { kind: 'logical', op: 'and', left, right: this.unary() };
    }
    return left;
  }

  private unary(): FqlNode {
    const t = this.peek();
    if (t.type === 'op' && t.value === '!') {
      this.next();
      return { kind: 'not', operand: this.unary() };
    }
    return this.comparison();
  }

  private comparison(): FqlNode {
    const left = this.operand();
    const t = this.peek();
    if (t.type === 'op' && COMPARE_OPS.has(t.value)) {
      this.next();
      return { kind: 'compare', op: t.value as CompareOp, left, right: this.operand() };
    }
    if (this.isKeyword('in')) {
      this.next();
      return { kind: 'in', left, list: this.list() };
    }
    return left;
  }

  private list(): Literal[] {
    this.expectPunct('[');
    const items: Literal[] = [];
    if (this.isPunct(']')) {
      this.next();
      return items;
    }
    for (;;) {
      const item = this.operand();
      if (item.kind !== 'literal') throw new FqlSyntaxError('list items must be literals', this.peek().offset);
      items.push(item.value);
      if (this.isPunct(',')) {
        this.next();
        continue;
      }
      this.expectPunct(']');
      return items;
    }
  }

  private operand(): FqlNode {
    const t = this.next();
    switch (t.type) {
      case 'string':
      case 'number':
        return { kind: 'literal', value: t.value };
      case 'punct':
        if (t.value === '(') {
          const inner = this.expression();
          this.expectPunct(')');
          return inner;
        }
        throw new FqlSyntaxError(`unexpected "${t.value}"`, t.offset);
      case 'ident':
        return this.identifier(t);
      case 'op':
        throw new FqlSyntaxError(`unexpected operator "${t.value}"`, t.offset);
      case 'eof':
        throw new FqlSyntaxError('unexpected end of expression', t.offset);
    }
  }

  private identifier(t: Extract<Token, { type: 'ident' }>): FqlNode {
    if (t.value === 'true') return { kind: 'literal', value: true };
    if (t.value === 'false') return { kind: 'literal', value: false };
    if (t.value === 'null') return { kind: 'literal', value: null };
    if (t.value === 'and' || t.value === 'or' || t.value === 'in') {
      throw new FqlSyntaxError(`unexpected keyword "${t.value}"`, t.offset);
    }
    if (this.isPunct('(')) {
      const arity = FQL_FUNCTIONS[t.value];
      if (arity === undefined) throw new FqlSyntaxError(`unknown function "${t.value}"`, t.offset);
      this.next();
      const args: FqlNode[] = [];
      if (!this.isPunct(')')) {
        for (;;) {
          args.push(this.expression());
          if (this.isPunct(',')) {
            this.next();
            continue;
          }
          break;
        }
      }
      this.expectPunct(')');
      if (args.length !== arity) {
        throw new FqlSyntaxError(`${t.value}() takes ${arity} argument${arity === 1 ? '' : 's'}, got ${args.length}`, t.offset);
      }
      return { kind: 'call', name: t.value, args };
    }
    const segments = [t.value];
    while (this.isPunct('.')) {
      this.next();
      const part = this.next();
      // A quoted segment (`properties."product 1"`) is accepted beside FQL's backslash escapes.
      if (part.type !== 'ident' && part.type !== 'string') throw new FqlSyntaxError('expected a key after "."', part.offset);
      segments.push(part.value);
    }
    return { kind: 'path', segments };
  }
}
