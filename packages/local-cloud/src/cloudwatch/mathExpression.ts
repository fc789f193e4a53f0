/**
 * The part of CloudWatch metric math the local alarms evaluate: + - * / on metric ids and constants,
 * parentheses, SUM(…) and FILL(x, constant). Other functions parse, are listed by `functionsIn`, and
 * evaluate to "no data".
 */
export type Expression =
  | { kind: 'number'; value: number }
  | { kind: 'id'; name: string }
  | { kind: 'negate'; operand: Expression }
  | { kind: 'binary'; operator: '+' | '-' | '*' | '/'; left: Expression; right: Expression }
  | { kind: 'list'; items: Expression[] }
  | { kind: 'call'; name: string; args: Expression[] };

/** Functions `evaluate` implements. */
export const SUPPORTED_FUNCTIONS = ['SUM', 'FILL'] as const;

export class InvalidExpressionError extends Error {
  constructor(expression: string, reason: string) {
    super(`Invalid metric math expression "${expression}": ${reason}`);
    this.name = 'InvalidExpressionError';
  }
}

const TOKEN = /\s*(?:(\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)|([A-Za-z_][A-Za-z0-9_]*)|([-+*/()[\],]))/y;

function tokenize(source: string): string[] {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < source.length) {
    if (/^\s*$/.test(source.slice(TOKEN.lastIndex))) break;
    const at = TOKEN.lastIndex;
    const match = TOKEN.exec(source);
    if (!match) throw new InvalidExpressionError(source, `unexpected character at ${at}`);
    tokens.push(match[1] ?? match[2] ?? match[3] ?? '');
  }
  return tokens;
}

/** Recursive descent over the token list. */
class Parser {
  private position = 0;
  constructor(
    private readonly source: string,
    private readonly tokens: string[],
  ) {}

  parse(): Expression {
    const expression = this.sum();
    if (this.position < this.tokens.length) this.fail(`unexpected "${this.tokens[this.position]}"`);
    return expression;
  }

  private sum(): Expression {
    let left = this.product();
    while (this.peek() === '+' || this.peek() === '-') {
      const operator = this.next() as '+' | '-';
      left = { kind: 'binary', operator, left, right: this.product() };
    }
    return left;
  }

  private product(): Expression {
    let left = this.unary();
    while (this.peek() === '*' || this.peek() === '/') {
      const operator = this.next() as '*' | '/';
      left = { kind: 'binary', operator, left, right: this.unary() };
    }
    return left;
  }

  private unary(): Expression {
    if (this.peek() === '-') {
      this.next();
      return { kind: 'negate', operand: this.unary() };
    }
    return this.primary();
  }

  private primary(): Expression {
    const token = this.next();
    if (token === undefined) return this.fail('unexpected end');
    if (token === '(') return this.closing(this.sum(), ')');
    if (token === '[') return { kind: 'list', items: this.items(']') };
    if (/^\d/.test(token)) return { kind: 'number', value: Number(token) };
    if (/^[A-Za-z_]/.test(token)) {
      if (this.peek() !== '(') return { kind: 'id', name: token };
      this.next();
      return { kind: 'call', name: token.toUpperCase(), args: this.items(')') };
    }
    return this.fail(`unexpected "${token}"`);
  }

  private items(close: string): Expression[] {
    const items: Expression[] = [];
    if (this.peek() === close) {
      this.next();
      return items;
    }
    for (;;) {
      items.push(this.sum());
      const token = this.next();
      if (token === close) return items;
      if (token !== ',') this.fail(`expected "," or "${close}"`);
    }
  }

  private closing(expression: Expression, close: string): Expression {
    if (this.next() !== close) this.fail(`expected "${close}"`);
    return expression;
  }

  private peek = () => this.tokens[this.position];
  private next = () => this.tokens[this.position++];
  private fail(reason: string): never {
    throw new InvalidExpressionError(this.source, reason);
  }
}

/** Parses a metric math expression. */
export const parseExpression = (source: string): Expression => new Parser(source, tokenize(source)).parse();

/** Names of the functions an expression calls. */
export function functionsIn(expression: Expression): string[] {
  switch (expression.kind) {
    case 'call':
      return [expression.name, ...expression.args.flatMap(functionsIn)];
    case 'binary':
      return [...functionsIn(expression.left), ...functionsIn(expression.right)];
    case 'negate':
      return functionsIn(expression.operand);
    case 'list':
      return expression.items.flatMap(functionsIn);
    default:
      return [];
  }
}

/** Metric ids an expression reads. */
export function idsIn(expression: Expression): string[] {
  switch (expression.kind) {
    case 'id':
      return [expression.name];
    case 'call':
      return expression.args.flatMap(idsIn);
    case 'binary':
      return [...idsIn(expression.left), ...idsIn(expression.right)];
    case 'negate':
      return idsIn(expression.operand);
    case 'list':
      return expression.items.flatMap(idsIn);
    default:
      return [];
  }
}

type Value = number | undefined;

const arithmetic = (operator: '+' | '-' | '*' | '/', a: number, b: number): Value => {
  if (operator === '+') return a + b;
  if (operator === '-') return a - b;
  if (operator === '*') return a * b;
  return b === 0 ? undefined : a / b;
};

const flatten = (args: Expression[], values: (id: string) => Value): Value[] =>
  args.flatMap((arg) =>
    arg.kind === 'list' ? arg.items.map((i) => evaluate(i, values)) : [evaluate(arg, values)],
  );

/**
 * Value of an expression at one timestamp. As in CloudWatch, arithmetic with a missing operand has no data
 * point (use FILL to default it); SUM adds the values present and is missing only when all are.
 */
export function evaluate(expression: Expression, values: (id: string) => Value): Value {
  switch (expression.kind) {
    case 'number':
      return expression.value;
    case 'id':
      return values(expression.name);
    case 'negate': {
      const operand = evaluate(expression.operand, values);
      return operand === undefined ? undefined : -operand;
    }
    case 'binary': {
      const left = evaluate(expression.left, values);
      const right = evaluate(expression.right, values);
      return left === undefined || right === undefined
        ? undefined
        : arithmetic(expression.operator, left, right);
    }
    case 'list':
      return undefined;
    case 'call':
      return callFunction(expression.name, expression.args, values);
  }
}

function callFunction(name: string, args: Expression[], values: (id: string) => Value): Value {
  if (name === 'SUM') {
    const present = flatten(args, values).filter((v): v is number => v !== undefined);
    return present.length === 0 ? undefined : present.reduce((a, b) => a + b, 0);
  }
  if (name === 'FILL' && args.length === 2) {
    const [series, fill] = args as [Expression, Expression];
    return evaluate(series, values) ?? evaluate(fill, values);
  }
  return undefined;
}
