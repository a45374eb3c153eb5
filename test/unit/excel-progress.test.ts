import { afterEach, describe, expect, it } from 'vitest';
import { throttleProgress, type ProgressReport } from '../../electron/excel/progress';
import { exportResultsBytes } from '../../electron/services/workbooks/finance-export';
import { importValuesBytes } from '../../electron/services/workbooks/value-import';
import type { Services } from '../../electron/services/index';
import { EX1_ROWS, ex1Like, ex1Services } from './excel-fixtures';

let open: Services[] = [];
afterEach(async () => {
  for (const s of open) await s.close();
  open = [];
});

const N = 3000;

/** ex1's services plus N more community centres, and a workbook with one data row for each. */
async function bigImport() {
  const { services } = await ex1Services();
  open.push(services);
  const codes = Array.from({ length: N }, (_, i) => `BIG-${String(i + 1).padStart(4, '0')}`);
  for (const code of codes) {
    await services.saveTarget({
      target: { code, name: `第${code}号社区卫生服务中心`, kind: 'community_centre', group: null, active: true },
    });
  }
  const row = EX1_ROWS[0]!;
  const bytes = await ex1Like(codes.map((c) => [c, `第${c}号社区卫生服务中心`, ...row.slice(2)]));
  return { services, bytes };
}

function checkMonotone(events: ProgressReport[]) {
  const byStage = new Map<string, ProgressReport[]>();
  for (const e of events) byStage.set(e.stage, [...(byStage.get(e.stage) ?? []), e]);
  for (const list of byStage.values()) {
    for (let i = 1; i < list.length; i++) expect(list[i]!.done).toBeGreaterThanOrEqual(list[i - 1]!.done);
    const last = list[list.length - 1]!;
    if (last.total > 0) expect(last.done).toBe(last.total);
  }
  return byStage;
}

describe('progress of long workbook work', () => {
  it(`importValues of a ${N}-row workbook reports 读取工作簿, 读取并校验 (rows, increasing, out of the sheet's own row span) and 写入`, async () => {
    const { services, bytes } = await bigImport();
    const events: ProgressReport[] = [];
    const outcome = await importValuesBytes(services, {
      year: 2024,
      scheme: 'EX',
      fileName: 'big.xlsx',
      bytes,
      onProgress: (p) => events.push({ ...p }),
    });
    expect(outcome.errors).toEqual([]);
    expect(outcome.written).toBe(N * 6);

    expect(events[0]).toEqual({ stage: '读取工作簿', done: 0, total: 0 });
    const byStage = checkMonotone(events);
    expect([...byStage.keys()]).toEqual(['读取工作簿', '读取并校验', '写入']);
    const check = byStage.get('读取并校验')!;
    // title, header and units rows are read too
    expect(check[check.length - 1]).toEqual({ stage: '读取并校验', done: N + 3, total: N + 3 });
    // before the end: the total from the sheet's <dimension> (rows 1 to N + 4: row 2 is blank)
    expect(check[0]!.done).toBeGreaterThan(0);
    expect(check[0]!.total).toBe(N + 4);
    // 写入: from 0, a step every 10,000 cells while they go in (throttled), to the total
    const write = byStage.get('写入')!;
    expect(write[0]).toEqual({ stage: '写入', done: 0, total: N * 6 });
    expect(write.slice(1, -1)).toEqual([{ stage: '写入', done: 10_000, total: N * 6 }]);
    expect(write[write.length - 1]).toEqual({ stage: '写入', done: N * 6, total: N * 6 });
    // throttled: far fewer reports than rows
    expect(events.length).toBeLessThan(100);
  }, 60_000);

  it("exceljs's whole-workbook reader reports 校验 out of the loaded workbook's row count; results are unchanged", async () => {
    const { services, bytes } = await bigImport();
    const events: ProgressReport[] = [];
    const outcome = await importValuesBytes(services, {
      year: 2024,
      scheme: 'EX',
      fileName: 'big.xlsx',
      bytes,
      read: { reader: 'exceljs' },
      onProgress: (p) => events.push({ ...p }),
    });
    expect(outcome.written).toBe(N * 6);
    const check = checkMonotone(events).get('校验')!;
    expect(check[0]!.done).toBeLessThan(check[0]!.total);
    expect(check[check.length - 1]).toEqual({ stage: '校验', done: N + 3, total: N + 3 });
  }, 60_000);

  it("exceljs's streaming reader reports rows read with the total learnt at the end", async () => {
    const { services, bytes } = await bigImport();
    const events: ProgressReport[] = [];
    const outcome = await importValuesBytes(services, {
      year: 2024,
      scheme: 'EX',
      fileName: 'big.xlsx',
      bytes,
      read: { reader: 'exceljs-stream' },
      onProgress: (p) => events.push({ ...p }),
    });
    expect(outcome.written).toBe(N * 6);
    const read = checkMonotone(events).get('读取并校验')!;
    expect(read[0]!.total).toBe(0);
    expect(read[read.length - 1]).toEqual({ stage: '读取并校验', done: N + 3, total: N + 3 });
  }, 60_000);

  it('exportResults reports rows written, ending at the total', async () => {
    const { services, bytes } = await bigImport();
    await importValuesBytes(services, { year: 2024, scheme: 'EX', fileName: 'big.xlsx', bytes });
    const events: ProgressReport[] = [];
    const file = await exportResultsBytes(services, { year: 2024, scheme: 'EX' }, (p) => events.push({ ...p }));
    expect(file.base64.length).toBeGreaterThan(1000);
    checkMonotone(events);
    const last = events[events.length - 1]!;
    expect(last.stage).toBe('写出');
    // summary row + 6 indicator rows per target (ex1's three centres and the N added ones), no salary lines
    expect(last).toEqual({ stage: '写出', done: (N + 3) * 7, total: (N + 3) * 7 });
  }, 60_000);

  it('throttling lets through at most one report per interval, but always a stage change and the last', () => {
    let t = 0;
    const seen: ProgressReport[] = [];
    const hook = throttleProgress(
      (p) => seen.push(p),
      100,
      () => t,
    )!;
    for (let i = 1; i <= 50; i++) {
      t += 10;
      hook({ stage: '校验', done: i, total: 50 });
    }
    hook({ stage: '写入', done: 0, total: 5 });
    expect(seen.map((p) => `${p.stage}${p.done}`)).toEqual([
      '校验1',
      '校验11',
      '校验21',
      '校验31',
      '校验41',
      '校验50',
      '写入0',
    ]);
  });
});
