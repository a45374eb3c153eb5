/**
 * The `appraisal` command (cli.md): the same services as the desktop app, without a window.
 * Exit codes: 0 done; 1 a failure of the program; 2 the input was rejected (nothing written);
 * 3 the scheme/year is locked. Messages for people go to stderr; --json answers go to stdout.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { FilePayload, ImportIssue, ImportOutcome } from '../../shared/api/contract';
import type { Problem } from '../../shared/domain/types';
import { openServices, type Services } from '../services';
import { ApiError, clipIssues, exitCodeOf, toApiError } from '../services/errors';
import { exportResultsFile, importValuesFile } from '../services/workbooks/cli-files';
import { schemeObjectFromXlsx } from '../services/workbooks/scheme-files';
import { readFactorsWorkbook } from '../services/factors';
import { allocationJson, payTotalJson, salaryJson, scoreJson, surplusJson, table, termJson } from './format';
import { payerTotals } from '../../shared/finance/payer';
import { spanText } from '../../shared/domain/types';
import { problemParts } from '../../shared/scheme/place';
import { produceAtomically, writeFileAtomic } from '../fs/atomic-file';
import type { BackupSummary } from '../../shared/api/contract';
import { defaultIo, readCommandLine, type CliIo, type Command, type CommandName, type Opts } from './usage';

interface Cmd {
  o: Opts;
  args: string[];
  s: Services;
  io: CliIo;
}

function need(o: Opts, key: keyof Opts, what: string): string {
  const v = o[key];
  if (typeof v !== 'string' || v.trim() === '') {
    throw new ApiError('INPUT', `缺少选项 --${String(key)}（${what}）`, {
      problems: [{ path: `--${String(key)}`, message: `缺少${what}` }],
    });
  }
  return v.trim();
}

function intOpt(o: Opts, key: keyof Opts, what: string): number {
  const v = need(o, key, what);
  if (!/^\d+$/.test(v)) throw new ApiError('INPUT', `--${String(key)} 须为整数（${what}），现为“${v}”`);
  return Number(v);
}

function year(o: Opts): number {
  return intOpt(o, 'year', '考核年度');
}

function fileArg(c: Cmd, what: string): string {
  const f = c.args[0];
  if (!f) throw new ApiError('INPUT', `缺少${what}文件路径`);
  if (!fs.existsSync(f)) throw new ApiError('INPUT', `找不到文件：${f}`);
  return f;
}

function payload(file: string): FilePayload {
  return { fileName: path.basename(file), base64: fs.readFileSync(file).toString('base64') };
}

/** Every file the CLI writes goes through a temporary name (atomic-file.ts). */
function writePayload(out: string, p: FilePayload): void {
  writeFileAtomic(out, Buffer.from(p.base64, 'base64'));
}

/** What a backup holds, for people: restore --dry-run, and before a restore replaces anything. */
function summaryLines(r: BackupSummary): string {
  const schemes = r.schemes.map((x) => `${x.year}/${x.code} ${x.name}${x.locked ? '（已定稿）' : ''}`);
  return (
    `备份文件：${r.file}（${r.size} 字节，数据库结构版本 ${r.schemaVersion}）\n` +
    `  县（区）：${r.county || '（未填写）'}\n` +
    `  考核年度：${r.years.length ? r.years.join('、') : '（无）'}\n` +
    `  方案 ${r.counts.schemes} 个${schemes.length ? `：${schemes.slice(0, 20).join('；')}${schemes.length > 20 ? ' …' : ''}` : ''}\n` +
    `  考核对象 ${r.counts.targets} 个，指标值 ${r.counts.values} 个，年薪基础数据 ${r.counts.salaryInputs} 条，操作日志 ${r.counts.auditEntries} 条\n` +
    `  最近一次修改：${r.newestChange ?? '（无记录）'}\n`
  );
}

function json(c: Cmd, v: unknown): void {
  c.io.out(`${JSON.stringify(v, null, 1)}\n`);
}

