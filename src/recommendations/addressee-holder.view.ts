import { ApiProperty } from '@nestjs/swagger';
import { AgencyRef, HolderView } from '../agencies/agency.view.js';

/**
 * Who must answer for one addressee today (product.md §3): the letter keeps the agency it was
 * sent to, under the name it had; the duty follows succession from the effective days, or from
 * the secretariat's choice where a split left it ambiguous.
 */
export class AddresseeHolderView extends AgencyRef {
  @ApiProperty({
    type: HolderView,
    description:
      'Cơ quan giữ nhiệm vụ hôm nay (HELD_BY), hoặc AMBIGUOUS: chờ thư ký chọn trong candidates; thư nhắc tạm dừng',
  })
  holder!: HolderView;

  @ApiProperty({
    type: AgencyRef,
    nullable: true,
    description: 'Cơ quan thư ký đã chọn khi chia tách không rõ cơ quan kế thừa',
  })
  chosen!: AgencyRef | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  chosenAt!: string | null;
}
