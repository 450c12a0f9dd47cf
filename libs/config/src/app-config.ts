/**
 * Typed view of the validated environment; features inject this, never read process.env.
 * Built when the Nest container is created (not when modules are imported), so a process
 * or a test that sets its environment first gets exactly what it set.
 */
export class AppConfig {
  constructor(private readonly values: Record<string, unknown>) {}

  private get<T>(key: string): T {
    return this.values[key] as T;
  }

  get nodeEnv(): 'development' | 'production' | 'test' {
    return this.get('NODE_ENV');
  }
  get port(): number {
    return this.get('PORT');
  }
  get host(): string {
    return this.get('HOST');
  }
  get databaseUrl(): string {
    return this.get('DATABASE_URL');
  }
  get databasePoolSize(): number {
    return this.get('DATABASE_POOL_SIZE');
  }
  get redisUrl(): string {
    return this.get('REDIS_URL');
  }
  get queuePrefix(): string {
    return this.get('QUEUE_PREFIX');
  }
  get runWorker(): boolean {
    return this.get('RUN_WORKER');
  }
  get jwtSecret(): string {
    return this.get('JWT_SECRET');
  }
  get jwtExpiresIn(): string {
    return this.get('JWT_EXPIRES_IN');
  }
  get jwtRefreshExpiresIn(): string {
    return this.get('JWT_REFRESH_EXPIRES_IN');
  }
  get adminEmail(): string {
    return this.get('ADMIN_EMAIL');
  }
  get adminPassword(): string | undefined {
    return this.get('ADMIN_PASSWORD');
  }
  get adminTotpSecret(): string | undefined {
    return this.get<string>('ADMIN_TOTP_SECRET') || undefined;
  }
  get demoPassword(): string | undefined {
    return this.get('DEMO_PASSWORD');
  }
  get dataDir(): string {
    return this.get('DATA_DIR');
  }
  /** Admins must use a second factor in production. */
  get adminTotpRequired(): boolean {
    return this.nodeEnv === 'production';
  }
  get seedDemo(): boolean {
    return this.get('SEED_DEMO');
  }
  get mapTileUrl(): string {
    return this.get('MAP_TILE_URL');
  }
  get mapTileAttribution(): string {
    return this.get('MAP_TILE_ATTRIBUTION');
  }
  get corsOrigins(): string[] {
    return this.get<string>('CORS_ORIGINS')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  }
  get bodyLimit(): string {
    return this.get('BODY_LIMIT');
  }
  get logLevel(): string {
    return this.get('LOG_LEVEL');
  }
  get rateLimitPerMinute(): number {
    return this.get('RATE_LIMIT_PER_MINUTE');
  }
  get rateLimitWritesPerMinute(): number {
    return this.get('RATE_LIMIT_WRITES_PER_MINUTE');
  }
  get metricsPort(): number {
    return this.get('METRICS_PORT');
  }
  /** Limits on an uploaded spreadsheet (see IMPORT_* in config.schema.ts). */
  get importLimits(): ImportLimits {
    return {
      maxFileBytes: this.get('IMPORT_MAX_FILE_BYTES'),
      maxUncompressedBytes: this.get('IMPORT_MAX_UNCOMPRESSED_BYTES'),
      maxCompressionRatio: this.get('IMPORT_MAX_COMPRESSION_RATIO'),
      maxZipEntries: this.get('IMPORT_MAX_ZIP_ENTRIES'),
      maxRows: this.get('IMPORT_MAX_ROWS'),
      maxColumns: this.get('IMPORT_MAX_COLUMNS'),
      maxCellChars: this.get('IMPORT_MAX_CELL_CHARS'),
      maxSharedStrings: this.get('IMPORT_MAX_SHARED_STRINGS'),
    };
  }
  get supplyLotExpiryCron(): string {
    return this.get('SUPPLY_LOT_EXPIRY_CRON');
  }
}

export interface ImportLimits {
  maxFileBytes: number;
  maxUncompressedBytes: number;
  maxCompressionRatio: number;
  maxZipEntries: number;
  /** Data rows, the header row not counted. */
  maxRows: number;
  maxColumns: number;
  maxCellChars: number;
  maxSharedStrings: number;
}
