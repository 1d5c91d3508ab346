/**
 * `npm run admin -- <command>`: the relay's admin CLI on the terminal. The
 * commands live in commands.ts; this file only wires them to the process.
 */
import { ConfigError, loadConfig } from '../config.ts';
import { runAdmin, type AdminIO } from './commands.ts';

/** Lines of stdin, read on demand (piped answers may arrive in one chunk). */
const lines: string[] = [];
let pending = '';
let stdinEnded = false;

function ask(question: string): Promise<string> {
  process.stdout.write(question);
  return new Promise((resolve) => {
    const take = (): boolean => {
      const line = lines.shift();
      if (line !== undefined || stdinEnded) {
        process.stdin.off('data', onData);
        process.stdin.off('end', onEnd);
        process.stdin.pause();
        resolve(line ?? '');
        return true;
      }
      return false;
    };
    const onData = (d: Buffer) => {
      pending += d.toString('utf8');
      const parts = pending.split(/\r?\n/);
      pending = parts.pop() ?? '';
      lines.push(...parts);
      take();
    };
    const onEnd = () => {
      stdinEnded = true;
      if (pending) lines.push(pending);
      pending = '';
      take();
    };
    if (take()) return;
    process.stdin.on('data', onData);
    process.stdin.on('end', onEnd);
    process.stdin.resume();
  });
}

function askHidden(prompt: string): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) return ask(prompt);
  return new Promise((resolve, reject) => {
    process.stdout.write(prompt);
    let value = '';
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    const onData = (s: string) => {
      for (const ch of s) {
        if (ch === '\r' || ch === '\n') {
          done();
          process.stdout.write('\n');
          resolve(value);
          return;
        }
        if (ch === '\u0003') {
          done();
          reject(new Error('прервано'));
          return;
        }
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else value += ch;
      }
    };
    const done = () => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
    };
    stdin.on('data', onData);
  });
}

async function main(): Promise<void> {
  let databasePath: string;
  try {
    databasePath = loadConfig().databasePath;
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(`Неверная настройка: ${e.message}`);
      process.exitCode = 1;
      return;
    }
    throw e;
  }
  const io: AdminIO = {
    databasePath,
    out: (line) => console.log(line),
    err: (line) => console.error(line),
    confirm: async (q) => /^(да|д|yes|y)$/i.test((await ask(`${q} [да/нет] `)).trim()),
    password: askHidden,
  };
  process.exitCode = await runAdmin(process.argv.slice(2), io);
}

await main();
