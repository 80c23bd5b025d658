// A set of words written as one string. The content script must stay under
// 40 KB minified, and there a quoted string per entry costs three bytes
// where a space costs one.
export function wordSet(words: string): Set<string> {
  return new Set(words.split(' '));
}