/** One line per problem: the machine path (scheme-json.md) and, for a scheme field, its Chinese place. */
function problemLines(problems: Problem[] | undefined): string {
  return (problems ?? [])
    .map((p) => {
      const { place, text } = problemParts(p);
      return `  ${p.path}${place !== p.path ? `（${place}）` : ''}：${text}\n`;
    })
    .join('');
}

function ext(file: string): string {
  return path.extname(file).toLowerCase();
}

/** `数据采集!D7`: the cell already carries its sheet when the importer knows it. */
function place(i: ImportIssue): string {
  if (i.cell.includes('!')) return i.cell;
  return i.sheet && i.cell ? `${i.sheet}!${i.cell}` : i.sheet || i.cell;
}

function issueLines(kind: string, issues: ImportIssue[] | undefined): string {
  return (issues ?? [])
    .map(
      (e) =>
        `${kind} ${place(e)}${e.target ? ` ${e.target}` : ''}${e.indicator ? `/${e.indicator}` : ''}${e.value ? `（填写为“${e.value}”）` : ''}：${e.message}\n`,
    )
    .join('');
}

function printOutcome(c: Cmd, outcome: ImportOutcome, what: string): number {
  // Values echoed are cut to a readable length (a 10 MB cell is not printed whole).
  const o = { ...outcome, errors: clipIssues(outcome.errors), warnings: clipIssues(outcome.warnings) };
  const failed = o.errors.length > 0;
  if (c.o.json) json(c, { errors: o.errors, warnings: o.warnings, written: o.written, importId: o.importId });
  c.io.err(issueLines('错误', o.errors));
  c.io.err(issueLines('提示', o.warnings));
  if (failed) {
    c.io.err(`${what}被拒绝：共 ${o.errors.length} 处错误，未写入任何数据。\n`);
    return 2;
  }
  c.io.err(`${what}完成：写入 ${o.written} 项。\n`);
  return 0;
}

