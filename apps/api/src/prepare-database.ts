import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { INestApplication, Logger } from '@nestjs/common';
import { AppConfig, generatePassword, localSecret } from '@agrilink/config';
import { todayInVietnam } from '@agrilink/core';
import { SeedingService } from '@agrilink/seed';
import { runMigrationsLocked } from '@agrilink/database';
import { DataSource } from 'typeorm';

export interface PrepareOptions {
  /** The in-process PGlite (`npm start`): missing passwords are generated into DATA_DIR. */
  embedded?: boolean;
}

/** Migrations, then reference data (every database), the first admin, and the demo set when asked. */
export async function prepareDatabase(app: INestApplication, opts: PrepareOptions = {}): Promise<void> {
  const log = new Logger('Database');
  const config = app.get(AppConfig);
  const ran = await runMigrationsLocked(app.get(DataSource));
  if (ran.length) log.log(`Applied migrations: ${ran.join(', ')}`);
  const seeding = app.get(SeedingService);
  await seeding.ensureReferenceData();
  let generatedAdminPassword: { value: string; path: string } | undefined;
  const adminPassword = () => {
    if (config.adminPassword) return config.adminPassword;
    if (!opts.embedded) {
      throw new Error(
        `ADMIN_PASSWORD is required to create the first admin ${config.adminEmail} (a server start with DATABASE_URL never invents one)`,
      );
    }
    const secret = localSecret(config.dataDir, 'admin-password', generatePassword);
    generatedAdminPassword = secret;
    return secret.value;
  };
  const admin = await seeding.ensureAdmin(config.adminEmail, adminPassword, config.adminTotpSecret);
  if (admin.created && generatedAdminPassword) {
    // Shown once; kept (owner-only) for the next look.
    log.warn(
      `Admin ${config.adminEmail} created with a generated password: ${generatedAdminPassword.value} (also in ${generatedAdminPassword.path})`,
    );
  }
  if (config.seedDemo) {
    const { seeded, credentials } = await seeding.seedDemo(todayInVietnam(), { password: config.demoPassword });
    if (seeded) {
      log.log('Loaded the demo data set (SEED_DEMO=false leaves it out)');
      if (credentials?.length && !config.demoPassword) {
        const path = join(config.dataDir, 'demo-users.txt');
        const lines = credentials.map((c) => `${c.role}\t${c.email}\t${c.password}`);
        mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
        writeFileSync(
          path,
          `# AgriLink demo users (generated at seeding; DEMO_PASSWORD sets one for all)\n${lines.join('\n')}\n`,
          { mode: 0o600 },
        );
        chmodSync(path, 0o600);
        log.warn(`Demo users and their generated passwords (also in ${path}):\n  ${lines.join('\n  ')}`);
      }
    }
  }
}
