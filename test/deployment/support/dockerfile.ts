// Reads a Dockerfile into stages and instructions, as BuildKit's parser sees them: comments dropped,
// line continuations joined, leading `--flag=value` options split off, exec form (a JSON array) told
// apart from shell form. Enough for the checks in dockerfileChecks.ts; no variable expansion.

export interface Instruction {
  /** Upper-cased: FROM, COPY, RUN ... */
  keyword: string;
  /** `--from=build` gives `from: 'build'`. */
  flags: Record<string, string>;
  /** Exec form (`["node", "main.js"]`): the array; shell form: the text after the flags. */
  exec: string[] | undefined;
  text: string;
  /** 1-based line of the instruction's first line. */
  line: number;
}

export interface Stage {
  /** `AS name`, or the stage's index when unnamed. */
  name: string;
  /** The image or stage the FROM names. */
  base: string;
  from: Instruction;
  instructions: Instruction[];
}

export interface Dockerfile {
  file: string;
  stages: Stage[];
}

const FLAG = /^--([a-z-]+)(?:=(\S*))?\s+/;

function logicalLines(text: string): { text: string; line: number }[] {
  const lines = text.split('\n');
  const result: { text: string; line: number }[] = [];
  let pending: { text: string; line: number } | undefined;
  lines.forEach((raw, index) => {
    const trimmed = raw.trim();
    if (trimmed.startsWith('#')) return;
    if (pending === undefined && trimmed === '') return;
    const continues = trimmed.endsWith('\\');
    const part = continues ? trimmed.slice(0, -1).trimEnd() : trimmed;
    pending = pending === undefined ? { text: part, line: index + 1 } : { ...pending, text: `${pending.text} ${part}` };
    if (!continues) {
      result.push({ ...pending, text: pending.text.trim() });
      pending = undefined;
    }
  });
  if (pending !== undefined) result.push(pending);
  return result;
}

function execForm(text: string): string[] | undefined {
  if (!text.startsWith('[')) return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) && parsed.every((item) => typeof item === 'string') ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** Splits off leading `--name=value` flags (the ones FROM, COPY, ADD, RUN and HEALTHCHECK take). */
function splitFlags(text: string): { flags: Record<string, string>; rest: string } {
  const flags: Record<string, string> = {};
  let rest = text;
  for (let match = FLAG.exec(rest); match !== null; match = FLAG.exec(rest)) {
    flags[match[1]!] = match[2] ?? 'true';
    rest = rest.slice(match[0].length);
  }
  return { flags, rest };
}

export function parseInstruction(logical: { text: string; line: number }): Instruction {
  const [, keyword = '', argumentsText = ''] = /^(\S+)\s*(.*)$/s.exec(logical.text) ?? [];
  const { flags, rest } = splitFlags(argumentsText);
  return { keyword: keyword.toUpperCase(), flags, exec: execForm(rest), text: rest, line: logical.line };
}

export function parseDockerfile(file: string, text: string): Dockerfile {
  const stages: Stage[] = [];
  for (const instruction of logicalLines(text).map(parseInstruction)) {
    if (instruction.keyword === 'FROM') {
      const [base = '', as, name] = instruction.text.split(/\s+/);
      const named = as?.toUpperCase() === 'AS' && name !== undefined;
      stages.push({ name: named ? name : String(stages.length), base, from: instruction, instructions: [] });
    } else {
      stages.at(-1)?.instructions.push(instruction);
    }
  }
  return { file, stages };
}

/** `KEY=value KEY2="a b"` (or the legacy `KEY value`) of ENV, ARG and LABEL; ARG without a default gives ''. */
export function keyValuePairs(text: string): Record<string, string> {
  const pairs: Record<string, string> = {};
  const tokens = text.match(/(?:[^\s"']+|"(?:[^"\\]|\\.)*"|'[^']*')+/g) ?? [];
  if (tokens.length > 0 && !tokens[0]!.includes('=')) {
    pairs[tokens[0]!] = tokens.slice(1).join(' ');
    return pairs;
  }
  for (const token of tokens) {
    const equals = token.indexOf('=');
    const key = equals === -1 ? token : token.slice(0, equals);
    const value = equals === -1 ? '' : token.slice(equals + 1);
    pairs[key] = value.replace(/^"(.*)"$/, '$1').replace(/^'(.*)'$/, '$1');
  }
  return pairs;
}

export function stageNamed(dockerfile: Dockerfile, name: string | undefined): Stage | undefined {
  return dockerfile.stages.find((stage) => stage.name === name);
}

/** A stage's environment: ENV of the stages it is built FROM, then its own. */
export function stageEnvironment(dockerfile: Dockerfile, stage: Stage): Record<string, string> {
  const parent = stageNamed(dockerfile, stage.base);
  const inherited = parent === undefined ? {} : stageEnvironment(dockerfile, parent);
  const own = stage.instructions
    .filter((instruction) => instruction.keyword === 'ENV')
    .map((instruction) => keyValuePairs(instruction.text));
  return Object.assign({}, inherited, ...own) as Record<string, string>;
}

/** The last WORKDIR a stage (or a stage it is built FROM) sets; `/` when none does. */
export function stageWorkdir(dockerfile: Dockerfile, stage: Stage): string {
  const own = stage.instructions.filter((instruction) => instruction.keyword === 'WORKDIR').at(-1);
  if (own !== undefined) return own.text;
  const parent = stageNamed(dockerfile, stage.base);
  return parent === undefined ? '/' : stageWorkdir(dockerfile, parent);
}

/** COPY's and ADD's sources and destination (the last word), exec or shell form. */
export function copyOperands(instruction: Instruction): { sources: string[]; destination: string } {
  const words = instruction.exec ?? instruction.text.split(/\s+/);
  return { sources: words.slice(0, -1), destination: words.at(-1) ?? '' };
}

/** HEALTHCHECK's command: `CMD` followed by exec or shell form; undefined for `HEALTHCHECK NONE`. */
export function healthcheckCommand(instruction: Instruction): string[] | undefined {
  const match = /^CMD\s+(.*)$/s.exec(instruction.text);
  if (match === null) return undefined;
  return execForm(match[1]!) ?? ['/bin/sh', '-c', match[1]!];
}
