// Public surface of @chaperone/web: the dashboard app, its server, and the account store
// the CLI's `chaperone user` uses.
export { createDashboard, safeNext, type DashboardApp, type DashboardDeps, type DashboardEnv, type DashboardOptions } from './app.tsx';
export { systemClock, ManualClock, type Clock } from './clock.ts';
export { migrateWeb, WEB_MIGRATION_TABLE } from './db/migrations.ts';
export { ROLES, type Role, type WebDatabase } from './db/schema.ts';
export { UserStore, UserInputError, isRole, roleAllows, usernameProblem, type User } from './auth/users.ts';
export { SessionStore, type Session } from './auth/sessions.ts';
export { parseIdleTimeout, idlePolicy, IdleTimeoutError, ABSOLUTE_SESSION_MS, DEFAULT_IDLE_TIMEOUT_MS } from './auth/idle.ts';
export { MIN_PASSWORD_LENGTH, passwordProblem } from './auth/password.ts';
export { startDashboard, isLoopback, ServeError, DEFAULT_HOST, DEFAULT_PORT, type ServeOptions, type RunningDashboard } from './server.ts';
export { ledgerPages } from './routes.tsx';
export { withUserStore } from './accounts.ts';
