import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { assertAllowed, type Actor } from '../../access/actor.js';
import { CalendarService } from '../../calendar/calendar.service.js';
import { Clock } from '../../common/clock.js';
import { renderFollowUpLetterDocx } from './follow-up-letter.docx.js';
import { buildFollowUpLetter } from './follow-up-letter.model.js';
import { loadFollowUpLetterSource } from './follow-up-letter.source.js';

export interface FollowUpLetterFile {
  fileName: string;
  bytes: Buffer;
}

/** The draft follow-up letter (công văn đôn đốc) of a sent, unanswered letter, as a .docx. */
@Injectable()
export class FollowUpLetterService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly calendars: CalendarService,
  ) {}

  /** 403 unless secretariat or leadership; 404 / 409 from the letter's state (see the source). */
  async draft(actor: Actor, id: string): Promise<FollowUpLetterFile> {
    assertAllowed(actor, 'followUpLetter.draft');
    const source = await loadFollowUpLetterSource(
      this.dataSource,
      id,
      this.clock.now(),
      await this.calendars.current(),
    );
    const letter = buildFollowUpLetter(source);
    return { fileName: letter.fileName, bytes: await renderFollowUpLetterDocx(letter) };
  }
}
