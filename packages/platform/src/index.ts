export { migrationPlan } from './migration-plan';
