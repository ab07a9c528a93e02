export { selectColumns, type SelectColumns } from './columns.ts';
