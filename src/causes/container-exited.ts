import { defineCause } from './entry.js';

/** The application process ended on its own (including exit 0, which a service must never do). */
export const containerExited = defineCause<{ readonly exitCode: number | undefined }>({
  id: 'container-exited',
  title: ({ exitCode: code }) =>
    code === undefined
      ? 'The application container stopped'
      : code === 0
        ? 'The application exited with code 0 (a service must keep running)'
        : `The application exited with code ${code}${code === 137 ? ' (killed: SIGKILL)' : code === 143 ? ' (SIGTERM)' : ''}`,
  fix: "The container's last log lines say why: usually a missing environment variable or secret, a failed connection at start-up, or a crash. Reproduce locally with `hatoba rehearse`.",
});
