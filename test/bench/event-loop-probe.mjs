// Loaded with `node --import` into a service process by monthly-report.bench.ts: measures the
// process's event-loop delay (perf_hooks.monitorEventLoopDelay, sampled every 10 ms) and
// answers on the IPC channel the bench opened. 'reset' starts a measurement, 'read' reports
// it in milliseconds. Nothing of the service knows of it.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import process from 'node:process';

const delay = monitorEventLoopDelay({ resolution: 10 });
delay.enable();
const ms = (ns) => Math.round((ns / 1e6) * 10) / 10;

process.on('message', (message) => {
  if (message === 'event-loop:reset') {
    delay.reset();
    process.send({ reset: true });
  } else if (message === 'event-loop:read') {
    process.send({
      p50: ms(delay.percentile(50)),
      p99: ms(delay.percentile(99)),
      max: ms(delay.max),
      samples: delay.count,
    });
  }
});
// The channel must not keep the service alive when it is told to stop.
process.channel?.unref();
