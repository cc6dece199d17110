import type { MediaId } from '../../../domain/case/media';
import { writeVpdqHashFile } from '../../../domain/hashlists/vpdq-hash-file';
import type { VpdqFeature } from '../../../domain/video/vpdq-feature';
import type { WaymarkDatabase } from '../../db/database';
import { useT } from '../../i18n/use-t';
import { downloadBlob } from '../../ui/download-blob';

/**
 * Saves a video's vPDQ as a hash file in the reference text format (`frame,quality,pdqHex,timestamp`
 * per line), named after the video (`clip.mp4.txt`, so a list made of such files names its entry
 * `clip.mp4`). The whole frames only, as the reference hashes them: the pictures inside bars are
 * Waymark's own addition. Only hashes leave: never a frame.
 */
export function ExportVpdq(props: { db: WaymarkDatabase; mediaId: MediaId; name: string }) {
  const t = useT();
  const save = async () => {
    const parts = await props.db.videoFrames.where('mediaId').equals(props.mediaId).toArray();
    const frames: VpdqFeature[] = parts
      .filter((p) => !p.picture)
      .sort((a, b) => a.part - b.part)
      .flatMap((p) => p.frames)
      .sort((a, b) => a.frame - b.frame);
    const base = props.name.split(/[\\/]/).pop() || props.mediaId;
    downloadBlob(new Blob([writeVpdqHashFile(frames)], { type: 'text/plain' }), `${base}.txt`);
  };
  return (
    <button type="button" onClick={() => void save()}>
      {t('originals.video.exportVpdq')}
    </button>
  );
}
