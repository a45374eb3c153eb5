/**
 * Every workbook the app writes opens cleanly in another reader: openpyxl (strict about OOXML
 * enumerations — it refused `errorStyle="error"` in the data-collection template's validations)
 * and LibreOffice Calc. Each file is opened and one known cell is read back.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportResultsFile } from '../../electron/services/workbooks/cli-files';
import { templateBytes } from '../../electron/services/workbooks/collection-template';
import { exportResultsBytes } from '../../electron/services/workbooks/finance-export';
import { fromPayload } from '../../electron/services/workbooks/payload';
import { exportSchemeBytes } from '../../electron/services/workbooks/scheme-files';
import { markedCopyBytes } from '../../electron/services/workbooks/value-import';
import type { Services } from '../../electron/services/index';
import { addEx1Adjustments, ex1Like, ex1Services, tmpDir } from './excel-fixtures';

/** A python3 that has openpyxl (Debian's python3-openpyxl lives in /usr/bin/python3's path). */
function findPython(): string | null {
  for (const p of ['/usr/bin/python3', 'python3']) {
    const r = spawnSync(p, ['-c', 'import openpyxl'], { stdio: 'pipe' });
    if (r.status === 0) return p;
  }
  return null;
}

function findSoffice(): string | null {
  for (const p of ['/usr/bin/soffice', '/usr/bin/libreoffice', '/usr/lib/libreoffice/program/soffice']) {
    if (fs.existsSync(p)) return p;
  }
  return null;
}

const python = findPython();
const soffice = findSoffice();
if (!python)
  console.warn(
    '跳过 openpyxl 兼容性测试：没有 python3-openpyxl（apt-get install -y python3-openpyxl；.ci/run 会安装）',
  );
if (!soffice) console.warn('跳过 LibreOffice 兼容性测试：本机没有安装 soffice');

const work = tmpDir('open-elsewhere-');
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

interface Written {
  name: string;
  bytes: Buffer;
  /** sheet, cell, expected text of that cell as read by the other program */
  probe: [string, string, string];
}

const OPENPYXL = `
import sys, json, warnings
import openpyxl
warnings.simplefilter("error")
out = {}
for arg in sys.argv[1:]:
    path, sheet, cell = arg.split("|")
    wb = openpyxl.load_workbook(path)
    v = wb[sheet][cell].value
    out[path] = "" if v is None else str(v)
print(json.dumps(out, ensure_ascii=False))
`;

let services: Services;
const files: Written[] = [];

beforeAll(async () => {
  services = (await ex1Services()).services;
  await addEx1Adjustments(services);
  const tpl = await templateBytes(services, { year: 2024, scheme: 'EX' });
  files.push({ name: 'template', bytes: fromPayload(tpl), probe: ['数据采集', 'A5', 'EX-01'] });
  const prefilled = await templateBytes(services, { year: 2024, scheme: 'EX', prefill: true });
  files.push({
    name: 'template-prefill',
    bytes: fromPayload(prefilled),
    probe: ['数据采集', 'B6', '西街社区卫生服务中心'],
  });
  files.push({
    name: 'scheme',
    bytes: fromPayload(await exportSchemeBytes(services, { year: 2024, scheme: 'EX' })),
    probe: ['指标体系', 'A1', ''],
  });
  const results = fromPayload(await exportResultsBytes(services, { year: 2024, scheme: 'EX' }));
  files.push({ name: 'results', bytes: results, probe: ['考核结果汇总', 'J4', ''] });
  const out = path.join(work, 'results-file.xlsx');
  await exportResultsFile(services, { year: 2024, scheme: 'EX', out });
  files.push({ name: 'results-file', bytes: fs.readFileSync(out), probe: ['考核结果汇总', 'J4', ''] });
  const bad = await ex1Like([['EX-01', '东街社区卫生服务中心', 'abc', 66.5, 41, 17.5, 38211, '满意']]);
  files.push({
    name: 'marked',
    bytes: await markedCopyBytes(services, { year: 2024, scheme: 'EX', bytes: bad }),
    probe: ['数据采集', 'C5', 'abc'],
  });
  // The 考核对象 template, and a locked year's finance workbook (its fingerprint as defined names).
  files.push({
    name: 'targets',
    bytes: fromPayload(await services.downloadTargetsTemplate({})),
    probe: ['考核对象', 'E3', '起始年度'],
  });
  await services.lock({ year: 2024, scheme: 'EX' });
  files.push({
    name: 'results-locked',
    bytes: fromPayload(await exportResultsBytes(services, { year: 2024, scheme: 'EX' })),
    probe: ['考核结果汇总', 'J4', ''],
  });
  for (const f of files) fs.writeFileSync(path.join(work, `${f.name}.xlsx`), f.bytes);
}, 120_000);

afterAll(async () => {
  await services?.close();
});

describe('every workbook the app writes', () => {
  it('writes no invalid data-validation errorStyle (valid: stop, warning, information)', () => {
    const xml = execFileSync('unzip', ['-p', path.join(work, 'template.xlsx'), 'xl/worksheets/sheet1.xml'], {
      encoding: 'utf8',
    });
    const styles = [...xml.matchAll(/errorStyle="([^"]*)"/g)].map((m) => m[1]);
    expect(styles.length).toBeGreaterThan(0);
    for (const s of styles) expect(['stop', 'warning', 'information']).toContain(s);
  });

  it.skipIf(!python)(
    'opens in openpyxl and reads its cells back',
    () => {
      const args = files.map((f) => `${path.join(work, `${f.name}.xlsx`)}|${f.probe[0]}|${f.probe[1]}`);
      const r = spawnSync(python!, ['-c', OPENPYXL, ...args], { encoding: 'utf8', timeout: 120_000 });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      const read = JSON.parse(r.stdout) as Record<string, string>;
      for (const f of files) {
        const got = read[path.join(work, `${f.name}.xlsx`)];
        expect(got, f.name).toBeDefined();
        if (f.probe[2]) expect(got, f.name).toBe(f.probe[2]);
        else expect(got, f.name).not.toBe('');
      }
    },
    120_000,
  );

  it.skipIf(!soffice)(
    'opens in LibreOffice Calc (converted to csv, first sheet read back)',
    () => {
      const outDir = path.join(work, 'csv');
      fs.mkdirSync(outDir, { recursive: true });
      const srcs = files.map((f) => path.join(work, `${f.name}.xlsx`));
      execFileSync(
        soffice!,
        [
          `-env:UserInstallation=file://${path.join(work, 'profile')}`,
          '--headless',
          '--norestore',
          '--convert-to',
          'csv:Text - txt - csv (StarCalc):44,34,76',
          '--outdir',
          outDir,
          ...srcs,
        ],
        { stdio: 'pipe', timeout: 240_000 },
      );
      for (const f of files) {
        const csv = fs.readFileSync(path.join(outDir, `${f.name}.csv`), 'utf8');
        expect(csv.length, f.name).toBeGreaterThan(20);
        if (f.probe[2]) expect(csv, f.name).toContain(f.probe[2]);
      }
    },
    300_000,
  );
});
