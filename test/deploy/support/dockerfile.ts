import { readRepoFile } from './repo';

export interface Instruction {
  keyword: string;
  args: string;
}

export interface Stage {
  from: string;
  instructions: Instruction[];
  healthcheck: boolean;
}

/** The instructions of docker/Dockerfile, continuation lines joined and comments dropped. */
export function dockerfileInstructions(): Instruction[] {
  const lines = readRepoFile('docker/Dockerfile')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  return lines.map((line) => {
    const [keyword = '', ...rest] = line.split(/\s+/);
    return { keyword: keyword.toUpperCase(), args: rest.join(' ') };
  });
}

/** The Dockerfile's stages by name, each with its own instructions. */
export function dockerfileStages(): Map<string, Stage> {
  const stages = new Map<string, Stage>();
  let current: Stage | undefined;
  for (const instruction of dockerfileInstructions()) {
    if (instruction.keyword === 'FROM') {
      const [, from = '', name = ''] = /^(?:--\S+\s+)*(\S+)(?:\s+AS\s+(\S+))?$/i.exec(instruction.args) ?? [];
      const base = stages.get(from);
      current = { from, instructions: [], healthcheck: base?.healthcheck ?? false };
      stages.set(name || from, current);
    } else if (current) {
      current.instructions.push(instruction);
      if (instruction.keyword === 'HEALTHCHECK') current.healthcheck = !/^NONE$/i.test(instruction.args);
    }
  }
  return stages;
}
