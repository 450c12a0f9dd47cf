// Exits 1 with a message when two files differ (the committed generated client against a fresh one).
const { readFileSync } = require('node:fs');
const [committed, fresh, message] = process.argv.slice(2);
let a = '';
try {
  a = readFileSync(committed, 'utf8');
} catch {
  // A missing committed file is stale too.
}
if (a !== readFileSync(fresh, 'utf8')) {
  console.error(`${committed}: ${message}`);
  process.exit(1);
}
