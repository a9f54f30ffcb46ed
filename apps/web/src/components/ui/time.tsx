import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/format';

/** A <time> in the user's zone with its offset; the exact instant in the machine-readable attribute. */
export function Time({ value }: { value: string | null | undefined }) {
  const { i18n } = useTranslation();
  if (!value) return <span>—</span>;
  return <time dateTime={value}>{formatDateTime(value, i18n.language)}</time>;
}
