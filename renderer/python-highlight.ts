/** A light Python highlighter for the code pane: keywords, builtins, strings, numbers, comments. */
export interface Token {
  text: string;
  kind: 'keyword' | 'builtin' | 'string' | 'number' | 'comment' | 'plain';
}

const KEYWORDS = new Set('lambda def return if elif else for in while try except finally and or not is None True False yield import from as with raise assert del global class pass break continue'.split(' '));
const BUILTINS = new Set('len int float str bool abs min max sum round sorted range enumerate zip list tuple dict set any all map filter reversed isinstance json'.split(' '));
// Triple-quoted strings first (a docstring spans lines; unterminated, it runs to the end, as Python reads it).
const PATTERN = /(#[^\n]*)|('''[\s\S]*?(?:'''|$(?![\s\S]))|"""[\s\S]*?(?:"""|$(?![\s\S]))|'(?:[^'\\\n]|\\.)*'?|"(?:[^"\\\n]|\\.)*"?)|(\b\d+(?:\.\d*)?(?:[eE][-+]?\d+)?\b)|([A-Za-z_]\w*)|(\s+|[^\sA-Za-z_\d'"#]+)/g;

export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  for (const m of source.matchAll(PATTERN)) {
    const [text, comment, string, number, word] = m;
    const kind: Token['kind'] = comment ? 'comment' : string ? 'string' : number ? 'number' : word ? (KEYWORDS.has(word) ? 'keyword' : BUILTINS.has(word) ? 'builtin' : 'plain') : 'plain';
    tokens.push({ text, kind });
  }
  return tokens;
}
