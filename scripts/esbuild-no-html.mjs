// Preact carries one `innerHTML =` assignment, used only for
// dangerouslySetInnerHTML, which this project never uses (eslint forbids it).
// Replacing it with a throw removes the only HTML sink from our bundles, so
// addons-linter has nothing to flag and no code path can turn text into markup.
import { readFileSync } from 'node:fs';

const SINK = /(\w+)\.innerHTML=(\w+)\.__html/g;

export const noHtmlSinks = {
  name: 'no-html-sinks',
  setup(build) {
    build.onLoad({ filter: /[\\/]preact[\\/]dist[\\/]preact\.(mjs|module\.js|js)$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const count = source.match(SINK)?.length ?? 0;
      if (count !== 1) {
        return { errors: [{ text: `expected one innerHTML sink in ${args.path}, found ${count}: update scripts/esbuild-no-html.mjs` }] };
      }
      return { contents: source.replace(SINK, '(()=>{throw new Error("dangerouslySetInnerHTML is disabled in this extension")})()'), loader: 'js' };
    });
  },
};
