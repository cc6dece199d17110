// A phone screenshot of a photo-sharing app, made with sharp for tests (benign: a corpus photo inside
// drawn chrome). Nothing is written to disk.
import sharp from 'sharp';

import type { PixelImage } from '../src/domain/image/pixel-image';
import { editPixels } from './decode';

export const SCREEN_WIDTH = 540;
export const SCREEN_HEIGHT = 1170;
/** The photo's top edge in the screenshot; it spans the full width, its height by its aspect. */
export const PHOTO_TOP = 120;

/** Status bar, header, the photo, icons, caption, nav bar; `dark` for the dark theme. */
export async function phoneScreenshot(photo: PixelImage, { dark = false } = {}): Promise<PixelImage> {
  const W = SCREEN_WIDTH;
  const H = SCREEN_HEIGHT;
  const top = PHOTO_TOP;
  const h = Math.round((W * photo.height) / photo.width);
  const y = top + h;
  const [bar, page, ink] = dark ? ['#121212', '#000000', '#f0f0f0'] : ['#f4f4f4', '#ffffff', '#111111'];
  const text = (x: number, ty: number, size: number, body: string, weight = 'normal') =>
    `<text x="${x}" y="${ty}" font-family="DejaVu Sans" font-size="${size}" font-weight="${weight}" fill="${ink}">${body}</text>`;
  const chrome = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}">
    <rect width="${W}" height="${top}" fill="${bar}"/>
    ${text(24, 36, 26, '22:04')}<circle cx="470" cy="28" r="7" fill="${ink}"/><rect x="492" y="20" width="30" height="16" rx="3" fill="${ink}"/>
    ${text(18, 96, 34, '&lt;')}<circle cx="80" cy="86" r="22" fill="#c08050"/>${text(116, 98, 28, 'wanderer', 'bold')}
    <circle cx="36" cy="${y + 36}" r="14" fill="none" stroke="${ink}" stroke-width="3"/>
    <circle cx="84" cy="${y + 36}" r="14" fill="none" stroke="${ink}" stroke-width="3"/>
    <path d="M120 ${y + 22} L146 ${y + 36} L120 ${y + 50} Z" fill="none" stroke="${ink}" stroke-width="3"/>
    ${text(20, y + 96, 26, '<tspan font-weight="bold">wanderer</tspan> Look at this!! #nofilter')}
    ${text(20, y + 136, 20, '7 minutes ago')}
    <rect y="${H - 70}" width="${W}" height="70" fill="${bar}"/><rect x="210" y="${H - 36}" width="120" height="6" rx="3" fill="${ink}"/>
  </svg>`;
  const picture = await editPixels(photo, (s) => s.resize({ width: W, height: h }));
  const { data, info } = await sharp({ create: { width: W, height: H, channels: 3, background: page } })
    .composite([
      { input: Buffer.from(chrome) },
      { input: Buffer.from(picture.data), raw: { width: W, height: h, channels: 3 }, top, left: 0 },
    ])
    .jpeg({ quality: 85 })
    .toBuffer({ resolveWithObject: true })
    .then(({ data }) => sharp(data).removeAlpha().raw().toBuffer({ resolveWithObject: true }));
  return { width: info.width, height: info.height, channels: 3, data };
}
