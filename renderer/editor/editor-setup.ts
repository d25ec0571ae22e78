/**
 * The expression editor's CodeMirror setup: Python with its indentation and bracket matching, Weft's completion, the
 * editor's own undo for typing, and keys that leave the app's shortcuts alone (Ctrl+Enter runs, it does not insert a
 * blank line). A functions editor also gets line numbers, to match the engine's "line 3, column 5", and Tab to indent;
 * in a one-line expression Tab moves on to the next field, as in any form.
 */
import { autocompletion, closeBrackets, closeBracketsKeymap, completionKeymap } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { localCompletionSource, pythonLanguage } from '@codemirror/lang-python';
import { bracketMatching, HighlightStyle, indentOnInput, indentUnit, LanguageSupport, syntaxHighlighting } from '@codemirror/language';
import type { Extension } from '@codemirror/state';
import { EditorView, highlightSpecialChars, keymap, lineNumbers, type KeyBinding } from '@codemirror/view';
import { tags } from '@lezer/highlight';
import { pythonCompletions, type CompletionNames } from './python-completions.js';

// The same colours as the code pane's highlighter (styles.css .tok-*), so an expression reads the same in both.
const HIGHLIGHT = HighlightStyle.define([
  { tag: [tags.keyword, tags.bool, tags.null, tags.self], color: '#7a3eb1', fontWeight: '600' },
  { tag: [tags.string, tags.special(tags.string)], color: '#2e7d32' },
  { tag: tags.number, color: '#b35c00' },
  { tag: tags.comment, color: '#8a8f98', fontStyle: 'italic' },
  { tag: tags.function(tags.definition(tags.variableName)), color: '#1f6f8b', fontWeight: '600' },
  { tag: tags.invalid, color: 'var(--bad)' },
]);

// Keys the app binds for itself (renderer/controller/shortcuts.ts) even while typing.
const APP_KEYS = new Set(['Mod-Enter', 'Mod-s', 'Mod-o', 'Mod-n']);
const withoutAppKeys = (bindings: readonly KeyBinding[]) => bindings.filter((b) => !b.key || !APP_KEYS.has(b.key));

export function editorSetup(options: { isMultiline: boolean; names: () => CompletionNames }): Extension {
  return [
    highlightSpecialChars(),
    history(),
    indentUnit.of('    '),
    indentOnInput(),
    bracketMatching(),
    closeBrackets(),
    new LanguageSupport(pythonLanguage),
    syntaxHighlighting(HIGHLIGHT),
    autocompletion({ override: [pythonCompletions(options.names), localCompletionSource], icons: true }),
    EditorView.lineWrapping,
    options.isMultiline ? lineNumbers() : [],
    keymap.of(withoutAppKeys([...closeBracketsKeymap, ...completionKeymap, ...(options.isMultiline ? [indentWithTab] : []), ...defaultKeymap, ...historyKeymap])),
  ];
}
