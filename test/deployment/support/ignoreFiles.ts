// Whether a path is left out by a .dockerignore or a .gitignore, as Docker and git read them: enough of
// each syntax for the patterns this repository writes (`*`, `?`, `**`, `!` exceptions, trailing `/`).

export interface IgnoreRules {
  /** True when `path` (relative to the file's folder, `/`-separated) is left out. */
  excludes(path: string): boolean;
}

interface Pattern {
  regex: RegExp;
  exception: boolean;
  /** .gitignore: a pattern ending in `/` matches only directories, i.e. only as a parent of a path. */
  directoryOnly: boolean;
}

function globToRegexSource(glob: string): string {
  let source = '';
  for (let index = 0; index < glob.length; index += 1) {
    const char = glob[index]!;
    if (char === '*' && glob[index + 1] === '*') {
      const followedBySlash = glob[index + 2] === '/';
      source += followedBySlash ? '(?:.*/)?' : '.*';
      index += followedBySlash ? 2 : 1;
    } else if (char === '*') {
      source += '[^/]*';
    } else if (char === '?') {
      source += '[^/]';
    } else {
      source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    }
  }
  return source;
}

function patternLines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

/** Every ancestor of `path` and the path itself: `a/b/c` gives `a`, `a/b`, `a/b/c`. */
function selfAndParents(path: string): string[] {
  const parts = path.split('/');
  return parts.map((_, index) => parts.slice(0, index + 1).join('/'));
}

function matcher(patterns: Pattern[]): IgnoreRules {
  return {
    excludes(path) {
      const candidates = selfAndParents(path.replace(/^\.?\//, ''));
      let excluded = false;
      for (const pattern of patterns) {
        const candidatesForPattern = pattern.directoryOnly ? candidates.slice(0, -1) : candidates;
        if (candidatesForPattern.some((candidate) => pattern.regex.test(candidate))) excluded = !pattern.exception;
      }
      return excluded;
    },
  };
}

/** Docker's rules: every pattern is relative to the context's root; a match on a folder excludes what it holds. */
export function dockerignoreRules(text: string): IgnoreRules {
  return matcher(
    patternLines(text).map((line) => {
      const exception = line.startsWith('!');
      const glob = (exception ? line.slice(1) : line).trim().replace(/^\/+/, '').replace(/\/+$/, '');
      return { regex: new RegExp(`^${globToRegexSource(glob)}$`), exception, directoryOnly: false };
    }),
  );
}

/** git's rules: a pattern with no `/` but a trailing one matches at any depth; one with a `/` is anchored at the root. */
export function gitignoreRules(text: string): IgnoreRules {
  return matcher(
    patternLines(text).map((line) => {
      const exception = line.startsWith('!');
      let glob = exception ? line.slice(1) : line;
      const directoryOnly = glob.endsWith('/');
      glob = glob.replace(/\/+$/, '');
      const anchored = glob.includes('/');
      glob = glob.replace(/^\/+/, '');
      const source = anchored ? globToRegexSource(glob) : `(?:.*/)?${globToRegexSource(glob)}`;
      return { regex: new RegExp(`^${source}$`), exception, directoryOnly };
    }),
  );
}
