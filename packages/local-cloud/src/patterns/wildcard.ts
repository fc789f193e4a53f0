/**
 * EventBridge wildcard values, as event-ruler's WildcardParser reads them: `*` matches any run of characters
 * (including none), `\*` is a literal asterisk, `\\` a literal backslash; consecutive `**` and a backslash
 * before anything else are rejected.
 */
const compiled = new Map<string, RegExp>();

/** The reason a wildcard value is invalid, or undefined when it is valid. */
export function wildcardProblem(value: string): string | undefined {
  for (let i = 0; i < value.length; i++) {
    const char = value[i];
    if (char === '*' && value[i + 1] === '*') {
      return `Consecutive wildcard characters at pos ${i}`;
    }
    if (char === '\\') {
      const next = value[i + 1];
      if (next !== '*' && next !== '\\') {
        return `Invalid escape character at pos ${i}`;
      }
      i++;
    }
  }
  return undefined;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** Builds the anchored expression for a valid wildcard value. */
function compile(value: string): RegExp {
  let source = '';
  for (let i = 0; i < value.length; i++) {
    const char = value[i] ?? '';
    if (char === '\\') {
      source += escapeRegExp(value[i + 1] ?? '');
      i++;
    } else {
      source += char === '*' ? '[\\s\\S]*' : escapeRegExp(char);
    }
  }
  return new RegExp(`^${source}$`, 'u');
}

/** True when `text` matches the wildcard `value`; an invalid wildcard matches nothing. */
export function wildcardMatches(value: string, text: string): boolean {
  if (wildcardProblem(value) !== undefined) {
    return false;
  }
  let regexp = compiled.get(value);
  if (regexp === undefined) {
    regexp = compile(value);
    compiled.set(value, regexp);
  }
  return regexp.test(text);
}
