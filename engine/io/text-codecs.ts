/**
 * The text encodings Weft reads (`read_text`) and writes (`to_textfiles`), under Python's names: a codec name is
 * looked up as Python's `codecs.lookup` does (case, '-', '_' and ' ' do not matter; the aliases of
 * `encodings.aliases`), so `UTF8`, `latin_1` and `ISO-8859-1` all work. Only codecs whose every byte Weft decodes
 * and encodes exactly as Python does are here: UTF-8, Latin-1 (true ISO-8859-1, not the web's windows-1252 that
 * TextDecoder gives for 'latin1') and ASCII. Decoding and encoding are strict, as Python's 'strict' errors are:
 * a byte or a character outside the codec is a UnicodeDecodeError / UnicodeEncodeError, with Python's message.
 */

/** A codec by its Python name (the one in Python's error messages). */
export type CodecName = 'utf-8' | 'latin-1' | 'ascii';

const ALIASES: ReadonlyMap<string, CodecName> = new Map(
  (
    [
      ['utf-8', ['utf_8', 'utf8', 'u8', 'utf', 'cp65001', 'utf8_ucs2', 'utf8_ucs4']],
      ['latin-1', ['latin_1', 'latin1', 'latin', 'l1', 'iso8859_1', 'iso_8859_1', 'iso8859', '8859', 'cp819', 'ibm819', 'csisolatin1', 'iso_8859_1_1987', 'iso_ir_100']],
      ['ascii', ['ascii', 'us_ascii', 'us', '646', 'ansi_x3.4_1968', 'ansi_x3_4_1968', 'ansi_x3.4_1986', 'cp367', 'csascii', 'ibm367', 'iso646_us', 'iso_646.irv_1991', 'iso_ir_6']],
    ] as const
  ).flatMap(([codec, names]) => names.map((n) => [n, codec as CodecName] as const)),
);

/** The names to suggest when a codec is unknown. */
export const SUPPORTED_ENCODINGS = ['utf-8', 'latin-1', 'ascii'] as const;

/** The codec a Python encoding name means, or null when Weft has no such codec. */
export function lookupCodec(name: string): CodecName | null {
  // Python's normalize_encoding, then the alias table's own form ('-' and ' ' become '_').
  const key = name.trim().toLowerCase().replace(/[-\s]+/g, '_');
  return ALIASES.get(key) ?? null;
}

/** Python's UnicodeEncodeError text for the first character of `text` the codec cannot encode, or null. */
export function encodeProblem(text: string, codec: CodecName): string | null {
  if (codec === 'utf-8') {
    // A lone surrogate is the only string UTF-8 cannot encode.
    const at = text.search(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
    return at === -1 ? null : `'utf-8' codec can't encode character '\\u${text.charCodeAt(at).toString(16)}' in position ${codePointIndex(text, at)}: surrogates not allowed`;
  }
  const limit = codec === 'ascii' ? 0x80 : 0x100;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) >= limit) {
      const cp = text.codePointAt(i)!;
      return `'${codec}' codec can't encode character '${pyEscape(cp)}' in position ${codePointIndex(text, i)}: ordinal not in range(${limit})`;
    }
  }
  return null;
}

/** The bytes of `text` in the codec; call {@link encodeProblem} first, as this does not check. */
export function encodeText(text: string, codec: CodecName): Buffer {
  return Buffer.from(text, codec === 'utf-8' ? 'utf8' : 'latin1');
}

/** Python's UnicodeDecodeError text for a byte of a single-byte codec, or null when `bytes` all decode. */
export function singleByteDecodeProblem(bytes: Buffer, codec: 'latin-1' | 'ascii', offset: number): { message: string; offset: number } | null {
  if (codec === 'latin-1') return null;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] >= 0x80) return { message: `'ascii' codec can't decode byte 0x${bytes[i].toString(16)} in position ${offset + i}: ordinal not in range(128)`, offset: offset + i };
  }
  return null;
}

/** Python's repr of a character inside quotes: `\xe9`, `\u20ac`, `\U0001f600`. */
function pyEscape(cp: number): string {
  if (cp < 0x100) return `\\x${cp.toString(16).padStart(2, '0')}`;
  if (cp < 0x10000) return `\\u${cp.toString(16).padStart(4, '0')}`;
  return `\\U${cp.toString(16).padStart(8, '0')}`;
}

/** Python counts positions in code points, JavaScript in UTF-16 units. */
function codePointIndex(text: string, unitIndex: number): number {
  let n = 0;
  for (let i = 0; i < unitIndex; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < unitIndex) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}
