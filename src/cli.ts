// `npm run cli -- <command>`: account administration (and the 2025 reorganisation package) from a
// shell, e.g. the first administrator
// in production, where no account exists. Passwords come from NEW_USER_PASSWORD or stdin,
// never from the command line (it would end up in shell history and `ps`).
//
// Start-up is the cost of every run: nothing but Node's own modules is loaded until the arguments
// are parsed (--help and usage errors load nothing else), and then only what the command needs
// (no HTTP, OpenAPI or web modules; the account DTOs, whose checks are the API's, only for the
// commands that validate one).
import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import type { EntityManager } from 'typeorm';
import { ROLES } from './access/domain/role.js';
import { DomainError } from './common/domain-error.js';

const USAGE = `Cách dùng / usage: npm run cli -- <lệnh / command> [tùy chọn / options]
  user:create --email E --name N --role ${ROLES.join('|')} [--agency CODE]
  user:set-password --email E
  user:disable --email E
  user:list
  agencies:reorganisation-2025 --preview | --apply
Mật khẩu / password: biến môi trường NEW_USER_PASSWORD, hoặc một dòng trên stdin.`;

const EX_USAGE = 64;
const EX_DATAERR = 65;
const EX_CONFIG = 78;

class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

/** A command whose arguments are valid: it loads what it needs, then runs in one transaction. */
type Command = () => Promise<(m: EntityManager) => Promise<string>>;

/** Decorated classes (entities, DTOs) read reflect-metadata when they are defined: it goes first. */
async function load<T>(modules: () => Promise<T>): Promise<T> {
  await import('reflect-metadata');
  return modules();
}

/** The account commands' service, acting as "cli". */
async function userAccounts() {
  const [{ SYSTEM_ACTOR }, { AuditService }, { SystemClock }, { UserAccounts }] = await load(() =>
    Promise.all([
      import('./access/actor.js'),
      import('./audit/audit.service.js'),
      import('./common/clock.js'),
      import('./users/user-accounts.js'),
    ]),
  );
  return {
    accounts: new UserAccounts(new AuditService(), new SystemClock()),
    actor: { ...SYSTEM_ACTOR, email: 'cli' },
  };
}

async function main(argv: string[]): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        email: { type: 'string' },
        name: { type: 'string' },
        role: { type: 'string' },
        agency: { type: 'string' },
        preview: { type: 'boolean' },
        apply: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new CliError(`${(error as Error).message}\n${USAGE}`, EX_USAGE);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const command = await commandFor(positionals, values);
  await withDatabase(command);
}

async function commandFor(
  positionals: string[],
  o: {
    email?: string;
    name?: string;
    role?: string;
    agency?: string;
    preview?: boolean;
    apply?: boolean;
  },
): Promise<Command> {
  const [name, ...extra] = positionals;
  if (extra.length > 0)
    throw new CliError(`Thừa tham số / unexpected: ${extra.join(' ')}`, EX_USAGE);
  const email = () => o.email ?? usage('--email');
  switch (name) {
    case 'user:create': {
      const plain = {
        email: email(),
        name: o.name ?? usage('--name'),
        role: o.role ?? usage('--role'),
        ...(o.agency === undefined ? {} : { agencyCode: o.agency }),
        password: await readPassword(),
      };
      const { CreateUserDto } = await load(() => import('./users/users.dto.js'));
      const input = await valid(CreateUserDto, plain);
      return async () => {
        const { accounts, actor } = await userAccounts();
        return async (m) => {
          const u = await accounts.create(m, actor, input);
          return `Đã tạo tài khoản / created: ${u.email} (${u.role}${u.agencyCode ? `, ${u.agencyCode}` : ''}) id ${u.id}`;
        };
      };
    }
    case 'user:set-password': {
      const address = email();
      const plain = { password: await readPassword() };
      const { PasswordDto } = await load(() => import('./users/users.dto.js'));
      const { password } = await valid(PasswordDto, plain);
      return async () => {
        const { accounts, actor } = await userAccounts();
        return async (m) => {
          const user = await accounts.byEmail(m, address);
          await accounts.update(m, actor, user.id, { password });
          return `Đã đổi mật khẩu / password changed: ${user.email}`;
        };
      };
    }
    case 'user:disable': {
      const address = email();
      return async () => {
        const { accounts, actor } = await userAccounts();
        return async (m) => {
          const user = await accounts.byEmail(m, address);
          await accounts.update(m, actor, user.id, { disabled: true });
          return `Đã khóa tài khoản / disabled: ${user.email}`;
        };
      };
    }
    case 'user:list':
      return async () => {
        const [{ User }, { toUserView }] = await load(() =>
          Promise.all([import('./users/user.entity.js'), import('./users/user-view.mapper.js')]),
        );
        return async (m) => {
          const users = await m.find(User, {
            relations: { agency: true },
            order: { email: 'ASC' },
          });
          const rows = users.map(
            (u) =>
              `${u.email}\t${u.role}\t${u.agency?.code ?? '-'}\t${u.disabledAt ? 'disabled' : 'active'}\t` +
              `${toUserView(u).lastLoginAt ?? '-'}`,
          );
          return ['email\trole\tagency\tstate\tlastLoginAt', ...rows].join('\n');
        };
      };
    case 'agencies:reorganisation-2025': {
      if (Boolean(o.preview) === Boolean(o.apply)) usage('--preview | --apply');
      return async () => {
        const [
          { SYSTEM_ACTOR },
          { SystemClock },
          { localDay },
          { standaloneReorganisation },
          text,
        ] = await load(() =>
          Promise.all([
            import('./access/actor.js'),
            import('./common/clock.js'),
            import('./common/domain/local-time.js'),
            import('./agencies/succession/reorganisation.service.js'),
            import('./agencies/succession/reorganisation-text.js'),
          ]),
        );
        const actor = { ...SYSTEM_ACTOR, email: 'cli' };
        return async (m) => {
          const clock = new SystemClock();
          const today = localDay(clock.now());
          const reorganisation = standaloneReorganisation(m.connection, clock);
          return o.apply
            ? text.applyText(await reorganisation.applyIn(m, actor, today))
            : text.previewText(await reorganisation.previewIn(m, today));
        };
      };
    }
    default:
      throw new CliError(
        `${name ? `Lệnh không có / unknown command: ${name}` : 'Thiếu lệnh / missing command'}\n${USAGE}`,
        EX_USAGE,
      );
  }
}

