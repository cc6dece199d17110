import { useEffect, useState } from 'react';

/**
 * An object URL for a Blob while the component shows it, revoked after. The URL is handed over from
 * a callback (not set during the effect) and is only returned for the Blob it was made for.
 */
export function useBlobUrl(blob: Blob | undefined): string | undefined {
  const [made, setMade] = useState<{ blob: Blob; url: string }>();
  useEffect(() => {
    if (!blob) return;
    const url = URL.createObjectURL(blob);
    let live = true;
    void Promise.resolve().then(() => {
      if (live) setMade({ blob, url });
    });
    return () => {
      live = false;
      URL.revokeObjectURL(url);
    };
  }, [blob]);
  return made && made.blob === blob ? made.url : undefined;
}
