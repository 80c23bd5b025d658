// Property-based tests of rule-file validation (fast-check): whatever a user
// imports or a maintainer commits, checking it never throws, and every
// problem names where it is ("path: message"). A broken value in an
// otherwise good file is reported at that value's path.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseRulesFile } from '../../src/core/rule-merge';
import { formatIssues, schemaForRuleFile } from '../../src/core/rules-schema';

const RULES = join(__dirname, '../../rules');
const files = readdirSync(RULES).filter((f) => f.endsWith('.json'));
const shipped = Object.fromEntries(files.map((f) => [f, JSON.parse(readFileSync(join(RULES, f), 'utf8')) as unknown]));
// Payer files a practice could import ("unknown" is reserved for pages with no payer).
const PAYER_FILES = files.filter((f) => !['checklist.json', 'appeals.json', 'portals.json', 'unknown.json'].includes(f));

/**
 * "path: message", the path never empty ("(file)" or "(top level)" for the
 * whole file) and unambiguous: a key that is empty or holds a dot, a bracket,
 * a colon or a space is quoted, as in sources[""].
 */
const SEGMENT = String.raw`(?:[^.:[\]\s"]+|\[\d+\]|\["(?:[^"\\]|\\.)*"\])`;
const PROBLEM_LINE = new RegExp(String.raw`^(?:\(file\)|\(top level\)|${SEGMENT}(?:\.[^.:[\]\s"]+|\[\d+\]|\["(?:[^"\\]|\\.)*"\])*): \S`);

type Path = (string | number)[];

/** Every path to a value in a JSON document, the document itself excluded. */
function pathsOf(value: unknown, at: Path = []): Path[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => [[...at, i], ...pathsOf(v, [...at, i])]);
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => [[...at, k], ...pathsOf(v, [...at, k])]);
  return [];
}

/** The same rendering formatIssues uses: coverage.20560.sources[0]. */
function render(path: Path): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

function withValue(doc: unknown, path: Path, value: unknown): unknown {
  const copy = structuredClone(doc) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (value === undefined) {
    if (Array.isArray(node)) node.splice(last as number, 1);
    else delete node[last];
  } else node[last] = value;
  return copy;
}

const typeOf = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/**
 * A problem is about the broken value when its path is that value's path,
 * inside it or one of its parents, or, for a removed definition (a source),
 * where it is referred to by name.
 */
function related(line: string, path: Path): boolean {
  const problemPath = line.slice(0, line.indexOf(': '));
  const broken = render(path);
  const last = path.at(-1);
  return problemPath === '(top level)' || problemPath.startsWith(broken) || broken.startsWith(problemPath) || (typeof last === 'string' && line.includes(last));
}

describe('rule-file validation never crashes and always says where (fast-check)', () => {
  it('any text imported as a rules file: an answer, never an exception, every problem with a path', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json(), fc.jsonValue().map((v) => JSON.stringify(v))), (text) => {
        const result = parseRulesFile(text);
        if (!result.ok) {
          expect(result.problems.length).toBeGreaterThan(0);
          for (const line of result.problems) expect(line).toMatch(PROBLEM_LINE);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('a shipped payer file with one value broken (wrong type or removed): rejected at that value', () => {
    const candidates = PAYER_FILES.flatMap((file) => pathsOf(shipped[file]).map((path) => ({ file, path })));
    fc.assert(
      fc.property(fc.constantFrom(...candidates), fc.jsonValue(), fc.boolean(), ({ file, path }, replacement, remove) => {
        const original = path.reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], shipped[file]);
        // A replacement of the same type may well be valid: only a different type must be refused.
        if (!remove && typeOf(replacement) === typeOf(original)) return;
        const broken = withValue(shipped[file], path, remove ? undefined : replacement);
        const result = parseRulesFile(JSON.stringify(broken));
        if (result.ok) {
          // Removing an optional field, or an element of a list, can leave a valid file; a changed type never does.
          expect(remove).toBe(true);
          return;
        }
        for (const line of result.problems) expect(line).toMatch(PROBLEM_LINE);
        expect(result.problems.some((line) => related(line, path)), `${render(path)} in ${result.problems.join(' | ')}`).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('the build check of any rules/ file with one value replaced: never throws, every problem with a path', () => {
    const candidates = files.flatMap((file) => pathsOf(shipped[file]).map((path) => ({ file, path })));
    fc.assert(
      fc.property(fc.constantFrom(...candidates), fc.jsonValue(), ({ file, path }, replacement) => {
        const result = schemaForRuleFile(file).safeParse(withValue(shipped[file], path, replacement));
        if (result.success) return;
        const lines = formatIssues(result.error);
        expect(lines.length).toBeGreaterThan(0);
        for (const line of lines) expect(line).toMatch(PROBLEM_LINE);
      }),
      { numRuns: 400 },
    );
  });

  it('the shipped files themselves pass, so the properties above start from valid data', () => {
    for (const file of PAYER_FILES) expect(parseRulesFile(JSON.stringify(shipped[file])), file).toMatchObject({ ok: true });
    for (const file of files) expect(schemaForRuleFile(file).safeParse(shipped[file]).success, file).toBe(true);
  });
});
