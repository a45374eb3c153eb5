import { parseSchemeJson } from '../../shared/scheme/parse';
import { validateScheme } from '../../shared/scheme/validate';
import { scoreScheme } from '../../shared/scoring/engine';
import fs from 'node:fs';
const ex = JSON.parse(fs.readFileSync('/work/shared/examples/ex1-scheme.json','utf8'));
const vals = JSON.parse(fs.readFileSync('/work/shared/examples/ex1-values.json','utf8'));
const exp = JSON.parse(fs.readFileSync('/work/shared/examples/ex1-expected.json','utf8'));
const { scheme } = parseSchemeJson(ex);
console.log(validateScheme(scheme!));
const values = new Map(); for (const [t, m] of Object.entries<any>(vals)) values.set(t, new Map(Object.entries(m).map(([k, v]: any) => [k, v === null ? { kind: 'missing' } : v === 'N/A' ? { kind: 'na' } : typeof v === 'number' ? { kind: 'number', number: String(v) } : { kind: 'label', label: v }])));
const adjustments = Object.entries<any>(exp.adjustments).flatMap(([t, l]) => l.map(([k, p]: any) => ({ target: t, kind: k, points: String(p), reason: 'x' })));
const r = scoreScheme({ scheme: scheme!, targets: Object.keys(vals).map(c => ({ code: c, name: c })), values, adjustments, vetoes: [] });
for (const t of r.results) { console.log(t.target, t.base, t.bonus, t.deduction, t.total, t.grade, t.rank, t.flags, JSON.stringify(t.dimensions)); for (const i of Object.values(t.indicators)) console.log('  ', i.code, i.score, i.flags, i.trace); }
