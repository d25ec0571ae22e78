/**
 * pandas' cleaning of backtick-quoted names (`pandas.core.computation.parsing`): a column whose name is not a Python
 * identifier is reachable as `` `name` ``; both the column's name and the quoted text are turned into the same
 * identifier, `BACKTICK_QUOTED_STRING_` followed by the name with each operator character spelled out (`a b` →
 * `BACKTICK_QUOTED_STRING_a_b`, `x.y` → `BACKTICK_QUOTED_STRING_x_DOT_y`). The cleaned name is also what eval's
 * assignment to a backtick name creates, as in pandas.
 */

const TOKEN_NAMES: Record<string, string> = {
  '%': 'PERCENT', '&': 'AMPER', '(': 'LPAR', ')': 'RPAR', '*': 'STAR', '+': 'PLUS', ',': 'COMMA', '-': 'MINUS', '.': 'DOT',
  '/': 'SLASH', ':': 'COLON', ';': 'SEMI', '<': 'LESS', '=': 'EQUAL', '>': 'GREATER', '@': 'AT', '[': 'LSQB', ']': 'RSQB',
  '^': 'CIRCUMFLEX', '{': 'LBRACE', '|': 'VBAR', '}': 'RBRACE', '~': 'TILDE',
};

const EXTRA: Record<string, string> = {
  ' ': '_', '?': '_QUESTIONMARK_', '!': '_EXCLAMATIONMARK_', '$': '_DOLLARSIGN_', '€': '_EUROSIGN_', '°': '_DEGREESIGN_',
  "'": '_SINGLEQUOTE_', '"': '_DOUBLEQUOTE_',
};

const KEYWORDS = new Set(['False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif', 'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or', 'pass', 'raise', 'return', 'try', 'while', 'with', 'yield']);
const IDENTIFIER = /^[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*$/u;

/** Whether Python's `str.isidentifier()` holds and the name is not a keyword. */
export function isPythonIdentifier(name: string): boolean {
  return IDENTIFIER.test(name) && !KEYWORDS.has(name);
}

/** pandas' `create_valid_python_identifier`; null where pandas raises (the result is still not an identifier). */
export function cleanBacktickName(name: string): string | null {
  if (isPythonIdentifier(name)) return name;
  let out = 'BACKTICK_QUOTED_STRING_';
  for (const ch of name) out += Object.hasOwn(TOKEN_NAMES, ch) ? `_${TOKEN_NAMES[ch]}_` : (EXTRA[ch] ?? ch);
  return IDENTIFIER.test(out) ? out : null;
}

/** pandas' `clean_column_name`: the name a column is found under, or the name itself where it cannot be quoted. */
export function cleanColumnName(name: string): string {
  if (/[#`\r\n]/.test(name)) return name;
  return cleanBacktickName(name) ?? name;
}
