/**
 * The command line of `appraisal` (cli.md) without the commands themselves: its options, its usage
 * text, the names of its commands, and the reading of argv. `--help` and a mistaken command line are
 * answered from this alone (start.ts), before the services, the database driver and the workbook
 * code are loaded; main.ts runs the command.
 */
import { parseArgs } from 'node:util';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

let pipeWatched = false;
/**
 * `appraisal audit --json | head`: the reader closes the pipe early. Stop quietly, as Unix tools do,
 * instead of an unhandled EPIPE stack (the command's own work is done or rolls back whole).
 */
function stopWhenPipeCloses(): void {
  if (pipeWatched) return;
  pipeWatched = true;
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}

export const defaultIo: CliIo = {
  out: (t) => {
    stopWhenPipeCloses();
    process.stdout.write(t);
  },
  err: (t) => void process.stderr.write(t),
};

export const OPTIONS = {
  db: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  year: { type: 'string' },
  scheme: { type: 'string' },
  target: { type: 'string' },
  indicator: { type: 'string' },
  value: { type: 'string' },
  reason: { type: 'string' },
  code: { type: 'string' },
  name: { type: 'string' },
  kind: { type: 'string' },
  group: { type: 'string' },
  out: { type: 'string' },
  bonus: { type: 'string' },
  deduct: { type: 'string' },
  person: { type: 'string' },
  role: { type: 'string' },
  base: { type: 'string' },
  'performance-base': { type: 'string' },
  months: { type: 'string' },
  cap: { type: 'string' },
  amount: { type: 'string' },
  'factor-column': { type: 'string' },
  factors: { type: 'string' },
  'exclude-grades': { type: 'string' },
  since: { type: 'string' },
  'dry-run': { type: 'boolean' },
  marked: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  mode: { type: 'string' },
  import: { type: 'string' },
  payer: { type: 'string' },
  proposed: { type: 'string' },
  benchmark: { type: 'string' },
  multiple: { type: 'string' },
  excluded: { type: 'string' },
  split: { type: 'string' },
  tiers: { type: 'string' },
  'fail-limit': { type: 'string' },
} as const;

export type Opts = { [K in keyof typeof OPTIONS]?: (typeof OPTIONS)[K]['type'] extends 'boolean' ? boolean : string };

/** Every command main.ts runs (its `commands` table must have exactly these, and `demo`). */
export const COMMAND_NAMES = [
  'targets add',
  'targets retire',
  'targets import',
  'scheme import',
  'scheme export',
  'scheme check',
  'values set',
  'values import',
  'values imports',
  'values undo-import',
  'values baseline',
  'template',
  'adjust',
  'veto',
  'unveto',
  'score',
  'salary set',
  'salary import',
  'salary compute',
  'allocate',
  'paytotal set',
  'paytotal compute',
  'surplus',
  'term',
  'export results',
  'lock',
  'verify',
  'unlock',
  'backup',
  'restore',
  'audit',
  'templates list',
  'templates use',
  'demo',
] as const;

export type CommandName = (typeof COMMAND_NAMES)[number];

