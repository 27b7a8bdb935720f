import { nameMatchRule } from '../core/name-rules.ts';
for (const n of process.argv.slice(2).join(' ').split(',')) console.log(n.trim(), JSON.stringify(nameMatchRule(n.trim())));
