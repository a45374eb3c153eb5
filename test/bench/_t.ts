import { parseSchemeJson, schemeToJson } from '../../shared/scheme/parse';
import fs from 'node:fs';
const ex = JSON.parse(fs.readFileSync('/work/shared/examples/ex1-scheme.json','utf8'));
const r = parseSchemeJson(ex); console.log(r.problems, r.scheme?.targetKind);
const bad = structuredClone(ex); bad.targetKind='社区卫生服务中心'; bad.foo=1; bad.indicators[0].children[1].method.target='x'; delete bad.indicators[0].children[0].method.target; bad.indicators[1].children[0].method.type='nope'; bad.indicators[1].children[1].extra=2; delete bad.indicators[1].children[2].method.type; bad.year=2024.5; bad.naPolicy='zz'; bad.indicators[2].children[0].method.labels['x']='1';
console.log(parseSchemeJson(bad).problems);
const b2 = structuredClone(ex); b2.targetKind='社区卫生服务中心'; delete b2.indicators[1].children[0].method.ceiling; console.log(parseSchemeJson(b2));
console.log(JSON.stringify(parseSchemeJson(schemeToJson(r.scheme!)).scheme) === JSON.stringify(r.scheme));