function usage(option: string): never {
  throw new CliError(`Thiếu / missing ${option}\n${USAGE}`, EX_USAGE);
}

/** The same DTO checks as the HTTP API, so both refuse the same input. */
async function valid<T extends object>(type: new () => T, plain: object): Promise<T> {
  const [{ plainToInstance }, { validate }] = await Promise.all([
    import('class-transformer'),
    import('class-validator'),
  ]);
  const dto = plainToInstance(type, plain);
  const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length > 0) {
    const lines = errors.map(
      (e) => `  ${e.property}: ${Object.values(e.constraints ?? {}).join('; ')}`,
    );
    throw new CliError(`Dữ liệu không hợp lệ / invalid input:\n${lines.join('\n')}`, EX_DATAERR);
  }
  return dto;
}

async function readPassword(): Promise<string> {
  const fromEnv = process.env.NEW_USER_PASSWORD;
  if (fromEnv) return fromEnv;
  const password = process.stdin.isTTY
    ? await readHiddenTwice()
    : await new Promise<string | undefined>((resolve) => {
        const lines = createInterface({ input: process.stdin, terminal: false });
        let first: string | undefined;
        lines.once('line', (line) => {
          first = line;
          lines.close();
        });
        lines.once('close', () => resolve(first));
      });
  if (!password)
    throw new CliError(
      'Không có mật khẩu: đặt NEW_USER_PASSWORD hoặc nhập một dòng qua stdin.\n' +
        'No password: set NEW_USER_PASSWORD or pipe one line on stdin.',
      EX_USAGE,
    );
  return password;
}

async function readHiddenTwice(): Promise<string> {
  const first = await readHidden('Mật khẩu mới / new password: ');
  const second = await readHidden('Nhập lại / repeat: ');
  if (first !== second) throw new CliError('Hai lần nhập không khớp / passwords differ', EX_USAGE);
  return first;
}

/** One line from the terminal without echoing it. */
function readHidden(prompt: string): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(prompt);
  stdin.setRawMode(true);
  stdin.setEncoding('utf8');
  stdin.resume();
  return new Promise((resolve, reject) => {
    let value = '';
    const finish = () => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') return (finish(), resolve(value));
        if (ch === '\u0003') return (finish(), reject(new CliError('Đã hủy / cancelled', 130)));
        value =
          ch === '\u007f' || ch === '\b' ? Array.from(value).slice(0, -1).join('') : value + ch;
      }
    };
    stdin.on('data', onData);
  });
}

/** The database the service would use, migrated like at start-up; stopped again at the end. */
async function withDatabase(command: Command): Promise<void> {
  const [
    { loadConfig },
    { ConfigError },
    { resolveDatabase },
    { prepareDatabase },
    { DataSource },
    { dataSourceOptions },
  ] = await load(() =>
    Promise.all([
      import('./config/app-config.js'),
      import('./config/environment.js'),
      import('./database/resolve-database.js'),
      import('./database/prepare-database.js'),
      import('typeorm'),
      import('./database/data-source-options.js'),
    ]),
  );
  let config;
  try {
    // The CLI signs no tokens: production's JWT_SECRET requirement does not concern it.
    config = loadConfig({
      ...process.env,
      JWT_SECRET: process.env.JWT_SECRET || randomBytes(32).toString('hex'),
    });
  } catch (error) {
    if (error instanceof ConfigError) throw new CliError(error.message, EX_CONFIG);
    throw error;
  }
  const database = await resolveDatabase(config, () => undefined);
  try {
    process.stderr.write(`${database.description}\n`);
    await prepareDatabase(database.url, config);
    const dataSource = new DataSource({
      ...dataSourceOptions(database.url),
      extra: { max: 2, application_name: 'de-an-06-cli' },
    });
    const run = await command();
    await dataSource.initialize();
    try {
      const output = await dataSource.transaction(run);
      process.stdout.write(`${output}\n`);
    } finally {
      await dataSource.destroy();
    }
  } finally {
    await database.embedded?.stop();
  }
}

main(process.argv.slice(2)).then(
  () => process.exit(0),
  (error: unknown) => {
    if (error instanceof CliError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(error.exitCode);
    }
    if (error instanceof DomainError) {
      const details = error.details === undefined ? '' : ` ${JSON.stringify(error.details)}`;
      process.stderr.write(`Lỗi / error [${error.code}]: ${error.message}${details}\n`);
      process.exit(error.statusCode < 500 ? EX_DATAERR : 1);
    }
    process.stderr.write(
      `Lỗi / error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
