export { migrationPlan } from './migration-plan';
export { prepareDatabase } from './prepare-database';
