/**
 * Whether a process with this id exists (signal 0 sends nothing): how the embedded engine and
 * database launchers tell a lock or pid file left by a crash from one a running process holds.
 * EPERM means it exists but belongs to another user (PostgreSQL runs as `postgres`).
 */
export function isProcessAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