export const USAGE = `用法：appraisal [--db 文件] <命令> [选项]

  targets add --code C --name N --kind K [--group G] [--from Y] [--to Y]   添加或修改一个考核对象（考核年度 Y..Y）
  targets retire --code C --from Y --reason R             从 Y 年度起不再考核（此前及已定稿的年度保留）
  targets import 文件.xlsx                                从工作簿导入考核对象
  scheme import 文件.json|文件.xlsx [--year Y]             导入（新增或替换）考核方案
  scheme export --year Y --scheme CODE --out 文件.json|文件.xlsx
  scheme check --year Y --scheme CODE [--json]            校验方案
  values set --year Y --scheme CODE --target T --indicator I --value V [--reason R]
  values import --year Y --scheme CODE 文件.xlsx [--mode merge|replace] [--json] [--dry-run] [--marked 标红副本.xlsx]
                                                          merge 合并（默认，空白单元格不改动已存值）；replace 整表替换（空白即清空）
  values imports [--year Y] [--scheme CODE] [--json]      已导入的文件（含导入编号）
  values undo-import --import 编号 [--reason R] [--json]   撤销一次指标值导入（恢复到导入之前）
  values baseline --year Y --scheme CODE --target T --indicator I --value V [--reason R]
                                                          增长率指标的上年数（V 为空表示删除）
  template --year Y --scheme CODE --out 文件.xlsx          数据采集模板
  adjust --year Y --scheme CODE --target T (--bonus N|--deduct N) --reason R
  veto|unveto --year Y --scheme CODE --target T --reason R
  score --year Y --scheme CODE [--json]
  salary set --year Y --person 姓名 --role 职务 --target T --scheme S --base B --performance-base P [--months M] [--cap C] [--payer 县财政|集团]
  salary import 文件.xlsx --year Y
  salary compute --year Y [--json]
  allocate --year Y --scheme CODE --amount A [--factor-column 列名 --factors 文件.xlsx] [--exclude-grades G,…] [--json]
  paytotal set --year Y --target G --proposed T --benchmark R [--multiple M] [--excluded E] --reason R
  paytotal compute --year Y --scheme CODE [--json]          医疗集团绩效工资总量
  surplus --year Y --target G --amount S [--split 40:60] [--tiers 6:3:1] --reason R [--json]   医保结余分配
  term --scheme CODE --target T --from Y1 --to Y2 [--fail-limit N] [--json]                  任期目标考核
  export results --year Y --scheme CODE --out 文件.xlsx
  lock --year Y --scheme CODE | unlock --year Y --scheme CODE --reason R
  verify 财政报表.xlsx                                     核验导出的财政报表与本库定稿数据是否一致（数据指纹）
  backup --out 文件 | restore 文件 [--dry-run]             restore --dry-run 只检查并显示备份内容
  audit [--since 时间] [--json]
  templates list [--json] | templates use 模板名 --year Y [--code C]
  demo                                                    生成演示数据

退出码：0 完成；1 程序故障；2 输入被拒绝（未写入任何数据）；3 方案已定稿。
未指定 --db 时使用环境变量 APPRAISAL_DB，否则为当前目录下的 appraisal.db。
`;

/** `--value -5` → `--value=-5`: a negative number is a value, not an option. */
function joinNegativeValues(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const next = argv[i + 1];
    const name = a.startsWith('--') ? a.slice(2) : '';
    if (
      name in OPTIONS &&
      OPTIONS[name as keyof typeof OPTIONS].type === 'string' &&
      next !== undefined &&
      /^-\d/.test(next)
    ) {
      out.push(`${a}=${next}`);
      i++;
    } else out.push(a);
  }
  return out;
}

const COMMANDS: ReadonlySet<string> = new Set(COMMAND_NAMES);

/** A command to run: its name (one or two words), its options and its remaining arguments. */
export interface Command {
  o: Opts;
  name: CommandName;
  args: string[];
}

/** The command line read: a command to run, or the exit code once help or a mistake was answered. */
export type CommandLine = Command | { exitCode: number };

/**
 * Reads argv. `--help`, `help` and a bare `appraisal` print the usage (the bare one on stderr, exit
 * 2); an unknown option or command is refused with the usage (exit 2). Otherwise: the command (one
 * or two words) and its remaining arguments.
 */
export function readCommandLine(argv: string[], io: CliIo): CommandLine {
  let parsed;
  try {
    parsed = parseArgs({ args: joinNegativeValues(argv), options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    io.err(`命令行有误：${(e as Error).message}\n\n${USAGE}`);
    return { exitCode: 2 };
  }
  const o = parsed.values as Opts;
  const pos = parsed.positionals;
  if (o.help || pos.length === 0 || pos[0] === 'help') {
    (pos.length === 0 && !o.help ? io.err : io.out)(USAGE);
    return { exitCode: pos.length === 0 && !o.help ? 2 : 0 };
  }
  const two = `${pos[0]} ${pos[1] ?? ''}`;
  const name = COMMANDS.has(two) ? two : COMMANDS.has(pos[0]!) ? pos[0]! : null;
  if (!name) {
    io.err(`未知的命令：${pos.join(' ')}\n\n${USAGE}`);
    return { exitCode: 2 };
  }
  return { o, name: name as CommandName, args: pos.slice(name.split(' ').length) };
}
