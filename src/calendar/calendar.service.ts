import { Injectable } from '@nestjs/common';
import { weekendCalendar, type WorkingCalendar } from './domain/working-days.js';

/**
 * The working calendar in force. For now Monday–Friday; public holidays and the official
 * adjustments join it with the escalation engine.
 */
@Injectable()
export class CalendarService {
  async current(): Promise<WorkingCalendar> {
    return weekendCalendar;
  }
}
