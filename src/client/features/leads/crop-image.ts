import { regionToPixels, type ClueRegion } from '../../../domain/leads/clue';
import { pngMetadataChunks, stripPngMetadata } from '../../../domain/leads/png-chunks';

/**
 * Cutting clue crops in the browser. Regions are fractions of the image as the browser shows it
 * (EXIF orientation applied): thumbnails were drawn from such a bitmap, and createImageBitmap applies
 * the orientation to an original file too, so one region fits both.
 * Invariant: a crop is re-drawn on a fresh canvas and encoded by canvas.toBlob('image/png'), which
 * writes pixels only; any metadata chunk is still stripped and checked before the bytes leave.
 */
export interface CropResult {
  readonly blob: Blob;
  readonly width: number;
  readonly height: number;
}

export async function cropToPng(source: Blob, region: ClueRegion, maxSide = Infinity): Promise<CropResult> {
  const bitmap = await createImageBitmap(source);
  try {
    const px = regionToPixels(region, bitmap.width, bitmap.height);
    const scale = Math.min(1, maxSide / Math.max(px.width, px.height));
    const width = Math.max(1, Math.round(px.width * scale));
    const height = Math.max(1, Math.round(px.height * scale));
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2d canvas');
    context.drawImage(bitmap, px.left, px.top, px.width, px.height, 0, 0, width, height);
    const encoded = await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png'),
    );
    const clean = stripPngMetadata(new Uint8Array(await encoded.arrayBuffer()));
    if (!clean || pngMetadataChunks(clean)?.length !== 0) throw new Error('PNG check failed');
    return { blob: new Blob([clean.slice().buffer], { type: 'image/png' }), width, height };
  } finally {
    bitmap.close();
  }
}
