import { Injectable } from '@nestjs/common';
import { JOB_NAMES, type JobHandler, type JobName } from './jobs.js';

/** Where each module registers the handler of the jobs it owns (in onModuleInit). */
@Injectable()
export class JobHandlers {
  private readonly handlers = new Map<JobName, JobHandler<JobName>>();

  register<N extends JobName>(name: N, handler: JobHandler<N>): void {
    if (this.handlers.has(name)) throw new Error(`job "${name}" already has a handler`);
    this.handlers.set(name, handler as JobHandler<JobName>);
  }

  get(name: string): JobHandler<JobName> | undefined {
    return this.handlers.get(name as JobName);
  }

  /** Every job name must have a handler before a worker starts. */
  missing(): JobName[] {
    return JOB_NAMES.filter((name) => !this.handlers.has(name));
  }
}
