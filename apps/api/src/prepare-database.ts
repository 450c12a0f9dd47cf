import { INestApplication, Logger } from '@nestjs/common';
import { AppConfig } from '@agrilink/config';
import { SeedingService, todayInVietnam } from '@agrilink/core';
import { runMigrationsLocked } from '@agrilink/database';
import { DataSource } from 'typeorm';

/** Migrations, then reference data (every database), the first admin, and the demo set when asked. */
export async function prepareDatabase(app: INestApplication): Promise<void> {
  const log = new Logger('Database');
  const config = app.get(AppConfig);
  const ran = await runMigrationsLocked(app.get(DataSource));
  if (ran.length) log.log(`Applied migrations: ${ran.join(', ')}`);
  const seeding = app.get(SeedingService);
  await seeding.ensureReferenceData();
  await seeding.ensureAdmin(config.adminEmail, config.adminPassword);
  if (config.seedDemo) {
    const { seeded } = await seeding.seedDemo(todayInVietnam());
    if (seeded) log.log('Loaded the demo data set (SEED_DEMO=false leaves it out)');
  }
}
