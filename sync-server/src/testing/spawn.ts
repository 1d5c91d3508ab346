/** Running the relay's entry points as real processes in tests. */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The sync-server/src folder. */
export const SRC = fileURLToPath(new URL('../', import.meta.url));

/** A spawned process with its output collected. */
export interface Spawned {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
  /** Resolves when stdout matches; rejects if the process exits first. */
  waitFor(pattern: RegExp): Promise<RegExpExecArray>;
}

/** Runs a TypeScript entry point of src/ with tsx. */
export function runTs(
  file: string,
  args: string[] = [],
  env: Record<string, string> = {},
  input?: string,
): Spawned {
  const child = spawn(process.execPath, ['--import', 'tsx', `${SRC}${file}`, ...args], {
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const waiters: (() => void)[] = [];
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    for (const w of waiters) w();
  });
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  if (input !== undefined) child.stdin.end(input);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    waitFor: (pattern) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const m = pattern.exec(out);
          if (m) resolve(m);
        };
        waiters.push(check);
        check();
        void exited.then((code) =>
          reject(new Error(`exited ${code} before ${pattern}\n${out}\n${err}`)),
        );
      }),
  };
}
