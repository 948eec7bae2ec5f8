import { csrfHeaders, problemToError, redirectToSignIn } from '../../api.ts';
import type { ImportReport } from '../../types.ts';

/**
 * Sends a OneRoster zip to `POST /api/imports/oneroster` with XMLHttpRequest, which
 * (unlike fetch) reports upload progress. Resolves with the import report, accepted or
 * rejected; rejects with an ApiError when the server refused the request itself.
 */
export function uploadOneRoster(file: File, strict: boolean, onProgress: (fraction: number) => void): Promise<ImportReport> {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    // Fields before the file: the server reads the multipart stream in order.
    if (strict) form.append('strict', 'true');
    form.append('file', file, file.name);

    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/imports/oneroster');
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    for (const [name, value] of Object.entries(csrfHeaders())) xhr.setRequestHeader(name, value);

    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      if (xhr.status === 401) redirectToSignIn();
      const report = parseReport(xhr.responseText);
      if (report) resolve(report);
      else reject(problemToError(xhr.status, xhr.responseText));
    };
    xhr.onerror = () => reject(problemToError(0, ''));
    xhr.send(form);
  });
}

/** A rejected import may come back with an error status, still carrying its report. */
function parseReport(body: string): ImportReport | null {
  try {
    const parsed = JSON.parse(body) as Partial<ImportReport>;
    return parsed.outcome === 'accepted' || parsed.outcome === 'rejected' ? (parsed as ImportReport) : null;
  } catch {
    return null;
  }
}