const commands: Record<Exclude<CommandName, 'demo'>, (c: Cmd) => Promise<number>> = {
  async 'targets add'(c) {
    const t = await c.s.saveTarget({
      target: {
        code: need(c.o, 'code', '对象编码'),
        name: need(c.o, 'name', '对象名称'),
        kind: need(c.o, 'kind', '对象类型') as never,
        group: c.o.group ?? null,
        // Not given: an existing target keeps its years.
        ...(c.o.from === undefined ? {} : { from: intOpt(c.o, 'from', '起始年度') }),
        ...(c.o.to === undefined ? {} : { to: intOpt(c.o, 'to', '终止年度') }),
      },
      reason: c.o.reason,
    });
    if (c.o.json) json(c, t);
    for (const w of t.warnings) c.io.err(`提示：${w}\n`);
    const span = spanText(t);
    c.io.err(`已保存考核对象 ${t.code}（${t.name}${span ? `，考核年度 ${span}` : ''}）\n`);
    return 0;
  },
  async 'targets retire'(c) {
    const t = await c.s.retireTarget({
      code: need(c.o, 'code', '对象编码'),
      from: intOpt(c.o, 'from', '停止考核的起始年度'),
      reason: need(c.o, 'reason', '原因'),
    });
    if (c.o.json) json(c, t);
    c.io.err(
      `考核对象 ${t.code}（${t.name}）自 ${t.to! + 1} 年度起不再考核；${t.to} 年度及以前（以及已定稿的年度）保留\n`,
    );
    return 0;
  },
  async 'targets import'(c) {
    const o = await c.s.importTargets({ file: payload(fileArg(c, '考核对象工作簿')) });
    return printOutcome(c, o, '考核对象导入');
  },
  async 'scheme import'(c) {
    const file = fileArg(c, '方案');
    const y = c.o.year !== undefined ? year(c.o) : undefined;
    let data: unknown;
    if (ext(file) === '.xlsx') {
      // Read the workbook into the JSON form, then save strictly: an invalid scheme is refused
      // (exit 2, nothing written) exactly as from JSON.
      data = await schemeObjectFromXlsx(fs.readFileSync(file));
    } else {
      try {
        data = JSON.parse(fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
      } catch (e) {
        throw new ApiError('INPUT', `方案文件不是有效的 JSON：${file}（${(e as Error).message}）`);
      }
    }
    const { code } = await c.s.saveScheme({
      scheme: data,
      year: y,
      strict: true,
      reason: `导入文件 ${path.basename(file)}`,
    });
    c.io.out(`${code}\n`);
    c.io.err(`已导入方案 ${code}\n`);
    return 0;
  },
  async 'scheme export'(c) {
    const i = { year: year(c.o), scheme: need(c.o, 'scheme', '方案编码') };
    const out = need(c.o, 'out', '输出文件');
    if (ext(out) === '.xlsx') writePayload(out, await c.s.exportSchemeXlsx(i));
    else writeFileAtomic(out, `${JSON.stringify(await c.s.getScheme(i), null, 2)}\n`);
    c.io.err(`已导出方案 ${i.scheme} 到 ${out}\n`);
    return 0;
  },
  async 'scheme check'(c) {
    const i = { year: year(c.o), scheme: need(c.o, 'scheme', '方案编码') };
    const problems = await c.s.checkScheme(i);
    // Warnings (FEW_PEERS) do not make the scheme invalid: they are shown, the exit code stays 0.
    const warnings = await c.s.schemeWarnings(i);
    // `warnings` only when there are some, so the answer for a plain valid scheme stays as cli.md shows it.
    if (c.o.json)
      json(
        c,
        warnings.length > 0
          ? { valid: problems.length === 0, problems, warnings }
          : { valid: problems.length === 0, problems },
      );
    if (warnings.length > 0) c.io.err(`提醒 ${warnings.length} 处：\n${problemLines(warnings)}`);
    if (problems.length === 0) {
      c.io.err('方案校验通过。\n');
      return 0;
    }
    c.io.err(`方案有 ${problems.length} 处问题：\n${problemLines(problems)}`);
    return 2;
  },
  async 'values set'(c) {
    if (c.o.value === undefined) throw new ApiError('INPUT', '缺少选项 --value（值；N/A 表示不适用，空表示缺报）');
    const cell = await c.s.setValue({
      year: year(c.o),
      scheme: need(c.o, 'scheme', '方案编码'),
      target: need(c.o, 'target', '考核对象编码'),
      indicator: need(c.o, 'indicator', '指标编码'),
      text: c.o.value,
      reason: c.o.reason,
    });
    if (c.o.json) json(c, cell);
    c.io.err(`已保存 ${cell.target}/${cell.indicator}\n`);
    return 0;
  },
  async 'values import'(c) {
    const mode = c.o.mode === undefined ? 'merge' : c.o.mode.trim();
    if (mode !== 'merge' && mode !== 'replace') {
      throw new ApiError('INPUT', `--mode 须为 merge（合并）或 replace（整表替换），现为“${mode}”`, {
        problems: [{ path: '--mode', message: '须为 merge 或 replace' }],
      });
    }
    const dry = c.o['dry-run'] ?? false;
    // --marked OUT: on rejection, also write a copy with every bad cell filled red and commented.
    const o = await importValuesFile(c.s, {
      year: year(c.o),
      scheme: need(c.o, 'scheme', '方案编码'),
      file: fileArg(c, '数据工作簿'),
      dryRun: dry,
      mode,
      marked: c.o.marked,
    });
    c.io.err(issueLines('错误', o.errors));
    c.io.err(issueLines('提示', o.warnings));
    if (o.errors.length > 0) {
      if (c.o.json) json(c, { errors: o.errors, warnings: o.warnings });
      c.io.err(`数据${dry ? '检查' : '导入'}被拒绝：共 ${o.errors.length} 处错误，未写入任何数据。\n`);
      return 2;
    }
    const n = o.counts ?? { new: 0, changed: 0, unchanged: 0, cleared: 0 };
    // cli.md: counts of values, and the warnings as listed above.
    if (c.o.json)
      json(c, { new: n.new, changed: n.changed, unchanged: n.unchanged, cleared: n.cleared, warnings: o.warnings });
    const b = o.baselines;
    const base =
      b && b.new + b.changed + b.cleared > 0
        ? `；上年数新增 ${b.new}、修改 ${b.changed}${mode === 'replace' ? `、清空 ${b.cleared}` : ''}`
        : '';
    const summary = `新增 ${n.new}、修改 ${n.changed}、不变 ${n.unchanged}${mode === 'replace' ? `、清空 ${n.cleared}` : ''}${base}`;
    if (dry) c.io.err(`数据检查通过（${mode === 'replace' ? '整表替换' : '合并'}，未写入）：将${summary}。\n`);
    else
      c.io.err(
        `数据导入完成（${mode === 'replace' ? '整表替换' : '合并'}）：${summary}。导入编号 ${o.importId}，可用 values undo-import --import ${o.importId} 撤销。\n`,
      );
    return 0;
  },
  async 'values imports'(c) {
    const list = await c.s.listImports({
      year: c.o.year !== undefined ? year(c.o) : undefined,
      scheme: c.o.scheme,
      kind: 'values',
    });
    if (c.o.json) json(c, { imports: list });
    else {
      const status = (s: string) =>
        ({ imported: '已导入', rejected: '被拒绝', undone: '已撤销', pending: '未完成' })[s] ?? s;
      c.io.out(
        table(
          ['编号', '时间', '人员', '年度', '方案', '文件', '方式', '结果', '新增', '修改', '清空'],
          list.map((r) => [
            r.id,
            r.at,
            r.who,
            r.year ?? '',
            r.scheme ?? '',
            r.fileName,
            r.mode === 'replace' ? '整表替换' : r.mode ? '合并' : '',
            status(r.status),
            r.counts?.new ?? '',
            r.counts?.changed ?? '',
            r.counts?.cleared ?? '',
          ]),
        ),
      );
    }
    return 0;
  },
  async 'values undo-import'(c) {
    const r = await c.s.undoImport({ importId: intOpt(c.o, 'import', '导入编号'), reason: c.o.reason });
    if (c.o.json) json(c, r);
    c.io.err(
      `已撤销导入 #${r.importId}：恢复 ${r.restored} 个值${r.baselinesRestored ? `、${r.baselinesRestored} 个上年数` : ''}到导入之前。\n`,
    );
    return 0;
  },
  async 'values baseline'(c) {
    if (c.o.value === undefined) throw new ApiError('INPUT', '缺少选项 --value（上年数；N/A 表示不适用，空表示删除）');
    const cell = await c.s.setBaseline({
      year: year(c.o),
      scheme: need(c.o, 'scheme', '方案编码'),
      target: need(c.o, 'target', '考核对象编码'),
      indicator: need(c.o, 'indicator', '指标编码'),
      text: c.o.value,
      reason: c.o.reason,
    });
    if (c.o.json) json(c, cell);
    c.io.err(`已保存 ${cell.target}/${cell.indicator} 的上年数\n`);
    return 0;
  },
  async template(c) {
    const out = need(c.o, 'out', '输出文件');
    writePayload(out, await c.s.downloadTemplate({ year: year(c.o), scheme: need(c.o, 'scheme', '方案编码') }));
    c.io.err(`已生成数据采集模板：${out}\n`);
    return 0;
  },
  async adjust(c) {
    const bonus = c.o.bonus;
    const deduct = c.o.deduct;
    if ((bonus === undefined) === (deduct === undefined))
      throw new ApiError('INPUT', '请在 --bonus（加分）与 --deduct（减分）中指定且只指定一个');
    const row = await c.s.addAdjustment({
      year: year(c.o),
      scheme: need(c.o, 'scheme', '方案编码'),
      target: need(c.o, 'target', '考核对象编码'),
      kind: bonus !== undefined ? 'bonus' : 'deduction',
      points: (bonus ?? deduct)!.trim(),
      reason: need(c.o, 'reason', '原因'),
    });
    if (c.o.json) json(c, row);
    c.io.err(`已记录${row.kind === 'bonus' ? '加分' : '减分'} ${row.points} 分（编号 ${row.id}）\n`);
    if (row.warning) c.io.err(`注意：${row.warning}\n`);
    return 0;
  },
  async veto(c) {
    const i = {
      year: year(c.o),
      scheme: need(c.o, 'scheme', '方案编码'),
      target: need(c.o, 'target', '考核对象编码'),
      reason: need(c.o, 'reason', '原因'),
    };
    await c.s.setVeto(i);
    c.io.err(`已对 ${i.target} 一票否决\n`);
    return 0;
  },
  async unveto(c) {
    const i = {
      year: year(c.o),
      scheme: need(c.o, 'scheme', '方案编码'),
      target: need(c.o, 'target', '考核对象编码'),
      reason: need(c.o, 'reason', '原因'),
    };
    await c.s.removeVeto(i);
    c.io.err(`已撤销 ${i.target} 的一票否决\n`);
    return 0;
  },
  async score(c) {
    const r = await c.s.score({ year: year(c.o), scheme: need(c.o, 'scheme', '方案编码') });
    if (c.o.json) json(c, scoreJson(r));
    else {
      c.io.out(
        table(
          ['名次', '编码', '名称', '基础分', '加分', '减分', '总分', '等级', '标记'],
          r.results.map((t) => [
            t.rank,
            t.target,
            t.name,
            t.base,
            t.bonus,
            t.deduction,
            t.total,
            t.grade,
            t.flags.join(','),
          ]),
        ),
      );
    }
    return 0;
  },
  async 'salary set'(c) {
    await c.s.setSalaryInput({
      year: year(c.o),
      input: {
        person: need(c.o, 'person', '姓名'),
        role: need(c.o, 'role', '职务'),
        target: need(c.o, 'target', '考核对象编码'),
        scheme: need(c.o, 'scheme', '方案编码'),
        base: need(c.o, 'base', '基本年薪'),
        performanceBase: need(c.o, 'performance-base', '绩效年薪基数'),
        months: c.o.months === undefined ? 12 : intOpt(c.o, 'months', '任职月数'),
        cap: c.o.cap === undefined || c.o.cap.trim() === '' ? null : c.o.cap.trim(),
        ...(c.o.payer !== undefined ? { payer: need(c.o, 'payer', '发放主体') } : {}),
      },
      reason: c.o.reason,
    });
    c.io.err(`已保存 ${c.o.person} 的年薪基础数据\n`);
    return 0;
  },
  async 'salary import'(c) {
    const o = await c.s.importSalary({ year: year(c.o), file: payload(fileArg(c, '年薪工作簿')) });
    return printOutcome(c, o, '年薪数据导入');
  },
  async 'salary compute'(c) {
    const lines = await c.s.computeSalary({ year: year(c.o) });
    const payers = payerTotals(lines);
    if (c.o.json) json(c, salaryJson(lines));
    else {
      c.io.out(
        table(
          ['姓名', '职务', '单位', '发放主体', '月数', '系数', '应发年薪', '大写'],
          lines.map((l) => [l.person, l.role, l.target, l.payer ?? '', l.months, l.k, l.pay, l.payInWords]),
        ),
      );
      c.io.out(
        table(
          ['发放主体', '人数', '合计', '大写'],
          payers.map((p) => [p.payer, p.lines, p.total, p.totalInWords]),
        ),
      );
    }
    const bad = lines.filter((l) => l.error);
    for (const l of bad) c.io.err(`错误：${l.error}\n`);
    return bad.length > 0 ? 2 : 0;
  },
  async allocate(c) {
    const i = { year: year(c.o), scheme: need(c.o, 'scheme', '方案编码') };
    let factors: Record<string, string> | undefined;
    if (c.o.factors !== undefined || c.o['factor-column'] !== undefined) {
      const file = need(c.o, 'factors', '分配系数工作簿');
      const column = need(c.o, 'factor-column', '分配系数列名');
      if (!fs.existsSync(file)) throw new ApiError('INPUT', `找不到文件：${file}`);
      factors = await readFactorsWorkbook(fs.readFileSync(file), column);
    }
    const eg = c.o['exclude-grades'];
    const excludeGrades =
      eg === undefined
        ? undefined
        : eg
            .split(/[,，、]/)
            .map((g) => g.trim())
            .filter((g) => g !== '');
    const a = await c.s.allocate({ ...i, amount: need(c.o, 'amount', '待分配资金'), factors, excludeGrades });
    if (c.o.json) json(c, allocationJson(a));
    else
      c.io.out(
        table(
          ['编码', '名称', '总分', '系数', '金额'],
          [...a.parts.map((p) => [p.target, p.name, p.total, p.factor, p.amount]), ['合计', '', '', '', a.sum]],
        ),
      );
    return 0;
  },
  async 'paytotal set'(c) {
    const r = await c.s.setPayTotal({
      year: year(c.o),
      target: need(c.o, 'target', '医疗集团编码'),
      proposed: need(c.o, 'proposed', '绩效工资总量申报数'),
      benchmark: need(c.o, 'benchmark', '绩效工资总量基准'),
      ...(c.o.multiple !== undefined ? { multiple: need(c.o, 'multiple', '倍数') } : {}),
      ...(c.o.excluded !== undefined ? { excluded: need(c.o, 'excluded', '不纳入总量的项目金额') } : {}),
      reason: need(c.o, 'reason', '原因'),
    });
    if (c.o.json) json(c, r);
    c.io.err(`已保存 ${r.target}（${r.name}）${r.year} 年度绩效工资总量基础数据\n`);
    return 0;
  },
  async 'paytotal compute'(c) {
    const r = await c.s.computePayTotals({ year: year(c.o), scheme: need(c.o, 'scheme', '方案编码') });
    if (c.o.json) json(c, payTotalJson(r));
    else {
      c.io.out(
        table(
          ['编码', '名称', '系数', '申报', '基准', '倍数', '上限', '核定', '不纳入', '可分配', '标记'],
          r.groups.map((g) => [
            g.target,
            g.name,
            g.k,
            g.proposed,
            g.benchmark,
            g.multiple,
            g.cap,
            g.approved,
            g.excluded,
            g.available,
            g.flags.join(','),
          ]),
        ),
      );
    }
    return 0;
  },
  async surplus(c) {
    const r = await c.s.splitSurplus({
      year: year(c.o),
      target: need(c.o, 'target', '医疗集团编码'),
      amount: need(c.o, 'amount', '医保结余资金'),
      ...(c.o.split !== undefined ? { split: c.o.split } : {}),
      ...(c.o.tiers !== undefined ? { tiers: c.o.tiers } : {}),
      reason: need(c.o, 'reason', '原因'),
    });
    if (c.o.json) json(c, surplusJson(r));
    else {
      const rows: (string | number)[][] = [['合计', r.amount, r.development, r.staff]];
      if (r.tiers) {
        rows.push(['县级', r.tiers.county.amount, r.tiers.county.development, r.tiers.county.staff]);
        rows.push(['乡级', r.tiers.township.amount, r.tiers.township.development, r.tiers.township.staff]);
        rows.push(['村级', r.tiers.village.amount, r.tiers.village.development, r.tiers.village.staff]);
      }
      c.io.out(table(['', '金额', '业务发展', '人员薪酬'], rows));
    }
    c.io.err(`已保存 ${r.target}（${r.name}）${r.year} 年度医保结余分配\n`);
    return 0;
  },
  async term(c) {
    const failLimit = c.o['fail-limit'] === undefined ? undefined : intOpt(c.o, 'fail-limit', '任期内不合格次数上限');
    const r = await c.s.termAppraisal({
      scheme: need(c.o, 'scheme', '方案编码'),
      target: need(c.o, 'target', '考核对象编码'),
      from: intOpt(c.o, 'from', '任期起始年度'),
      to: intOpt(c.o, 'to', '任期终止年度'),
      ...(failLimit !== undefined ? { failLimit } : {}),
    });
    if (c.o.json) json(c, termJson(r));
    else {
      c.io.out(
        table(
          ['年度', '总分', '等级', '名次'],
          r.years.map((y) => [y.year, y.total ?? '无结果', y.grade ?? '', y.rank ?? '']),
        ),
      );
      c.io.out(`平均 ${r.average ?? '—'}，不合格 ${r.failYears} 次${r.flags.length ? `，${r.flags.join(',')}` : ''}\n`);
    }
    return 0;
  },
  async 'export results'(c) {
    const out = need(c.o, 'out', '输出文件');
    // Streamed to the file (no whole-workbook buffer, no base64): the path `npm run bench` measures.
    await exportResultsFile(c.s, { year: year(c.o), scheme: need(c.o, 'scheme', '方案编码'), out });
    c.io.err(`已导出考核结果工作簿：${out}\n`);
    return 0;
  },
  async lock(c) {
    const r = await c.s.lock({ year: year(c.o), scheme: need(c.o, 'scheme', '方案编码') });
    if (c.o.json) json(c, r);
    else c.io.out(`${r.fingerprint}\n`);
    c.io.err(`已定稿，数据指纹 ${r.fingerprint}\n`);
    return 0;
  },
  async verify(c) {
    const v = await c.s.verifyWorkbook({ file: payload(fileArg(c, '财政报表工作簿')) });
    if (c.o.json) json(c, v);
    c.io.err(`${v.message}\n`);
    for (const d of v.differences.slice(1, 10))
      c.io.err(`  ${d.cell}：工作簿中为“${d.workbook}”，定稿数据为“${d.locked}”\n`);
    return v.ok ? 0 : 2;
  },
  async unlock(c) {
    await c.s.unlock({
      year: year(c.o),
      scheme: need(c.o, 'scheme', '方案编码'),
      reason: need(c.o, 'reason', '解除定稿的原因'),
    });
    c.io.err('已解除定稿\n');
    return 0;
  },
  async backup(c) {
    // The CLI may name a path (it calls the services directly, never over HTTP); pages cannot.
    const r = c.o.out ? await c.s.backupTo(c.o.out) : await c.s.backup({});
    if (c.o.json) json(c, r);
    else c.io.out(`${r.path}\n`);
    c.io.err(`已备份到 ${r.path}\n`);
    return 0;
  },
  async restore(c) {
    const file = fileArg(c, '备份');
    // Checked first (a database this program wrote, integrity ok) and shown; --dry-run stops here.
    const summary = await c.s.inspectBackupFile(file);
    if (c.o['dry-run']) {
      if (c.o.json) json(c, summary);
      c.io.err(summaryLines(summary));
      c.io.err('检查通过（--dry-run）：未恢复，当前数据未被改动。\n');
      return 0;
    }
    c.io.err(summaryLines(summary));
    const r = await c.s.restoreFrom(file);
    if (c.o.json) json(c, { ...r, summary });
    c.io.err(`已从 ${r.restoredFrom} 恢复；恢复前的数据已另存为 ${r.safetyBackup}\n`);
    return 0;
  },
  async audit(c) {
    const entries = await c.s.audit({ since: c.o.since });
    if (c.o.json) json(c, { entries });
    else
      c.io.out(
        table(
          ['时间', '人员', '操作', '对象', '键', '原因'],
          entries.map((e) => [e.at, e.who, e.action, e.entity, e.key, e.reason ?? '']),
        ),
      );
    return 0;
  },
  async 'templates list'(c) {
    const list = await c.s.listTemplates();
    if (c.o.json) json(c, { templates: list });
    else
      c.io.out(
        table(
          ['名称', '标题', '对象类型', '指标数'],
          list.map((t) => [t.name, t.title, t.targetKind, t.indicators]),
        ),
      );
    return 0;
  },
  async 'templates use'(c) {
    // NAME may be given as the first argument (templates use NAME) or as --name.
    const name = c.args[0] ?? need(c.o, 'name', '模板名称');
    const r = await c.s.useTemplate({ name, year: year(c.o), code: c.o.code });
    c.io.out(`${r.code}\n`);
    return 0;
  },
};

/**
 * The demo is built in a temporary file beside the target and renamed into place only when
 * complete: a kill half-way leaves no half demo under the name. A file that already holds data is
 * refused first (loadDemo's own check, on the real file).
 */
async function demo(dbPath: string, o: Opts, io: CliIo): Promise<number> {
  const { loadDemo } = await import('../services/demo');
  const dest = path.resolve(dbPath);
  if (fs.existsSync(dest) && fs.statSync(dest).size > 0) {
    const s = openServices({ dbPath: dest });
    try {
      const { holdsData } = await import('../services/demo');
      const held = await holdsData(s);
      if (held) {
        throw new ApiError(
          'INPUT',
          `数据库 ${dbPath} 已有数据（${held}），示例数据只载入新的数据库文件，不与真实数据混合；请另选一个新文件`,
        );
      }
    } finally {
      await s.close();
    }
  }
  const r = await produceAtomically(dest, async (tmp) => {
    const summary = await loadDemo(tmp, { open: openServices });
    // Its connection is closed (WAL checkpointed); a leftover -wal would belong to the temp name.
    for (const suffix of ['-wal', '-shm']) fs.rmSync(`${tmp}${suffix}`, { force: true });
    return summary;
  });
  for (const suffix of ['-wal', '-shm', '-journal']) fs.rmSync(`${dest}${suffix}`, { force: true });
  r.dbPath = dbPath;
  if (o.json) io.out(`${JSON.stringify(r, null, 1)}\n`);
  io.err(
    `已在 ${r.dbPath} 载入示例数据：${r.county}，${r.targets} 个考核对象，${r.schemes.length} 个方案，${r.values} 个指标值\n`,
  );
  return 0;
}

/** Commands that only read the database (a read-only file is opened read-only for them). */
const READING_COMMANDS = new Set([
  'score',
  'export results',
  'audit',
  'scheme export',
  'scheme check',
  'template',
  'templates list',
  'salary compute',
  'backup',
]);

export async function main(argv: string[], io: CliIo = defaultIo): Promise<number> {
  const read = readCommandLine(argv, io);
  return 'exitCode' in read ? read.exitCode : runCommand(read, io);
}

/** Runs a command read from the command line (usage.ts): exit code 0, 1, 2 or 3 (cli.md). */
export async function runCommand({ o, name, args }: Command, io: CliIo = defaultIo): Promise<number> {
  let services: Services | null = null;
  try {
    const dbPath = o.db ?? process.env.APPRAISAL_DB ?? 'appraisal.db';
    if (name === 'demo') return await demo(dbPath, o, io);
    // Reading commands open a read-only database read-only instead of failing.
    services = openServices({ dbPath, readOnlyOk: READING_COMMANDS.has(name) });
    return await commands[name]({ o, args, s: services, io });
  } catch (e) {
    const err = toApiError(e);
    if (o.json && (err.errors || err.warnings))
      json({ o, args, s: services!, io }, { errors: err.errors ?? [], warnings: err.warnings ?? [] });
    else if (o.json && err.problems)
      json({ o, args, s: services!, io }, { error: err.message, problems: err.problems });
    // --json always answers on stdout: a value import lists the refusal (e.g. 已定稿, excel.md) as its
    // one error; other commands give the message.
    else if (o.json && name === 'values import')
      json(
        { o, args, s: services!, io },
        { errors: [{ sheet: '', cell: '', target: '', indicator: '', value: '', message: err.message }], warnings: [] },
      );
    else if (o.json) json({ o, args, s: services!, io }, { error: err.message });
    // The problems under the message when there are several, or when the message names their place
    // in Chinese only (scheme fields): the CLI always shows the field path.
    const lines = err.problems && (err.problems.length > 1 || err.problems.some((p) => !err.message.includes(p.path)));
    io.err(`错误：${err.message}\n${lines ? problemLines(err.problems) : ''}`);
    if (err.errors?.length) io.err(issueLines('错误', err.errors));
    if (err.warnings?.length) io.err(issueLines('提示', err.warnings));
    if (err.errors?.length && o.marked) io.err(`已写出标红副本：${o.marked}\n`);
    return exitCodeOf(err);
  } finally {
    await services?.close();
  }
}
