#!/usr/bin/env node
// The npm registry mirror on our build machines serves only linux-x64 builds of native
// packages, so `npm install` leaves the other platforms' optional packages out of
// package-lock.json and `npm ci` then refuses the lock as "out of sync". This adds the
// entries npm would have written (version, os, cpu, libc, optional), which npm ci skips on
// a platform they do not match. Run after any `npm install`: node scripts/complete-lockfile.js
const fs = require('fs');
const path = require('path');

const lockPath = path.resolve(__dirname, '..', 'package-lock.json');
const lock = JSON.parse(fs.readFileSync(lockPath, 'utf8'));
const pkgs = lock.packages;

const OS = ['darwin', 'linux', 'win32', 'freebsd', 'openbsd', 'android', 'openharmony', 'sunos', 'netbsd', 'aix'];
const CPU = ['arm64', 'x64', 'arm', 'ia32', 'ppc64', 's390x', 'riscv64', 'loong64', 'mips64el', 'wasm32'];

function platformOf(name) {
  const base = name.split('/').pop();
  const parts = base.split('-');
  const os = parts.find((p) => OS.includes(p)) ?? (base.includes('win32') ? 'win32' : undefined);
  const cpu = parts.find((p) => CPU.includes(p)) ?? (base.includes('universal') ? undefined : undefined);
  const libc =
    parts.includes('musl') || parts.includes('musleabihf')
      ? 'musl'
      : parts.includes('gnu') || parts.includes('gnueabihf')
        ? 'glibc'
        : undefined;
  return { os, cpu, libc };
}

let added = 0;
for (const [loc, entry] of Object.entries(pkgs)) {
  const optional = entry.optionalDependencies;
  if (!optional) continue;
  for (const [dep, spec] of Object.entries(optional)) {
    // Where npm would look for it: beside the parent first, then the root.
    const nested = `${loc}/node_modules/${dep}`;
    const top = `node_modules/${dep}`;
    if (pkgs[nested] || pkgs[top]) continue;
    const { os, cpu, libc } = platformOf(dep);
    if (!os) continue; // not a platform package: leave it to npm
    const version = String(spec).replace(/^[\^~=]/, '');
    if (!/^\d+\.\d+\.\d+/.test(version)) continue;
    const e = { version, cpu: cpu ? [cpu] : undefined, os: [os], libc: libc ? [libc] : undefined, optional: true };
    if (entry.dev) e.dev = true;
    if (entry.devOptional) e.devOptional = true;
    if (entry.peer) e.peer = true;
    pkgs[top] = Object.fromEntries(Object.entries(e).filter(([, v]) => v !== undefined));
    added++;
  }
}
lock.packages = Object.fromEntries(
  Object.entries(pkgs).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : a > b ? 1 : 0)),
);
fs.writeFileSync(lockPath, JSON.stringify(lock, null, 2) + '\n');
console.log(`complete-lockfile: added ${added} platform entries`);
