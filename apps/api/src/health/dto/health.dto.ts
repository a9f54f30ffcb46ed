/** Whether each dependency answered; 503 when one is down. */
export class HealthDto {
  db!: 'up' | 'down';
  temporal!: 'up' | 'down';
}
