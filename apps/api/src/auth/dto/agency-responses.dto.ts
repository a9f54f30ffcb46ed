import { ApiProperty } from '@nestjs/swagger';

export class AgencyDto {
  /** The code used everywhere else (cases' owning agency, shares, referrals). */
  code!: string;
  name!: string;
  @ApiProperty({ enum: ['US', 'MX', 'CA'] })
  country!: 'US' | 'MX' | 'CA';
}

export class AgencyListDto {
  @ApiProperty({ type: [AgencyDto] })
  items!: AgencyDto[];
}
