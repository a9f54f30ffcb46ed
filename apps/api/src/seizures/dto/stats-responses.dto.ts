import { ApiProperty } from '@nestjs/swagger';

const COUNTS = { type: 'object', additionalProperties: { type: 'number' } } as const;

export class StatsRowDto {
  group!: string;
  weaponType?: string | null;
  recognized?: boolean;
  /** Each metric of README "Statistics"; null where the grouping does not apply to its source. */
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number', nullable: true } })
  metrics!: Record<string, number | null>;
}

/** Leadership's statistics: one row per group, plus whole-period breakdowns keyed by type, resolution and rule. */
export class StatsDto {
  from!: string;
  to!: string;
  groupBy!: string;
  rows!: StatsRowDto[];
  @ApiProperty(COUNTS)
  hitsByType!: Record<string, number>;
  @ApiProperty(COUNTS)
  hitsByResolution!: Record<string, number>;
  /** Per rule, the count of referrals in each status. */
  @ApiProperty({ type: 'object', additionalProperties: COUNTS })
  referralsByRule!: Record<string, Record<string, number>>;
  method!: string;
}
