import { message } from '../i18n/message.js';
import { defineCause } from './entry.js';

/** The application process ended on its own (including exit 0, which a service must never do). */
export const containerExited = defineCause<{ readonly exitCode: number | undefined }>({
  id: 'container-exited',
  title: ({ exitCode }) =>
    exitCode === undefined
      ? message('container-exited.title.stopped')
      : exitCode === 0
        ? message('container-exited.title.zero')
        : message(
            exitCode === 137
              ? 'container-exited.title.sigkill'
              : exitCode === 143
                ? 'container-exited.title.sigterm'
                : 'container-exited.title',
            { exitCode },
          ),
  fix: message('container-exited.fix'),
});
