import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ProblemMessage } from '../../../components/ui/problem-message';
import { apiDownload, type RequestOptions } from '../../../lib/api-client';

/** Saves a blob under a file name: an object URL on a temporary a[download], released once the click is handled. */
function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The same report as CSV (the API answers CSV when asked for it by Accept), saved as a file. */
export function CsvDownloadButton({ path, query, fileName, label }: { path: string; query: RequestOptions['query']; fileName: string; label?: string }) {
  const { t } = useTranslation();
  const download = useMutation({
    mutationFn: async () => saveBlob(await apiDownload(path, { query }), fileName),
  });
  return (
    <div className="csv-download">
      <button type="button" className="secondary" onClick={() => download.mutate()} disabled={download.isPending}>
        {download.isPending ? t('leadership.csv.preparing') : (label ?? t('common.downloadCsv'))}
      </button>
      <ProblemMessage error={download.error} />
    </div>
  );
}
