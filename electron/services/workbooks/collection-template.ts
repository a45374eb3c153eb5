/**
 * The data-collection template (数据采集表, excel.md): the scheme's targets and leaf indicators to
 * fill in, optionally prefilled with the stored values, and with the 上年数 growth will use. The
 * sheets are built in electron/excel/template.ts; the value import reads them back.
 */
import type { AppraisalApi, FilePayload } from '../../../shared/api/contract';
import type { Value } from '../../../shared/domain/types';
import { buildTemplate, templateFileName } from '../../excel/template';
import { toPayload, workbookBytes } from './payload';
import { schemeFor, schemeTargets, type SchemeRosterDeps } from './scheme-roster';

export type TemplateDeps = SchemeRosterDeps & Pick<AppraisalApi, 'getSettings' | 'getValues' | 'getBaselines'>;

export async function templateBytes(
  deps: TemplateDeps,
  o: { year: number; scheme: string; prefill?: boolean },
): Promise<FilePayload> {
  const scheme = await schemeFor(deps, o.year, o.scheme);
  const targets = await schemeTargets(deps, scheme, o.year);
  const settings = await deps.getSettings();
  let values: Map<string, Map<string, Value>> | undefined;
  if (o.prefill) {
    values = new Map();
    for (const c of await deps.getValues({ year: o.year, scheme: o.scheme })) {
      if (!values.has(c.target)) values.set(c.target, new Map());
      values.get(c.target)!.set(c.indicator, c.value);
    }
  }
  // The 上年数 columns always show what growth will use (last year's stored value, or the kept 上年数).
  const baselines = new Map<string, Map<string, Value>>();
  for (const c of await deps.getBaselines({ year: o.year, scheme: o.scheme })) {
    if (c.source === 'none') continue;
    if (!baselines.has(c.target)) baselines.set(c.target, new Map());
    baselines.get(c.target)!.set(c.indicator, c.used);
  }
  const wb = buildTemplate({ scheme, year: o.year, targets, countyName: settings.countyName, values, baselines });
  return toPayload(templateFileName(scheme, o.year), await workbookBytes(wb));
}
