/**
 * Built-in scheme templates (内置方案模板): the schemes of the county policy documents and the
 * national rules, shipped as scheme-json.md files in resources/templates/. Using one creates the
 * scheme for a year through saveScheme, so it is shape-checked, audited and refused when locked.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppraisalApi, TemplateInfo } from '../../shared/api/contract';
import { TARGET_KIND_NAMES, type Scheme } from '../../shared/domain/types';
import { leaves, publicWelfareShare } from '../../shared/scheme/validate';
import { ApiError } from './errors';

/** The order people meet them in: the county's own schemes first, then national sets, then the plan. */
const ORDER = [
  'medical-group',
  'township-centre',
  'village-clinic',
  'stationed-staff',
  'family-doctor-team',
  'county-medical-community-monitor',
  'county-hospital',
  'plan-indicators',
];

function isDir(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function moduleDir(): string | null {
  try {
    return path.dirname(fileURLToPath(import.meta.url));
  } catch {
    // A CommonJS bundle has no import.meta.url.
    return typeof __dirname === 'string' ? __dirname : null;
  }
}

/**
 * The folder holding the template files. APPRAISAL_RESOURCES (the resources folder, or the
 * templates folder itself) wins; else walk up from this module (source under tsx: electron/services;
 * a build: out/main or app.asar/out/main) to the first folder holding resources/templates; else the
 * packaged app's resources folder.
 */
export function templatesDir(): string {
  const tried: string[] = [];
  const env = process.env.APPRAISAL_RESOURCES;
  if (env) {
    for (const c of [path.join(env, 'templates'), env]) {
      tried.push(c);
      if (isDir(c) && fs.readdirSync(c).some((f) => f.endsWith('.json'))) return c;
    }
  }
  const starts = [moduleDir(), process.cwd()].filter((d): d is string => !!d);
  for (const start of starts) {
    let dir = start;
    for (;;) {
      const c = path.join(dir, 'resources', 'templates');
      if (isDir(c)) return c;
      const parent = path.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
    tried.push(`${start} 及其上级文件夹`);
  }
  const resourcesPath = (process as { resourcesPath?: string }).resourcesPath;
  if (resourcesPath) {
    for (const c of [path.join(resourcesPath, 'templates'), path.join(resourcesPath, 'resources', 'templates')]) {
      tried.push(c);
      if (isDir(c)) return c;
    }
  }
  throw new ApiError(
    'INTERNAL',
    `找不到内置方案模板文件夹 resources/templates（已查找：${tried.join('；')}）；可用环境变量 APPRAISAL_RESOURCES 指定 resources 文件夹`,
  );
}

export interface BuiltInTemplate {
  /** File name without .json, e.g. "medical-group". */
  name: string;
  scheme: Scheme;
}

function rankOf(name: string): number {
  const i = ORDER.indexOf(name);
  return i === -1 ? ORDER.length : i;
}

/** Every template, in ORDER (unknown extra files after, by name). */
export function readTemplates(): BuiltInTemplate[] {
  const dir = templatesDir();
  const names = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length))
    .sort((a, b) => rankOf(a) - rankOf(b) || a.localeCompare(b));
  return names.map((name) => {
    const file = path.join(dir, `${name}.json`);
    try {
      return { name, scheme: JSON.parse(fs.readFileSync(file, 'utf8')) as Scheme };
    } catch (e) {
      throw new ApiError('INTERNAL', `内置方案模板 ${file} 无法读取：${e instanceof Error ? e.message : String(e)}`);
    }
  });
}

/** A template by file name, scheme code or title (as `templates use NAME` accepts). */
export function findTemplate(name: string): BuiltInTemplate {
  const key = name.trim();
  const all = readTemplates();
  const hit =
    all.find((t) => t.name.toLowerCase() === key.toLowerCase()) ??
    all.find((t) => t.scheme.code.toLowerCase() === key.toLowerCase()) ??
    all.find((t) => t.scheme.name === key);
  if (!hit) {
    throw new ApiError(
      'INPUT',
      `没有名为「${key}」的内置方案模板；可用：${all.map((t) => `${t.name}（${t.scheme.name}）`).join('、')}`,
    );
  }
  return hit;
}

function describe(scheme: Scheme): string {
  const ls = leaves(scheme);
  const monitors = ls.filter((l) => l.method?.type === 'monitor').length;
  const dims = scheme.indicators.map((d) => d.name.replace(/（.*）$/, ''));
  const pw = publicWelfareShare(scheme).times(100).toDecimalPlaces(0).toFixed();
  const parts = [
    `考核对象：${TARGET_KIND_NAMES[scheme.targetKind] ?? scheme.targetKind}`,
    `${dims.length} 个维度（${dims.join('、')}）`,
    `${ls.length} 项指标${monitors > 0 ? `（其中 ${monitors} 项仅监测）` : ''}`,
  ];
  if (pw !== '0') parts.push(`公益性指标占 ${pw}%`);
  if (ls.some((l) => l.method?.type === 'pace')) parts.push('规划指标按 2020 年基期值到 2025 年目标值的直线进度计分');
  return parts.join('；');
}

export function listTemplates(): TemplateInfo[] {
  return readTemplates().map(({ name, scheme }) => ({
    name,
    title: scheme.name,
    targetKind: scheme.targetKind,
    indicators: leaves(scheme).length,
    description: describe(scheme),
  }));
}

type SchemeApi = Pick<AppraisalApi, 'saveScheme' | 'listSchemes'>;

/**
 * Creates the template's scheme for `year` (code: `code` or the template's own). Refuses to replace
 * a scheme that already exists for that year and code: a template never overwrites work.
 */
export async function useTemplate(
  services: SchemeApi,
  name: string,
  year: number,
  code?: string,
): Promise<{ code: string }> {
  const tpl = findTemplate(name);
  const schemeCode = (code ?? tpl.scheme.code).trim();
  const existing = await services.listSchemes({ year });
  if (existing.some((s) => s.code === schemeCode)) {
    throw new ApiError(
      'INPUT',
      `${year} 年度已有编码为 ${schemeCode} 的考核方案，模板不会覆盖它；请用 --code 另取编码，或先删除原方案`,
    );
  }
  const saved = await services.saveScheme({
    scheme: { ...tpl.scheme, year, code: schemeCode },
    reason: `由内置模板「${tpl.scheme.name}」（${tpl.name}）创建`,
  });
  return { code: saved.code };
}
