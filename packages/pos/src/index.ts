export { posMigrations } from './migrations';
