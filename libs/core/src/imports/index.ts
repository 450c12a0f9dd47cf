export * from './import.entity';
export * from './imports.module';
export * from './imports.service';
export * from './import.jobs';
export * from './cell-values';
export { IMPORT_KIND_SPECS, ImportColumn, ImportKindSpec, columnLetter } from './import-kinds';
