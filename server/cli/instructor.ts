/**
 * `npm run instructor -- add NAME | list | remove NAME`: instructor accounts in the records database of
 * DATA_DIR (default ./data, as the server). There is no sign-up over the network: whoever runs the server makes
 * the accounts. `add` reads the password from stdin: typed twice with echo off on a terminal, or the first line
 * of what is piped in (`printf '%s\n' "$PW" | npm run instructor -- add alice`), at least 10 characters.
 * Bad arguments and refusals exit 1 with a one-line reason.
 */
import { dataDirFromEnv, openDatabase } from '../records/database';
import { Instructors } from '../auth/instructors';
import { passwordSchema, personNameSchema } from '../../shared/protocol/runs';
import { issueMessage } from '../../shared/protocol/issueMessage';

const USAGE = 'usage: npm run instructor -- add NAME | list | remove NAME   (password for add on stdin)';

class CliError extends Error {
  override name = 'CliError';
}

function parseName(raw: string | undefined): string {
  const r = personNameSchema.safeParse(raw ?? '');
  if (!r.success) throw new CliError(`name: ${issueMessage(r.error)}\n${USAGE}`);
  return r.data;
}

/** One line typed with echo off; Ctrl-C or Ctrl-D cancels. */
function promptHidden(prompt: string): Promise<string> {
  const stdin = process.stdin;
  // Echo off before the prompt shows: nothing typed after it may reach the screen.
  stdin.setRawMode(true);
  stdin.setEncoding('utf8');
  stdin.resume();
  process.stderr.write(prompt);
  return new Promise((resolve, reject) => {
    let chars: string[] = [];
    const done = (): void => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
    };
    const onData = (chunk: string): void => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') {
          done();
          return resolve(chars.join(''));
        }
        if (ch === '\u0003' || ch === '\u0004') {
          done();
          return reject(new CliError('cancelled'));
        }
        if (ch === '\u007f' || ch === '\b') chars = chars.slice(0, -1);
        else if (ch >= ' ') chars.push(ch);
      }
    };
    stdin.on('data', onData);
  });
}

async function firstPipedLine(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) {
    text += String(chunk);
    if (text.includes('\n')) break;
  }
  return text.split(/\r?\n/)[0];
}

async function readPassword(): Promise<string> {
  let password: string;
  if (process.stdin.isTTY) {
    password = await promptHidden('Password: ');
    if ((await promptHidden('Again: ')) !== password) throw new CliError('password: the two entries differ');
  } else password = await firstPipedLine();
  const r = passwordSchema.safeParse(password);
  if (!r.success) throw new CliError(`password: ${issueMessage(r.error)}`);
  return r.data;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const expected = command === 'list' ? 0 : 1;
  if (!['add', 'list', 'remove'].includes(command ?? '') || rest.length !== expected) throw new CliError(USAGE);
  const name = expected === 1 ? parseName(rest[0]) : '';
  // The password first: a database left open while someone types holds nothing up, but there is no need to.
  const password = command === 'add' ? await readPassword() : '';
  const db = openDatabase(dataDirFromEnv());
  try {
    const instructors = new Instructors(db);
    if (command === 'add') {
      await instructors.add(name, password);
      console.log(`instructor "${name}" added`);
    } else if (command === 'remove') {
      if (!instructors.remove(name)) throw new CliError(`name: no instructor "${name}"`);
      console.log(`instructor "${name}" removed; their logins ended, their runs' records kept`);
    } else {
      const all = instructors.list();
      if (all.length === 0) console.log('no instructors');
      for (const i of all) console.log(`${i.name}\t${i.createdAt}`);
    }
  } finally {
    db.close();
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  },
);
